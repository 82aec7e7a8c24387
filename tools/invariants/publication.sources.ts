import { createPool, PostgresEventStore, type RecordedEvent } from '#libs/event-store';
import type { StoredEvent } from './publication.check.js';

const PAGE = 10_000;

/** A recorded event as the checks compare it. */
export const toStoredEvent = ({
  eventId,
  streamId,
  streamVersion,
  type,
  data,
  occurredAt,
}: RecordedEvent): StoredEvent => ({
  eventId,
  streamId,
  streamVersion,
  type,
  data,
  occurredAt: occurredAt.toISOString(),
});

/** Every event in the store, in global order, read a page at a time through the store's own `readAll`. */
export const readStoredEvents = async (eventStoreUrl: string): Promise<StoredEvent[]> => {
  const pool = createPool({ connectionString: eventStoreUrl, max: 1 });
  const store = new PostgresEventStore(pool);
  const stored: StoredEvent[] = [];
  try {
    for (let after = 0n; ;) {
      const page = await store.readAll(after, PAGE);
      stored.push(...page.map(toStoredEvent));
      if (page.length < PAGE) return stored;
      after = page.at(-1)?.globalPosition ?? after;
    }
  } finally {
    await pool.end();
  }
};
