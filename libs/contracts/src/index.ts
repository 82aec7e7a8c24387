export {
  conferenceIdSchema,
  conferenceNameSchema,
  MAX_SEATS,
  reservationIdSchema,
  seatTypeSchema,
} from './identifiers.js';
export {
  type EventOfType,
  SEAT_AVAILABILITY_EVENTS,
  type SeatAvailabilityEvent,
  type SeatAvailabilityEventType,
} from './seat-availability.events.js';
export { readSeatAvailabilityEvent } from './seat-availability.reader.js';
export {
  changeCapacityRequest,
  type ChangeCapacityRequest,
  createConferenceRequest,
  type CreateConferenceRequest,
  reserveSeatsRequest,
  type ReserveSeatsRequest,
} from './seat-availability.requests.js';
export { type SeatQuantity } from './seats.js';
export { conferenceIdOfStream, seatAvailabilityStream } from './streams.js';
export { SEAT_AVAILABILITY_TOPIC } from './topics.js';
export { createEventReader, type EventDefinition, UnreadableEventError, type Upcasters } from './upcasting.js';
