#!/usr/bin/env bash
# Single-window permit verification through the REST facade (GET /v1/cites/permits/{n}/verify with
# species and quantity over 50 permits in turn; greenlane-api -> greenlane-cites over mutual TLS,
# caches warm) next to the minimal Beast handler, and the same with the facade's verify cache off
# (every call reaches cites, whose own cache is warm), in the same run (wrk -t2 -c64).
#   tests/bench/cites/verify_throughput.sh BUILD_DIR SECONDS
# Needs GREENLANE_TEST_PG_URL, GREENLANE_TEST_REDIS_URL and GREENLANE_TEST_PKI_DIR (scripts/test-services start),
# and the targets greenlane, greenlane-api, greenlane-cites and bench_http_minimal built in BUILD_DIR.
set -euo pipefail
BUILD="$1"
seconds="${2:-10}"
source "$(dirname "$0")/../lib/service_stack.sh"

cites_port="$(port)"
grpc_service cites "$cites_port" GREENLANE_CITES_SIGNING_KEY_FILE="$pki/signing/cites.pem"
api_port="$(port)"
facade "$api_port" GREENLANE_API_CITES_ADDRESS="127.0.0.1:$cites_port" GREENLANE_API_CITES_VERIFY_CACHE_TTL=1s
uncached_port="$(port)"
facade "$uncached_port" GREENLANE_API_CITES_ADDRESS="127.0.0.1:$cites_port" GREENLANE_API_CITES_VERIFY_CACHE_TTL=0
auth="$(bearer "http://127.0.0.1:$api_port" officer)"

today="$(date -u +%F)"
until="$(date -u -d '+90 days' +%F)"
permit="$(jq -n --arg t "$today" --arg u "$until" '{permit: {type: "export", issued: $t, valid_from: $t, valid_until: $u,
  importer: {name: "Holzhandel Nord", country: "DE"}, exporter: {name: "Madeiras", country: "PE"}, purpose: "T",
  security_stamp: "PE0042", issuer_name: "SERFOR", issuer_country: "PE",
  lines: [{scientific_name: "Swietenia macrophylla", term: "SAW", unit: "MTQ", quantity: "12.5", appendix: "II", source: "W"}]}}')"
# The single window verifies many permits: 50 issued, asked in turn.
query="verify?scientific_name=Swietenia%20macrophylla&quantity=10&unit=MTQ"
paths=()
for _ in $(seq 1 50); do
  paths+=("/v1/cites/permits/$(issue_permit "http://127.0.0.1:$api_port" "$auth" "$permit")/$query")
done
[ "$(curl -fsS -H "$auth" "http://127.0.0.1:$api_port${paths[0]}" | jq -r .valid)" = true ] ||
  { echo "verify of ${paths[0]} is not valid" >&2; exit 1; }
{
  printf 'paths = {'
  printf '"%s",' "${paths[@]}"
  printf '}\ni = 0\nrequest = function()\n  i = i %% #paths + 1\n  return wrk.format("GET", paths[i])\nend\n'
} >"$work/rotate.lua"

start_minimal_handler
read -r minimal_rps minimal_p99 <<<"$(wrk_figures "$minimal_url")"
read -r verify_rps verify_p99 <<<"$(wrk_figures "http://127.0.0.1:$api_port/" "$auth" "$work/rotate.lua")"
read -r uncached_rps uncached_p99 <<<"$(wrk_figures "http://127.0.0.1:$uncached_port/" "$auth" "$work/rotate.lua")"
printf '%-60s %12s req/s   p99 %8s ms\n' "minimal Beast handler (anchor)" "$minimal_rps" "$minimal_p99"
printf '%-60s %12s req/s   p99 %8s ms\n' "GET /v1/cites/permits/{n}/verify, 50 permits (facade cache)" "$verify_rps" "$verify_p99"
printf '%-60s %12s req/s   p99 %8s ms\n' "the same, facade cache off (every call to cites)" "$uncached_rps" "$uncached_p99"
awk -v a="$verify_rps" -v b="$minimal_rps" -v p="$verify_p99" \
  'BEGIN {printf "ratio verify : minimal = %.2f; goal >= 10000 verifications/s (%s) and p99 < 10 ms (%s)\n", a / b,
          (a >= 10000 ? "met" : "not met"), (p < 10 ? "met" : "not met")}'
