import { Controller, Get, type MessageEvent, Param, Query, Req, Res, Sse } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { Allow } from '#libs/auth';
import { ApiPageQuery, PAGE_LINK_HEADER, pageQuery, type PageQuery, sendPage } from '../http/paging.js';
import {
  type AvailabilityQuery,
  availabilityQuery,
  conferenceParams,
  type ConferenceParams,
} from './availability.queries.js';
import { AvailabilityStream } from './availability-stream.js';
import { type AvailabilityAnswer, conferenceNotFound, GetAvailabilityQuery } from './get-availability.handler.js';
import { LiveViews } from '../views/live-views.js';
import type { ConferenceListEntry } from './availability.store.js';
import { ListConferencesQuery } from './list-conferences.handler.js';

/** Availability is public: anyone may list conferences, read and follow their seats. */
@ApiTags('availability')
@Allow('anyone')
@Controller('conferences')
export class AvailabilityController {
  constructor(
    private readonly queries: QueryBus,
    private readonly stream: AvailabilityStream,
    private readonly views: LiveViews,
  ) {}

  @Get()
  @ApiPageQuery('conference id')
  @ApiResponse({
    status: 200,
    description: '[{ conferenceId, name, seatTypes, version }], a page in conference id order',
    headers: PAGE_LINK_HEADER,
  })
  @ApiResponse({ status: 400, description: '`limit` (1–100) or `after` (a conference id) is invalid.' })
  async list(
    @Query({ schema: pageQuery }) { after, limit }: PageQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceListEntry[]> {
    return sendPage(reply, '/conferences', limit, await this.queries.execute(new ListConferencesQuery(after, limit)));
  }

  @Get(':conferenceId/availability')
  @ApiQuery({ name: 'minVersion', required: false, description: 'Wait until the view reflects this stream version.' })
  @ApiQuery({
    name: 'waitMs',
    required: false,
    description: 'The longest wait for minVersion (default 2000, max 10000).',
  })
  @ApiResponse({
    status: 200,
    description: '{ conferenceId, name, seatTypes, version, lastEventAt, projectedAt, stale }',
  })
  @ApiResponse({ status: 404, description: 'The conference is not in the views.' })
  async availability(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Query({ schema: availabilityQuery }) { minVersion, waitMs }: AvailabilityQuery,
  ): Promise<AvailabilityAnswer> {
    return this.queries.execute(new GetAvailabilityQuery(conferenceId, minVersion, waitMs));
  }

  @Sse(':conferenceId/availability/stream')
  @ApiResponse({ status: 200, description: 'text/event-stream: the availability view on connect and on every change.' })
  @ApiResponse({ status: 404, description: 'The conference is not in the views: no stream is opened.' })
  @ApiResponse({ status: 429, description: 'This address, or the service, holds as many streams as it may.' })
  async availabilityStream(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Req() request: FastifyRequest,
  ): Promise<Observable<MessageEvent>> {
    if (!(await this.views.availability().get(conferenceId))) throw conferenceNotFound(conferenceId);
    return this.stream.follow(conferenceId, request.ip);
  }
}
