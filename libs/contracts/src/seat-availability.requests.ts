import { z } from 'zod';
import {
  conferenceIdSchema,
  conferenceNameSchema,
  MAX_SEATS,
  positiveSeatCountSchema,
  reservationIdSchema,
  seatCountSchema,
  seatTypeSchema,
} from './identifiers.js';
import { seatQuantitySchema, uniqueSeatTypes } from './seats.js';

/** The bodies of the command-service's HTTP commands. Unknown fields are rejected. */
const MAX_SEAT_TYPES = 50;

export const createConferenceRequest = z.strictObject({
  conferenceId: conferenceIdSchema.optional(),
  name: conferenceNameSchema,
  seatTypes: z.array(seatQuantitySchema(seatCountSchema)).max(MAX_SEAT_TYPES).superRefine(uniqueSeatTypes),
});

export const changeCapacityRequest = z.strictObject({
  seatType: seatTypeSchema,
  delta: z
    .int()
    .min(-MAX_SEATS)
    .max(MAX_SEATS)
    .refine((delta) => delta !== 0, 'must not be 0'),
});

export const reserveSeatsRequest = z.strictObject({
  reservationId: reservationIdSchema.optional(),
  seats: z
    .array(seatQuantitySchema(positiveSeatCountSchema))
    .min(1, 'must name at least one seat type')
    .max(MAX_SEAT_TYPES)
    .superRefine(uniqueSeatTypes),
  allowPartial: z.boolean().default(false),
});

export type CreateConferenceRequest = z.infer<typeof createConferenceRequest>;
export type ChangeCapacityRequest = z.infer<typeof changeCapacityRequest>;
export type ReserveSeatsRequest = z.infer<typeof reserveSeatsRequest>;
