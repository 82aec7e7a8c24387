import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import type { StoredEvent, TopicMessage } from './publication.check.js';

/** Every event in the store, in global order. */
export const readStoredEvents = async (eventStoreUrl: string): Promise<StoredEvent[]> => {
  const client = new pg.Client({ connectionString: eventStoreUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ event_id: string; stream_id: string; stream_version: number }>(
      'SELECT event_id, stream_id, stream_version FROM events ORDER BY global_position',
    );
    return rows.map((row) => ({ eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version }));
  } finally {
    await client.end();
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
