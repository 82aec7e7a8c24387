import { type FieldError, invalidRequest, type Problem, problemType } from '#libs/service-kit';
import type { SeatAvailabilityCommand } from './domain/seat-availability.commands.js';
import type { DomainError } from './domain/seat-availability.errors.js';

const problem = (status: number, slug: string, title: string, detail: string, extra: object = {}): Problem => ({
  type: problemType(slug),
  title,
  status,
  detail,
  ...extra,
});

/** Where a seat type sits in the request, so a 400 names the exact field. */
const seatTypePath = (command: SeatAvailabilityCommand, seatType: string): string => {
  if (command.type === 'ReserveSeats')
    return `/seats/${command.seats.findIndex((seat) => seat.seatType === seatType)}/seatType`;
  if (command.type === 'CreateConference') {
    return `/seatTypes/${command.seatTypes.findIndex((seat) => seat.seatType === seatType)}/seatType`;
  }
  return '/seatType';
};

const invalid = (errors: FieldError[]): Problem => invalidRequest(errors).problem;

/** Shared by refused commands and by the audit queries, which ask about a conference that may not exist. */
export const conferenceNotFoundProblem = (
  conferenceId: string,
  detail = `conference ${conferenceId} does not exist`,
): Problem => problem(404, 'conference-not-found', 'No such conference', detail);

/** How each refusal of the SeatAvailability decider is answered over HTTP. */
export const refusalProblem = (refusal: DomainError, command: SeatAvailabilityCommand): Problem => {
  switch (refusal.error) {
    case 'ConferenceAlreadyExists':
      return problem(
        409,
        'conference-exists',
        'The conference exists already',
        `conference ${refusal.conferenceId} exists`,
      );
    case 'ConferenceNotFound':
      return conferenceNotFoundProblem(refusal.conferenceId);
    case 'DuplicateSeatType':
      return invalid([{ path: seatTypePath(command, refusal.seatType), message: 'is listed twice' }]);
    case 'InvalidQuantity':
      return invalid([
        { path: seatTypePath(command, refusal.seatType), message: `quantity ${refusal.quantity} is not allowed` },
      ]);
    case 'UnknownSeatType':
      return invalid(
        refusal.seatTypes.map((seatType) => ({
          path: seatTypePath(command, seatType),
          message: `the conference has no seat type "${seatType}"`,
        })),
      );
    case 'CapacityBelowReserved':
      return problem(
        409,
        'capacity-below-reserved',
        'Capacity cannot drop below the seats reserved',
        `${refusal.seatType} would have ${refusal.requestedCapacity} seats but ${refusal.reserved} are held or sold`,
        { seatType: refusal.seatType, requestedCapacity: refusal.requestedCapacity, reserved: refusal.reserved },
      );
    case 'NotEnoughSeats':
      return problem(
        409,
        'not-enough-seats',
        'Not enough seats',
        refusal.available.map(({ seatType, quantity }) => `${quantity} ${seatType} available`).join(', '),
        { available: refusal.available },
      );
    case 'ReservationNotFound':
      return problem(
        404,
        'reservation-not-found',
        'No such reservation',
        `reservation ${refusal.reservationId} does not exist`,
      );
    case 'ReservationCommitted':
      return problem(
        409,
        'reservation-committed',
        'The reservation is committed',
        `reservation ${refusal.reservationId} is committed`,
      );
    case 'NotAllowed':
      return problem(403, 'forbidden', 'Not allowed', refusal.reason);
    case 'ReservationCancelled':
      return problem(
        409,
        'reservation-cancelled',
        'The reservation is cancelled',
        `reservation ${refusal.reservationId} is cancelled`,
      );
  }
};
