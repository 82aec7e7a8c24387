# The OpenID Connect provider: zitadel/oidc's provider library, built from its Go module by the wrapper in
# tools/stack/oidc (ADR 23). People sign in on its login page; the services verify its JWT access tokens.

OIDC_SRC=$STACK_HOME/oidc
OIDC_BIN=$STATE_DIR/bin/oidc
OIDC_USERS=$STATE_DIR/oidc/users.json

oidc_install() {
  local want build=$STATE_DIR/oidc-build
  want=$(fingerprint "$OIDC_SRC"/go.mod "$OIDC_SRC"/go.sum "$OIDC_SRC"/main.go)
  [ -x "$OIDC_BIN" ] && [ "$(cat "$OIDC_BIN.fingerprint" 2>/dev/null)" = "$want" ] && return 0
  command -v go >/dev/null || fail "Go 1.25 or newer is needed to build the OpenID Connect provider (https://go.dev/doc/install)"
  say "building the OpenID Connect provider with Go (first time only)"
  rm -rf "$build" && mkdir -p "$build" "$(dirname "$OIDC_BIN")"
  cp "$OIDC_SRC"/go.mod "$OIDC_SRC"/go.sum "$OIDC_SRC"/main.go "$build"/
  (cd "$build" && CGO_ENABLED=0 go build -trimpath -o "$OIDC_BIN" .) >"$LOG_DIR/oidc-build.log" 2>&1 ||
    fail_with_log "oidc build" "$LOG_DIR/oidc-build.log"
  echo "$want" >"$OIDC_BIN.fingerprint"
}

# The dev users, each with a password generated once and kept (only) in the state folder; a user added to
# the list later joins the file with the others' passwords unchanged.
oidc_users() {
  mkdir -p "$(dirname "$OIDC_USERS")"
  node -e '
    const { randomBytes } = require("node:crypto");
    const fs = require("node:fs");
    const file = process.argv[1];
    const people = [["olivia", "Olivia Organizer", ["organizer"]], ["oscar", "Oscar Organizer", ["organizer"]],
      ["alice", "Alice Buyer", []], ["bob", "Bob Buyer", []], ["admin", "Ada Admin", ["admin"]]];
    const kept = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : [];
    if (people.every(([username]) => kept.some((user) => user.username === username))) return;
    const users = people.map(([username, name, roles]) => kept.find((user) => user.username === username) ??
      { username, name, roles, password: randomBytes(12).toString("base64url") });
    fs.writeFileSync(file, JSON.stringify(users, null, 2) + "\n", { mode: 0o600 });
  ' "$OIDC_USERS"
}

oidc_start() {
  oidc_install
  oidc_users
  if running_pid oidc "$OIDC_BIN" >/dev/null; then
    say "oidc already running on $OIDC_PORT"
    return 0
  fi
  ensure_port_free oidc "$OIDC_PORT"
  say "starting oidc on $OIDC_PORT"
  spawn oidc "$OIDC_BIN" --listen "127.0.0.1:$OIDC_PORT" --issuer "$AUTH_ISSUER" --users "$OIDC_USERS" \
    --client-id "$AUTH_AUDIENCE" --redirect-uris "http://127.0.0.1:$QUERY_SERVICE_PORT/"
  await_start oidc "$(cat "$(pid_file oidc)")" 30 http_ok "$AUTH_ISSUER/healthz"
}

oidc_stop() { terminate oidc "$OIDC_BIN"; }

oidc_status() { status_line oidc "$(running_pid oidc "$OIDC_BIN")" "$OIDC_PORT" "$LOG_DIR/oidc.log" "$AUTH_ISSUER/healthz"; }
