import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { toIncoming } from './kafka-consumer.js';
import type { TopicTail } from './message-consumer.js';

/** A fetch with nothing new returns after this long, so stopping is quick. */
const IDLE_FETCH_MS = 500;

/**
 * A kafkajs consumer in a group named for this process alone: it gets every partition, starts at their
 * ends (no offsets were ever committed for it) and commits none, so the broker forgets the group once it
 * leaves.
 */
export class KafkaTopicTail implements TopicTail {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly name: string,
  ) {}

  async follow(topic: string, hear: Parameters<TopicTail['follow']>[1]): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `${this.name}-tail-${randomUUID()}`,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: IDLE_FETCH_MS,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        if (!batch.isEmpty()) hear(batch.messages.map((message) => toIncoming(batch.partition, message)));
        return Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
