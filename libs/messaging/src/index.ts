export { type KafkaSettings } from './kafka-client.js';
export { KafkaHealthCheck } from './kafka.health-check.js';
export { MessagingModule } from './messaging.module.js';
