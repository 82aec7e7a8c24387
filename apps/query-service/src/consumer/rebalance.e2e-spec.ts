import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { createKafka, type IncomingBatch, KafkaConsumer, type WriteBatches } from '#libs/messaging';
import { stackEnv } from '#libs/config';
import { eventually } from '#libs/testing';
import { openViews } from '../views/open-views.js';
import { FIRST_EPOCH } from '../views/view-pointers.js';
import { ParkingStore } from './parking.store.js';
import {
  checkViews,
  deleteTopics,
  freshReadStoreUrl,
  type History,
  post,
  relayed,
  writeHistory,
} from './projection.testing.js';
import { Projector } from './projector.js';

const kafka = createKafka({
  clientId: 'rebalance-e2e',
  brokers: stackEnv().KAFKA_BROKERS,
});
const readStoreUrl = freshReadStoreUrl();
const client = new MongoClient(readStoreUrl);
let history: History;
const consumers: KafkaConsumer[] = [];

/** A consumer group member projecting into the read store as the query service does. */
const member = async (groupId: string) => {
  const db = client.db();
  const projector = new Projector(await openViews(db, FIRST_EPOCH.generations), {
    parking: new ParkingStore(db),
    deadLetter: () => Promise.reject(new Error('nothing in this history is a dead letter')),
  });
  const consumer = new KafkaConsumer(kafka, groupId, 50);
  consumers.push(consumer);
  const project: WriteBatches = async (batches, { attempt, signal }) => {
    await projector.project(batches, attempt >= 2, signal);
  };
  return { consumer, projector, project };
};

/** A promise that resolves once opened. */
const gate = () => {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

/** The topic's partitions that hold messages: only those ever show in a member's lag. */
const partitionsWithMessages = async (): Promise<number[]> => {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(history.topic);
  await admin.disconnect();
  return offsets.filter(({ high }) => Number(high) > 0).map(({ partition }) => partition);
};

/** Every partition the member has (and that holds messages) is written up to the end it last fetched. */
const caughtUp = async (consumer: KafkaConsumer): Promise<void> => {
  const withMessages = await partitionsWithMessages();
  const assigned = consumer.assigned().filter((partition) => withMessages.includes(partition));
  expect(assigned.length).toBeGreaterThan(0);
  const written = consumer.lag().filter(({ partition }) => assigned.includes(partition));
  expect(written.map(({ messages, partition }) => [partition, messages]).sort()).toEqual(
    [...assigned].sort().map((partition) => [partition, 0]),
  );
};

/** One more reservation on every conference; resolves to the version each is at then. */
const reserveOnEach = async (conferenceIds: readonly string[]): Promise<Map<string, number>> => {
  const versions = new Map<string, number>();
  for (const conferenceId of conferenceIds) {
    const url = `${history.commands.url}/conferences/${conferenceId}/reservations`;
    const { status, json } = await post(url, { seats: [{ seatType: 'general', quantity: 1 }] });
    expect(status).toBe(201);
    versions.set(conferenceId, json.version);
  }
  return versions;
};

beforeAll(async () => {
  history = await writeHistory('rebalance', 18, { reservations: 4 });
  await client.connect();
}, 120_000);

afterAll(async () => {
  await Promise.all(consumers.map((consumer) => consumer.stop()));
  await client.close();
  await history?.commands.stop();
  if (history) await deleteTopics([history.topic]);
}, 60_000);

describe('a rebalance in the middle of a write (real Kafka, FerretDB)', () => {
  it('leaves the views equal to a fold when the old owner writes after the new owner has moved on', async () => {
    const conferenceIds = [...new Set(history.versions.map(({ conferenceId }) => conferenceId))];
    const groupId = `rebalance-${randomUUID()}`;
    const first = await member(groupId);
    const paused = gate();
    const late = gate();
    let writes = 0;
    let pauseAt = Number.POSITIVE_INFINITY;
    let lateWrite: { batches: readonly IncomingBatch[]; signal: AbortSignal } | undefined;
    await first.consumer.run(history.topic, async (batches, context) => {
      writes += 1;
      if (writes === pauseAt) await paused.opened;
      if (writes !== pauseAt + 1) return first.project(batches, context);
      lateWrite = { batches, signal: context.signal };
      await late.opened;
      // As a bulk command already on its way would: it lands whatever the rebalance decided meanwhile.
      await first.projector.project(batches, false);
    });
    await eventually(() => caughtUp(first.consumer), { timeoutMs: 60_000 });

    // One write waits while every conference gets a change, so the next write holds all of them.
    pauseAt = writes + 1;
    const [firstConference, ...others] = conferenceIds;
    await reserveOnEach([firstConference!]);
    await eventually(() => expect(writes).toBe(pauseAt));
    await reserveOnEach(others);
    await relayed(history.commands);
    await sleep(1_000);
    paused.open();
    await eventually(() => expect(lateWrite).toBeDefined());

    const second = await member(groupId);
    await second.consumer.run(history.topic, second.project);
    await eventually(() => expect(lateWrite!.signal.aborted).toBe(true));
    await eventually(() => caughtUp(second.consumer), { timeoutMs: 60_000 });
    const lost = lateWrite!.batches.filter(({ partition }) => second.consumer.assigned().includes(partition));
    expect(lost.length).toBeGreaterThan(0);
    // The new owner moves past the versions the old owner's late write holds.
    const latest = await reserveOnEach(conferenceIds);
    await eventually(() => {
      const written = [...second.projector.versions()];
      expect(written.length).toBeGreaterThan(0);
      expect(written).toEqual(written.map(([conferenceId]) => [conferenceId, latest.get(conferenceId)]));
    });
    late.open();

    await eventually(
      async () => {
        const report = await checkViews(history, readStoreUrl);
        expect(report).toMatchObject({ parked: [], violations: { missing: [], unexpected: [], different: [] } });
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  }, 180_000);
});
