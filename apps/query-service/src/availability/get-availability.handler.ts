import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProblemException, problemType } from '#libs/service-kit';
import { ProjectionSignals } from '../consumer/projection-signals.js';
import type { AvailabilityView } from './availability.projection.js';
import { LiveViews } from '../views/live-views.js';

export type AvailabilityAnswer = AvailabilityView & { projectedAt: string; stale: boolean };

export class GetAvailabilityQuery extends Query<AvailabilityAnswer> {
  constructor(
    readonly conferenceId: string,
    readonly minVersion: number | undefined,
    readonly waitMs: number,
  ) {
    super();
  }
}

export const conferenceNotFound = (conferenceId: string): ProblemException =>
  new ProblemException({
    type: problemType('conference-not-found'),
    title: 'No such conference',
    status: 404,
    detail: `conference ${conferenceId} is not in the views`,
  });

/**
 * Read-your-writes: with `minVersion`, waits (up to `waitMs`) until the view reflects that stream version,
 * woken by the projection's own signal; after the wait it answers what it has, marked stale.
 */
@QueryHandler(GetAvailabilityQuery)
export class GetAvailabilityHandler implements IQueryHandler<GetAvailabilityQuery> {
  constructor(
    private readonly views: LiveViews,
    private readonly signals: ProjectionSignals,
  ) {}

  async execute({ conferenceId, minVersion = 0, waitMs }: GetAvailabilityQuery): Promise<AvailabilityAnswer> {
    const abort = new AbortController();
    // Listening before reading: a write landing between the two still wakes the wait.
    const reached = this.signals.reached(conferenceId, minVersion, waitMs, abort.signal);
    let view = await this.views.availability().get(conferenceId);
    // Woken with the view just written (here or, heard of through the live follower, by another replica).
    if ((view?.version ?? 0) < minVersion)
      view = (await reached) ?? (await this.views.availability().get(conferenceId));
    abort.abort();
    if (!view) throw conferenceNotFound(conferenceId);
    return { ...view, stale: view.version < minVersion };
  }
}
