import { type DynamicModule, Module } from '@nestjs/common';
import { createKafka, type KafkaSettings } from './kafka-client.js';
import { KafkaHealthCheck } from './kafka.health-check.js';
import { KAFKA } from './kafka.tokens.js';

@Module({})
export class MessagingModule {
  static forRoot(settings: KafkaSettings): DynamicModule {
    return {
      module: MessagingModule,
      providers: [{ provide: KAFKA, useFactory: () => createKafka(settings) }, KafkaHealthCheck],
      exports: [KAFKA, KafkaHealthCheck],
    };
  }
}
