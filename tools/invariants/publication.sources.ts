import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { createPool, PostgresEventStore } from '#libs/event-store';
import type { StoredEvent, TopicMessage } from './publication.check.js';

const PAGE = 10_000;

/** Every event in the store, in global order, read a page at a time through the store's own `readAll`. */
export const readStoredEvents = async (eventStoreUrl: string): Promise<StoredEvent[]> => {
  const pool = createPool({ connectionString: eventStoreUrl, max: 1 });
  const store = new PostgresEventStore(pool);
  const stored: StoredEvent[] = [];
  try {
    for (let after = 0n; ;) {
      const page = await store.readAll(after, PAGE);
      stored.push(
        ...page.map(({ eventId, streamId, streamVersion, type, data }) => ({
          eventId,
          streamId,
          streamVersion,
          type,
          data,
        })),
      );
      if (page.length < PAGE) return stored;
      after = page.at(-1)?.globalPosition ?? after;
    }
  } finally {
    await pool.end();
  }
};

/**
 * Every message on the topic up to the high-water marks of the moment, in partition order. A throwaway
 * consumer group that commits nothing and is deleted afterwards, so no real consumer group is disturbed.
 */
export const readTopic = async (kafka: Kafka, topic: string): Promise<TopicMessage[]> => {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `invariant-check-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  try {
    const ends = new Map(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, BigInt(high)] as const),
    );
    const messages: TopicMessage[] = [];
    const unfinished = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
    if (unfinished.size > 0) {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const end = ends.get(batch.partition) ?? 0n;
              for (const { offset, key, value, headers = {} } of batch.messages) {
                if (BigInt(offset) >= end) break;
                messages.push({
                  partition: batch.partition,
                  offset,
                  key: key?.toString(),
                  value: value?.toString(),
                  headers: Object.fromEntries(
                    Object.entries(headers).map(([name, header]) => [name, header?.toString()]),
                  ),
                });
              }
              if (BigInt(batch.lastOffset()) + 1n >= end) unfinished.delete(batch.partition);
              if (unfinished.size === 0) resolve();
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    }
    return messages;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};
