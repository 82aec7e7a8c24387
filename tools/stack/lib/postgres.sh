# PostgreSQL from Debian's packages, in its own cluster under the stack folder: the event store.

PG_DIR=$STATE_DIR/postgres
PG_DATA=$PG_DIR/data
PG_LOG=$LOG_DIR/postgres.log

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

# The server refuses to run as root, so root runs it as the postgres user the Debian package creates.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The postgres user must be able to reach the data folder through every parent folder.
pg_grant_traverse() {
  [ "$(id -u)" -eq 0 ] || return 0
  local dir=$PG_DIR
  while [ "$dir" != / ]; do
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      say "letting the postgres user traverse $dir (chmod o+x)"
      chmod o+x "$dir"
    fi
    dir=$(dirname "$dir")
  done
}

postgres_install() {
  pg_bindir >/dev/null || apt_install postgresql
  pg_bindir >/dev/null || fail "PostgreSQL was installed but no pg_ctl was found under /usr/lib/postgresql"
}

postgres_init() {
  [ -f "$PG_DATA/PG_VERSION" ] && return 0
  say "initialising PostgreSQL in $PG_DATA"
  mkdir -p "$PG_DATA"
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$PG_DIR"
  pg_grant_traverse
  as_pg "$(pg_bindir)/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C >>"$PG_LOG" 2>&1 ||
    fail_with_log postgres "$PG_LOG"
  cat >>"$PG_DATA/postgresql.conf" <<CONF
# Set by tools/stack: loopback only, sockets inside the stack folder.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
max_connections = 200
CONF
}

postgres_pid() {
  [ -f "$PG_DATA/postmaster.pid" ] || return 1
  local pid
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

postgres_start() {
  postgres_install
  postgres_init
  if postgres_pid >/dev/null; then
    say "postgres already running on $POSTGRES_PORT"
  else
    ensure_port_free postgres "$POSTGRES_PORT"
    say "starting postgres on $POSTGRES_PORT"
    touch "$PG_LOG" && { [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_LOG"; }
    as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -o "-p $POSTGRES_PORT" -w -t 60 start >/dev/null ||
      fail_with_log postgres "$PG_LOG"
  fi
  postgres_create_database
  postgres_migrate
}

postgres_create_database() {
  local psql=("$(pg_bindir)/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAq)
  if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'seat_reservations'")" ]; then
    say "creating database seat_reservations"
    "${psql[@]}" -c 'CREATE DATABASE seat_reservations' || fail "could not create database seat_reservations"
  fi
}

# The same SQL migrations the command service runs at start-up, so tools find the schema without it.
postgres_migrate() {
  (cd "$REPO_ROOT" && DATABASE_URL=$EVENT_STORE_URL node_modules/.bin/node-pg-migrate up \
    --migrations-dir libs/event-store/migrations --migrations-table pgmigrations --check-order --single-transaction \
    --advisory-lock-mode wait) \
    >"$LOG_DIR/migrations.log" 2>&1 || fail_with_log "migrations" "$LOG_DIR/migrations.log"
}

postgres_stop() {
  postgres_pid >/dev/null || return 0
  say "stopping postgres"
  as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
}

postgres_status() { status_line postgres "$(postgres_pid)" "$POSTGRES_PORT" "$PG_LOG"; }
