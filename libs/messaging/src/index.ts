export { createKafka, type KafkaSettings } from './kafka-client.js';
export { KafkaHealthCheck } from './kafka.health-check.js';
export { KAFKA } from './kafka.tokens.js';
export { MessagingModule } from './messaging.module.js';
