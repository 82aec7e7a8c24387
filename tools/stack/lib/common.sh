# Shared paths, settings and helpers of the native stack. Sourced by stack.sh.

STACK_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$STACK_HOME/../.." && pwd)
STATE_DIR=${STACK_DIR:-$REPO_ROOT/.stack}
RUN_DIR=$STATE_DIR/run
LOG_DIR=$STATE_DIR/logs

POSTGRES_PORT=${STACK_POSTGRES_PORT:-55432}
KAFKA_PORT=${STACK_KAFKA_PORT:-59092}
KAFKA_CONTROLLER_PORT=${STACK_KAFKA_CONTROLLER_PORT:-59093}
READ_STORE_PORT=${STACK_READ_STORE_PORT:-57017}
OIDC_PORT=${STACK_OIDC_PORT:-55556}
COMMAND_SERVICE_PORT=${COMMAND_SERVICE_PORT:-3001}
QUERY_SERVICE_PORT=${QUERY_SERVICE_PORT:-3002}
TOPIC_PARTITIONS=${TOPIC_PARTITIONS:-3}

# The services connect as seat_app, which only reads and appends; seat_owner owns the schema and migrates it.
# Their passwords are files in SECRETS_DIR (postgres-<role>), never in these URLs (ADR 24).
export SECRETS_DIR=${SECRETS_DIR:-$STATE_DIR/secrets}
export EVENT_STORE_URL=${EVENT_STORE_URL:-postgres://seat_app@127.0.0.1:$POSTGRES_PORT/seat_reservations}
export EVENT_STORE_OWNER_URL=${EVENT_STORE_OWNER_URL:-postgres://seat_owner@127.0.0.1:$POSTGRES_PORT/seat_reservations}
export KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}
export READ_STORE_URL=${READ_STORE_URL:-mongodb://127.0.0.1:$READ_STORE_PORT/seat_reservations}
export AUTH_ISSUER=${AUTH_ISSUER:-http://127.0.0.1:$OIDC_PORT}
export AUTH_AUDIENCE=${AUTH_AUDIENCE:-seat-reservations}
export COMMAND_SERVICE_PORT QUERY_SERVICE_PORT TOPIC_PARTITIONS

mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '%s %s\n' "[stack]" "$*"; }
fail() {
  printf '%s %s\n' "[stack] error:" "$*" >&2
  exit 1
}

# Prints the last lines of a component's log and fails; used when a component does not come up.
fail_with_log() {
  local component=$1 log=$2
  printf '[stack] error: %s did not start. Last lines of %s:\n' "$component" "$log" >&2
  tail -n 40 "$log" >&2 2>/dev/null || true
  exit 1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

# Waits until "$@" succeeds; fails with the component's log if its process dies or time runs out first.
await_start() {
  local component=$1 pid=$2 seconds=$3
  shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if process_gone "$pid" || ((SECONDS >= deadline)); then fail_with_log "$component" "$LOG_DIR/$component.log"; fi
    sleep 0.5
  done
}

http_ok() { node -e "fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$1"; }

# apt-get update runs once per stack state folder, and only when something is missing.
apt_install() {
  command -v apt-get >/dev/null || fail "cannot install $* without apt-get: install it yourself and run again"
  [ "$(id -u)" -eq 0 ] || fail "installing $* needs root (or install it yourself and run again)"
  if [ ! -f "$STATE_DIR/.apt-updated" ]; then
    say "apt-get update"
    apt-get update -qq >"$LOG_DIR/apt.log" 2>&1 || fail_with_log "apt-get update" "$LOG_DIR/apt.log"
    touch "$STATE_DIR/.apt-updated"
  fi
  say "installing $* from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >>"$LOG_DIR/apt.log" 2>&1 ||
    fail_with_log "apt-get install $*" "$LOG_DIR/apt.log"
}

# A build or download is redone only when the files it depends on change.
fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }

pid_file() { echo "$RUN_DIR/$1.pid"; }

process_gone() { ! kill -0 "$1" 2>/dev/null; }

# The pid in the component's pid file, if that process is alive and still runs what we started.
running_pid() {
  local component=$1 pattern=$2 file pid
  file=$(pid_file "$component")
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern"; then
    echo "$pid"
  else
    rm -f "$file"
    return 1
  fi
}

# Starts a command in the background, detached from this shell, logging to the component's log.
spawn() {
  local component=$1
  shift
  nohup setsid "$@" >>"$LOG_DIR/$component.log" 2>&1 </dev/null &
  echo $! >"$(pid_file "$component")"
}

# SIGTERM, then SIGKILL if the process has not exited within the grace period.
terminate() {
  local component=$1 pattern=$2 grace=${3:-20} pid
  pid=$(running_pid "$component" "$pattern") || return 0
  say "stopping $component (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for "$grace" process_gone "$pid"; then
    say "$component did not stop within ${grace}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$component")"
}

# Refuses to start a component whose port is taken by a process this stack did not start.
ensure_port_free() {
  local component=$1 port=$2
  if port_open "$port"; then
    fail "port $port (for $component) is in use by a process this stack did not start; stop it or set another port"
  fi
}
