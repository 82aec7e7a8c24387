export { createKafka, type KafkaSettings } from './kafka-client.js';
export { KafkaConsumer } from './kafka-consumer.js';
export { ensureTopic, KafkaPublisher } from './kafka-publisher.js';
export { KafkaHealthCheck } from './kafka.health-check.js';
export { KAFKA } from './kafka.tokens.js';
export {
  MESSAGE_PUBLISHER,
  type MessagePublisher,
  type OutgoingMessage,
  type TopicSettings,
} from './message-publisher.js';
export {
  type IncomingBatch,
  type IncomingMessage,
  type MessageConsumer,
  OPEN_CONSUMER,
  OPEN_TAIL,
  type OpenConsumer,
  type OpenTail,
  type PartitionLag,
  type TopicTail,
  type WriteBatches,
  type WriteContext,
} from './message-consumer.js';
export { MessagingModule } from './messaging.module.js';
export { readTopic } from './read-topic.js';
export { HISTORY_MAX_BYTES_PER_PARTITION, KafkaTopicHistory } from './kafka-topic-history.js';
export type { Offsets, RawBatch, RawMessage, TopicBounds, TopicHistory, TopicReader } from './topic-history.js';
