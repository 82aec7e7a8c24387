import { Module } from '@nestjs/common';
import { GetSeatSalesHandler } from './get-seat-sales.handler.js';
import { SalesController } from './sales.controller.js';

@Module({
  controllers: [SalesController],
  providers: [GetSeatSalesHandler],
})
export class SalesModule {}
