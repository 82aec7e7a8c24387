import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { toIncoming } from './kafka-consumer.js';
import type { IncomingBatch } from './message-consumer.js';
import type { Offsets, TopicBounds, TopicHistory } from './topic-history.js';

/** Bigger fetches than a live member's: a replay wants throughput, and holds one fetch at a time. */
const MAX_BYTES_PER_PARTITION = 4 * 1024 * 1024;

/**
 * Reads through a throwaway consumer group that commits nothing and is deleted afterwards, so no real
 * group is joined or moved.
 */
export class KafkaTopicHistory implements TopicHistory {
  constructor(private readonly kafka: Kafka) {}

  async bounds(topic: string): Promise<TopicBounds> {
    const offsets = await this.withAdmin((admin) => admin.fetchTopicOffsets(topic));
    return {
      low: new Map(offsets.map(({ partition, low }) => [partition, BigInt(low)])),
      high: new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)])),
    };
  }

  async committed(groupId: string, topic: string): Promise<Offsets> {
    const [fetched] = await this.withAdmin((admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
    return new Map(
      (fetched?.partitions ?? [])
        .filter(({ offset }) => BigInt(offset) >= 0n)
        .map(({ partition, offset }) => [partition, BigInt(offset)]),
    );
  }

  async commit(groupId: string, topic: string, offsets: Offsets): Promise<void> {
    await this.withAdmin((admin) =>
      admin.setOffsets({
        groupId,
        topic,
        partitions: [...offsets].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
      }),
    );
  }

  async read(
    topic: string,
    { from, to }: { from?: Offsets; to: Offsets },
    handle: (batch: IncomingBatch) => Promise<void>,
  ): Promise<void> {
    const unfinished = new Set(
      [...to].filter(([partition, end]) => (from?.get(partition) ?? 0n) < end).map(([p]) => p),
    );
    if (unfinished.size === 0) return;
    const groupId = `history-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxBytesPerPartition: MAX_BYTES_PER_PARTITION });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const end = to.get(batch.partition) ?? 0n;
              const messages = batch.messages
                .filter(({ offset }) => BigInt(offset) < end)
                .map((message) => toIncoming(batch.partition, message));
              if (messages.length > 0) await handle({ topic, partition: batch.partition, assignment: 0, messages });
              if (BigInt(batch.lastOffset()) + 1n >= end) unfinished.delete(batch.partition);
              if (unfinished.size === 0) resolve();
            },
          })
          .catch(reject);
        for (const [partition, offset] of from ?? []) consumer.seek({ topic, partition, offset: offset.toString() });
      });
    } finally {
      await consumer.disconnect();
      await this.withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
    }
  }

  private async withAdmin<T>(use: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }
}
