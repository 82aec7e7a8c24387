import { randomUUID } from 'node:crypto';
import { stackEnv } from '#libs/config';
import {
  type Admin,
  ConfigResourceTypes,
  type Consumer,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import { createKafka } from './kafka-client.js';
import { ensureTopic } from './kafka-publisher.js';

const kafka = createKafka({
  clientId: 'kafka-int-spec',
  brokers: stackEnv().KAFKA_BROKERS,
});
const topic = `probe-${randomUUID()}`;
const groupId = `probe-group-${randomUUID()}`;
let admin: Admin;
let producer: Producer;
let consumer: Consumer;

beforeAll(async () => {
  admin = kafka.admin();
  producer = kafka.producer({ maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  consumer = kafka.consumer({ groupId });
  await Promise.all([admin.connect(), producer.connect(), consumer.connect()]);
});

afterAll(async () => {
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
});

describe('Kafka (real broker) with kafkajs', () => {
  it('creates a topic with the settings asked for', async () => {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
    });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(3);
  });

  it('produces with acks from all replicas, then consumes in a group and commits the offset', async () => {
    const keys = ['conference-a', 'conference-b', 'conference-a'];
    await producer.send({
      topic,
      acks: -1,
      messages: keys.map((key, index) => ({
        key,
        value: JSON.stringify({ index }),
        headers: { 'event-type': 'Probe' },
      })),
    });

    const received: KafkaMessage[] = [];
    await consumer.subscribe({ topic, fromBeginning: true });
    const allReceived = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message);
          if (received.length === keys.length) resolve();
          return Promise.resolve();
        },
      });
    });
    await allReceived;

    const ofA = received.filter((message) => message.key?.toString() === 'conference-a');
    const indexOf = (message: KafkaMessage) => (JSON.parse(message.value?.toString() ?? '') as { index: number }).index;
    expect(ofA.map(indexOf)).toEqual([0, 2]);
    expect(received.every((message) => message.headers?.['event-type']?.toString() === 'Probe')).toBe(true);

    await consumer.stop();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets?.partitions.reduce((sum, { offset }) => sum + Math.max(Number(offset), 0), 0);
    expect(committed).toBe(keys.length);
  });
});

describe('ensureTopic', () => {
  it("creates a missing topic with the contract's settings and leaves an existing one alone", async () => {
    const name = `ensured-${randomUUID()}`;
    const settings = { name, partitions: 2, config: SEAT_AVAILABILITY_TOPIC.config };
    expect(await ensureTopic(kafka, settings)).toBe(true);
    expect(await ensureTopic(kafka, { ...settings, partitions: 5 })).toBe(false);

    const [metadata] = (await admin.fetchTopicMetadata({ topics: [name] })).topics;
    expect(metadata?.partitions).toHaveLength(2);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name }],
    });
    const entries = Object.fromEntries(
      resources[0]?.configEntries.map(({ configName, configValue }) => [configName, configValue]) ?? [],
    );
    expect(entries).toMatchObject(SEAT_AVAILABILITY_TOPIC.config);
    await admin.deleteTopics({ topics: [name] });
  });
});
