import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Allow, type Caller, SignedInCaller } from '#libs/auth';
import { conferenceIdSchema, reservationIdSchema } from '#libs/contracts';
import { conferenceParams, type ConferenceParams } from '../availability/availability.queries.js';
import { ApiPageQuery, PAGE_LINK_HEADER, pageQuery, type PageQuery, sendPage } from '../http/paging.js';
import type { ReservationView } from './reservation.projection.js';
import type { ReservationSummary } from './reservations.store.js';
import { GetConferenceReservationsQuery, GetReservationQuery } from './reservations.queries.js';

const reservationParams = z.strictObject({ conferenceId: conferenceIdSchema, reservationId: reservationIdSchema });

/** Reservations are not public: a conference's organizer lists them; a holder reads its own. */
@ApiTags('reservations')
@Controller('conferences/:conferenceId/reservations')
export class ReservationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow('organizer')
  @ApiPageQuery('reservation id')
  @ApiResponse({
    status: 200,
    description: '[{ reservationId, holderId, seats, status, version }], a page in reservation id order',
    headers: PAGE_LINK_HEADER,
  })
  @ApiResponse({ status: 400, description: '`limit` (1–100) or `after` (a reservation id) is invalid.' })
  @ApiResponse({ status: 403, description: 'The caller is not the conference’s organizer (nor an admin).' })
  @ApiResponse({ status: 404, description: 'The conference is not in the views.' })
  async ofConference(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Query({ schema: pageQuery }) { after, limit }: PageQuery,
    @SignedInCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReservationSummary[]> {
    const page = await this.queries.execute(new GetConferenceReservationsQuery(conferenceId, after, limit, caller));
    return sendPage(reply, `/conferences/${conferenceId}/reservations`, limit, page);
  }

  @Get(':reservationId')
  @Allow('signed-in')
  @ApiResponse({
    status: 200,
    description: '{ reservationId, conferenceId, holderId, seats, status, version, history }',
  })
  @ApiResponse({ status: 400, description: '`conferenceId` or `reservationId` is not an identifier.' })
  @ApiResponse({ status: 403, description: 'The caller is neither its holder nor the conference’s organizer.' })
  @ApiResponse({ status: 404, description: 'The reservation is not in the views.' })
  async one(
    @Param({ schema: reservationParams }) { conferenceId, reservationId }: z.infer<typeof reservationParams>,
    @SignedInCaller() caller: Caller,
  ): Promise<ReservationView> {
    return this.queries.execute(new GetReservationQuery(conferenceId, reservationId, caller));
  }
}
