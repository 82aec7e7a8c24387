import type { EventOfType, SeatAvailabilityEvent, SeatQuantity } from '#libs/contracts';
import type {
  Actor,
  CancelReservation,
  ChangeCapacity,
  CommitReservation,
  CreateConference,
  ReserveSeats,
  SeatAvailabilityCommand,
} from './seat-availability.commands.js';
import type { DomainError } from './seat-availability.errors.js';
import {
  available,
  count,
  hasSeatType,
  pathOf,
  type Reservation,
  reservationOf,
  reservationValue,
  type SeatAvailability,
  toList,
  toRecord,
} from './seat-availability.state.js';

export type Decision = SeatAvailabilityEvent[] | DomainError;

export const decide = (command: SeatAvailabilityCommand, state: SeatAvailability): Decision => {
  switch (command.type) {
    case 'CreateConference':
      return createConference(command, state);
    case 'ChangeCapacity':
      return changeCapacity(command, state);
    case 'ReserveSeats':
      return reserveSeats(command, state);
    case 'CancelReservation':
      return cancelReservation(command, state);
    case 'CommitReservation':
      return commitReservation(command, state);
  }
};

const firstDuplicate = (seats: readonly SeatQuantity[]): string | undefined =>
  seats.map(({ seatType }) => seatType).find((seatType, index, all) => all.indexOf(seatType) !== index);

const invalidQuantity = (seats: readonly SeatQuantity[], minimum: number): SeatQuantity | undefined =>
  seats.find(({ quantity }) => !Number.isSafeInteger(quantity) || quantity < minimum);

const seatListError = (seats: readonly SeatQuantity[], minimum: number): DomainError | undefined => {
  const duplicate = firstDuplicate(seats);
  if (duplicate !== undefined) return { error: 'DuplicateSeatType', seatType: duplicate };
  const invalid = invalidQuantity(seats, minimum);
  return invalid && { error: 'InvalidQuantity', ...invalid };
};

/** Its organizer manages a conference (capacity, and later its settings), and any admin does. */
const manages = (by: Actor, state: SeatAvailability): boolean =>
  by.admin || (state.conference?.organizerId !== undefined && state.conference.organizerId === by.id);

/** A reservation is its holder's to re-reserve and commit; an admin may act for anyone. */
const holds = (by: Actor, reservation: Reservation): boolean =>
  by.admin || (reservation.holderId !== undefined && reservation.holderId === by.id);

const NOT_ORGANIZER: DomainError = { error: 'NotAllowed', reason: "only the conference's organizer may do this" };
const NOT_HOLDER: DomainError = { error: 'NotAllowed', reason: "only the reservation's holder may do this" };

const createConference = (command: CreateConference, state: SeatAvailability): Decision => {
  const { conferenceId, name, seatTypes, by } = command;
  if (state.conference) return { error: 'ConferenceAlreadyExists', conferenceId };
  const data = { conferenceId, name, seatTypes, organizerId: by.id };
  return seatListError(seatTypes, 0) ?? [{ type: 'ConferenceCreated', data }];
};

const changeCapacity = ({ conferenceId, seatType, delta, by }: ChangeCapacity, state: SeatAvailability): Decision => {
  if (!state.conference) return { error: 'ConferenceNotFound', conferenceId };
  if (!manages(by, state)) return NOT_ORGANIZER;
  if (!Number.isSafeInteger(delta) || delta === 0) return { error: 'InvalidQuantity', seatType, quantity: delta };
  const capacity = count(state.capacity, seatType) + delta;
  if (delta > 0) return [{ type: 'SeatsAdded', data: { conferenceId, seatType, quantity: delta, capacity } }];
  if (!hasSeatType(state, seatType)) return { error: 'UnknownSeatType', seatTypes: [seatType] };
  const reserved = count(state.held, seatType) + count(state.committed, seatType);
  if (capacity < reserved) return { error: 'CapacityBelowReserved', seatType, requestedCapacity: capacity, reserved };
  return [{ type: 'SeatsRemoved', data: { conferenceId, seatType, quantity: -delta, capacity } }];
};

/** What this reservation may hold of a seat type: what is free plus what it already holds. */
const obtainable = (state: SeatAvailability, hold: Readonly<Record<string, number>>, seatType: string): number =>
  available(state, seatType) + count(hold, seatType);

