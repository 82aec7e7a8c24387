import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Caller, forbidden, mayManage } from '#libs/auth';
import { ProblemException, problemType } from '#libs/service-kit';
import { conferenceNotFound } from '../availability/get-availability.handler.js';
import type { Page } from '../read-store/lookups.js';
import { LiveViews } from '../views/live-views.js';
import type { ReservationView } from './reservation.projection.js';
import type { HeldReservation, ReservationSummary } from './reservations.store.js';

export class GetConferenceReservationsQuery extends Query<Page<ReservationSummary>> {
  constructor(
    readonly conferenceId: string,
    readonly after: string | undefined,
    readonly limit: number,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class GetReservationQuery extends Query<ReservationView> {
  constructor(
    readonly conferenceId: string,
    readonly reservationId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

export class GetMyReservationsQuery extends Query<Page<HeldReservation>> {
  constructor(
    readonly caller: Caller,
    readonly after: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

const reservationNotFound = (conferenceId: string, reservationId: string) =>
  new ProblemException({
    type: problemType('reservation-not-found'),
    title: 'No such reservation',
    status: 404,
    detail: `reservation ${reservationId} of conference ${conferenceId} is not in the views`,
  });

@QueryHandler(GetConferenceReservationsQuery)
export class GetConferenceReservationsHandler implements IQueryHandler<GetConferenceReservationsQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({
    conferenceId,
    after,
    limit,
    caller,
  }: GetConferenceReservationsQuery): Promise<Page<ReservationSummary>> {
    const conference = await this.views.availability().get(conferenceId);
    if (!conference) throw conferenceNotFound(conferenceId);
    if (!mayManage(caller, conference.organizerId)) {
      throw forbidden("only the conference's organizer may list its reservations");
    }
    return this.views.reservations().ofConference(conferenceId, after, limit);
  }
}

/** Its holder, its conference's organizer and admins may read a reservation; to anyone else it is refused alike. */
@QueryHandler(GetReservationQuery)
export class GetReservationHandler implements IQueryHandler<GetReservationQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId, reservationId, caller }: GetReservationQuery): Promise<ReservationView> {
    const [reservation, conference] = await Promise.all([
      this.views.reservations().get(conferenceId, reservationId),
      this.views.availability().get(conferenceId),
    ]);
    if (!reservation) throw reservationNotFound(conferenceId, reservationId);
    if (reservation.holderId !== caller.subject && !mayManage(caller, conference?.organizerId)) {
      throw forbidden("only the reservation's holder or the conference's organizer may read it");
    }
    return reservation;
  }
}

@QueryHandler(GetMyReservationsQuery)
export class GetMyReservationsHandler implements IQueryHandler<GetMyReservationsQuery> {
  constructor(private readonly views: LiveViews) {}

  execute({ caller, after, limit }: GetMyReservationsQuery): Promise<Page<HeldReservation>> {
    return this.views.reservations().ofHolder(caller.subject, after, limit);
  }
}
