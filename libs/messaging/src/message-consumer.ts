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

/**
 * A consumer group member. `handle` gets each partition's messages batch by batch, in offset order, and
 * may be running for several partitions at once; a batch's offsets are committed only after `handle`
 * resolves, so a throw (or a crash) delivers the batch again: at least once, which is why handlers
 * deduplicate.
 */
export interface MessageConsumer {
  run(topic: string, handle: (batch: IncomingBatch) => Promise<void>): Promise<void>;
  /** The partitions the group gave this member at its last join. */
  assigned(): readonly number[];
  lag(): PartitionLag[];
  stop(): Promise<void>;
}

export const OPEN_CONSUMER = Symbol('OPEN_CONSUMER');

/** A new member of a consumer group. */
export type OpenConsumer = (groupId: string) => MessageConsumer;

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
