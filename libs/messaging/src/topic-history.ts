import type { IncomingBatch } from './message-consumer.js';

/** An offset per partition: where reading starts, where it stops, or where a group stands. */
export type Offsets = ReadonlyMap<number, bigint>;

/** The bounds of a topic's partitions as of now: the first offset still kept, and the next one to be written. */
export interface TopicBounds {
  low: Offsets;
  high: Offsets;
}

/**
 * A topic read as history, outside any live consumer group: what a replay needs. `read` hands batches of
 * each partition in offset order from `from` (the earliest offsets when absent) up to, not including,
 * `to`, and resolves once every partition got there.
 */
export interface TopicHistory {
  bounds(topic: string): Promise<TopicBounds>;
  /** Where a consumer group has committed to on each partition; a partition it never committed is absent. */
  committed(groupId: string, topic: string): Promise<Offsets>;
  /** Sets where a consumer group starts; the group must have no members. */
  commit(groupId: string, topic: string, offsets: Offsets): Promise<void>;
  read(
    topic: string,
    range: { from?: Offsets; to: Offsets },
    handle: (batch: IncomingBatch) => Promise<void>,
  ): Promise<void>;
}
