import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SEAT_AVAILABILITY_TOPIC, seatAvailabilityStream } from '#libs/contracts';
import { createPool, type NewEvent, PostgresEventStore } from '#libs/event-store';
import { MongoClient } from 'mongodb';
import { createKafka, ensureTopic, HISTORY_MAX_BYTES_PER_PARTITION } from '#libs/messaging';
import { packageRoot, stackEnv } from '#libs/config';
import { REPLAY_DEFAULTS } from '../apps/query-service/src/tooling.js';
import {
  freshDatabase,
  freshReadStoreUrl,
  log,
  type Measurement,
  messagesOn,
  rawConsumerSeconds,
  readStoreInsertSeconds,
  rssMegabytes,
  startService,
} from './support.js';

const CONFERENCES = 1_000;
/** Per conference: created, then 333 reservations each reserved, re-reserved and committed. */
const RESERVATIONS = 333;
const EVENTS = CONFERENCES * (1 + 3 * RESERVATIONS);
const COMMANDS_PORT = '3921';
const COMMANDS_URL = `http://127.0.0.1:${COMMANDS_PORT}`;
const brokers = stackEnv().KAFKA_BROKERS;
const kafka = createKafka({ clientId: 'bench-replay', brokers });
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };

const event = (type: string, data: object): NewEvent => ({ type, schemaVersion: 1, data, metadata });

/** A conference's events: created, then each reservation reserved, re-reserved and committed. */
const eventsOf = (conferenceId: string): NewEvent[] => {
  const seats = [{ seatType: 'general', quantity: 1 }];
  const events = [
    event('ConferenceCreated', {
      conferenceId,
      name: conferenceId,
      seatTypes: [{ seatType: 'general', quantity: 1_000 }],
    }),
  ];
  for (let r = 0; r < RESERVATIONS; r += 1) {
    const reservationId = `r${r}`;
    const held = [{ seatType: 'general', quantity: 2 }];
    events.push(
      event('SeatsReserved', { conferenceId, reservationId, seats: held, delta: held }),
      event('SeatsReserved', { conferenceId, reservationId, seats, delta: [{ seatType: 'general', quantity: -1 }] }),
      event('SeatReservationCommitted', { conferenceId, reservationId, seats }),
    );
  }
  return events;
};

/** Appends running at once while filling: the store takes them faster than one at a time. */
const FILLERS = 4;

/** The history, appended to a fresh event store (so `--verify` has a fold to compare with). */
const fill = async (url: string): Promise<void> => {
  const pool = createPool({ connectionString: url, max: FILLERS });
  const store = new PostgresEventStore(pool);
  let next = 0;
  const filler = async (): Promise<void> => {
    for (let c = next++; c < CONFERENCES; c = next++) {
      const conferenceId = `replay-bench-${c}`;
      const events = eventsOf(conferenceId);
      await store.append({ streamId: seatAvailabilityStream(conferenceId), expectedVersion: 0, events });
    }
  };
  await Promise.all(Array.from({ length: FILLERS }, filler));
  await pool.end();
};

/** The command service's relay publishes the whole store to `topic`, as it would have live. */
const publish = async (eventStoreUrl: string, topic: string): Promise<void> => {
  const commands = await startService('command-service', COMMANDS_URL, {
    EVENT_STORE_URL: eventStoreUrl,
    KAFKA_TOPIC: topic,
    COMMAND_SERVICE_PORT: COMMANDS_PORT,
  });
  try {
    while ((await messagesOn(kafka, topic)) < EVENTS) await sleep(500);
  } finally {
    commands.kill('SIGTERM');
  }
};

/** A reservation document as a replay leaves it: reserved, re-reserved and committed. */
const reservationDocument = (n: number) => {
  const seats = [{ seatType: 'general', quantity: 1 }];
  const [conference, reservation] = [Math.floor(n / RESERVATIONS), n % RESERVATIONS];
  return {
    _id: `replay-bench-${conference}/r${reservation}`,
    conferenceId: `replay-bench-${conference}`,
    reservationId: `r${reservation}`,
    seats,
    status: 'committed',
    version: 3 * reservation + 4,
    history: [2, 3, 4].map((k) => ({
      type: 'SeatsReserved',
      version: 3 * reservation + k,
      seats,
      occurredAt: new Date().toISOString(),
    })),
  };
};

