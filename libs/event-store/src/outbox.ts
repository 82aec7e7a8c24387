import type { RecordedEvent } from './event-store.js';

/**
 * Where a relay has got to, in publication order: by the id of the transaction that wrote an event, then by
 * global position. Positions alone are not enough: a transaction may take a position and commit after a
 * later one, and a relay that had moved past it would never publish it.
 */
export interface PublicationCursor {
  /** An `xid8`, as text: it can exceed what a JavaScript number holds exactly. */
  transactionId: string;
  globalPosition: bigint;
}

export const PUBLICATION_START: PublicationCursor = { transactionId: '0', globalPosition: 0n };

/**
 * A stored event as the relay needs it: data and metadata stay the JSON text the store returns, since the
 * relay only copies them into a message and parsing them back and forth would be most of its work.
 */
export interface PublishableEvent extends Omit<RecordedEvent, 'data' | 'metadata'> {
  dataJson: string;
  metadataJson: string;
  correlationId: string;
  cursor: PublicationCursor;
}

export interface OutboxBatch {
  /** Committed events after the cursor that no running transaction can still precede, in publication order. */
  events: PublishableEvent[];
  /** Committed events wait behind a transaction still running; reading again shortly will find them. */
  fenced: boolean;
}

/**
 * The relay's view of the event store, over one session: it holds the relay's leadership for as long as it
 * lives and hears about appends as they commit.
 */
export interface Outbox {
  /** Becomes the one relay of `topic` unless another session is; a session that leads keeps leading. */
  tryLead(topic: string): Promise<boolean>;
  checkpoint(topic: string): Promise<PublicationCursor>;
  read(after: PublicationCursor, limit: number): Promise<OutboxBatch>;
  saveCheckpoint(topic: string, cursor: PublicationCursor): Promise<void>;
  /** True once the session's connection is gone, and with it the leadership. */
  readonly lost: boolean;
  close(): Promise<void>;
}

export interface PublicationLag {
  /** Committed events not yet acknowledged by the broker. */
  events: number;
  /** Age of the oldest of them; 0 when there are none. */
  seconds: number;
}

/** The NOTIFY channel on which appends announce themselves to the relay. */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';
