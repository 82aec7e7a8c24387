import { randomBytes } from 'node:crypto';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import type { Listening } from '#libs/service-kit';
import { type Env, readList, readPort, readPositiveInt, readString, STACK_DEFAULTS } from '#libs/config';
import type { ConsumerSettings } from './consumer/consumer.settings.js';
import type { RebuildSettings } from './rebuild/rebuilds.service.js';
import { REPLAY_DEFAULTS } from './rebuild/replay.js';

export interface QueryServiceConfig {
  http: Listening;
  readStoreUrl: string;
  kafkaBrokers: string[];
  consumer: ConsumerSettings;
  /** Absent: admin endpoints answer 401 to everyone. */
  adminToken: string | undefined;
  heartbeatMs: number;
  commandServiceUrl: string;
  rebuild: RebuildSettings;
}

export const loadConfig = (env: Env): QueryServiceConfig => {
  const readStoreUrl = readString(env, 'READ_STORE_URL', STACK_DEFAULTS.READ_STORE_URL);
  const topic = readString(env, 'KAFKA_TOPIC', SEAT_AVAILABILITY_TOPIC.name);
  const partitions = readPositiveInt(env, 'TOPIC_PARTITIONS', SEAT_AVAILABILITY_TOPIC.defaultPartitions);
  return {
    http: {
      host: readString(env, 'HOST', STACK_DEFAULTS.HOST),
      port: readPort(env, 'QUERY_SERVICE_PORT', STACK_DEFAULTS.QUERY_SERVICE_PORT),
    },
    readStoreUrl,
    kafkaBrokers: readList(env, 'KAFKA_BROKERS', STACK_DEFAULTS.KAFKA_BROKERS),
    consumer: {
      groupId: readString(env, 'CONSUMER_GROUP', 'query-service'),
      topic: { name: topic, partitions, config: SEAT_AVAILABILITY_TOPIC.config },
      deadLetterTopic: { name: `${topic}.dlq`, partitions, config: SEAT_AVAILABILITY_TOPIC.config },
      gapAttempts: readPositiveInt(env, 'GAP_ATTEMPTS', 3),
      gapRetryMs: readPositiveInt(env, 'GAP_RETRY_MS', 200),
    },
    adminToken: env.ADMIN_TOKEN || undefined,
    heartbeatMs: readPositiveInt(env, 'SSE_HEARTBEAT_MS', 15_000),
    rebuild: {
      graceMs: readPositiveInt(env, 'REBUILD_GRACE_MS', REPLAY_DEFAULTS.graceMs),
      chunk: readPositiveInt(env, 'REBUILD_CHUNK', REPLAY_DEFAULTS.chunk),
      workers: readPositiveInt(env, 'REBUILD_WORKERS', REPLAY_DEFAULTS.workers),
      readStoreUrl,
    },
    commandServiceUrl: readString(
      env,
      'COMMAND_SERVICE_URL',
      `http://127.0.0.1:${STACK_DEFAULTS.COMMAND_SERVICE_PORT}`,
    ),
  };
};

/** Without a configured token, one nobody knows: admin endpoints then refuse every request. */
export const adminTokenOrUnguessable = (token: string | undefined): string => token ?? randomBytes(32).toString('hex');
