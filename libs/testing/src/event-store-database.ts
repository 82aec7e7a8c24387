import { randomUUID } from 'node:crypto';
import { freshEventStore, onDatabase } from '#libs/event-store';
import { stackEnv } from '#libs/config';

/** The stack's event store database as the services reach it: the application role, which only appends. */
export const eventStoreUrl = (): string => stackEnv().EVENT_STORE_URL;

/** The same database as its owner, which migrates the schema. */
export const eventStoreOwnerUrl = (): string => stackEnv().EVENT_STORE_OWNER_URL;

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** The database of `url` as its owner: what an operator (or an attacker with the owner's password) can do. */
export const asOwner = (url: string): string => onDatabase(eventStoreOwnerUrl(), new URL(url).pathname.slice(1));

/**
 * A new event store of its own on the stack's server, created and migrated by the owner, reached as the
 * application role: for a test whose store must hold only its own streams (one that writes streams of its
 * own kinds, or checks a whole store against a topic).
 */
export const freshEventStoreUrl = (prefix: string): Promise<string> =>
  freshEventStore(eventStoreOwnerUrl(), eventStoreUrl(), `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`);
