import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
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
  ) {
    super();
  }
}

/** The conference's events as they were recorded: the audit trail, paged by stream version. */
@QueryHandler(GetEventsQuery)
export class GetEventsHandler implements IQueryHandler<GetEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ conferenceId, after, limit }: GetEventsQuery): Promise<AuditedEvent[]> {
    const stream = seatAvailabilityStream(conferenceId);
    const events = await this.store.readStream(stream, { afterVersion: after, limit });
    if (events.length === 0 && (await this.store.readStream(stream, { limit: 1 })).length === 0) {
      throw conferenceNotFound(conferenceId);
    }
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
