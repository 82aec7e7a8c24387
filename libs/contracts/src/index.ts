export {
  MAX_SEATS,
  MAX_STREAM_VERSION,
  conferenceIdSchema,
  conferenceReservationSchema,
  personIdSchema,
  reservationIdSchema,
} from './identifiers.js';
export { type EventOfType, SEAT_AVAILABILITY_EVENTS, type SeatAvailabilityEvent } from './seat-availability.events.js';
export { EVENT_HEADERS, type PublishedEvent, publishedEventSchema } from './published-event.js';
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
export { UnreadableEventError } from './upcasting.js';
