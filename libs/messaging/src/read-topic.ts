import type { Kafka } from 'kafkajs';
import { KafkaTopicHistory } from './kafka-topic-history.js';
import type { IncomingMessage } from './message-consumer.js';

/** Every message on the topic up to the high-water marks of the moment, by partition and offset. */
export const readTopic = async (kafka: Kafka, topic: string): Promise<IncomingMessage[]> => {
  const history = new KafkaTopicHistory(kafka);
  const messages: IncomingMessage[] = [];
  await history.read(topic, { to: (await history.bounds(topic)).high }, (batch) => {
    messages.push(...batch.messages);
    return Promise.resolve();
  });
  return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
};
