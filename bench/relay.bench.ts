import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SEAT_AVAILABILITY_TOPIC, seatAvailabilityStream } from '#libs/contracts';
import {
  AppendNotifier,
  createPool,
  type NewEvent,
  PostgresEventStore,
  PostgresOutbox,
  PUBLICATION_START,
} from '#libs/event-store';
import { createKafka, ensureTopic, KafkaPublisher, type MessagePublisher, type OutgoingMessage } from '#libs/messaging';
import { stackEnv } from '#libs/config';
import { EventRelay, type RelaySettings, toMessage } from '../apps/command-service/src/tooling.js';
import { freshDatabase, log, type Measurement, median, throughput } from './support.js';

const EVENTS = 100_000;
const STREAMS = 100;
const BATCH = 1_000;
const LATENCY_SECONDS = 10;
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };
const kafka = createKafka({
  clientId: 'bench-relay',
  brokers: stackEnv().KAFKA_BROKERS,
});

const reserved = (conferenceId: string, n: number): NewEvent => ({
  type: 'SeatsReserved',
  schemaVersion: 1,
  data: { conferenceId, reservationId: `r${n}`, seats: [{ seatType: 'general', quantity: 1 }], delta: [] },
  metadata,
});

const freshTopic = async (): Promise<string> => {
  const name = `bench-relay-${randomUUID()}`;
  await ensureTopic(kafka, { ...SEAT_AVAILABILITY_TOPIC, name, partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions });
  return name;
};

const relaySettings = (topic: string): RelaySettings => ({
  topic: { name: topic, partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions, config: SEAT_AVAILABILITY_TOPIC.config },
  batchSize: BATCH,
  pollMs: 1_000,
  standbyPollMs: 1_000,
});

/** The relay as the service runs it, in this process, over a publisher the benchmark can watch. */
const startRelay = (url: string, publisher: MessagePublisher, topic: string): EventRelay => {
  const relay = new EventRelay(
    (onAppended) => PostgresOutbox.open(url, onAppended),
    publisher,
    kafka,
    relaySettings(topic),
  );
  relay.onApplicationBootstrap();
  return relay;
};

/** 100,000 events over 100 conferences, appended 500 at a time. */
const fill = async (store: PostgresEventStore): Promise<void> => {
  const perStream = EVENTS / STREAMS;
  for (let stream = 0; stream < STREAMS; stream += 1) {
    const conferenceId = `bench-${stream}`;
    for (let from = 0; from < perStream; from += BATCH) {
      const events = Array.from({ length: BATCH }, (_, n) => reserved(conferenceId, from + n));
      await store.append({ streamId: seatAvailabilityStream(conferenceId), expectedVersion: from, events });
    }
  }
};

/** Draining a full store with the relay, against kafkajs producing the same messages with the same settings. */
const drain = async (url: string): Promise<{ relay: number; raw: number }> => {
  const outbox = await PostgresOutbox.open(url, () => undefined);
  const messages: OutgoingMessage[] = [];
  let end = PUBLICATION_START;
  for (;;) {
    const { events } = await outbox.read(end, 10_000);
    if (events.length === 0) break;
    messages.push(...events.map(toMessage));
    end = events.at(-1)?.cursor ?? end;
  }

  const relayTopic = await freshTopic();
  const started = performance.now();
  const relay = startRelay(url, new KafkaPublisher(kafka), relayTopic);
  // The checkpoint reaches the last event once the broker has acknowledged everything.
  while ((await outbox.checkpoint(relayTopic)).globalPosition !== end.globalPosition) await sleep(20);
  const relayRate = EVENTS / ((performance.now() - started) / 1000);
  await relay.onApplicationShutdown();
  await outbox.close();

  const rawTopic = await freshTopic();
  const raw = new KafkaPublisher(kafka);
  const batches = await throughput(1, messages.length / BATCH, (_, batch) =>
    raw.publish(rawTopic, messages.slice(batch * BATCH, (batch + 1) * BATCH)),
  );
  const rawRate = batches * BATCH;
  await raw.close();
  return { relay: relayRate, raw: rawRate };
};

