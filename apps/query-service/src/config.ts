import { type Env, type Listening, readList, readPort, readString } from '#libs/service-kit';

export interface QueryServiceConfig {
  http: Listening;
  readStoreUrl: string;
  kafkaBrokers: string[];
}

export const loadConfig = (env: Env): QueryServiceConfig => ({
  http: { host: readString(env, 'HOST', '127.0.0.1'), port: readPort(env, 'QUERY_SERVICE_PORT', 3002) },
  readStoreUrl: readString(env, 'READ_STORE_URL', 'mongodb://127.0.0.1:57017/seat_reservations'),
  kafkaBrokers: readList(env, 'KAFKA_BROKERS', ['127.0.0.1:59092']),
});
