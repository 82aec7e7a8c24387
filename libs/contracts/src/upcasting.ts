import type { z } from 'zod';

export interface EventDefinition {
  /** The version new events are written in. */
  schemaVersion: number;
  schema: z.ZodType;
}

/** Turns data of version N into data of version N + 1, keyed by N. */
export type Upcasters = Partial<Record<string, Record<number, (data: unknown) => unknown>>>;

export class UnreadableEventError extends Error {
  constructor(
    readonly eventType: string,
    reason: string,
  ) {
    super(`cannot read event ${eventType}: ${reason}`);
  }
}

/**
 * Reads stored or published events of any schema version: upcasts them step by step to the current version,
 * then validates them. Old events are never rewritten; readers grow a step instead.
 */
export const createEventReader =
  <Definitions extends Record<string, EventDefinition>>(definitions: Definitions, upcasters: Upcasters = {}) =>
  <Event extends { type: keyof Definitions & string; data: unknown }>(
    type: string,
    schemaVersion: number,
    data: unknown,
  ): Event => {
    const definition = definitions[type];
    if (!definition) throw new UnreadableEventError(type, 'unknown event type');
    if (schemaVersion > definition.schemaVersion) {
      throw new UnreadableEventError(type, `schema version ${schemaVersion} is newer than ${definition.schemaVersion}`);
    }
    let current = data;
    for (let version = schemaVersion; version < definition.schemaVersion; version += 1) {
      const step = upcasters[type]?.[version];
      if (!step) throw new UnreadableEventError(type, `no upcaster from schema version ${version}`);
      current = step(current);
    }
    const parsed = definition.schema.safeParse(current);
    if (!parsed.success) throw new UnreadableEventError(type, parsed.error.message);
    return { type, data: parsed.data } as Event;
  };
