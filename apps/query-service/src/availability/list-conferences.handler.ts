import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { AvailabilityView } from './availability.projection.js';
import { AvailabilityStore } from './availability.store.js';

export type ConferenceListEntry = Pick<AvailabilityView, 'conferenceId' | 'name' | 'seatTypes' | 'version'>;

export class ListConferencesQuery extends Query<ConferenceListEntry[]> {}

@QueryHandler(ListConferencesQuery)
export class ListConferencesHandler implements IQueryHandler<ListConferencesQuery> {
  constructor(private readonly store: AvailabilityStore) {}

  async execute(): Promise<ConferenceListEntry[]> {
    return (await this.store.list()).map(({ conferenceId, name, seatTypes, version }) => ({
      conferenceId,
      name,
      seatTypes,
      version,
    }));
  }
}
