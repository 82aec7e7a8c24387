import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow, type Caller, SignedInCaller } from '#libs/auth';
import { conferenceParams, type ConferenceParams } from '../seat-availability/route-params.js';
import { eventsQuery, type EventsQuery, stateQuery, type StateQuery } from './audit.queries.js';
import { type AuditedEvent, GetEventsQuery } from './get-events.handler.js';
import { GetStateQuery, type StateView } from './get-state.handler.js';

/** Only a conference's organizer (or an admin) reads its audit trail and past states. */
@ApiTags('audit')
@Allow('signed-in')
@Controller('conferences/:conferenceId')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @ApiQuery({ name: 'after', required: false, description: 'Only events after this stream version (default 0).' })
  @ApiQuery({ name: 'limit', required: false, description: 'At most this many events (1 to 1000, default 100).' })
  @ApiResponse({
    status: 200,
    description: '{ events: [{ globalPosition, streamVersion, type, data, metadata, occurredAt }] }',
  })
  async events(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Query({ schema: eventsQuery }) { after, limit }: EventsQuery,
    @SignedInCaller() caller: Caller,
  ): Promise<{ events: AuditedEvent[] }> {
    return { events: await this.queries.execute(new GetEventsQuery(conferenceId, after, limit, caller)) };
  }

  @Get('state')
  @ApiQuery({ name: 'version', required: false, description: 'The state right after this stream version.' })
  @ApiQuery({ name: 'at', required: false, description: 'The state at this moment (ISO 8601 with offset).' })
  @ApiResponse({ status: 200, description: 'The state folded from the events up to then.' })
  async state(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Query({ schema: stateQuery }) { version, at }: StateQuery,
    @SignedInCaller() caller: Caller,
  ): Promise<StateView> {
    return this.queries.execute(
      new GetStateQuery(conferenceId, { version, at: at === undefined ? undefined : new Date(at) }, caller),
    );
  }
}
