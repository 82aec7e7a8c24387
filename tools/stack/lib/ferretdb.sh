# FerretDB v1 on SQLite, built from its Go module (patched, tools/stack/ferretdb/patches) by the wrapper in
# tools/stack/ferretdb: the MongoDB-wire read store.

FERRETDB_SRC=$STACK_HOME/ferretdb
FERRETDB_BIN=$STATE_DIR/bin/ferretdb
FERRETDB_DATA=$STATE_DIR/ferretdb
FERRETDB_LOG=$LOG_DIR/ferretdb.log

ferretdb_install() {
  local want build=$STATE_DIR/ferretdb-build
  want=$(fingerprint "$FERRETDB_SRC"/go.mod "$FERRETDB_SRC"/go.sum "$FERRETDB_SRC"/main.go "$FERRETDB_SRC"/patches/*.patch)
  [ -x "$FERRETDB_BIN" ] && [ "$(cat "$FERRETDB_BIN.fingerprint" 2>/dev/null)" = "$want" ] && return 0
  command -v go >/dev/null || fail "Go 1.24 or newer is needed to build FerretDB (https://go.dev/doc/install)"
  say "building FerretDB with Go (first time only)"
  # Vendored so that the patches (see their headers) apply to FerretDB's own source before the build.
  rm -rf "$build" && mkdir -p "$build" "$(dirname "$FERRETDB_BIN")"
  cp "$FERRETDB_SRC"/go.mod "$FERRETDB_SRC"/go.sum "$FERRETDB_SRC"/main.go "$build"/
  (
    cd "$build" && go mod vendor &&
      for patch in "$FERRETDB_SRC"/patches/*.patch; do
        patch --quiet --forward -p1 -d vendor/github.com/FerretDB/FerretDB <"$patch" || exit 1
      done &&
      CGO_ENABLED=0 go build -mod=vendor -trimpath -o "$FERRETDB_BIN" .
  ) >"$LOG_DIR/ferretdb-build.log" 2>&1 || fail_with_log "ferretdb build" "$LOG_DIR/ferretdb-build.log"
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
  # synchronous(normal): a write is acknowledged once in SQLite's write-ahead log, which it fsyncs at
  # checkpoints, not at every commit (as a standalone MongoDB acknowledges before its journal flush); views
  # are rebuilt from the topic anyway. At every commit, the fsyncs doubled the projection's batch time.
  spawn ferretdb "$FERRETDB_BIN" --listen "127.0.0.1:$READ_STORE_PORT" --handler sqlite \
    --sqlite-url "file:$FERRETDB_DATA/?_pragma=synchronous(normal)"
  await_start ferretdb "$(cat "$(pid_file ferretdb)")" 30 port_open "$READ_STORE_PORT"
}

ferretdb_stop() { terminate ferretdb "$FERRETDB_BIN"; }

ferretdb_status() { status_line ferretdb "$(running_pid ferretdb "$FERRETDB_BIN")" "$READ_STORE_PORT" "$FERRETDB_LOG"; }
