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
  as_pg "$(pg_bindir)/initdb" -D "$PG_DATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C >>"$PG_LOG" 2>&1 || fail_with_log postgres "$PG_LOG"
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

# Who may connect how: the postgres superuser only through the socket in the stack folder, as the OS user
# postgres (peer); everyone else over loopback with a SCRAM password. Written on every start, so a cluster
# made before (with trust) is brought to it too.
postgres_hba() {
  cat >"$PG_DATA/pg_hba.conf" <<HBA
# Written by tools/stack/lib/postgres.sh on every start.
local all postgres peer map=stack
host all all 127.0.0.1/32 scram-sha-256
host all all ::1/128 scram-sha-256
HBA
  # The OS user the server runs as (postgres under root, else whoever runs the stack) is the superuser.
  printf 'stack %s postgres\n' "$(if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi)" >"$PG_DATA/pg_ident.conf"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DATA/pg_hba.conf" "$PG_DATA/pg_ident.conf"
  return 0
}

# A role's password, generated once into the secrets folder, where the services, tools and compose read it.
# The folder is the owner's alone; the files inside are readable so that compose can mount them as secrets
# for the containers' unprivileged users.
postgres_secret() {
  local file=$SECRETS_DIR/postgres-$1
  if [ ! -s "$file" ]; then
    mkdir -p "$SECRETS_DIR" && chmod 700 "$SECRETS_DIR"
    node -e 'process.stdout.write(require("node:crypto").randomBytes(18).toString("base64url"))' >"$file"
    chmod 644 "$file"
  fi
  cat "$file"
}

# Every secret compose mounts, made if missing (`npm run secrets` before `docker compose up`).
postgres_secrets() {
  local role
  for role in postgres seat_owner seat_app; do postgres_secret "$role" >/dev/null; done
  say "secrets in $SECRETS_DIR"
}

# The superuser's session: the socket, as the OS user postgres.
pg_superuser() {
  as_pg "$(pg_bindir)/psql" -h "$PG_DIR" -p "$POSTGRES_PORT" -U postgres -v ON_ERROR_STOP=1 -tAq "$@"
}

# The roles and the database (tools/stack/postgres/roles.sql, which compose's postgres runs too).
postgres_roles() {
  local owner app
  owner=$(postgres_secret seat_owner)
  app=$(postgres_secret seat_app)
  pg_superuser -d postgres -v owner="$owner" -v app="$app" <"$STACK_HOME/postgres/roles.sql" >/dev/null ||
    fail "could not create the PostgreSQL roles and database"
}

postgres_start() {
  postgres_install
  postgres_init
  postgres_hba
  if postgres_pid >/dev/null; then
    as_pg "$(pg_bindir)/pg_ctl" -D "$PG_DATA" reload >/dev/null
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
  postgres_roles
  postgres_adopt
}

# A store made before the roles existed belongs to postgres: hand it and its objects to seat_owner, and the
# tests' and benchmarks' databases too, which seat_owner drops and makes again.
postgres_adopt() {
  pg_superuser -d seat_reservations >/dev/null <<'SQL' || fail "could not hand seat_reservations to seat_owner"
SELECT format('ALTER DATABASE %I OWNER TO seat_owner', datname) FROM pg_database
  WHERE NOT datistemplate AND datname <> 'postgres' AND datdba <> 'seat_owner'::regrole \gexec
ALTER SCHEMA public OWNER TO seat_owner;
SELECT format('ALTER TABLE %I OWNER TO seat_owner', tablename) FROM pg_tables
  WHERE schemaname = 'public' AND tableowner <> 'seat_owner' \gexec
SELECT format('ALTER FUNCTION %s OWNER TO seat_owner', p.oid::regprocedure) FROM pg_proc p
  JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles r ON r.oid = p.proowner
  WHERE n.nspname = 'public' AND r.rolname <> 'seat_owner' \gexec
SQL
}

# The schema's migrations, as its owner: a step of its own, before any service starts (the command-service
# migrates at start only with MIGRATE_ON_START=true).
postgres_migrate() {
  local owner_url
  owner_url=$(PASSWORD=$(postgres_secret seat_owner) node -e \
    'const url = new URL(process.argv[1]); url.password = process.env.PASSWORD; console.log(url.toString())' \
    "$EVENT_STORE_OWNER_URL")
  (cd "$REPO_ROOT" && DATABASE_URL=$owner_url node_modules/.bin/node-pg-migrate up \
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
