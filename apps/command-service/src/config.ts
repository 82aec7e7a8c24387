import { type Env, type Listening, readList, readPort, readString, STACK_DEFAULTS } from '#libs/service-kit';

export interface CommandServiceConfig {
  http: Listening;
  eventStoreUrl: string;
  kafkaBrokers: string[];
}

export const loadConfig = (env: Env): CommandServiceConfig => ({
  http: {
    host: readString(env, 'HOST', STACK_DEFAULTS.HOST),
    port: readPort(env, 'COMMAND_SERVICE_PORT', STACK_DEFAULTS.COMMAND_SERVICE_PORT),
  },
  eventStoreUrl: readString(env, 'EVENT_STORE_URL', STACK_DEFAULTS.EVENT_STORE_URL),
  kafkaBrokers: readList(env, 'KAFKA_BROKERS', STACK_DEFAULTS.KAFKA_BROKERS),
});
