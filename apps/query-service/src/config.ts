import { type Env, type Listening, readList, readPort, readString, STACK_DEFAULTS } from '#libs/service-kit';

export interface QueryServiceConfig {
  http: Listening;
  readStoreUrl: string;
  kafkaBrokers: string[];
}

export const loadConfig = (env: Env): QueryServiceConfig => ({
  http: {
    host: readString(env, 'HOST', STACK_DEFAULTS.HOST),
    port: readPort(env, 'QUERY_SERVICE_PORT', STACK_DEFAULTS.QUERY_SERVICE_PORT),
  },
  readStoreUrl: readString(env, 'READ_STORE_URL', STACK_DEFAULTS.READ_STORE_URL),
  kafkaBrokers: readList(env, 'KAFKA_BROKERS', STACK_DEFAULTS.KAFKA_BROKERS),
});
