import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { GetEventsHandler } from './get-events.handler.js';
import { GetStateHandler } from './get-state.handler.js';

@Module({
  controllers: [AuditController],
  providers: [GetEventsHandler, GetStateHandler],
})
export class AuditModule {}
