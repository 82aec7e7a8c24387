/** What a command records about itself on every event it causes. */
export interface EventMetadata {
  correlationId: string;
  causationId: string;
  idempotencyKey?: string;
  actor: string;
  serviceVersion: string;
}

export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: bigint;
  occurredAt: Date;
}

/** A result remembered under an Idempotency-Key, written atomically with the events it describes. */
export interface RememberedResult {
  key: string;
  fingerprint: string;
  result: unknown;
  expiresAt: Date;
}

export interface AppendResult {
  /** The stream's version after the append. */
  version: number;
  occurredAt: Date;
}

/** Events for one stream, written only if the stream is still at `expectedVersion` (0: it must not exist yet). */
export interface StreamAppend {
  streamId: string;
  expectedVersion: number;
  events: readonly NewEvent[];
  /** Results remembered under idempotency keys, written with the events or not at all. */
  remember?: readonly RememberedResult[];
}

/** What one stream's part of an appendMany came to. */
export type AppendOutcome = AppendResult | WrongExpectedVersionError | IdempotencyKeyTakenError;

export interface ReadStreamOptions {
  /** Only events after this stream version (exclusive); 0 reads from the start. */
  afterVersion?: number;
  /** Only events up to this stream version (inclusive). */
  toVersion?: number;
  /** Only events recorded at or before this time. */
  until?: Date;
  limit?: number;
}

/** The port the command side depends on; PostgresEventStore is its implementation. */
export interface EventStore {
  /**
   * Appends events if the stream is still at `expectedVersion` (0: the stream must not exist yet), and
   * remembers the given results with them. Throws WrongExpectedVersionError when the stream has moved on,
   * IdempotencyKeyTakenError when one of the keys was used meanwhile; either way nothing is written.
   */
  append(streamAppend: StreamAppend): Promise<AppendResult>;
  /**
   * Several streams' appends (each stream once) in one transaction, each checked against its own expected
   * version: a stream that has moved on, or a key taken meanwhile, fails that stream's part alone.
   */
  appendMany(appends: readonly StreamAppend[]): Promise<AppendOutcome[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every stream's events after a global position, in global order. */
  readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`);
  }
}

/**
 * The connection broke after the append was sent and before its answer came: it may have committed or not.
 * Only a retry under the same idempotency key can find out without doing it twice.
 */
export class AppendOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super(`the connection was lost before the append answered: ${String(cause)}`, { cause });
  }
}

export class IdempotencyKeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`idempotency key ${key} was taken by a concurrent request`);
  }
}
