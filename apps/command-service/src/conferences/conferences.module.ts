import { Module } from '@nestjs/common';
import { ChangeCapacityHandler } from './change-capacity.handler.js';
import { ConferencesController } from './conferences.controller.js';
import { CreateConferenceHandler } from './create-conference.handler.js';

@Module({
  controllers: [ConferencesController],
  providers: [CreateConferenceHandler, ChangeCapacityHandler],
})
export class ConferencesModule {}
