import { randomUUID } from 'node:crypto';
import { readString, STACK_DEFAULTS } from '#libs/service-kit';

/** The stack's event store database; tests keep out of each other's way with fresh stream ids. */
export const eventStoreUrl = (): string => readString(process.env, 'EVENT_STORE_URL', STACK_DEFAULTS.EVENT_STORE_URL);

export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;
