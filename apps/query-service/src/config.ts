import type { AvailabilityStreamSettings } from './availability/availability-stream.js';
import { AUTH_ENV, type AuthSettings, authSettings } from '#libs/auth';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import type { Listening } from '#libs/service-kit';
import { type Env, fromEnv, parseEnv, STACK_DEFAULTS, STACK_ENV } from '#libs/config';
import type { ConsumerSettings } from './consumer/consumer.settings.js';
import type { RebuildSettings } from './rebuild/rebuilds.service.js';
import { REPLAY_DEFAULTS } from './rebuild/replay.js';

/** Every variable the query service reads (the README's configuration table), with its default. */
const QUERY_SERVICE_ENV = STACK_ENV.extend(AUTH_ENV.shape).extend({
  HOST: fromEnv.text(STACK_DEFAULTS.HOST),
  QUERY_SERVICE_PORT: fromEnv.port(STACK_DEFAULTS.QUERY_SERVICE_PORT),
  KAFKA_TOPIC: fromEnv.text(SEAT_AVAILABILITY_TOPIC.name),
  TOPIC_PARTITIONS: fromEnv.positiveInt(SEAT_AVAILABILITY_TOPIC.defaultPartitions),
  CONSUMER_GROUP: fromEnv.text('query-service'),
  GAP_ATTEMPTS: fromEnv.positiveInt(3),
  GAP_RETRY_MS: fromEnv.positiveInt(200),
  SSE_HEARTBEAT_MS: fromEnv.positiveInt(15_000),
  SSE_MAX_STREAMS: fromEnv.positiveInt(2_000),
  SSE_MAX_STREAMS_PER_ADDRESS: fromEnv.positiveInt(20),
  REBUILD_GRACE_MS: fromEnv.positiveInt(REPLAY_DEFAULTS.graceMs),
  REBUILD_CHUNK: fromEnv.positiveInt(REPLAY_DEFAULTS.chunk),
  REBUILD_WORKERS: fromEnv.positiveInt(REPLAY_DEFAULTS.workers),
  COMMAND_SERVICE_URL: fromEnv.text(`http://127.0.0.1:${STACK_DEFAULTS.COMMAND_SERVICE_PORT}`),
});

export interface QueryServiceConfig {
  http: Listening;
  readStoreUrl: string;
  kafkaBrokers: string[];
  consumer: ConsumerSettings;
  auth: AuthSettings;
  streams: AvailabilityStreamSettings;
  commandServiceUrl: string;
  rebuild: RebuildSettings;
}

export const loadConfig = (source: Env): QueryServiceConfig => {
  const env = parseEnv(QUERY_SERVICE_ENV, source);
  const topic = env.KAFKA_TOPIC;
  const partitions = env.TOPIC_PARTITIONS;
  return {
    http: { host: env.HOST, port: env.QUERY_SERVICE_PORT },
    readStoreUrl: env.READ_STORE_URL,
    kafkaBrokers: env.KAFKA_BROKERS,
    consumer: {
      groupId: env.CONSUMER_GROUP,
      topic: { name: topic, partitions, config: SEAT_AVAILABILITY_TOPIC.config },
      deadLetterTopic: { name: `${topic}.dlq`, partitions, config: SEAT_AVAILABILITY_TOPIC.config },
      gapAttempts: env.GAP_ATTEMPTS,
      gapRetryMs: env.GAP_RETRY_MS,
    },
    auth: authSettings(env),
    streams: {
      heartbeatMs: env.SSE_HEARTBEAT_MS,
      maxStreams: env.SSE_MAX_STREAMS,
      maxStreamsPerAddress: env.SSE_MAX_STREAMS_PER_ADDRESS,
    },
    rebuild: {
      graceMs: env.REBUILD_GRACE_MS,
      chunk: env.REBUILD_CHUNK,
      workers: env.REBUILD_WORKERS,
      readStoreUrl: env.READ_STORE_URL,
    },
    commandServiceUrl: env.COMMAND_SERVICE_URL,
  };
};
