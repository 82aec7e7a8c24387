import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Caller, forbidden, mayManage } from '#libs/auth';
import { seatAvailabilityStream } from '#libs/contracts';
import { EVENT_STORE, type EventMetadata, type EventStore } from '#libs/event-store';
import { conferenceNotFound } from './conference-not-found.problem.js';

export interface AuditedEvent {
  globalPosition: number;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  occurredAt: string;
}

export class GetEventsQuery extends Query<AuditedEvent[]> {
  constructor(
    readonly conferenceId: string,
    readonly after: number,
    readonly limit: number,
    readonly caller: Caller,
  ) {
    super();
  }
}

/** The conference's events as they were recorded: the audit trail, paged by stream version, for its organizer. */
@QueryHandler(GetEventsQuery)
export class GetEventsHandler implements IQueryHandler<GetEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ conferenceId, after, limit, caller }: GetEventsQuery): Promise<AuditedEvent[]> {
    const stream = seatAvailabilityStream(conferenceId);
    const [created] = await this.store.readStream(stream, { limit: 1 });
    if (!created) throw conferenceNotFound(conferenceId);
    if (!mayManage(caller, (created.data as { organizerId?: string }).organizerId)) {
      throw forbidden("only the conference's organizer may read its audit trail");
    }
    const events = await this.store.readStream(stream, { afterVersion: after, limit });
    return events.map((event) => ({
      globalPosition: Number(event.globalPosition),
      streamVersion: event.streamVersion,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      occurredAt: event.occurredAt.toISOString(),
    }));
  }
}
