/**
 * What the repository's tools and benchmarks may use of the command service (dependency-cruiser holds them
 * to it): the relay and the repository, measured on their own, and the configuration.
 */
export { loadConfig } from './config.js';
export { EventRelay, type RelaySettings } from './publishing/event-relay.service.js';
export { toMessage } from './publishing/published-event.message.js';
export { STATE_SCHEMA_VERSION } from './seat-availability/domain/seat-availability.state.js';
export { SeatAvailabilityRepository } from './seat-availability/seat-availability.repository.js';
