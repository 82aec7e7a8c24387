import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProblemException, problemType } from '#libs/service-kit';
import { conferenceNotFound } from '../availability/get-availability.handler.js';
import type { ReservationView } from './reservation.projection.js';
import { LiveViews } from '../views/live-views.js';
import type { ReservationSummary } from './reservations.store.js';

export class GetConferenceReservationsQuery extends Query<ReservationSummary[]> {
  constructor(readonly conferenceId: string) {
    super();
  }
}

export class GetReservationQuery extends Query<ReservationView> {
  constructor(readonly reservationId: string) {
    super();
  }
}

@QueryHandler(GetConferenceReservationsQuery)
export class GetConferenceReservationsHandler implements IQueryHandler<GetConferenceReservationsQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId }: GetConferenceReservationsQuery): Promise<ReservationSummary[]> {
    const [reservations, conference] = await Promise.all([
      this.views.reservations().ofConference(conferenceId),
      this.views.availability().get(conferenceId),
    ]);
    if (!conference) throw conferenceNotFound(conferenceId);
    return reservations;
  }
}

@QueryHandler(GetReservationQuery)
export class GetReservationHandler implements IQueryHandler<GetReservationQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ reservationId }: GetReservationQuery): Promise<ReservationView> {
    const reservation = await this.views.reservations().get(reservationId);
    if (reservation) return reservation;
    throw new ProblemException({
      type: problemType('reservation-not-found'),
      title: 'No such reservation',
      status: 404,
      detail: `reservation ${reservationId} is not in the views`,
    });
  }
}
