# The two NestJS services, run from the compiled build in dist/.

service_port() { [ "$1" = command-service ] && echo "$COMMAND_SERVICE_PORT" || echo "$QUERY_SERVICE_PORT"; }
service_entry() { echo "$REPO_ROOT/dist/apps/$1/src/main.js"; }

# npm ci when node_modules is missing or older than the lock file.
node_dependencies() {
  local installed=$REPO_ROOT/node_modules/.package-lock.json
  [ -f "$installed" ] && [ ! "$REPO_ROOT/package-lock.json" -nt "$installed" ] && return 0
  say "installing npm packages (npm ci)"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund) >"$LOG_DIR/npm.log" 2>&1 || fail_with_log "npm ci" "$LOG_DIR/npm.log"
}

# Rebuilds dist/ when a source or build setting is newer than the last build.
services_build() {
  local built
  built=$(service_entry command-service)
  if [ -f "$built" ] && [ -z "$(find "$REPO_ROOT/apps" "$REPO_ROOT/libs" "$REPO_ROOT"/tsconfig*.json "$REPO_ROOT/nest-cli.json" -newer "$built" -print -quit)" ]; then
    return 0
  fi
  say "building the services"
  (cd "$REPO_ROOT" && npm run build) >"$LOG_DIR/build.log" 2>&1 || fail_with_log build "$LOG_DIR/build.log"
}

# The admin endpoints' bearer token: ADMIN_TOKEN when set, else one generated once and kept in the state folder.
admin_token() {
  local file=$STATE_DIR/admin-token
  [ -n "${ADMIN_TOKEN:-}" ] && { echo "$ADMIN_TOKEN"; return 0; }
  [ -s "$file" ] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file")
  cat "$file"
}

service_start() {
  local name=$1 port
  port=$(service_port "$name")
  if running_pid "$name" "$(service_entry "$name")" >/dev/null; then
    say "$name already running on $port"
    return 0
  fi
  ensure_port_free "$name" "$port"
  say "starting $name on $port"
  ADMIN_TOKEN=$(admin_token) NODE_OPTIONS=${NODE_OPTIONS:-$(cat "$STACK_HOME/service-node-options")} \
    spawn "$name" node --enable-source-maps "$(service_entry "$name")"
}

service_wait_ready() {
  local name=$1 pid
  pid=$(cat "$(pid_file "$name")")
  await_start "$name" "$pid" 60 http_ok "http://127.0.0.1:$(service_port "$name")/health/ready"
}

service_stop() { terminate "$1" "$(service_entry "$1")"; }

service_status() {
  local name=$1 port
  port=$(service_port "$name")
  status_line "$name" "$(running_pid "$name" "$(service_entry "$name")")" "$port" "$LOG_DIR/$name.log" \
    "http://127.0.0.1:$port/health/ready"
}
