/**
 * What the repository's tools and benchmarks may use of the query service (dependency-cruiser holds them
 * to it): the replay engine, the views' collection names and pointers, and the configuration.
 */
export { AVAILABILITY_COLLECTION } from './availability/availability.store.js';
export { loadConfig } from './config.js';
export { findEachById, keyOf } from './read-store/lookups.js';
export { RebuildInProgress } from './rebuild/rebuild-locks.js';
export { viewsToRebuild } from './rebuild/rebuild.request.js';
export {
  type RebuiltViews,
  Replay,
  type ReplayProgress,
  REPLAY_DEFAULTS,
  type ReplayResult,
  type ReplaySettings,
  VerificationFailed,
} from './rebuild/replay.js';
export { RESERVATIONS_COLLECTION } from './reservations/reservations.store.js';
export { SEAT_SALES_COLLECTION } from './sales/seat-sales.store.js';
export type { ViewName } from './views/view.js';
export { collectionName, readPointers } from './views/view-pointers.js';
