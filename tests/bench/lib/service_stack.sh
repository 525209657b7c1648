# Sourced by the shell benchmarks that run Greenlane services as processes, as scripts/up does:
# a database of the bench's own on the test PostgreSQL (so a run can share the servers with tests),
# gRPC services with mutual TLS from the test PKI, and facades in front of them. Everything started
# is stopped, and the database dropped, on exit.
# Needs BUILD (the build directory), GREENLANE_TEST_PG_URL, GREENLANE_TEST_REDIS_URL and
# GREENLANE_TEST_PKI_DIR (scripts/test-services start).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
pki="$GREENLANE_TEST_PKI_DIR"
work="$(mktemp -d /tmp/greenlane-bench-stack.XXXXXX)"
bench_db="gl_bench_stack_$$"
pg_url="${GREENLANE_TEST_PG_URL%/*}/$bench_db"
pids=()
stop_stack() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "$GREENLANE_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $bench_db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_stack EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }

psql "$GREENLANE_TEST_PG_URL" -qc "CREATE DATABASE $bench_db" >/dev/null
GREENLANE_PG_URL="$pg_url" "$BUILD/services/api/greenlane" migrate --dir "$root/migrations" >/dev/null

# run_service LOG PORT BINARY [VAR=value ...]: starts BINARY in the background and waits for PORT.
run_service() {
  local log="$work/$1.log" port="$2" binary="$3"
  shift 3
  env "$@" "$binary" >"$log" 2>&1 &
  pids+=($!)
  wait_port "$port" || { cat "$log" >&2; exit 1; }
}

# grpc_service NAME PORT [VAR=value ...]: greenlane-NAME with mutual TLS, PostgreSQL and Redis.
grpc_service() {
  local name="$1" port="$2" upper
  upper="$(echo "$name" | tr '[:lower:]' '[:upper:]')"
  shift 2
  run_service "$name" "$port" "$BUILD/services/$name/greenlane-$name" "GREENLANE_${upper}_PORT=$port" \
    "GREENLANE_${upper}_PG_URL=$pg_url" "GREENLANE_${upper}_REDIS_URL=$GREENLANE_TEST_REDIS_URL" \
    "GREENLANE_${upper}_TLS_CERT_FILE=$pki/servers/$name.crt" "GREENLANE_${upper}_TLS_KEY_FILE=$pki/servers/$name.key" \
    "GREENLANE_${upper}_TLS_CLIENT_CA_FILE=$pki/ca.crt" "GREENLANE_${upper}_LOG_LEVEL=warn" "$@"
}

# facade PORT [VAR=value ...]: greenlane-api on PORT with the services' client certificate, no
# rate limit and only error lines in its access log.
facade() {
  local port="$1"
  shift
  run_service "api-$port" "$port" "$BUILD/services/api/greenlane-api" GREENLANE_API_PORT="$port" \
    GREENLANE_API_PG_URL="$pg_url" GREENLANE_API_REDIS_URL="$GREENLANE_TEST_REDIS_URL" \
    GREENLANE_API_SIGNING_KEY_FILE="$pki/signing/jwt.pem" GREENLANE_API_RATE_LIMIT=1000000000 \
    GREENLANE_API_ACCESS_LOG=errors GREENLANE_API_SERVICES_CA_FILE="$pki/ca.crt" \
    GREENLANE_API_SERVICES_CERT_FILE="$pki/clients/service-api.crt" \
    GREENLANE_API_SERVICES_KEY_FILE="$pki/clients/service-api.key" "$@"
}

# bearer URL ROLES: "Authorization: Bearer <token>" of a new client with ROLES, from the facade at URL.
bearer() {
  local client
  client="$(GREENLANE_PG_URL="$pg_url" GREENLANE_CLI_SECRET_HASH_ITERATIONS=1000 \
    "$BUILD/services/api/greenlane" clients create --name "bench-$RANDOM$RANDOM" --roles "$2" --json)"
  echo "Authorization: Bearer $(curl -fsS -d grant_type=client_credentials -d "client_id=$(echo "$client" | jq -r .id)" \
    -d "client_secret=$(echo "$client" | jq -r .secret)" "$1/v1/oauth/token" | jq -r .access_token)"
}

