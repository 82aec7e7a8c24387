import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import type { Listening } from '#libs/service-kit';
import {
  type Env,
  readList,
  readOptionalChoice,
  readPort,
  readPositiveInt,
  readString,
  STACK_DEFAULTS,
} from '#libs/config';
import type { GroupCommitSettings } from '#libs/event-store';
import { RELAY_FAILPOINTS, type RelaySettings } from './publishing/event-relay.service.js';

export interface CommandServiceConfig {
  http: Listening;
  eventStoreUrl: string;
  kafkaBrokers: string[];
  snapshotEvery: number;
  cacheEvents: number;
  maxAttempts: number;
  maxBatch: number;
  idempotencyTtlMs: number;
  groupCommit: GroupCommitSettings;
  corsOrigins: string[];
  relay: RelaySettings;
}

export const loadConfig = (env: Env): CommandServiceConfig => ({
  http: {
    host: readString(env, 'HOST', STACK_DEFAULTS.HOST),
    port: readPort(env, 'COMMAND_SERVICE_PORT', STACK_DEFAULTS.COMMAND_SERVICE_PORT),
  },
  eventStoreUrl: readString(env, 'EVENT_STORE_URL', STACK_DEFAULTS.EVENT_STORE_URL),
  kafkaBrokers: readList(env, 'KAFKA_BROKERS', STACK_DEFAULTS.KAFKA_BROKERS),
  snapshotEvery: readPositiveInt(env, 'SNAPSHOT_EVERY', 500),
  cacheEvents: readPositiveInt(env, 'STATE_CACHE_EVENTS', 100_000),
  maxAttempts: readPositiveInt(env, 'COMMAND_MAX_ATTEMPTS', 10),
  maxBatch: readPositiveInt(env, 'COMMAND_BATCH_MAX', 100),
  idempotencyTtlMs: readPositiveInt(env, 'IDEMPOTENCY_TTL_SECONDS', 24 * 60 * 60) * 1000,
  corsOrigins: readList(env, 'CORS_ORIGINS', [
    `http://127.0.0.1:${STACK_DEFAULTS.QUERY_SERVICE_PORT}`,
    `http://localhost:${STACK_DEFAULTS.QUERY_SERVICE_PORT}`,
  ]),
  groupCommit: {
    concurrency: readPositiveInt(env, 'APPEND_CONCURRENCY', 2),
    maxStreams: readPositiveInt(env, 'APPEND_MAX_STREAMS', 100),
  },
  relay: {
    topic: {
      name: readString(env, 'KAFKA_TOPIC', SEAT_AVAILABILITY_TOPIC.name),
      partitions: readPositiveInt(env, 'TOPIC_PARTITIONS', SEAT_AVAILABILITY_TOPIC.defaultPartitions),
      config: SEAT_AVAILABILITY_TOPIC.config,
    },
    batchSize: readPositiveInt(env, 'RELAY_BATCH_SIZE', 1_000),
    pollMs: readPositiveInt(env, 'RELAY_POLL_MS', 1_000),
    standbyPollMs: readPositiveInt(env, 'RELAY_STANDBY_POLL_MS', 1_000),
    failpoint: readOptionalChoice(env, 'RELAY_FAILPOINT', RELAY_FAILPOINTS),
  },
});
