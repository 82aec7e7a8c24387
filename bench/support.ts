import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Kafka } from 'kafkajs';
import { type Document, MongoClient } from 'mongodb';
import { freshEventStore, recreateDatabase } from '#libs/event-store';
import { devToken } from '#libs/auth';
import { packageRoot, stackEnv } from '#libs/config';

const { EVENT_STORE_URL, EVENT_STORE_OWNER_URL } = stackEnv();

/**
 * A dev user's `Authorization` header, signed in at the stack's provider: loads are sent as people send
 * them, so every command pays for its token's verification.
 */
export const signedIn = async (user: 'olivia' | 'alice'): Promise<{ authorization: string }> => ({
  authorization: `Bearer ${await devToken(user)}`,
});

/**
 * A database of its own for one benchmark subject, created and migrated on every run, reached as the
 * services reach theirs (the application role); as its owner for a subject that makes its own schema.
 */
export const freshDatabase = (name: string, as: 'app' | 'owner' = 'app'): Promise<string> =>
  as === 'owner'
    ? recreateDatabase(EVENT_STORE_OWNER_URL, name)
    : freshEventStore(EVENT_STORE_OWNER_URL, EVENT_STORE_URL, name);

/** A database of its own on the stack's MongoDB-wire server, named after `name` and new on every call. */
export const freshReadStoreUrl = (name: string): string => {
  const url = new URL(stackEnv().READ_STORE_URL);
  url.pathname = `/bench_${name}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  return url.toString();
};

/**
 * The read store's own floor: seconds for the MongoDB-wire server alone to insert `count` reservation
 * documents made by `document`, `batch` at a time, into a fresh database (dropped after), nothing else running.
 */
export const readStoreInsertSeconds = async (
  count: number,
  batch: number,
  document: (n: number) => Document,
): Promise<number> => {
  const client = await MongoClient.connect(freshReadStoreUrl('floor'));
  const reservations = client.db().collection('reservations');
  const started = performance.now();
  for (let n = 0; n < count; n += batch) {
    await reservations.insertMany(Array.from({ length: Math.min(batch, count - n) }, (_, k) => document(n + k)));
  }
  const seconds = (performance.now() - started) / 1000;
  await client.db().dropDatabase();
  await client.close();
  return seconds;
};

/** Messages the query service at `url` has taken off the topic, with the outcome given or with any. */
export const projectedMessages = async (url: string, outcome = '[^"]+'): Promise<number> => {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const pattern = new RegExp(`^query_projected_messages_total\\{outcome="${outcome}"\\} (\\S+)$`, 'gm');
  return [...metrics.matchAll(pattern)].reduce((sum, [, value]) => sum + Number(value), 0);
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Runs `work` for each of `clients` concurrent workers until `perClient` operations each; operations per second. */
export const throughput = async (
  clients: number,
  perClient: number,
  work: (client: number, operation: number) => Promise<void>,
): Promise<number> => {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let operation = 0; operation < perClient; operation += 1) await work(client, operation);
    }),
  );
  return (clients * perClient) / ((performance.now() - started) / 1000);
};

export const milliseconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export interface Measurement {
  name: string;
  value: string;
  /** value ÷ baseline, or the measured quantity itself for absolute targets. */
  ratio?: number;
  target: string;
  met: boolean;
}

export const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export const rssMegabytes = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
};

/** Messages on a topic: the sum of its partitions' end offsets. */
export const messagesOn = async (kafka: Kafka, topic: string): Promise<number> => {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((sum, { high }) => sum + Number(high), 0);
};

/** CPU seconds (user and system) a process has used so far; Linux counts them in ticks of 1/100 s. */
export const cpuSeconds = (pid: number): number => {
  // The command name (field 2) may hold spaces, so fields are counted from after its closing parenthesis.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
};

/**
 * Starts a built service as the stack runs it (same flags and V8 heap budget) and waits until it is ready.
 * A load comes from one address as a handful of people, so the edge's request budgets are lifted.
 */
export const startService = async (
  name: 'command-service' | 'query-service',
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<ChildProcess> => {
  const entry = join(packageRoot(), `dist/apps/${name}/src/main.js`);
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: {
      ...process.env,
      NODE_OPTIONS: readFileSync(join(packageRoot(), 'tools/stack/service-node-options'), 'utf8').trim(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_ADDRESS: '1000000000',
      RATE_LIMIT_PER_SUBJECT: '1000000000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let waited = 0; waited < 60_000; waited += 250) {
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not become ready`);
};

/**
 * A kafkajs consumer (a group of its own) that does nothing with the messages of `topic` until it has seen
 * `messages`: seconds from connecting, and from its first message, to the last.
 */
export const rawConsumerSeconds = async (
  kafka: Kafka,
  topic: string,
  messages: number,
  maxBytesPerPartition?: number,
): Promise<{ fromConnect: number; fromFirstMessage: number }> => {
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}`, maxBytesPerPartition });
  const connecting = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let seen = 0;
  let first = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: ({ batch }) => {
        first ||= performance.now();
        seen += batch.messages.length;
        if (seen >= messages) resolve();
        return Promise.resolve();
      },
    });
  });
  const end = performance.now();
  await consumer.disconnect();
  return { fromConnect: (end - connecting) / 1000, fromFirstMessage: (end - first) / 1000 };
};
