import { z } from 'zod';

/** Kafka headers on every published event, so a consumer can route or drop a message without parsing it. */
export const EVENT_HEADERS = {
  eventType: 'event-type',
  eventId: 'event-id',
  schemaVersion: 'schema-version',
  correlationId: 'correlation-id',
} as const;

/**
 * The value of every message on the topic: the stored event and where it sits in its stream and in the
 * store. `streamVersion` is what consumers deduplicate and order by; `data` is read with the event reader.
 */
export const publishedEventSchema = z.strictObject({
  eventId: z.uuid(),
  type: z.string().min(1),
  schemaVersion: z.int().min(1),
  streamId: z.string().min(1),
  streamVersion: z.int().min(1),
  globalPosition: z.int().min(1),
  occurredAt: z.iso.datetime(),
  data: z.unknown(),
  metadata: z.looseObject({
    correlationId: z.string(),
    causationId: z.string(),
    actor: z.string(),
    serviceVersion: z.string(),
    idempotencyKey: z.string().optional(),
  }),
});

export type PublishedEvent = z.infer<typeof publishedEventSchema>;
