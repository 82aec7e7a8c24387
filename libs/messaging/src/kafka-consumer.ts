import { ExponentialBackoff, handleAll, retry, type RetryPolicy } from 'cockatiel';
import type { Consumer, Kafka } from 'kafkajs';
import type { IncomingMessage, MessageConsumer, PartitionLag, WriteBatches } from './message-consumer.js';
import { PartitionQueues, type Queued } from './partition-queues.js';
import type { RawMessage } from './topic-history.js';

const text = (value: Buffer | string | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : value.toString();

export const toIncoming = (partition: number, { offset, key, value, headers = {} }: RawMessage): IncomingMessage => ({
  partition,
  offset,
  key: text(key),
  value: text(value),
  headers: Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [name, text(Array.isArray(header) ? header[0] : header) ?? '']),
  ),
});

/** A fetch takes at most ~256 KiB of a partition, and four of them wait per partition: about 1 MiB each. */
const MAX_BYTES_PER_PARTITION = 256 * 1024;
const BATCHES_PER_PARTITION = 4;
const MAX_RETRY_MS = 5_000;

/**
 * kafkajs behind the port. kafkajs fetches and queues; one loop here writes what is queued and only then
 * commits its offsets (kafkajs commits nothing itself). A rebalance aborts the write under way, drops what
 * was queued and commits nothing more of it: after joining, kafkajs fetches again from the committed offsets,
 * and what the lost partitions' new owner writes is read again from there.
 */
export class KafkaConsumer implements MessageConsumer {
  private consumer?: Consumer;
  private readonly queues = new PartitionQueues(BATCHES_PER_PARTITION);
  private readonly retry: RetryPolicy;
  /** Aborted when this member's current assignment ends. */
  private lost = new AbortController();
  private readonly stopping = new AbortController();
  private writing: Promise<void> = Promise.resolve();
  private readonly toCommit = new Map<number, string>();
  private committing?: Promise<void>;
  private readonly lags = new Map<number, number>();
  private partitions: readonly number[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    retryMs: number,
  ) {
    const backoff = new ExponentialBackoff({ initialDelay: retryMs, maxDelay: MAX_RETRY_MS });
    this.retry = retry(handleAll, { maxAttempts: Number.POSITIVE_INFINITY, backoff });
  }

  async run(topic: string, write: WriteBatches): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.REBALANCING, () => this.reassign());
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.reassign();
      this.partitions = payload.memberAssignment[topic] ?? [];
      for (const partition of this.lags.keys()) if (!this.partitions.includes(partition)) this.lags.delete(partition);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    this.writing = this.writeQueued(topic, write);
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (!payload.isRunning() || payload.isStale() || batch.isEmpty()) return;
        const { partition, highWatermark } = batch;
        const messages = batch.messages.map((message) => toIncoming(partition, message));
        const assignment = this.queues.current();
        // Resolving only moves kafkajs's fetch position on; what is committed is decided after the write.
        if (await this.queues.put({ batch: { topic, partition, assignment, messages }, highWatermark })) {
          payload.resolveOffset(batch.lastOffset());
        }
        await payload.heartbeat();
      },
    });
  }

  assigned(): readonly number[] {
    return this.partitions;
  }

  lag(): PartitionLag[] {
    return [...this.lags].map(([partition, messages]) => ({ partition, messages }));
  }

  /** The write under way ends after its current try, committed if it succeeded; nothing queued is written. */
  async stop(): Promise<void> {
    this.queues.close();
    this.stopping.abort();
    await this.writing;
    await this.committing;
    await this.consumer?.disconnect();
  }

  private reassign(): void {
    this.lost.abort();
    this.lost = new AbortController();
    this.queues.reassign();
    this.toCommit.clear();
  }

  private async writeQueued(topic: string, write: WriteBatches): Promise<void> {
    for (let taken = await this.queues.take(); taken.length > 0; taken = await this.queues.take()) {
      const batches = taken.map(({ batch }) => batch);
      if (batches[0]!.assignment !== this.queues.current()) continue;
      const lost = this.lost.signal;
      const signal = AbortSignal.any([lost, this.stopping.signal]);
      try {
        await this.retry.execute(({ attempt }) => {
          signal.throwIfAborted();
          return write(batches, { attempt, signal });
        }, signal);
      } catch {
        continue; // only once aborted: whoever owns the partitions next reads from the committed offsets
      }
      // A write that finished after its partitions were lost is not committed: it may be older than the new owner's.
      if (!lost.aborted) this.commit(topic, taken);
    }
  }

  /** One commit at a time, each of the newest written offsets: a commit never holds up the next write. */
  private commit(topic: string, written: readonly Queued[]): void {
    for (const { batch, highWatermark } of written) {
      const next = BigInt(batch.messages.at(-1)!.offset) + 1n;
      this.toCommit.set(batch.partition, next.toString());
      this.lags.set(batch.partition, Number(BigInt(highWatermark) - next));
    }
    this.committing ??= this.commitAll(topic).finally(() => {
      this.committing = undefined;
    });
  }

  private async commitAll(topic: string): Promise<void> {
    while (this.toCommit.size > 0) {
      const offsets = [...this.toCommit].map(([partition, offset]) => ({ topic, partition, offset }));
      this.toCommit.clear();
      // A commit refused (a rebalance under way) only means those messages are delivered again, deduplicated.
      await this.consumer?.commitOffsets(offsets).catch(() => undefined);
    }
  }
}
