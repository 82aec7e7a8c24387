import { randomUUID } from 'node:crypto';
import { migrate, recreateDatabase } from '#libs/event-store';
import { stackEnv } from '#libs/config';

/** The stack's event store database; tests keep out of each other's way with fresh stream ids. */
export const eventStoreUrl = (): string => stackEnv().EVENT_STORE_URL;

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/**
 * A new, empty database on the stack's server, for a test whose store must hold only its own streams: one
 * that writes streams of its own kinds, or checks a whole store against a topic.
 */
export const freshEventStoreUrl = (prefix: string): Promise<string> =>
  recreateDatabase(eventStoreUrl(), `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`);

/** A new event store that holds no event: its tables made, nothing in them. */
export const emptyEventStoreUrl = async (prefix: string): Promise<string> => {
  const url = await freshEventStoreUrl(prefix);
  await migrate(url);
  return url;
};
