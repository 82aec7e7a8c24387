import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Caller, forbidden, mayManage } from '#libs/auth';
import type { SeatQuantity } from '#libs/contracts';
import {
  allReservations,
  available,
  count,
  type ReservationStatus,
  toList,
} from '../seat-availability/domain/seat-availability.state.js';
import { SeatAvailabilityRepository } from '../seat-availability/seat-availability.repository.js';
import { conferenceNotFound } from './conference-not-found.problem.js';

export interface StateView {
  conferenceId: string;
  name: string;
  version: number;
  seatTypes: { seatType: string; capacity: number; held: number; committed: number; available: number }[];
  reservations: { reservationId: string; status: ReservationStatus; seats: SeatQuantity[] }[];
}

export class GetStateQuery extends Query<StateView> {
  constructor(
    readonly conferenceId: string,
    readonly asOf: { version?: number; at?: Date },
    readonly caller: Caller,
  ) {
    super();
  }
}

/** The conference as it was at a stream version or a moment, folded from its events (snapshots unused). */
@QueryHandler(GetStateQuery)
export class GetStateHandler implements IQueryHandler<GetStateQuery> {
  constructor(private readonly repository: SeatAvailabilityRepository) {}

  async execute({ conferenceId, asOf, caller }: GetStateQuery): Promise<StateView> {
    const { state, version } = await this.repository.loadAsOf(conferenceId, {
      toVersion: asOf.version,
      until: asOf.at,
    });
    if (!state.conference) {
      throw conferenceNotFound(
        conferenceId,
        `conference ${conferenceId} did not exist${asOf.at ? ` at ${asOf.at.toISOString()}` : ''}`,
      );
    }
    if (!mayManage(caller, state.conference.organizerId)) {
      throw forbidden("only the conference's organizer may read its past states");
    }
    if (asOf.version !== undefined && version < asOf.version) {
      throw conferenceNotFound(
        conferenceId,
        `conference ${conferenceId} has no version ${asOf.version} (it is at ${version})`,
      );
    }
    return {
      conferenceId,
      name: state.conference.name,
      version,
      seatTypes: Object.keys(state.capacity).map((seatType) => ({
        seatType,
        capacity: count(state.capacity, seatType),
        held: count(state.held, seatType),
        committed: count(state.committed, seatType),
        available: available(state, seatType),
      })),
      reservations: allReservations(state).map(([reservationId, { status, seats }]) => ({
        reservationId,
        status,
        seats: toList(seats),
      })),
    };
  }
}
