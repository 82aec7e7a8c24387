import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AvailabilityStore, type ConferenceListEntry } from './availability.store.js';

export class ListConferencesQuery extends Query<ConferenceListEntry[]> {}

@QueryHandler(ListConferencesQuery)
export class ListConferencesHandler implements IQueryHandler<ListConferencesQuery> {
  constructor(private readonly store: AvailabilityStore) {}

  execute(): Promise<ConferenceListEntry[]> {
    return this.store.list();
  }
}
