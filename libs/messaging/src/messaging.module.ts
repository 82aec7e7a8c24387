import { type DynamicModule, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { createKafka, type KafkaSettings } from './kafka-client.js';
import { KafkaConsumer } from './kafka-consumer.js';
import { KafkaPublisher } from './kafka-publisher.js';
import { KafkaHealthCheck } from './kafka.health-check.js';
import { KAFKA } from './kafka.tokens.js';
import { OPEN_CONSUMER, OPEN_TAIL, type OpenConsumer, type OpenTail } from './message-consumer.js';
import { KafkaTopicTail } from './kafka-topic-tail.js';
import { MESSAGE_PUBLISHER } from './message-publisher.js';

@Module({})
export class MessagingModule {
  static forRoot(settings: KafkaSettings): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA, useFactory: () => createKafka(settings) },
        { provide: MESSAGE_PUBLISHER, useFactory: (kafka: Kafka) => new KafkaPublisher(kafka), inject: [KAFKA] },
        {
          provide: OPEN_CONSUMER,
          useFactory:
            (kafka: Kafka): OpenConsumer =>
            (groupId, { retryMs }) =>
              new KafkaConsumer(kafka, groupId, retryMs),
          inject: [KAFKA],
        },
        {
          provide: OPEN_TAIL,
          useFactory:
            (kafka: Kafka): OpenTail =>
            (name) =>
              new KafkaTopicTail(kafka, name),
          inject: [KAFKA],
        },
        KafkaHealthCheck,
      ],
      exports: [KAFKA, MESSAGE_PUBLISHER, OPEN_CONSUMER, OPEN_TAIL, KafkaHealthCheck],
    };
  }
}
