/** Where the native stack (tools/stack) puts everything; every value can be overridden by its variable. */
export const STACK_DEFAULTS = {
  EVENT_STORE_URL: 'postgres://postgres@127.0.0.1:55432/seat_reservations',
  KAFKA_BROKERS: ['127.0.0.1:59092'],
  READ_STORE_URL: 'mongodb://127.0.0.1:57017/seat_reservations',
  COMMAND_SERVICE_PORT: 3001,
  QUERY_SERVICE_PORT: 3002,
  HOST: '127.0.0.1',
  AUTH_ISSUER: 'http://127.0.0.1:55556',
  AUTH_AUDIENCE: 'seat-reservations',
} as const;
