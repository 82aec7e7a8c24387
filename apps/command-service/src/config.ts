import { type Env, type Listening, readList, readPort, readString } from '#libs/service-kit';

export interface CommandServiceConfig {
  http: Listening;
  eventStoreUrl: string;
  kafkaBrokers: string[];
}

export const loadConfig = (env: Env): CommandServiceConfig => ({
  http: { host: readString(env, 'HOST', '127.0.0.1'), port: readPort(env, 'COMMAND_SERVICE_PORT', 3001) },
  eventStoreUrl: readString(env, 'EVENT_STORE_URL', 'postgres://postgres@127.0.0.1:55432/seat_reservations'),
  kafkaBrokers: readList(env, 'KAFKA_BROKERS', ['127.0.0.1:59092']),
});
