/** An offset per partition: where reading starts, where it stops, or where a group stands. */
export type Offsets = ReadonlyMap<number, bigint>;

/** The bounds of a topic's partitions as of now: the first offset still kept, and the next one to be written. */
export interface TopicBounds {
  low: Offsets;
  high: Offsets;
}

/** A message as the broker keeps it, not yet decoded: a replay hands the bytes to other threads as they are. */
export interface RawMessage {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
}

/** Consecutive messages of one partition, in offset order. */
export interface RawBatch {
  partition: number;
  messages: readonly RawMessage[];
}

/**
 * A topic read as history by the only member of a consumer group of its own, never a live one. Reads
 * may follow one another (up to the marks captured at the start, then up to later ones) without joining
 * the group again; offsets are committed only when asked, so the group can be handed to a new consumer.
 */
export interface TopicReader {
  /** The consumer group it reads through. */
  readonly group: string;
  /**
   * Hands each partition's batches in offset order from `from` up to, not including, `to`, and resolves
   * once every partition got there.
   */
  read(range: { from: Offsets; to: Offsets }, handle: (batch: RawBatch) => Promise<void>): Promise<void>;
  /** Sets where the group's next member starts. */
  commit(offsets: Offsets): Promise<void>;
  /** Leaves the group; a group nothing was committed for is deleted. */
  close(): Promise<void>;
}

export interface TopicHistory {
  bounds(topic: string): Promise<TopicBounds>;
  /** Where a consumer group has committed to on each partition; a partition it never committed is absent. */
  committed(groupId: string, topic: string): Promise<Offsets>;
  /** Joins `groupId`, which must be new, as its only member; without one, a throwaway group. */
  open(topic: string, groupId?: string): Promise<TopicReader>;
}
