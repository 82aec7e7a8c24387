import type { Consumer, Kafka } from 'kafkajs';
import type { IncomingMessage, MessageConsumer, PartitionLag } from './message-consumer.js';
import type { RawMessage } from './topic-history.js';

const text = (value: Buffer | string | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : value.toString();

export const toIncoming = (partition: number, { offset, key, value, headers = {} }: RawMessage): IncomingMessage => ({
  partition,
  offset,
  key: text(key),
  value: text(value),
  headers: Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [name, text(Array.isArray(header) ? header[0] : header) ?? '']),
  ),
});

/**
 * Offsets of handled batches are committed at most every 250 ms (and when the member stops or loses a
 * partition) instead of after each batch: a commit is a broker round trip that would hold up the next
 * batch. A crash redelivers at most those 250 ms, which handlers deduplicate anyway.
 */
const COMMIT_INTERVAL_MS = 250;

/**
 * Partitions handled at the same time: kafkajs fetches all of a broker's partitions together and fetches
 * again only when every batch of the last fetch is handled, so they are written side by side rather than
 * one after another. Order within a partition is kept.
 */
const PARTITIONS_AT_ONCE = 4;

/**
 * kafkajs behind the port: a batch's offsets are resolved only once it is handled, so only those are ever
 * committed; a throw is left to kafkajs, which restarts the member from the last committed offsets.
 */
export class KafkaConsumer implements MessageConsumer {
  private consumer?: Consumer;
  private readonly lags = new Map<number, number>();
  private assignment = 0;
  private partitions: readonly number[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  async run(topic: string, handle: Parameters<MessageConsumer['run']>[1]): Promise<void> {
    // Batches of at most ~256 KiB per partition keep a batch's work (and a shutdown waiting for it) short.
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 256 * 1024,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assignment += 1;
      this.partitions = payload.memberAssignment[topic] ?? [];
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommitInterval: COMMIT_INTERVAL_MS,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (!payload.isRunning() || payload.isStale() || batch.isEmpty()) return;
        const { partition } = batch;
        const messages = batch.messages.map((message) => toIncoming(partition, message));
        await handle({ topic, partition, assignment: this.assignment, messages });
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        payload.resolveOffset(batch.lastOffset());
        this.lags.set(partition, Number(BigInt(batch.highWatermark) - BigInt(next)));
        await payload.heartbeat();
      },
    });
  }

  assigned(): readonly number[] {
    return this.partitions;
  }

  lag(): PartitionLag[] {
    return [...this.lags].map(([partition, messages]) => ({ partition, messages }));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
