import { z } from 'zod';
import { MAX_STREAM_VERSION } from '#libs/contracts';

export const eventsQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(MAX_STREAM_VERSION).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const stateQuery = z
  .strictObject({
    version: z.coerce.number().int().min(1).max(MAX_STREAM_VERSION).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(({ version, at }) => version === undefined || at === undefined, {
    message: 'give either version or at, not both',
    path: ['at'],
  });

export type EventsQuery = z.infer<typeof eventsQuery>;
export type StateQuery = z.infer<typeof stateQuery>;
