import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { reservationIdSchema } from '#libs/contracts';
import { conferenceParams, type ConferenceParams } from '../availability/availability.queries.js';
import type { ReservationView } from './reservation.projection.js';
import type { ReservationSummary } from './reservations.store.js';
import { GetConferenceReservationsQuery, GetReservationQuery } from './reservations.queries.js';

const reservationParams = z.strictObject({ reservationId: reservationIdSchema });

@ApiTags('reservations')
@Controller()
export class ReservationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('conferences/:conferenceId/reservations')
  @ApiResponse({ status: 200, description: '[{ reservationId, seats, status, version }]' })
  @ApiResponse({ status: 404, description: 'The conference is not in the views.' })
  async ofConference(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
  ): Promise<ReservationSummary[]> {
    return this.queries.execute(new GetConferenceReservationsQuery(conferenceId));
  }

  @Get('reservations/:reservationId')
  @ApiResponse({ status: 200, description: '{ reservationId, conferenceId, seats, status, version, history }' })
  @ApiResponse({ status: 404, description: 'The reservation is not in the views.' })
  async one(
    @Param({ schema: reservationParams }) { reservationId }: z.infer<typeof reservationParams>,
  ): Promise<ReservationView> {
    return this.queries.execute(new GetReservationQuery(reservationId));
  }
}
