import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, SignedInCaller } from '#libs/auth';
import { conferenceParams, type ConferenceParams } from '../availability/availability.queries.js';
import { GetSeatSalesQuery } from './get-seat-sales.handler.js';
import type { SeatSalesView } from './seat-sales.projection.js';

/** Sales figures are for organizers (and admins). */
@ApiTags('sales')
@Allow('organizer')
@Controller('conferences/:conferenceId/sales')
export class SalesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiResponse({
    status: 200,
    description: '{ conferenceId, version, days: [{ day, seatType, seats }] }: seats sold per UTC day',
  })
  @ApiResponse({ status: 403, description: 'The caller is not the conference’s organizer (nor an admin).' })
  @ApiResponse({ status: 404, description: 'The conference is not in the view.' })
  @ApiResponse({ status: 503, description: 'The view has not been built by a replay yet.' })
  async sales(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @SignedInCaller() caller: Caller,
  ): Promise<SeatSalesView> {
    return this.queries.execute(new GetSeatSalesQuery(conferenceId, caller));
  }
}
