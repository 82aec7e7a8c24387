import { Module } from '@nestjs/common';
import { ReservationsController } from './reservations.controller.js';
import { GetConferenceReservationsHandler, GetReservationHandler } from './reservations.queries.js';

@Module({
  controllers: [ReservationsController],
  providers: [GetConferenceReservationsHandler, GetReservationHandler],
})
export class ReservationsModule {}
