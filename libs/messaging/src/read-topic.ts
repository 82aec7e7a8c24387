import type { Kafka } from 'kafkajs';
import { toIncoming } from './kafka-consumer.js';
import { KafkaTopicHistory } from './kafka-topic-history.js';
import type { IncomingMessage } from './message-consumer.js';

/** Every message on the topic up to the high-water marks of the moment, by partition and offset. */
export const readTopic = async (kafka: Kafka, topic: string): Promise<IncomingMessage[]> => {
  const history = new KafkaTopicHistory(kafka);
  const { low, high } = await history.bounds(topic);
  const reader = await history.open(topic);
  const messages: IncomingMessage[] = [];
  try {
    await reader.read({ from: low, to: high }, ({ partition, messages: batch }) => {
      for (const message of batch) messages.push(toIncoming(partition, message));
      return Promise.resolve();
    });
  } finally {
    await reader.close();
  }
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
};