const holdDelta = (before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): SeatQuantity[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((seatType) => ({ seatType, quantity: count(after, seatType) - count(before, seatType) }))
    .filter(({ quantity }) => quantity !== 0);

const reserveSeats = (command: ReserveSeats, state: SeatAvailability): Decision => {
  const { conferenceId, reservationId, seats, allowPartial, by } = command;
  if (!state.conference) return { error: 'ConferenceNotFound', conferenceId };
  const invalid = seatListError(seats, 1);
  if (invalid) return invalid;
  const unknown = seats.filter(({ seatType }) => !hasSeatType(state, seatType)).map(({ seatType }) => seatType);
  if (unknown.length > 0) return { error: 'UnknownSeatType', seatTypes: unknown };
  const existing = reservationOf(state, reservationId);
  if (existing && !holds(by, existing)) return NOT_HOLDER;
  if (existing?.status === 'committed') return { error: 'ReservationCommitted', reservationId };
  if (existing?.status === 'cancelled') return { error: 'ReservationCancelled', reservationId };

  const hold = existing?.seats ?? {};
  const granted = seats.map(({ seatType, quantity }) => ({
    seatType,
    quantity: Math.min(quantity, obtainable(state, hold, seatType)),
  }));
  if (!allowPartial && granted.some(({ quantity }, index) => quantity < (seats[index]?.quantity ?? 0))) {
    const left = seats.map(({ seatType }) => ({ seatType, quantity: obtainable(state, hold, seatType) }));
    return { error: 'NotEnoughSeats', available: left };
  }
  const newHold = granted.filter(({ quantity }) => quantity > 0);
  const delta = holdDelta(hold, toRecord(newHold));
  if (existing && delta.length === 0) return [];
  // An admin re-reserving for someone leaves the hold that person's.
  const holderId = existing ? existing.holderId : by.id;
  const data = { conferenceId, reservationId, seats: newHold, delta, ...(holderId !== undefined && { holderId }) };
  return [{ type: 'SeatsReserved', data }];
};

const cancelReservation = (command: CancelReservation, state: SeatAvailability): Decision => {
  const { conferenceId, reservationId, by } = command;
  if (!state.conference) return { error: 'ConferenceNotFound', conferenceId };
  const reservation = reservationOf(state, reservationId);
  if (!reservation) return { error: 'ReservationNotFound', reservationId };
  if (!holds(by, reservation) && !manages(by, state)) {
    return { error: 'NotAllowed', reason: "only the reservation's holder or the conference's organizer may do this" };
  }
  if (reservation.status === 'committed') return { error: 'ReservationCommitted', reservationId };
  if (reservation.status === 'cancelled') return [];
  const seats = toList(reservation.seats);
  return [{ type: 'SeatReservationCancelled', data: { conferenceId, reservationId, seats } }];
};

const commitReservation = (command: CommitReservation, state: SeatAvailability): Decision => {
  const { conferenceId, reservationId, by } = command;
  if (!state.conference) return { error: 'ConferenceNotFound', conferenceId };
  const reservation = reservationOf(state, reservationId);
  if (!reservation) return { error: 'ReservationNotFound', reservationId };
  if (!holds(by, reservation)) return NOT_HOLDER;
  if (reservation.status === 'cancelled') return { error: 'ReservationCancelled', reservationId };
  if (reservation.status === 'committed') return [];
  const seats = toList(reservation.seats);
  return [{ type: 'SeatReservationCommitted', data: { conferenceId, reservationId, seats } }];
};

/** A state under construction inside one fold; nothing outside the fold ever sees it. */
interface Draft {
  conference: SeatAvailability['conference'];
  capacity: Record<string, number>;
  held: Record<string, number>;
  committed: Record<string, number>;
  reservations: Record<string, Record<string, Record<string, Reservation>>>;
  /** Trie nodes already copied by this fold, which it may therefore change in place. */
  ownNodes: Set<string>;
}

/** The child node under `key`, copied first unless this fold copied it already. */
const ownChild = <T>(draft: Draft, parent: Record<string, T>, key: string, id: string): T => {
  if (!draft.ownNodes.has(id)) {
    parent[key] = { ...(Object.hasOwn(parent, key) ? parent[key] : {}) } as T;
    draft.ownNodes.add(id);
  }
  return parent[key] as T;
};

const setReservation = (draft: Draft, reservationId: string, reservation: Reservation): void => {
  const [first, second] = pathOf(reservationId);
  const branch = ownChild(draft, draft.reservations, first, first);
  ownChild(draft, branch, second, `${first}/${second}`)[reservationId] = reservation;
};

const add = (record: Record<string, number>, seats: readonly SeatQuantity[], sign: 1 | -1): void => {
  for (const { seatType, quantity } of seats) record[seatType] = count(record, seatType) + sign * quantity;
};

const apply = (draft: Draft, event: SeatAvailabilityEvent): void => {
  switch (event.type) {
    case 'ConferenceCreated':
      draft.conference = {
        conferenceId: event.data.conferenceId,
        name: event.data.name,
        ...(event.data.organizerId !== undefined && { organizerId: event.data.organizerId }),
      };
      Object.assign(draft.capacity, toRecord(event.data.seatTypes));
      return;
    case 'SeatsAdded':
    case 'SeatsRemoved':
      draft.capacity[event.data.seatType] = event.data.capacity;
      return;
    case 'SeatsReserved':
      setReservation(
        draft,
        event.data.reservationId,
        reservationValue('held', toRecord(event.data.seats), event.data.holderId),
      );
      add(draft.held, event.data.delta, 1);
      return;
    case 'SeatReservationCancelled':
      closeReservation(draft, event, 'cancelled');
      return;
    case 'SeatReservationCommitted':
      closeReservation(draft, event, 'committed');
      add(draft.committed, event.data.seats, 1);
      return;
  }
};

const closeReservation = (
  draft: Draft,
  { data }: EventOfType<'SeatReservationCancelled' | 'SeatReservationCommitted'>,
  status: 'cancelled' | 'committed',
): void => {
  const { holderId } = reservationOf(draft, data.reservationId) ?? {};
  setReservation(draft, data.reservationId, reservationValue(status, toRecord(data.seats), holderId));
  add(draft.held, data.seats, -1);
};

/**
 * Applies events in order and returns the new state; `state` itself is never changed. Records are copied
 * once per fold, not once per event, and only the trie nodes on the events' reservations' paths at all.
 */
export const fold = (state: SeatAvailability, events: readonly SeatAvailabilityEvent[]): SeatAvailability => {
  if (events.length === 0) return state;
  const draft: Draft = {
    conference: state.conference,
    capacity: { ...state.capacity },
    held: { ...state.held },
    committed: { ...state.committed },
    reservations: { ...state.reservations },
    ownNodes: new Set(),
  };
  for (const event of events) apply(draft, event);
  const { conference, capacity, held, committed, reservations } = draft;
  return { conference, capacity, held, committed, reservations };
};

export const evolve = (state: SeatAvailability, event: SeatAvailabilityEvent): SeatAvailability => fold(state, [event]);
