export {
  type AppendOutcome,
  type AppendResult,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  AppendOutcomeUnknown,
  IdempotencyKeyTakenError,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type RememberedResult,
  type StreamAppend,
  WrongExpectedVersionError,
} from './event-store.js';
export { freshEventStore, onDatabase, recreateDatabase } from './database.js';
export { EventStoreModule, type EventStoreSettings, OPEN_OUTBOX, type OpenOutbox } from './event-store.module.js';
export { GroupCommit, type GroupCommitSettings } from './group-commit.js';
export { IdempotencyStore, type StoredResult } from './idempotency-store.js';
export { migrate } from './migrate.js';
export {
  EVENTS_APPENDED_CHANNEL,
  type Outbox,
  type OutboxBatch,
  PUBLICATION_START,
  type PublicationCursor,
  type PublicationLag,
  type PublishableEvent,
} from './outbox.js';
export { PostgresEventStore } from './postgres-event-store.js';
export { createPool, type PoolSettings } from './postgres-pool.js';
export { AppendNotifier, PostgresOutbox, PublicationMonitor } from './postgres-outbox.js';
export { PostgresHealthCheck } from './postgres.health-check.js';
export { type Snapshot, SnapshotStore } from './snapshot-store.js';
