import { Module } from '@nestjs/common';
import { CloseReservationHandler } from './close-reservation.handler.js';
import { ReservationsController } from './reservations.controller.js';
import { ReserveSeatsHandler } from './reserve-seats.handler.js';

@Module({
  controllers: [ReservationsController],
  providers: [ReserveSeatsHandler, CloseReservationHandler],
})
export class ReservationsModule {}
