import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka } from 'kafkajs';
import { toIncoming } from './kafka-consumer.js';
import type { TopicTail } from './message-consumer.js';

/** A fetch with nothing new returns after this long, so stopping is quick. */
const IDLE_FETCH_MS = 500;
/**
 * The longest a stop waits for kafkajs to leave: after a broker outage its disconnect can hang in retries,
 * and a tail has nothing to commit, so nothing is lost by not waiting.
 */
const STOP_MS = 500;

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
      eachBatch: ({ batch }) => {
        if (!batch.isEmpty()) hear(batch.messages.map((message) => toIncoming(batch.partition, message)));
        return Promise.resolve();
      },
    });
  }

  async stop(): Promise<void> {
    const leaving = this.consumer?.disconnect().catch(() => undefined);
    await Promise.race([leaving, sleep(STOP_MS, undefined, { ref: false })]);
  }
}
