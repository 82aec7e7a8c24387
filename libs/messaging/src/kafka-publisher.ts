import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { MessagePublisher, OutgoingMessage, TopicSettings } from './message-publisher.js';

/**
 * acks -1 and one request in flight: a batch is acknowledged by every in-sync replica, and a retried request
 * can never overtake the one after it, so each partition keeps the order the relay sent. A failed producer
 * is dropped and a new one connects on the next batch, whatever state the old one was left in.
 */
export class KafkaPublisher implements MessagePublisher {
  private producer?: Promise<Producer>;

  constructor(private readonly kafka: Kafka) {}

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const producer = await (this.producer ??= this.connect());
    try {
      await producer.send({ topic, acks: -1, messages: [...messages] });
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private async connect(): Promise<Producer> {
    const producer = this.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    try {
      await producer.connect();
      return producer;
    } catch (error) {
      this.producer = undefined;
      throw error;
    }
  }
}

/** Creates the topic unless it exists; an existing topic is left as it is. */
export const ensureTopic = async (kafka: Kafka, { name, partitions, config }: TopicSettings): Promise<boolean> => {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Asked first: creating an existing topic works too, but kafkajs logs the broker's refusal as an error.
    if ((await admin.listTopics()).includes(name)) return false;
    return await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: name,
          numPartitions: partitions,
          configEntries: Object.entries(config).map(([configName, value]) => ({ name: configName, value })),
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
};
