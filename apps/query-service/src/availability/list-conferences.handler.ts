import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { LiveViews } from '../views/live-views.js';
import type { ConferenceListEntry } from './availability.store.js';

export class ListConferencesQuery extends Query<ConferenceListEntry[]> {}

@QueryHandler(ListConferencesQuery)
export class ListConferencesHandler implements IQueryHandler<ListConferencesQuery> {
  constructor(private readonly views: LiveViews) {}

  execute(): Promise<ConferenceListEntry[]> {
    return this.views.availability().list();
  }
}
