import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SEAT_AVAILABILITY_TOPIC, seatAvailabilityStream } from '#libs/contracts';
import { createPool, type NewEvent, PostgresEventStore } from '#libs/event-store';
import { createKafka, ensureTopic } from '#libs/messaging';
import { stackEnv } from '#libs/config';
import {
  cpuSeconds,
  freshDatabase,
  freshReadStoreUrl,
  log,
  type Measurement,
  messagesOn,
  projectedMessages,
  rawConsumerSeconds,
  readStoreInsertSeconds,
  rssMegabytes,
  startService,
  signedIn,
} from './support.js';

const CONFERENCES = 100;
const PER_CONFERENCE = 300;
const EVENTS = CONFERENCES * (PER_CONFERENCE + 1);
const RATE = 200;
const LATENCY_SECONDS = 10;
/**
 * The same load, not measured, first: each conference's first command folds its 301 events (the store was
 * filled without snapshots) and both services are still compiling their hot paths.
 */
const WARMUP_SECONDS = 2;
const COMMANDS_URL = 'http://127.0.0.1:3911';
const QUERIES_URL = 'http://127.0.0.1:3912';
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };
const kafka = createKafka({
  clientId: 'bench-projection',
  brokers: stackEnv().KAFKA_BROKERS,
});

const event = (type: string, data: object): NewEvent => ({ type, schemaVersion: 1, data, metadata });

/** A store of 100 conferences with 300 one-seat reservations each, appended directly. */
const fill = async (url: string): Promise<void> => {
  const pool = createPool({ connectionString: url, max: 2 });
  const store = new PostgresEventStore(pool);
  for (let n = 0; n < CONFERENCES; n += 1) {
    const conferenceId = `bench-${n}`;
    const seats = [{ seatType: 'general', quantity: 1 }];
    const events = [
      event('ConferenceCreated', {
        conferenceId,
        name: conferenceId,
        seatTypes: [{ seatType: 'general', quantity: 100_000 }],
      }),
      ...Array.from({ length: PER_CONFERENCE }, (_, r) =>
        event('SeatsReserved', { conferenceId, reservationId: `r${r}`, seats, delta: seats }),
      ),
    ];
    await store.append({ streamId: seatAvailabilityStream(conferenceId), expectedVersion: 0, events });
  }
  await pool.end();
};

