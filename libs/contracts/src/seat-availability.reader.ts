import { SEAT_AVAILABILITY_EVENTS, type SeatAvailabilityEvent } from './seat-availability.events.js';
import { createEventReader } from './upcasting.js';

/** Every event type is still at its first schema version, so there is no upcaster yet. */
const read = createEventReader(SEAT_AVAILABILITY_EVENTS, {});

export const readSeatAvailabilityEvent = (type: string, schemaVersion: number, data: unknown): SeatAvailabilityEvent =>
  read<SeatAvailabilityEvent>(type, schemaVersion, data);