/** Appends one event at a time at `perSecond`, and times each from its commit to the broker's ack. */
const latency = async (url: string, perSecond: number): Promise<number[]> => {
  const pool = createPool({ connectionString: url, max: 4 });
  const store = new PostgresEventStore(pool);
  const notifier = new AppendNotifier(pool);
  const committedAt = new Map<number, number>();
  const ackedAt = new Map<number, number>();
  const inner = new KafkaPublisher(kafka);
  const watched: MessagePublisher = {
    publish: async (topic, messages) => {
      await inner.publish(topic, messages);
      const now = performance.now();
      for (const { value } of messages)
        ackedAt.set((JSON.parse(value) as { streamVersion: number }).streamVersion, now);
    },
    close: () => inner.close(),
  };
  const relay = startRelay(url, watched, await freshTopic());
  await sleep(1_000);
  const streamId = seatAvailabilityStream(`latency-${randomUUID()}`);
  const total = perSecond * LATENCY_SECONDS;
  const started = performance.now();
  const appends: Promise<void>[] = [];
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / perSecond;
    await sleep(Math.max(0, due - performance.now()));
    appends.push(
      // One stream, so appends are ordered by their expected version: each waits for the one before it.
      (async () => {
        await appends[n - 1];
        await store.append({ streamId, expectedVersion: n, events: [reserved('latency', n)] });
        committedAt.set(n + 1, performance.now());
        notifier.notify();
      })(),
    );
  }
  await Promise.all(appends);
  while (ackedAt.size < total) await sleep(50);
  await relay.onApplicationShutdown();
  await pool.end();
  // The ack can arrive before this client has seen its append return; that counts as no wait at all.
  return [...committedAt].map(([version, committed]) => Math.max(0, (ackedAt.get(version) ?? 0) - committed));
};

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export const relayBenchmarks = async (): Promise<Measurement[]> => {
  const url = await freshDatabase('bench_relay');
  const pool = createPool({ connectionString: url, max: 1 });
  await fill(new PostgresEventStore(pool));
  await pool.end();

  const rounds = [await drain(url), await drain(url), await drain(url)];
  const relay = median(rounds.map((round) => round.relay));
  const raw = median(rounds.map((round) => round.raw));
  log(`relay: drained ${EVENTS} events at ${relay.toFixed(0)}/s; kafkajs alone ${raw.toFixed(0)}/s`);

  // The most this store takes: single-event appends from 16 clients, measured now, on this machine.
  const latencyUrl = await freshDatabase('bench_relay_latency');
  const appendPool = createPool({ connectionString: latencyUrl, max: 16 });
  const appendStore = new PostgresEventStore(appendPool);
  const maximum = await throughput(16, 250, (client, n) =>
    appendStore
      .append({ streamId: seatAvailabilityStream(`max-${client}`), expectedVersion: n, events: [reserved('max', n)] })
      .then(() => undefined),
  );
  await appendPool.end();
  const perSecond = Math.round(maximum / 10);
  const latencies = await latency(latencyUrl, perSecond);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  log(
    `relay: commit → ack at ${perSecond}/s (10% of ${maximum.toFixed(0)}/s): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
  );

  return [
    {
      name: `relay draining ${EVENTS.toLocaleString('en')} stored events vs kafkajs producing the same messages`,
      value: `${relay.toFixed(0)} vs ${raw.toFixed(0)} events/s (batches of ${BATCH}, acks -1, one in flight)`,
      ratio: relay / raw,
      target: '≥ 0.7×',
      met: relay / raw >= 0.7,
    },
    {
      name: `commit → broker ack at 10% of the maximum append rate (${perSecond}/s of ${maximum.toFixed(0)}/s)`,
      value: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${latencies.length} events`,
      target: 'p99 ≤ 20 ms',
      met: p99 <= 20,
    },
  ];
};
