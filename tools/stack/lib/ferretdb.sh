# FerretDB v1 on SQLite, built from its Go module by the wrapper in tools/stack/ferretdb: the MongoDB-wire read store.

FERRETDB_SRC=$STACK_HOME/ferretdb
FERRETDB_BIN=$STATE_DIR/bin/ferretdb
FERRETDB_DATA=$STATE_DIR/ferretdb
FERRETDB_LOG=$LOG_DIR/ferretdb.log

ferretdb_install() {
  local want
  want=$(fingerprint "$FERRETDB_SRC/go.mod" "$FERRETDB_SRC/go.sum" "$FERRETDB_SRC/main.go")
  [ -x "$FERRETDB_BIN" ] && [ "$(cat "$FERRETDB_BIN.fingerprint" 2>/dev/null)" = "$want" ] && return 0
  command -v go >/dev/null || fail "Go 1.24 or newer is needed to build FerretDB (https://go.dev/doc/install)"
  say "building FerretDB with Go (first time only)"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$FERRETDB_SRC" && CGO_ENABLED=0 go build -trimpath -o "$FERRETDB_BIN" .) >"$LOG_DIR/ferretdb-build.log" 2>&1 ||
    fail_with_log "ferretdb build" "$LOG_DIR/ferretdb-build.log"
  echo "$want" >"$FERRETDB_BIN.fingerprint"
}

ferretdb_start() {
  ferretdb_install
  if running_pid ferretdb "$FERRETDB_BIN" >/dev/null; then
    say "ferretdb already running on $READ_STORE_PORT"
    return 0
  fi
  ensure_port_free ferretdb "$READ_STORE_PORT"
  mkdir -p "$FERRETDB_DATA"
  say "starting ferretdb on $READ_STORE_PORT"
  spawn ferretdb "$FERRETDB_BIN" --listen "127.0.0.1:$READ_STORE_PORT" --handler sqlite --sqlite-url "file:$FERRETDB_DATA/"
  await_start ferretdb "$(cat "$(pid_file ferretdb)")" 30 port_open "$READ_STORE_PORT"
}

ferretdb_stop() { terminate ferretdb "$FERRETDB_BIN"; }

ferretdb_status() { status_line ferretdb "$(running_pid ferretdb "$FERRETDB_BIN")" "$READ_STORE_PORT" "$FERRETDB_LOG"; }
