import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, type Caller, SignedInCaller } from '#libs/auth';
import { ApiPageQuery, PAGE_LINK_HEADER, pairPageQuery, type PairPageQuery, sendPage } from '../http/paging.js';
import type { HeldReservation } from './reservations.store.js';
import { GetMyReservationsQuery } from './reservations.queries.js';

/** A signed-in person's own reservations, whatever the conference. */
@ApiTags('reservations')
@Allow('signed-in')
@Controller('me/reservations')
export class MyReservationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiPageQuery('`conferenceId/reservationId`', 'id/id')
  @ApiResponse({
    status: 200,
    description:
      '[{ conferenceId, reservationId, holderId, seats, status, version }], a page in conference and reservation id order',
    headers: PAGE_LINK_HEADER,
  })
  @ApiResponse({ status: 400, description: '`limit` (1–100) or `after` (`conferenceId/reservationId`) is invalid.' })
  async mine(
    @Query({ schema: pairPageQuery }) { after, limit }: PairPageQuery,
    @SignedInCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HeldReservation[]> {
    const page = await this.queries.execute(new GetMyReservationsQuery(caller, after, limit));
    return sendPage(reply, '/me/reservations', limit, page);
  }
}
