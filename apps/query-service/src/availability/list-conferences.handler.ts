import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../read-store/lookups.js';
import { LiveViews } from '../views/live-views.js';
import type { ConferenceListEntry } from './availability.store.js';

export class ListConferencesQuery extends Query<Page<ConferenceListEntry>> {
  constructor(
    readonly after: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

@QueryHandler(ListConferencesQuery)
export class ListConferencesHandler implements IQueryHandler<ListConferencesQuery> {
  constructor(private readonly views: LiveViews) {}

  execute({ after, limit }: ListConferencesQuery): Promise<Page<ConferenceListEntry>> {
    return this.views.availability().list(after, limit);
  }
}
