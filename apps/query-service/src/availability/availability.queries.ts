import { z } from 'zod';
import { conferenceIdSchema, MAX_STREAM_VERSION } from '#libs/contracts';

const MAX_WAIT_MS = 10_000;

export const conferenceParams = z.strictObject({ conferenceId: conferenceIdSchema });

export const availabilityQuery = z.strictObject({
  minVersion: z.coerce.number().int().min(1).max(MAX_STREAM_VERSION).optional(),
  waitMs: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(2_000),
});

export type ConferenceParams = z.infer<typeof conferenceParams>;
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