/** The replay CLI rebuilding `view` into a database of its own: seconds from its start to its switch, and its RSS. */
const replaySeconds = async (
  topic: string,
  view: string,
  verifyAgainst?: string,
): Promise<{ seconds: number; rss: number }> => {
  const readStore = freshReadStoreUrl('replay');
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
      readStore,
      ...(verifyAgainst ? ['--verify', '--event-store-url', verifyAgainst] : []),
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
  const client = await MongoClient.connect(readStore);
  await client.db().dropDatabase();
  await client.close();
  if (code !== 0 || !output.startsWith('switched'))
    throw new Error(`the replay of ${view} failed (${code}): ${output}`);
  return { seconds, rss };
};

/**
 * Rebuilding views from a topic of 1,000,000 events, relayed from an event store, against a raw consumer of
 * the same topic and FerretDB's own insert floor, in one run; then the same with `--verify` against the store.
 */
export const replayBenchmarks = async (): Promise<Measurement[]> => {
  const topic = `bench-replay-${randomUUID()}`;
  await ensureTopic(kafka, {
    ...SEAT_AVAILABILITY_TOPIC,
    name: topic,
    partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions,
  });
  try {
    const eventStoreUrl = await freshDatabase('bench_replay');
    const filling = performance.now();
    await fill(eventStoreUrl);
    await publish(eventStoreUrl, topic);
    log(
      `replay: ${EVENTS.toLocaleString('en')} events stored and relayed in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
    );
    // The raw consumer fetches as much per partition as the replay's reader.
    const raw = EVENTS / (await rawConsumerSeconds(kafka, topic, EVENTS, HISTORY_MAX_BYTES_PER_PARTITION)).fromConnect;
    // The reservation documents the replay ends with, in inserts of a replay chunk's size.
    const floor = await readStoreInsertSeconds(CONFERENCES * RESERVATIONS, REPLAY_DEFAULTS.chunk, reservationDocument);
    const availability = await replaySeconds(topic, 'availability');
    const all = await replaySeconds(topic, 'all');
    const verified = await replaySeconds(topic, 'all', eventStoreUrl);
    const rate = (seconds: number) => EVENTS / seconds;
    log(
      `replay: availability ${rate(availability.seconds).toFixed(0)}/s, all ${rate(all.seconds).toFixed(0)}/s, ` +
        `all --verify ${verified.seconds.toFixed(1)} s; raw consumer ${raw.toFixed(0)}/s; FerretDB inserting the ` +
        `reservations alone ${floor.toFixed(1)} s; RSS ${availability.rss.toFixed(0)} / ${all.rss.toFixed(0)} / ${verified.rss.toFixed(0)} MB`,
    );
    const size = `${EVENTS.toLocaleString('en')} events (${CONFERENCES} conferences, ${(CONFERENCES * RESERVATIONS).toLocaleString('en')} reservations)`;
    return [
      {
        name: `replay --view availability of ${size}, start to switch, vs a kafkajs consumer that does nothing`,
        value: `${rate(availability.seconds).toFixed(0)} vs ${raw.toFixed(0)} events/s; RSS ${availability.rss.toFixed(0)} MB`,
        ratio: rate(availability.seconds) / raw,
        target: '≥ 30,000 events/s and ≥ 0.5×; RSS ≤ 300 MB',
        met: rate(availability.seconds) >= 30_000 && rate(availability.seconds) / raw >= 0.5 && availability.rss <= 300,
      },
      {
        name: `replay --view all of ${size}, start to switch, vs FerretDB alone inserting its reservation documents`,
        value: `${all.seconds.toFixed(1)} s vs ${floor.toFixed(1)} s (${rate(all.seconds).toFixed(0)} events/s, ${(rate(all.seconds) / raw).toFixed(2)}× a kafkajs consumer that does nothing); RSS ${all.rss.toFixed(0)} MB`,
        ratio: floor / all.seconds,
        target: '≥ 0.8×; RSS ≤ 300 MB',
        met: floor / all.seconds >= 0.8 && all.rss <= 300,
      },
      {
        name: `replay --view all --verify of ${size} against the event store`,
        value: `${verified.seconds.toFixed(1)} s, verified; RSS ${verified.rss.toFixed(0)} MB at most`,
        target: 'completes; RSS ≤ 300 MB',
        met: verified.rss <= 300,
      },
    ];
  } finally {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
};