/** A reservation document as the views hold one after its first event: the floor's unit of work. */
const reservationDocument = (n: number) => {
  const seats = [{ seatType: 'general', quantity: 1 }];
  return {
    _id: `bench-${n % CONFERENCES}/r${n}`,
    reservationId: `r${n}`,
    conferenceId: `bench-${n % CONFERENCES}`,
    seats,
    status: 'held',
    version: n,
    history: [{ type: 'SeatsReserved', version: n, seats, occurredAt: new Date().toISOString() }],
  };
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

interface Latencies {
  /** Sending the command to seeing its version in the view. */
  toView: number[];
  /** Sending the command to its answer: the command side's share. */
  command: number[];
}

/**
 * Reservations at a steady rate for `seconds`; each one's latency to its answer and to seeing its version in
 * the view, sorted.
 */
const commandToView = async (seconds: number, buyer: { authorization: string }): Promise<Latencies> => {
  const latencies: Latencies = { toView: [], command: [] };
  const pending: Promise<void>[] = [];
  for (let n = 0; n < RATE * seconds; n += 1) {
    const conferenceId = `bench-${n % CONFERENCES}`;
    pending.push(
      (async () => {
        const started = performance.now();
        const response = await fetch(`${COMMANDS_URL}/conferences/${conferenceId}/reservations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...buyer },
          body: JSON.stringify({ seats: [{ seatType: 'general', quantity: 1 }] }),
        });
        const { version } = (await response.json()) as { version: number };
        latencies.command.push(performance.now() - started);
        const view = (await (
          await fetch(`${QUERIES_URL}/conferences/${conferenceId}/availability?minVersion=${version}&waitMs=10000`)
        ).json()) as { stale: boolean };
        if (!view.stale) latencies.toView.push(performance.now() - started);
      })(),
    );
    await sleep(1000 / RATE);
  }
  await Promise.all(pending);
  latencies.toView.sort((a, b) => a - b);
  latencies.command.sort((a, b) => a - b);
  return latencies;
};

/** The query side: projection throughput from a full topic against a raw consumer, then command → view latency. */
export const projectionBenchmarks = async (): Promise<Measurement[]> => {
  const url = await freshDatabase('bench_projection');
  const topic = `bench-projection-${randomUUID()}`;
  await ensureTopic(kafka, {
    ...SEAT_AVAILABILITY_TOPIC,
    name: topic,
    partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions,
  });
  await fill(url);
  const commands = await startService('command-service', COMMANDS_URL, {
    EVENT_STORE_URL: url,
    KAFKA_TOPIC: topic,
    COMMAND_SERVICE_PORT: '3911',
  });
  const readStore = freshReadStoreUrl('projection');
  let queries: ChildProcess | undefined;
  try {
    while ((await messagesOn(kafka, topic)) < EVENTS) await sleep(250);
    const raw = (await rawConsumerSeconds(kafka, topic, EVENTS)).fromFirstMessage;
    // As many reservation documents as the topic has events (each is a new reservation), in inserts of 1,000.
    const floor = await readStoreInsertSeconds(EVENTS, 1_000, reservationDocument);
    queries = await startService('query-service', QUERIES_URL, {
      KAFKA_TOPIC: topic,
      READ_STORE_URL: readStore,
      CONSUMER_GROUP: `bench-${randomUUID()}`,
      QUERY_SERVICE_PORT: '3912',
    });
    // Timed, like the raw consumer, from the first message taken: startup and joining the group aside.
    const pid = queries.pid ?? 0;
    let maxRss = 0;
    let first: { at: number; taken: number; cpu: number } | undefined;
    for (
      let count = await projectedMessages(QUERIES_URL);
      count < EVENTS;
      count = await projectedMessages(QUERIES_URL)
    ) {
      if (!first && count > 0) first = { at: performance.now(), taken: count, cpu: cpuSeconds(pid) };
      maxRss = Math.max(maxRss, rssMegabytes(pid));
      await sleep(20);
    }
    const rate = first ? (EVENTS - first.taken) / ((performance.now() - first.at) / 1000) : Infinity;
    const cpuPerThousand = first ? ((cpuSeconds(pid) - first.cpu) * 1000 * 1000) / (EVENTS - first.taken) : 0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssMegabytes(pid))), 250);
    const buyer = await signedIn('alice');
    await commandToView(WARMUP_SECONDS, buyer);
    const { toView: latencies, command } = await commandToView(LATENCY_SECONDS, buyer);
    clearInterval(sampler);
    const [p50, p99] = [percentile(latencies, 0.5), percentile(latencies, 0.99)];
    const commandShare = `command alone p50 ${percentile(command, 0.5).toFixed(1)} ms, p99 ${percentile(command, 0.99).toFixed(1)} ms`;
    const rates = { projected: rate, raw: EVENTS / raw, floor: EVENTS / floor };
    const floorShare = `FerretDB alone inserting as many reservation documents: ${rates.floor.toFixed(0)}/s, so ${(rates.floor / rates.raw).toFixed(2)}× raw at most`;
    const cpuShare = `query-service CPU ${cpuPerThousand.toFixed(0)} ms per 1,000 events projected`;
    log(
      `projection: ${rates.projected.toFixed(0)} events/s; raw consumer ${rates.raw.toFixed(0)}/s; ${floorShare}; ${cpuShare}`,
    );
    log(
      `command → view at ${RATE}/s: ${latencies.length} of ${RATE * LATENCY_SECONDS} seen, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${commandShare}); RSS ${maxRss.toFixed(0)} MB`,
    );
    return [
      {
        name: `command → view latency at ${RATE} commands/s (POST, then GET with minVersion)`,
        value: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} of ${RATE * LATENCY_SECONDS} commands (${commandShare})`,
        target: 'p50 ≤ 15 ms, p99 ≤ 50 ms',
        met: p50 <= 15 && p99 <= 50 && latencies.length === RATE * LATENCY_SECONDS,
      },
      {
        name: `projecting ${EVENTS.toLocaleString('en')} events from a full topic into FerretDB vs FerretDB alone inserting as many documents`,
        value: `${rates.projected.toFixed(0)} vs ${rates.floor.toFixed(0)} events/s; ${(rates.projected / rates.raw).toFixed(2)}× a kafkajs consumer that does nothing (${rates.raw.toFixed(0)}/s); ${cpuShare}`,
        ratio: rates.projected / rates.floor,
        target: '≥ 0.8×',
        met: rates.projected / rates.floor >= 0.8,
      },
      {
        name: 'query-service RSS while projecting and serving',
        value: `${maxRss.toFixed(0)} MB at most`,
        target: '≤ 256 MB',
        met: maxRss <= 256,
      },
    ];
  } finally {
    commands.kill('SIGTERM');
    queries?.kill('SIGTERM');
  }
};
