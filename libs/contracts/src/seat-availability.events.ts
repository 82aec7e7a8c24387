import { z } from 'zod';
import {
  conferenceIdSchema,
  conferenceNameSchema,
  personIdSchema,
  reservationIdSchema,
  seatTypeSchema,
} from './identifiers.js';
import { seatQuantitySchema } from './seats.js';

/**
 * Every event of a SeatAvailability stream carries everything a projection needs (the conference id, the
 * resulting capacity, the whole new hold and its change per type), so no consumer needs another source.
 */
const held = z.array(seatQuantitySchema(z.int().min(1)));
const heldDelta = z.array(seatQuantitySchema(z.int().refine((quantity) => quantity !== 0, 'must not be 0')));

const conferenceCreated = z.strictObject({
  conferenceId: conferenceIdSchema,
  name: conferenceNameSchema,
  seatTypes: z.array(seatQuantitySchema(z.int().min(0))),
  /** The person who created it and manages it; absent on conferences created before people signed in. */
  organizerId: personIdSchema.optional(),
});
const capacityChanged = z.strictObject({
  conferenceId: conferenceIdSchema,
  seatType: seatTypeSchema,
  quantity: z.int().min(1),
  capacity: z.int().min(0),
});
const seatsReserved = z.strictObject({
  conferenceId: conferenceIdSchema,
  reservationId: reservationIdSchema,
  seats: held,
  delta: heldDelta,
  /** The person the hold is for; absent on holds made before people signed in. */
  holderId: personIdSchema.optional(),
});
const reservationClosed = z.strictObject({
  conferenceId: conferenceIdSchema,
  reservationId: reservationIdSchema,
  seats: held,
});

/** Each event type with the schema version it is written in today and the schema of that version. */
export const SEAT_AVAILABILITY_EVENTS = {
  ConferenceCreated: { schemaVersion: 1, schema: conferenceCreated },
  SeatsAdded: { schemaVersion: 1, schema: capacityChanged },
  SeatsRemoved: { schemaVersion: 1, schema: capacityChanged },
  SeatsReserved: { schemaVersion: 1, schema: seatsReserved },
  SeatReservationCancelled: { schemaVersion: 1, schema: reservationClosed },
  SeatReservationCommitted: { schemaVersion: 1, schema: reservationClosed },
} as const;

type Definitions = typeof SEAT_AVAILABILITY_EVENTS;
export type SeatAvailabilityEventType = keyof Definitions;
export type SeatAvailabilityEvent = {
  [Type in SeatAvailabilityEventType]: { type: Type; data: z.infer<Definitions[Type]['schema']> };
}[SeatAvailabilityEventType];
export type EventOfType<Type extends SeatAvailabilityEventType> = Extract<SeatAvailabilityEvent, { type: Type }>;
