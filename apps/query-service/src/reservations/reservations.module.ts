import { Module } from '@nestjs/common';
import { MyReservationsController } from './my-reservations.controller.js';
import { ReservationsController } from './reservations.controller.js';
import {
  GetConferenceReservationsHandler,
  GetMyReservationsHandler,
  GetReservationHandler,
} from './reservations.queries.js';

@Module({
  controllers: [ReservationsController, MyReservationsController],
  providers: [GetConferenceReservationsHandler, GetReservationHandler, GetMyReservationsHandler],
})
export class ReservationsModule {}
