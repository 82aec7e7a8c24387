import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { IncomingMessage, MessageConsumer, PartitionLag } from './message-consumer.js';

const text = (value: Buffer | string | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : value.toString();

export const toIncoming = (partition: number, { offset, key, value, headers = {} }: KafkaMessage): IncomingMessage => ({
  partition,
  offset,
  key: text(key),
  value: text(value),
  headers: Object.fromEntries(
    Object.entries(headers).map(([name, header]) => [name, text(Array.isArray(header) ? header[0] : header) ?? '']),
  ),
});

/**
 * kafkajs behind the port: offsets committed by hand after each handled batch (never automatically), and
 * a throw left to kafkajs, which restarts the member from the last committed offsets.
 */
export class KafkaConsumer implements MessageConsumer {
  private consumer?: Consumer;
  private readonly lags = new Map<number, number>();

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
  ) {}

  async run(topic: string, handle: Parameters<MessageConsumer['run']>[1]): Promise<void> {
    // Batches of at most ~256 KiB per partition keep a batch's work (and a shutdown waiting for it) short.
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 256 * 1024,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        if (!payload.isRunning() || payload.isStale() || batch.isEmpty()) return;
        const { partition } = batch;
        await handle({ topic, partition, messages: batch.messages.map((message) => toIncoming(partition, message)) });
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        payload.resolveOffset(batch.lastOffset());
        await consumer.commitOffsets([{ topic, partition, offset: next }]);
        this.lags.set(partition, Number(BigInt(batch.highWatermark) - BigInt(next)));
        await payload.heartbeat();
      },
    });
  }

  lag(): PartitionLag[] {
    return [...this.lags].map(([partition, messages]) => ({ partition, messages }));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
