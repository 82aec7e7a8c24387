import { z } from 'zod';
import { conferenceIdSchema, reservationIdSchema } from '#libs/contracts';

export const conferenceParams = z.strictObject({ conferenceId: conferenceIdSchema });
export const reservationParams = z.strictObject({
  conferenceId: conferenceIdSchema,
  reservationId: reservationIdSchema,
});

export type ConferenceParams = z.infer<typeof conferenceParams>;
export type ReservationParams = z.infer<typeof reservationParams>;