# issue_permit URL AUTH PERMIT_JSON: drafts and issues a CITES permit through the facade at URL
# (AUTH an officer's bearer header); prints its number.
issue_permit() {
  local number
  number="$(curl -fsS -H "$2" -H 'Content-Type: application/json' -d "$3" "$1/v1/cites/permits" | jq -r .number)"
  curl -fsS -H "$2" -H 'Content-Type: application/json' -d '{}' "$1/v1/cites/permits/$number/issue" >/dev/null
  echo "$number"
}

# wrk_figures URL [HEADER [SCRIPT]]: "<requests/s> <p99 ms>" of a keep-alive run of $seconds
# seconds with 2 threads and $connections (default 64) connections.
wrk_figures() {
  local out
  out="$(wrk -t2 -c"${connections:-64}" -d"${seconds}s" --latency ${2:+-H "$2"} ${3:+-s "$3"} "$1")"
  if echo "$out" | grep -q Non-2xx; then
    echo "non-2xx answers from $1: no figure is reported for failures" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') $(echo "$out" | awk '$1 == "99%" {v=$2;
    if (v ~ /us$/) {sub(/us$/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v=v*1000}; print v}')"
}

# cpu_ticks: "<name> <ticks>" lines, the CPU time (user + system, in clock ticks) each process this
# stack started has used so far, and all PostgreSQL processes together as "postgres".
cpu_ticks() {
  local pid
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] && sed 's/^[0-9]* (\([^)]*\)) /\1 /' "/proc/$pid/stat" | awk '{print $1, $13 + $14}'
  done
  for pid in $(pgrep -x postgres); do
    [ -r "/proc/$pid/stat" ] && awk '{print "postgres", $14 + $15}' "/proc/$pid/stat"
  done | awk '{t += $2} END {print "postgres", t + 0}'
}

# context_switches: "<name> <count>" lines, the context switches (voluntary or not) of every thread
# of each process this stack started, and of all PostgreSQL processes together as "postgres".
context_switches() {
  local pid name
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] || continue
    name="$(sed 's/^[0-9]* (\([^)]*\)).*/\1/' "/proc/$pid/stat")"
    cat "/proc/$pid/task/"*/status 2>/dev/null | awk -v name="$name" '/ctxt_switches/ {t += $2} END {print name, t + 0}'
  done
  for pid in $(pgrep -x postgres); do cat "/proc/$pid/status" 2>/dev/null; done |
    awk '/ctxt_switches/ {t += $2} END {print "postgres", t + 0}'
}

# per_request TITLE SCALE BEFORE AFTER REQUESTS: from two samples of "<name> <count>" lines, what
# each process spent per request (times SCALE), and the total.
per_request() {
  join <(echo "$3" | awk '{t[$1] += $2} END {for (k in t) print k, t[k]}' | sort) \
    <(echo "$4" | awk '{t[$1] += $2} END {for (k in t) print k, t[k]}' | sort) |
    awk -v title="$1" -v scale="$2" -v n="$5" '{v = ($3 - $2) * scale / n; total += v; line = line sprintf(" %s %.2f,", $1, v)}
      END {printf "%s:%s total %.2f\n", title, line, total}'
}

# cpu_per_request BEFORE AFTER REQUESTS: the CPU milliseconds each process spent per request (from
# two cpu_ticks samples): what a request costs the machine, whatever else runs.
cpu_per_request() { per_request "CPU per request (ms)" "$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN {print 1000 / hz}')" "$@"; }

# switches_per_request BEFORE AFTER REQUESTS: the context switches per request (from two
# context_switches samples); on a small machine each one costs a few microseconds of CPU and cache.
switches_per_request() { per_request "Context switches per request" 1 "$@"; }

# start_minimal_handler: starts the foundation's minimal Beast handler (the anchor) at $minimal_url.
start_minimal_handler() {
  "$BUILD/tests/bench/http/bench_http_minimal" --port 0 --threads 2 >"$work/minimal.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q '^listening' "$work/minimal.out" 2>/dev/null && break; sleep 0.1; done
  minimal_url="http://127.0.0.1:$(awk '/^listening/ {print $2; exit}' "$work/minimal.out")/"
}
