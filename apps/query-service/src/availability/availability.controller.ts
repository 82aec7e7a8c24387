import { Controller, Get, Inject, type MessageEvent, Param, Query, Res, Sse } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';
import { Allow } from '#libs/auth';
import { ApiPageQuery, PAGE_LINK_HEADER, pageQuery, type PageQuery, sendPage } from '../http/paging.js';
import {
  type AvailabilityQuery,
  availabilityQuery,
  conferenceParams,
  type ConferenceParams,
} from './availability.queries.js';
import { AVAILABILITY_STREAM_SETTINGS, AvailabilityStream } from './availability-stream.js';
import { type AvailabilityAnswer, GetAvailabilityQuery } from './get-availability.handler.js';
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
    @Inject(AVAILABILITY_STREAM_SETTINGS) private readonly settings: { heartbeatMs: number },
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
  availabilityStream(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
  ): Observable<MessageEvent> {
    return this.stream.open(conferenceId, this.settings.heartbeatMs);
  }
}
