#!/usr/bin/env bash
# Single-window permit verification through the REST facade (GET /v1/cites/permits/{n}/verify with
# species and quantity; greenlane-api -> greenlane-cites over mutual TLS, Verify's cache warm) next
# to the minimal Beast handler, in the same run (wrk -t2 -c64).
#   tests/bench/cites/verify_throughput.sh BUILD_DIR SECONDS
# Needs GREENLANE_TEST_PG_URL, GREENLANE_TEST_REDIS_URL and GREENLANE_TEST_PKI_DIR (scripts/test-services start),
# and the targets greenlane, greenlane-api, greenlane-cites and bench_http_minimal built in BUILD_DIR.
set -euo pipefail
build="$1"
seconds="${2:-10}"
root="$(cd "$(dirname "$0")/../../.." && pwd)"
pki="$GREENLANE_TEST_PKI_DIR"
work="$(mktemp -d /tmp/greenlane-cites-bench.XXXXXX)"
# A database of its own, so the run can share the servers with tests.
db="gl_bench_cites_$$"
pg_url="${GREENLANE_TEST_PG_URL%/*}/$db"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$GREENLANE_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

psql "$GREENLANE_TEST_PG_URL" -qc "CREATE DATABASE $db" >/dev/null
GREENLANE_PG_URL="$pg_url" "$build/services/api/greenlane" migrate --dir "$root/migrations" >/dev/null

cites_port="$(port)"
GREENLANE_CITES_PORT="$cites_port" GREENLANE_CITES_PG_URL="$pg_url" GREENLANE_CITES_REDIS_URL="$GREENLANE_TEST_REDIS_URL" \
GREENLANE_CITES_TLS_CERT_FILE="$pki/servers/cites.crt" GREENLANE_CITES_TLS_KEY_FILE="$pki/servers/cites.key" \
GREENLANE_CITES_TLS_CLIENT_CA_FILE="$pki/ca.crt" GREENLANE_CITES_SIGNING_KEY_FILE="$pki/signing/cites.pem" \
GREENLANE_CITES_LOG_LEVEL=warn "$build/services/cites/greenlane-cites" >"$work/cites.log" 2>&1 &
pids+=($!)
wait_port "$cites_port" || { cat "$work/cites.log" >&2; exit 1; }

api_port="$(port)"
GREENLANE_API_PORT="$api_port" GREENLANE_API_PG_URL="$pg_url" GREENLANE_API_REDIS_URL="$GREENLANE_TEST_REDIS_URL" \
GREENLANE_API_SIGNING_KEY_FILE="$pki/signing/jwt.pem" GREENLANE_API_RATE_LIMIT=1000000000 \
GREENLANE_API_ACCESS_LOG=errors GREENLANE_API_CITES_ADDRESS="127.0.0.1:$cites_port" \
GREENLANE_API_SERVICES_CA_FILE="$pki/ca.crt" GREENLANE_API_SERVICES_CERT_FILE="$pki/clients/service-api.crt" \
GREENLANE_API_SERVICES_KEY_FILE="$pki/clients/service-api.key" \
  "$build/services/api/greenlane-api" >"$work/api.log" 2>&1 &
pids+=($!)
wait_port "$api_port" || { cat "$work/api.log" >&2; exit 1; }

client="$(GREENLANE_PG_URL="$pg_url" GREENLANE_CLI_SECRET_HASH_ITERATIONS=1000 \
  "$build/services/api/greenlane" clients create --name bench-window --roles officer --json)"
token="$(curl -fsS -d grant_type=client_credentials -d "client_id=$(echo "$client" | jq -r .id)" \
  -d "client_secret=$(echo "$client" | jq -r .secret)" "http://127.0.0.1:$api_port/v1/oauth/token" | jq -r .access_token)"
auth="Authorization: Bearer $token"

today="$(date -u +%F)"
until="$(date -u -d '+90 days' +%F)"
permit="$(jq -n --arg t "$today" --arg u "$until" '{permit: {type: "export", issued: $t, valid_from: $t, valid_until: $u,
  importer: {name: "Holzhandel Nord", country: "DE"}, exporter: {name: "Madeiras", country: "PE"}, purpose: "T",
  security_stamp: "PE0042", issuer_name: "SERFOR", issuer_country: "PE",
  lines: [{scientific_name: "Swietenia macrophylla", term: "SAW", unit: "MTQ", quantity: "12.5", appendix: "II", source: "W"}]}}')"
number="$(curl -fsS -H "$auth" -H 'Content-Type: application/json' -d "$permit" \
  "http://127.0.0.1:$api_port/v1/cites/permits" | jq -r .number)"
curl -fsS -H "$auth" -H 'Content-Type: application/json' -d '{}' \
  "http://127.0.0.1:$api_port/v1/cites/permits/$number/issue" >/dev/null
verify="http://127.0.0.1:$api_port/v1/cites/permits/$number/verify?scientific_name=Swietenia%20macrophylla&quantity=10&unit=MTQ"
[ "$(curl -fsS -H "$auth" "$verify" | jq -r .valid)" = true ] || { echo "verify of $number is not valid" >&2; exit 1; }

"$build/tests/bench/http/bench_http_minimal" --port 0 --threads 2 >"$work/minimal.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q '^listening' "$work/minimal.out" 2>/dev/null && break; sleep 0.1; done
minimal_port="$(awk '/^listening/ {print $2; exit}' "$work/minimal.out")"

# figures URL [HEADER]: "<requests/s> <p99 ms>" of a keep-alive run.
figures() {
  local out
  out="$(wrk -t2 -c64 -d"${seconds}s" --latency ${2:+-H "$2"} "$1")"
  if echo "$out" | grep -q Non-2xx; then echo "non-2xx answers from $1" >&2; fi
  echo "$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') $(echo "$out" | awk '$1 == "99%" {v=$2;
    if (v ~ /us$/) {sub(/us$/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v=v*1000}; print v}')"
}

read -r minimal_rps minimal_p99 <<<"$(figures "http://127.0.0.1:$minimal_port/")"
read -r verify_rps verify_p99 <<<"$(figures "$verify" "$auth")"
printf '%-52s %12s req/s   p99 %8s ms\n' "minimal Beast handler (anchor)" "$minimal_rps" "$minimal_p99"
printf '%-52s %12s req/s   p99 %8s ms\n' "GET /v1/cites/permits/{n}/verify (facade + cites)" "$verify_rps" "$verify_p99"
awk -v a="$verify_rps" -v b="$minimal_rps" -v p="$verify_p99" \
  'BEGIN {printf "ratio verify : minimal = %.2f; goal >= 10000 verifications/s (%s) and p99 < 10 ms (%s)\n", a / b,
          (a >= 10000 ? "met" : "not met"), (p < 10 ? "met" : "not met")}'
