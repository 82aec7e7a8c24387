import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { toIncoming } from './kafka-consumer.js';
import type { IncomingMessage } from './message-consumer.js';

/**
 * Every message on the topic up to the high-water marks of the moment, by partition and offset. A throwaway
 * consumer group that commits nothing and is deleted afterwards, so no real consumer group is disturbed.
 */
export const readTopic = async (kafka: Kafka, topic: string): Promise<IncomingMessage[]> => {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `read-topic-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, BigInt(high)] as const),
    );
    const messages: IncomingMessage[] = [];
    const unfinished = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
    if (unfinished.size > 0) {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: ({ batch }) => {
              const end = ends.get(batch.partition) ?? 0n;
              for (const message of batch.messages) {
                if (BigInt(message.offset) >= end) break;
                messages.push(toIncoming(batch.partition, message));
              }
              if (BigInt(batch.lastOffset()) + 1n >= end) unfinished.delete(batch.partition);
              if (unfinished.size === 0) resolve();
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};
