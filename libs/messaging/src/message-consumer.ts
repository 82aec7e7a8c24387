export interface IncomingMessage {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Record<string, string>;
}

/** Consecutive messages of one partition, in offset order. */
export interface IncomingBatch {
  topic: string;
  partition: number;
  /**
   * Which of this member's partition assignments the batch was fetched under: it changes at every
   * rebalance, after which partitions this member had may have been written by another.
   */
  assignment: number;
  messages: readonly IncomingMessage[];
}

/** How far a partition's committed position is behind its end, as of the consumer's last fetch. */
export interface PartitionLag {
  partition: number;
  messages: number;
}

/** What a write is told besides its batches. */
export interface WriteContext {
  /** 0 the first time these batches are written, then 1, 2, … each time they are tried again. */
  attempt: number;
  /** Aborted once the member has lost the batches' partitions: nothing more should be written for them. */
  signal: AbortSignal;
}

/** Writes batches of several partitions, at most one per partition, each in offset order. */
export type WriteBatches = (batches: readonly IncomingBatch[], context: WriteContext) => Promise<void>;

/**
 * A consumer group member. It fetches ahead into bounded per-partition queues while `write` works, and
 * gives `write` everything queued at once. A write that throws is tried again with the same batches after
 * a pause, until it succeeds or the partitions are lost; offsets are committed only once it succeeded. A
 * crash delivers again what was not committed: at least once, which is why writers deduplicate.
 */
export interface MessageConsumer {
  run(topic: string, write: WriteBatches): Promise<void>;
  /** The partitions the group gave this member at its last join. */
  assigned(): readonly number[];
  lag(): PartitionLag[];
  stop(): Promise<void>;
}

export const OPEN_CONSUMER = Symbol('OPEN_CONSUMER');

/** A new member of a consumer group; a failed write is tried again `retryMs` later, then doubling to 5 s. */
export type OpenConsumer = (groupId: string, options: { retryMs: number }) => MessageConsumer;

/**
 * Follows a topic from its end on every partition, as the only member of a group of its own that commits
 * nothing: for hearing of what happens, never for writing what must not be lost.
 */
export interface TopicTail {
  follow(topic: string, hear: (messages: readonly IncomingMessage[]) => void): Promise<void>;
  stop(): Promise<void>;
}

export const OPEN_TAIL = Symbol('OPEN_TAIL');

/** A new tail; `name` says whose it is in the broker's group list. */
export type OpenTail = (name: string) => TopicTail;
