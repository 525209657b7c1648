# Functions to run project-local PostgreSQL and Redis servers (never the system services).
# Sourced by scripts/up, scripts/test and scripts/bench.

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

# free_port: prints a TCP port on 127.0.0.1 that nothing listens on.
free_port() {
  python3 - <<'PY' 2>/dev/null && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
  done
}

# as_db_owner CMD...: PostgreSQL refuses to run as root, so root runs it as the postgres user.
as_db_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# start_postgres DIR PORT PASSWORD: creates a cluster in DIR (once) and starts it on 127.0.0.1:PORT
# with superuser "greenlane" and database "greenlane". Prints nothing on success.
start_postgres() {
  local dir="$1" port="$2" password="$3"
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -x "$dir" || {
      echo "the postgres user cannot reach $dir: every folder above it must be searchable (chmod o+x)" >&2
      return 1
    }
  fi
  chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    local pwfile
    pwfile="$(mktemp)"
    printf '%s\n' "$password" >"$pwfile"
    chmod 644 "$pwfile"
    as_db_owner "$PG_BIN/initdb" -D "$dir/data" --username=greenlane --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; echo "initdb failed, see $dir/initdb.log" >&2; return 1; }
    rm -f "$pwfile"
  fi
  as_db_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=${GREENLANE_PG_FSYNC:-on} -c shared_buffers=256MB" \
    start >/dev/null || { echo "PostgreSQL did not start, see $dir/server.log" >&2; return 1; }
  as_db_owner "$PG_BIN/psql" -h "$dir" -p "$port" -U greenlane -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='greenlane'" | grep -q 1 \
    || as_db_owner "$PG_BIN/createdb" -h "$dir" -p "$port" -U greenlane greenlane
}

# stop_postgres DIR: stops the cluster in DIR if it runs.
stop_postgres() {
  local dir="$1"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  as_db_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# start_redis DIR PORT: starts redis-server on 127.0.0.1:PORT with append-only persistence in DIR.
start_redis() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --appendonly yes --save "" >/dev/null
  local i
  for i in $(seq 1 50); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  echo "Redis did not start, see $dir/redis.log" >&2
  return 1
}

# stop_redis DIR: stops the server whose pid file is in DIR.
stop_redis() {
  local dir="$1"
  [ -f "$dir/redis.pid" ] || return 0
  local pid i
  pid="$(cat "$dir/redis.pid")"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$dir/redis.pid"
}

# wait_port PORT NAME LOG: waits up to 20 s for something to listen on 127.0.0.1:PORT; fails naming the log.
wait_port() {
  local port="$1" name="$2" log="$3"
  for _ in $(seq 1 200); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$name did not start listening on port $port; see $log" >&2
  return 1
}
