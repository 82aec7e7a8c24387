#!/usr/bin/env bash
# The native stack: PostgreSQL, Kafka, FerretDB, the OpenID Connect provider and both services on this machine, without Docker.
set -eu

usage() {
  cat <<'HELP'
Usage: tools/stack/stack.sh <command> [component]

Commands:
  up                 install what is missing, start everything, wait until healthy, print the URLs
  infra              install what is missing and start PostgreSQL, Kafka, FerretDB and the OpenID Connect
                     provider (what the tests need)
  down               stop every process this stack started, and nothing else
  status             each component with its pid, port and health
  secrets            make the passwords compose mounts as secrets (.stack/secrets), if missing
  start <component>  start one component (postgres, kafka, ferretdb, oidc, command-service, query-service)
  stop <component>   stop one component

State and logs live in .stack/ (or $STACK_DIR). Ports: STACK_POSTGRES_PORT (55432), STACK_KAFKA_PORT (59092),
STACK_KAFKA_CONTROLLER_PORT (59093), STACK_READ_STORE_PORT (57017), STACK_OIDC_PORT (55556), COMMAND_SERVICE_PORT (3001),
QUERY_SERVICE_PORT (3002); TOPIC_PARTITIONS (3) for the event topic, which the command-service creates.
HELP
}

here=$(dirname "${BASH_SOURCE[0]}")
for part in common postgres kafka ferretdb oidc services; do
  # shellcheck source=/dev/null
  . "$here/lib/$part.sh"
done

status_line() {
  local name=$1 pid=$2 port=$3 log=$4 health_url=${5:-} health
  if [ -z "$pid" ]; then
    health=stopped
  elif [ -n "$health_url" ]; then
    http_ok "$health_url" && health=ready || health="not ready"
  else
    port_open "$port" && health=listening || health="not listening"
  fi
  printf '%-16s %-8s %-6s %-12s %s\n' "$name" "${pid:--}" "$port" "$health" "$log"
}

infra_up() {
  # The Go builds are the slowest steps of a first start, so they run beside the others.
  ferretdb_install &
  local ferretdb_build=$!
  oidc_install &
  local oidc_build=$!
  postgres_start
  kafka_start
  wait "$ferretdb_build" || exit 1
  wait "$oidc_build" || exit 1
  ferretdb_start
  oidc_start
  # The browser test of the query service's page drives Debian's Chromium.
  command -v "${CHROMIUM_PATH:-chromium}" >/dev/null || apt_install chromium
}

up() {
  node_dependencies
  infra_up
  services_build
  service_start command-service
  service_start query-service
  service_wait_ready command-service
  service_wait_ready query-service
  cat <<URLS
[stack] ready:
  command-service  http://127.0.0.1:$COMMAND_SERVICE_PORT   (OpenAPI: /docs)
  query-service    http://127.0.0.1:$QUERY_SERVICE_PORT   (OpenAPI: /docs)
  PostgreSQL       $EVENT_STORE_URL
  Kafka            $KAFKA_BROKERS  topic $TOPIC
  MongoDB wire     $READ_STORE_URL
  OpenID Connect   $AUTH_ISSUER  users olivia (organizer), alice, bob, admin: passwords in $OIDC_USERS
                   npm run token -- <user> prints an access token
  admin token      $STATE_DIR/admin-token (or ADMIN_TOKEN when set)
  logs             $LOG_DIR
URLS
}

down() {
  service_stop query-service
  service_stop command-service
  oidc_stop
  ferretdb_stop
  kafka_stop
  postgres_stop
  say "stopped"
}

status() {
  printf '%-16s %-8s %-6s %-12s %s\n' COMPONENT PID PORT HEALTH LOG
  postgres_status
  kafka_status
  ferretdb_status
  oidc_status
  service_status command-service
  service_status query-service
}

component() {
  local action=$1 name=${2:-}
  case "$name" in
    postgres | kafka | ferretdb | oidc) "${name}_$action" ;;
    command-service | query-service)
      if [ "$action" = start ]; then
        services_build
        service_start "$name"
        service_wait_ready "$name"
      else
        service_stop "$name"
      fi
      ;;
    *) fail "unknown component '$name' (postgres, kafka, ferretdb, oidc, command-service, query-service)" ;;
  esac
}

case "${1:-}" in
  up) up ;;
  infra)
    node_dependencies
    infra_up
    ;;
  down) down ;;
  status) status ;;
  secrets) postgres_secrets ;;
  start | stop) component "$1" "${2:-}" ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
