import { randomUUID } from 'node:crypto';
import { type Admin, Partitioners } from 'kafkajs';
import { stackEnv } from '#libs/config';
import { eventually } from '#libs/testing';
import { createKafka } from './kafka-client.js';
import { KafkaConsumer } from './kafka-consumer.js';
import type { IncomingBatch, WriteBatches, WriteContext } from './message-consumer.js';

const kafka = createKafka({
  clientId: 'kafka-consumer-int-spec',
  brokers: stackEnv().KAFKA_BROKERS,
});
const PARTITIONS = 2;
const MESSAGES = 40;
let admin: Admin;
const members: KafkaConsumer[] = [];

/** Sends `MESSAGES` messages over the topic's partitions, their values numbered on from `from`. */
const produce = async (topic: string, from = 0): Promise<void> => {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: Array.from({ length: MESSAGES }, (_, n) => ({ partition: n % PARTITIONS, value: `${from + n}` })),
  });
  await producer.disconnect();
};

/** A topic of `MESSAGES` messages over its partitions; returns its name. */
const topicWithMessages = async (): Promise<string> => {
  const topic = `pipeline-${randomUUID()}`;
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS }] });
  await produce(topic);
  return topic;
};

const committed = async (groupId: string, topic: string): Promise<number> => {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return offsets!.partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
};

/** A member whose writes are recorded and can be held until released. */
const member = (groupId: string) => {
  const consumer = new KafkaConsumer(kafka, groupId, 20);
  members.push(consumer);
  const writes: { batches: readonly IncomingBatch[]; context: WriteContext }[] = [];
  const written = new Set<string>();
  let hold: Promise<void> | undefined;
  let release = (): void => undefined;
  const write: WriteBatches = async (batches, context) => {
    writes.push({ batches, context });
    if (hold) await hold;
    context.signal.throwIfAborted();
    for (const { messages } of batches) for (const { value } of messages) written.add(value!);
  };
  return {
    consumer,
    writes,
    written,
    write,
    holdWrites: () => {
      hold = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      hold = undefined;
      release();
    },
  };
};

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await Promise.all(members.map((consumer) => consumer.stop()));
  await admin.disconnect();
});

describe('KafkaConsumer: fetch ahead, write what is queued, commit after the write (real broker)', () => {
  it('commits nothing before the write succeeds, and tries a failed write again with the same batches', async () => {
    const topic = await topicWithMessages();
    const groupId = `pipeline-${randomUUID()}`;
    const one = member(groupId);
    one.holdWrites();
    let failures = 1;
    await one.consumer.run(topic, async (batches, context) => {
      await one.write(batches, context);
      if (failures-- > 0) throw new Error('the store is away');
    });

    await eventually(() => expect(one.writes.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await committed(groupId, topic)).toBe(0);
    one.release();

    await eventually(async () => expect(await committed(groupId, topic)).toBe(MESSAGES));
    expect(one.written.size).toBe(MESSAGES);
    const [first, second] = one.writes;
    expect(second!.batches).toEqual(first!.batches);
    expect([first!.context.attempt, second!.context.attempt]).toEqual([0, 1]);
    expect(one.consumer.lag()).toEqual(
      expect.arrayContaining([...Array(PARTITIONS).keys()].map((partition) => ({ partition, messages: 0 }))),
    );
  }, 60_000);

  it('goes on fetching while a write is under way, and writes every partition fetched meanwhile in one write', async () => {
    const topic = await topicWithMessages();
    const one = member(`pipeline-${randomUUID()}`);
    one.holdWrites();
    await one.consumer.run(topic, one.write);
    await eventually(() => expect(one.writes.length).toBe(1));

    await produce(topic, MESSAGES);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    one.release();

    await eventually(() => expect(one.written.size).toBe(2 * MESSAGES));
    const [, next] = one.writes;
    expect(next!.batches.map(({ partition }) => partition).sort()).toEqual([0, 1]);
  }, 60_000);

  it('aborts a write when a rebalance takes its partitions away, commits none of it, and its messages are read again', async () => {
    const topic = await topicWithMessages();
    const groupId = `pipeline-${randomUUID()}`;
    const one = member(groupId);
    one.holdWrites();
    await one.consumer.run(topic, one.write);
    await eventually(() => expect(one.writes.length).toBe(1));
    const interrupted = one.writes[0]!;

    const two = member(groupId);
    await two.consumer.run(topic, two.write);
    await eventually(() => expect(interrupted.context.signal.aborted).toBe(true));
    one.release();

    await eventually(async () => expect(await committed(groupId, topic)).toBe(MESSAGES));
    expect(new Set([...one.written, ...two.written]).size).toBe(MESSAGES);
    const rewritten = [...one.writes.slice(1), ...two.writes].flatMap(({ batches }) => batches);
    for (const { partition, messages } of interrupted.batches) {
      const again = rewritten.filter((batch) => batch.partition === partition).flatMap((batch) => batch.messages);
      expect(again.map(({ offset }) => offset)).toEqual(expect.arrayContaining(messages.map(({ offset }) => offset)));
    }
  }, 90_000);
});
