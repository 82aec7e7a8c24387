import type { IncomingBatch } from './message-consumer.js';

/** A fetched batch waiting to be written, and how far its partition reached when it was fetched. */
export interface Queued {
  batch: IncomingBatch;
  highWatermark: string;
}

/**
 * Fetched batches waiting to be written, a bounded queue per partition. A fetch waits while its
 * partition's queue is full (the backpressure that stops fetching when writes fall behind); the writer
 * takes everything queued at once, so one write covers every partition that has work. Batches belong to
 * one partition assignment: a new one drops what the old one queued and refuses its late batches.
 */
export class PartitionQueues {
  private readonly queues = new Map<number, Queued[]>();
  private assignment = 0;
  private closed = false;
  private changed = new Change();

  constructor(private readonly batchesPerPartition: number) {}

  /** The assignment batches fetched from now on belong to. */
  current(): number {
    return this.assignment;
  }

  /**
   * Queues a batch once its partition has room; false if its assignment ended (or the queues closed)
   * first, in which case the batch is fetched again by whoever owns the partition next.
   */
  async put(queued: Queued): Promise<boolean> {
    const { partition } = queued.batch;
    for (;;) {
      if (this.closed || queued.batch.assignment !== this.assignment) return false;
      const queue = this.queues.get(partition) ?? [];
      if (queue.length < this.batchesPerPartition) {
        queue.push(queued);
        this.queues.set(partition, queue);
        this.notify();
        return true;
      }
      await this.changed.happened;
    }
  }

  /** Everything queued, one batch per partition, waiting until there is some; empty once closed. */
  async take(): Promise<Queued[]> {
    while (this.queues.size === 0 && !this.closed) await this.changed.happened;
    const taken = [...this.queues.values()].map(joined);
    this.queues.clear();
    this.notify();
    return taken;
  }

  /** Starts a new assignment: what the old one queued is dropped and its waiting fetches are turned away. */
  reassign(): void {
    this.assignment += 1;
    this.queues.clear();
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.queues.clear();
    this.notify();
  }

  private notify(): void {
    this.changed.announce();
    this.changed = new Change();
  }
}

/** Something about the queues that waiting fetches and writers look at again once it happened. */
class Change {
  announce!: () => void;
  readonly happened = new Promise<void>((resolve) => {
    this.announce = resolve;
  });
}

/** A partition's queued batches as one: consecutive, in offset order. */
const joined = (queue: readonly Queued[]): Queued => {
  if (queue.length === 1) return queue[0]!;
  const last = queue.at(-1)!;
  return {
    batch: { ...last.batch, messages: queue.flatMap(({ batch }) => batch.messages) },
    highWatermark: last.highWatermark,
  };
};
