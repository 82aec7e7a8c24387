import { randomUUID } from 'node:crypto';
import type { Batch, Consumer, Kafka } from 'kafkajs';
import type { Offsets, RawBatch, TopicBounds, TopicHistory, TopicReader } from './topic-history.js';

/**
 * Eight times a live member's fetch: a replay wants throughput, but the client keeps a fetch's decoded
 * messages (and the buffers behind them) until every partition's batch is handled; 4 MiB read no faster
 * once folding moved to other threads and cost a replay about 40 MB more. A short wait: a fetch with
 * nothing to return (every partition read or paused) holds up leaving the group by up to that long.
 */
export const HISTORY_MAX_BYTES_PER_PARTITION = 2 * 1024 * 1024;
const FETCH = { maxBytesPerPartition: HISTORY_MAX_BYTES_PER_PARTITION, maxWaitTimeInMs: 100 };

type Admin = ReturnType<Kafka['admin']>;

/**
 * An admin that knows the topic's brokers: kafkajs looks a group's coordinator up in a broker pool that only
 * a metadata request fills, and a lookup in the empty pool of a fresh admin is retried ~300 ms later.
 */
const withAdmin = async <T>(kafka: Kafka, topic: string, use: (admin: Admin) => Promise<T>): Promise<T> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.fetchTopicMetadata({ topics: [topic] });
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
};

/** Consumes through its own group so that commits are plain member commits, not kafkajs' `setOffsets` (a join of its own). */
export class KafkaTopicHistory implements TopicHistory {
  constructor(private readonly kafka: Kafka) {}

  async bounds(topic: string): Promise<TopicBounds> {
    const offsets = await withAdmin(this.kafka, topic, (admin) => admin.fetchTopicOffsets(topic));
    return {
      low: new Map(offsets.map(({ partition, low }) => [partition, BigInt(low)])),
      high: new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)])),
    };
  }

  async committed(groupId: string, topic: string): Promise<Offsets> {
    const [fetched] = await withAdmin(this.kafka, topic, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
    return new Map(
      (fetched?.partitions ?? [])
        .filter(({ offset }) => BigInt(offset) >= 0n)
        .map(({ partition, offset }) => [partition, BigInt(offset)]),
    );
  }

  async open(topic: string, groupId = `history-${randomUUID()}`): Promise<TopicReader> {
    const consumer = this.kafka.consumer({ groupId, ...FETCH });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const deleteGroup = () =>
      withAdmin(this.kafka, topic, (admin) => admin.deleteGroups([groupId])).then(() => undefined);
    return new KafkaTopicReader(consumer, topic, groupId, deleteGroup);
  }
}

interface Reading {
  to: Offsets;
  unfinished: Set<number>;
  handle: (batch: RawBatch) => Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * One consumer run for every read: partitions stay paused between reads and are sought to where the next
 * read starts, so a second read costs no new group join.
 */
class KafkaTopicReader implements TopicReader {
  private reading?: Reading;
  private joined?: Promise<void>;
  private committed = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly topic: string,
    readonly group: string,
    private readonly deleteGroup: () => Promise<void>,
  ) {}

  read({ from, to }: { from: Offsets; to: Offsets }, handle: (batch: RawBatch) => Promise<void>): Promise<void> {
    const unfinished = new Set([...to].filter(([partition, end]) => (from.get(partition) ?? 0n) < end).map(([p]) => p));
    if (unfinished.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.reading = { to, unfinished, handle, resolve, reject };
      // A consumer that cannot start fails the read too.
      this.run().catch(() => undefined);
      for (const partition of unfinished) {
        this.consumer.seek({ topic: this.topic, partition, offset: (from.get(partition) ?? 0n).toString() });
      }
      this.consumer.resume([{ topic: this.topic, partitions: [...unfinished] }]);
    });
  }

  async commit(offsets: Offsets): Promise<void> {
    await this.run();
    await this.consumer.commitOffsets(
      [...offsets].map(([partition, offset]) => ({ topic: this.topic, partition, offset: offset.toString() })),
    );
    this.committed = true;
  }

  async close(): Promise<void> {
    await this.consumer.disconnect();
    if (!this.committed) await this.deleteGroup().catch(() => undefined);
  }

  /** Starts the consumer once, every partition paused; resolves when it has joined its group. */
  private run(): Promise<void> {
    this.joined ??= new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        reject(failure);
        this.reading?.reject(failure);
        this.reading = undefined;
      };
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => resolve());
      // kafkajs restarts a crashed consumer by itself; one it gives up on would leave a read waiting forever.
      this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) fail(payload.error);
      });
      this.consumer.run({ autoCommit: false, eachBatch: ({ batch }) => this.take(batch) }).catch(fail);
      this.consumer.pause([{ topic: this.topic }]);
    });
    return this.joined;
  }

  /** A failure ends the read rather than going back to kafkajs, which would retry the batch. */
  private async take(batch: Batch): Promise<void> {
    const reading = this.reading;
    if (!reading?.unfinished.has(batch.partition)) return;
    const end = reading.to.get(batch.partition)!;
    const last = BigInt(batch.lastOffset());
    const messages = last < end ? batch.messages : batch.messages.filter(({ offset }) => BigInt(offset) < end);
    try {
      if (messages.length > 0) await reading.handle({ partition: batch.partition, messages });
    } catch (error) {
      this.reading = undefined;
      this.consumer.pause([{ topic: this.topic }]);
      reading.reject(error);
      return;
    }
    if (last + 1n < end) return;
    reading.unfinished.delete(batch.partition);
    this.consumer.pause([{ topic: this.topic, partitions: [batch.partition] }]);
    if (reading.unfinished.size > 0) return;
    this.reading = undefined;
    reading.resolve();
  }
}
