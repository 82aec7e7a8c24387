import { randomUUID } from 'node:crypto';
import { type Admin, Partitioners, type Producer } from 'kafkajs';
import { stackEnv } from '#libs/config';
import { createKafka } from './kafka-client.js';
import { KafkaTopicHistory } from './kafka-topic-history.js';
import type { Offsets, RawBatch, TopicReader } from './topic-history.js';

const kafka = createKafka({
  clientId: 'topic-history-int-spec',
  brokers: stackEnv().KAFKA_BROKERS,
});
const history = new KafkaTopicHistory(kafka);
const topic = `history-${randomUUID()}`;
let admin: Admin;
let producer: Producer;

beforeAll(async () => {
  admin = kafka.admin();
  producer = kafka.producer({ maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2 }] });
});

afterAll(async () => {
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
});

/** `count` messages on each partition, valued by partition and a running number. */
const produce = async (from: number, count: number) => {
  for (const partition of [0, 1]) {
    const messages = Array.from({ length: count }, (_, index) => ({
      partition,
      key: `k${partition}`,
      value: `p${partition}-${from + index}`,
    }));
    await producer.send({ topic, acks: -1, messages });
  }
};

const readValues = async (reader: TopicReader, range: { from: Offsets; to: Offsets }): Promise<string[]> => {
  const values: string[] = [];
  await reader.read(range, ({ messages }: RawBatch) => {
    values.push(...messages.map(({ value }) => value?.toString() ?? ''));
    return Promise.resolve();
  });
  return values.sort();
};

const groupExists = async (groupId: string) =>
  (await admin.listGroups()).groups.some((group) => group.groupId === groupId);

describe('reading a topic as history (real Kafka)', () => {
  it('reads up to marks, then on to later marks without what it read before, and hands its group on', async () => {
    await produce(0, 3);
    const { low, high } = await history.bounds(topic);
    const groupId = `history-group-${randomUUID()}`;
    const reader = await history.open(topic, groupId);
    try {
      expect(await readValues(reader, { from: low, to: high })).toEqual([
        'p0-0',
        'p0-1',
        'p0-2',
        'p1-0',
        'p1-1',
        'p1-2',
      ]);
      await produce(3, 2);
      const later = (await history.bounds(topic)).high;
      expect(await readValues(reader, { from: high, to: later })).toEqual(['p0-3', 'p0-4', 'p1-3', 'p1-4']);
      await reader.commit(
        new Map([
          [0, 4n],
          [1, 2n],
        ]),
      );
    } finally {
      await reader.close();
    }
    expect(await history.committed(groupId, topic)).toEqual(
      new Map([
        [0, 4n],
        [1, 2n],
      ]),
    );
  });

  it('deletes a group it committed nothing for', async () => {
    const { low, high } = await history.bounds(topic);
    const groupId = `history-group-${randomUUID()}`;
    const reader = await history.open(topic, groupId);
    await readValues(reader, { from: low, to: high });
    expect(await groupExists(groupId)).toBe(true);
    await reader.close();
    expect(await groupExists(groupId)).toBe(false);
  });

  it('fails the read with the handler, instead of handing the batch to kafkajs to retry', async () => {
    const { low, high } = await history.bounds(topic);
    const reader = await history.open(topic);
    let calls = 0;
    const failing = reader.read({ from: low, to: high }, () => {
      calls += 1;
      return Promise.reject(new Error('the store is down'));
    });
    await expect(failing).rejects.toThrow('the store is down');
    await reader.close();
    expect(calls).toBe(1);
  });
});
