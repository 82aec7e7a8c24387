/** Where the native stack (tools/stack) puts everything; every value can be overridden by its variable. */
export const STACK_DEFAULTS = {
  /** The services' role: it reads and appends events, and cannot change them (ADR 24). */
  EVENT_STORE_URL: 'postgres://seat_app@127.0.0.1:55432/seat_reservations',
  /** The schema's owner, for migrations (and the tests' fresh databases): never a running service's. */
  EVENT_STORE_OWNER_URL: 'postgres://seat_owner@127.0.0.1:55432/seat_reservations',
  /** Where a PostgreSQL URL without a password finds it, as `postgres-<user>`; relative to the project. */
  SECRETS_DIR: '.stack/secrets',
  KAFKA_BROKERS: ['127.0.0.1:59092'],
  READ_STORE_URL: 'mongodb://127.0.0.1:57017/seat_reservations',
  COMMAND_SERVICE_PORT: 3001,
  QUERY_SERVICE_PORT: 3002,
  HOST: '127.0.0.1',
  AUTH_ISSUER: 'http://127.0.0.1:55556',
  AUTH_AUDIENCE: 'seat-reservations',
} as const;
