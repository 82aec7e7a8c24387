import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EVENT_HEADERS, type PublishedEvent, SEAT_AVAILABILITY_TOPIC, seatAvailabilityStream } from '#libs/contracts';
import { Partitioners } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { createKafka, ensureTopic, HISTORY_MAX_BYTES_PER_PARTITION } from '#libs/messaging';
import { packageRoot, readList, readString, STACK_DEFAULTS } from '#libs/config';
import { log, type Measurement, rawConsumerSeconds, rssMegabytes } from './support.js';

const CONFERENCES = 1_000;
/** Per conference: created, then 333 reservations each reserved, re-reserved and committed. */
const RESERVATIONS = 333;
const EVENTS = CONFERENCES * (1 + 3 * RESERVATIONS);
/** Consecutive messages mostly share a conference, so a send is one record batch: under the broker's 1 MB. */
const SEND_BATCH = 1_000;
const brokers = readList(process.env, 'KAFKA_BROKERS', STACK_DEFAULTS.KAFKA_BROKERS);
const kafka = createKafka({ clientId: 'bench-replay', brokers });
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };

/** The history as the relay would publish it, conference by conference, in stream order. */
function* history(): Generator<{ key: string; value: string; headers: Record<string, string> }> {
  const seats = [{ seatType: 'general', quantity: 1 }];
  const occurredAt = new Date().toISOString();
  let globalPosition = 0;
  for (let c = 0; c < CONFERENCES; c += 1) {
    const conferenceId = `replay-bench-${c}`;
    const events: [string, object][] = [
      [
        'ConferenceCreated',
        { conferenceId, name: conferenceId, seatTypes: [{ seatType: 'general', quantity: 1_000 }] },
      ],
    ];
    for (let r = 0; r < RESERVATIONS; r += 1) {
      const reservationId = `r${r}`;
      events.push(
        [
          'SeatsReserved',
          {
            conferenceId,
            reservationId,
            seats: [{ seatType: 'general', quantity: 2 }],
            delta: [{ seatType: 'general', quantity: 2 }],
          },
        ],
        ['SeatsReserved', { conferenceId, reservationId, seats, delta: [{ seatType: 'general', quantity: -1 }] }],
        ['SeatReservationCommitted', { conferenceId, reservationId, seats }],
      );
    }
    for (const [index, [type, data]] of events.entries()) {
      const eventId = randomUUID();
      globalPosition += 1;
      const envelope: PublishedEvent = {
        eventId,
        type,
        schemaVersion: 1,
        streamId: seatAvailabilityStream(conferenceId),
        streamVersion: index + 1,
        globalPosition,
        occurredAt,
        data,
        metadata,
      };
      yield {
        key: conferenceId,
        value: JSON.stringify(envelope),
        headers: {
          [EVENT_HEADERS.eventType]: type,
          [EVENT_HEADERS.eventId]: eventId,
          [EVENT_HEADERS.schemaVersion]: '1',
          [EVENT_HEADERS.correlationId]: 'bench',
        },
      };
    }
  }
}

const produce = async (topic: string): Promise<void> => {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  let batch: ReturnType<typeof history> extends Generator<infer M> ? M[] : never = [];
  for (const message of history()) {
    batch.push(message);
    if (batch.length === SEND_BATCH) {
      await producer.send({ topic, acks: -1, messages: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await producer.send({ topic, acks: -1, messages: batch });
  await producer.disconnect();
};

/** The replay CLI rebuilding `view` into a database of its own: seconds from its start to its switch, and its RSS. */
const replaySeconds = async (topic: string, view: string): Promise<{ seconds: number; rss: number }> => {
  const readStore = new URL(readString(process.env, 'READ_STORE_URL', STACK_DEFAULTS.READ_STORE_URL));
  readStore.pathname = `/bench_replay_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  // The heap budget `npm run replay` gives it: without one V8 lets RSS grow to about 400 MB.
  const nodeOptions = readFileSync(join(packageRoot(), 'tools/replay/node-options'), 'utf8').trim().split(/\s+/);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      join(packageRoot(), 'dist/tools/replay/replay.js'),
      '--view',
      view,
      '--topic',
      topic,
      '--read-store-url',
      readStore.toString(),
    ],
    {
      env: { ...process.env, REBUILD_GRACE_MS: '1', CONSUMER_GROUP: `bench-replay-${randomUUID()}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let rss = 0;
  const sampler = setInterval(() => (rss = Math.max(rss, rssMegabytes(child.pid ?? 0))), 100);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const client = await MongoClient.connect(readStore.toString());
  await client.db().dropDatabase();
  await client.close();
  if (code !== 0 || !output.startsWith('switched'))
    throw new Error(`the replay of ${view} failed (${code}): ${output}`);
  return { seconds, rss };
};

/** Rebuilding views from a topic of 1,000,000 events against a raw consumer of the same topic, in one run. */
export const replayBenchmarks = async (): Promise<Measurement[]> => {
  const topic = `bench-replay-${randomUUID()}`;
  await ensureTopic(kafka, {
    ...SEAT_AVAILABILITY_TOPIC,
    name: topic,
    partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions,
  });
  try {
    const producing = performance.now();
    await produce(topic);
    log(
      `replay: ${EVENTS.toLocaleString('en')} events produced in ${((performance.now() - producing) / 1000).toFixed(1)} s`,
    );
    // The raw consumer fetches as much per partition as the replay's reader.
    const raw = EVENTS / (await rawConsumerSeconds(kafka, topic, EVENTS, HISTORY_MAX_BYTES_PER_PARTITION)).fromConnect;
    const results: Measurement[] = [];
    for (const view of ['availability', 'all']) {
      const { seconds, rss } = await replaySeconds(topic, view);
      const rate = EVENTS / seconds;
      log(
        `replay --view ${view}: ${rate.toFixed(0)} events/s (raw consumer ${raw.toFixed(0)}/s), RSS ${rss.toFixed(0)} MB`,
      );
      results.push(
        {
          name: `replay --view ${view} of ${EVENTS.toLocaleString('en')} events (${CONFERENCES} conferences, ${(CONFERENCES * RESERVATIONS).toLocaleString('en')} reservations), start to switch, vs a kafkajs consumer that does nothing`,
          value: `${rate.toFixed(0)} vs ${raw.toFixed(0)} events/s`,
          ratio: rate / raw,
          target: '≥ 30,000 events/s and ≥ 0.5×',
          met: rate >= 30_000 && rate / raw >= 0.5,
        },
        {
          name: `replay --view ${view}: RSS of the replay process`,
          value: `${rss.toFixed(0)} MB at most`,
          target: '≤ 300 MB',
          met: rss <= 300,
        },
      );
    }
    return results;
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
};
