import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProblemException, problemType } from '#libs/service-kit';
import { conferenceNotFound } from '../availability/get-availability.handler.js';
import type { Page } from '../read-store/lookups.js';
import { LiveViews } from '../views/live-views.js';
import type { ReservationView } from './reservation.projection.js';
import type { ReservationSummary } from './reservations.store.js';

export class GetConferenceReservationsQuery extends Query<Page<ReservationSummary>> {
  constructor(
    readonly conferenceId: string,
    readonly after: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

export class GetReservationQuery extends Query<ReservationView> {
  constructor(
    readonly conferenceId: string,
    readonly reservationId: string,
  ) {
    super();
  }
}

@QueryHandler(GetConferenceReservationsQuery)
export class GetConferenceReservationsHandler implements IQueryHandler<GetConferenceReservationsQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId, after, limit }: GetConferenceReservationsQuery): Promise<Page<ReservationSummary>> {
    const [reservations, conference] = await Promise.all([
      this.views.reservations().ofConference(conferenceId, after, limit),
      this.views.availability().get(conferenceId),
    ]);
    if (!conference) throw conferenceNotFound(conferenceId);
    return reservations;
  }
}

@QueryHandler(GetReservationQuery)
export class GetReservationHandler implements IQueryHandler<GetReservationQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId, reservationId }: GetReservationQuery): Promise<ReservationView> {
    const reservation = await this.views.reservations().get(conferenceId, reservationId);
    if (reservation) return reservation;
    throw new ProblemException({
      type: problemType('reservation-not-found'),
      title: 'No such reservation',
      status: 404,
      detail: `reservation ${reservationId} of conference ${conferenceId} is not in the views`,
    });
  }
}
