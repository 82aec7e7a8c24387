import { AUTH_ENV, type AuthSettings, authSettings } from '#libs/auth';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import type { Listening } from '#libs/service-kit';
import { type Env, fromEnv, parseEnv, STACK_DEFAULTS, STACK_ENV, withPassword } from '#libs/config';
import type { GroupCommitSettings } from '#libs/event-store';
import { RELAY_FAILPOINTS, type RelaySettings } from './publishing/event-relay.service.js';

/** Every variable the command service reads (the README's configuration table), with its default. */
const COMMAND_SERVICE_ENV = STACK_ENV.extend(AUTH_ENV.shape).extend({
  HOST: fromEnv.text(STACK_DEFAULTS.HOST),
  COMMAND_SERVICE_PORT: fromEnv.port(STACK_DEFAULTS.COMMAND_SERVICE_PORT),
  MIGRATE_ON_START: fromEnv.optionalChoice(['true', 'false']),
  SNAPSHOT_EVERY: fromEnv.positiveInt(500),
  STATE_CACHE_EVENTS: fromEnv.positiveInt(100_000),
  COMMAND_MAX_ATTEMPTS: fromEnv.positiveInt(10),
  COMMAND_BATCH_MAX: fromEnv.positiveInt(100),
  COMMAND_QUEUE_MAX: fromEnv.positiveInt(1_000),
  IDEMPOTENCY_TTL_SECONDS: fromEnv.positiveInt(24 * 60 * 60),
  CORS_ORIGINS: fromEnv.list([
    `http://127.0.0.1:${STACK_DEFAULTS.QUERY_SERVICE_PORT}`,
    `http://localhost:${STACK_DEFAULTS.QUERY_SERVICE_PORT}`,
  ]),
  APPEND_CONCURRENCY: fromEnv.positiveInt(2),
  APPEND_MAX_STREAMS: fromEnv.positiveInt(100),
  KAFKA_TOPIC: fromEnv.text(SEAT_AVAILABILITY_TOPIC.name),
  TOPIC_PARTITIONS: fromEnv.positiveInt(SEAT_AVAILABILITY_TOPIC.defaultPartitions),
  RELAY_BATCH_SIZE: fromEnv.positiveInt(1_000),
  RELAY_POLL_MS: fromEnv.positiveInt(1_000),
  RELAY_STANDBY_POLL_MS: fromEnv.positiveInt(1_000),
  RELAY_FAILPOINT: fromEnv.optionalChoice(RELAY_FAILPOINTS),
});

export interface CommandServiceConfig {
  http: Listening;
  eventStoreUrl: string;
  /** The owner's URL when the service migrates the schema at start (MIGRATE_ON_START=true). */
  migrationUrl?: string;
  kafkaBrokers: string[];
  snapshotEvery: number;
  cacheEvents: number;
  maxAttempts: number;
  maxBatch: number;
  maxQueued: number;
  idempotencyTtlMs: number;
  groupCommit: GroupCommitSettings;
  corsOrigins: string[];
  auth: AuthSettings;
  relay: RelaySettings;
}

export const loadConfig = (source: Env): CommandServiceConfig => {
  const env = parseEnv(COMMAND_SERVICE_ENV, source);
  return {
    http: { host: env.HOST, port: env.COMMAND_SERVICE_PORT },
    eventStoreUrl: withPassword(env.EVENT_STORE_URL, env.SECRETS_DIR),
    ...(env.MIGRATE_ON_START === 'true' && {
      migrationUrl: withPassword(env.EVENT_STORE_OWNER_URL, env.SECRETS_DIR),
    }),
    kafkaBrokers: env.KAFKA_BROKERS,
    snapshotEvery: env.SNAPSHOT_EVERY,
    cacheEvents: env.STATE_CACHE_EVENTS,
    maxAttempts: env.COMMAND_MAX_ATTEMPTS,
    maxBatch: env.COMMAND_BATCH_MAX,
    maxQueued: env.COMMAND_QUEUE_MAX,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_SECONDS * 1000,
    corsOrigins: env.CORS_ORIGINS,
    auth: authSettings(env),
    groupCommit: { concurrency: env.APPEND_CONCURRENCY, maxStreams: env.APPEND_MAX_STREAMS },
    relay: {
      topic: { name: env.KAFKA_TOPIC, partitions: env.TOPIC_PARTITIONS, config: SEAT_AVAILABILITY_TOPIC.config },
      batchSize: env.RELAY_BATCH_SIZE,
      pollMs: env.RELAY_POLL_MS,
      standbyPollMs: env.RELAY_STANDBY_POLL_MS,
      failpoint: env.RELAY_FAILPOINT,
    },
  };
};
