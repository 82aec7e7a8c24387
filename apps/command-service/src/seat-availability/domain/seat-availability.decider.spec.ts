import { deciderSpecification } from '#libs/testing';
import { decide, evolve } from './seat-availability.decider.js';
import {
  ADMIN,
  ALICE,
  BOB,
  cancelReservation,
  changeCapacity,
  commitReservation,
  CONFERENCE,
  conferenceCreated,
  createConference,
  OLIVIA,
  reservationCancelled,
  reservationCommitted,
  reserveSeats,
  seatList,
  seatsAdded,
  seatsRemoved,
  seatsReserved,
} from './seat-availability.fixtures.js';
import { initialState } from './seat-availability.state.js';

const { given } = deciderSpecification({ decide, evolve, initialState });

describe('CreateConference', () => {
  it('creates a conference with its seat types', () =>
    given()
      .when(createConference({ general: 10, vip: 0 }))
      .then(conferenceCreated({ general: 10, vip: 0 })));

  it('refuses to create the same conference twice', () =>
    given(conferenceCreated({ general: 10 }))
      .when(createConference({ general: 5 }))
      .thenFails({ error: 'ConferenceAlreadyExists', conferenceId: CONFERENCE }));

  it('refuses a seat type listed twice', () =>
    given()
      .when({ ...createConference({}), seatTypes: [...seatList({ general: 1 }), ...seatList({ general: 2 })] })
      .thenFails({ error: 'DuplicateSeatType', seatType: 'general' }));

  it('refuses a negative quantity', () =>
    given()
      .when(createConference({ general: -1 }))
      .thenFails({ error: 'InvalidQuantity', seatType: 'general', quantity: -1 }));
});

describe('ChangeCapacity', () => {
  it('adds seats to a seat type', () =>
    given(conferenceCreated({ general: 10 }))
      .when(changeCapacity('general', 5))
      .then(seatsAdded('general', 5, 15)));

  it('adds a new seat type when the change is positive', () =>
    given(conferenceCreated({ general: 10 }))
      .when(changeCapacity('vip', 3))
      .then(seatsAdded('vip', 3, 3)));

  it('removes seats down to exactly what is held and sold', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      seatsReserved('r2', { general: 2 }),
      reservationCommitted('r2', { general: 2 }),
    )
      .when(changeCapacity('general', -5))
      .then(seatsRemoved('general', 5, 5)));

  it('refuses to drop capacity below what is held and sold', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      seatsReserved('r2', { general: 2 }),
      reservationCommitted('r2', { general: 2 }),
    )
      .when(changeCapacity('general', -6))
      .thenFails({ error: 'CapacityBelowReserved', seatType: 'general', requestedCapacity: 4, reserved: 5 }));

  it('refuses to remove seats of a seat type the conference does not have', () =>
    given(conferenceCreated({ general: 10 }))
      .when(changeCapacity('vip', -1))
      .thenFails({ error: 'UnknownSeatType', seatTypes: ['vip'] }));

  it('refuses a change of zero', () =>
    given(conferenceCreated({ general: 10 }))
      .when(changeCapacity('general', 0))
      .thenFails({ error: 'InvalidQuantity', seatType: 'general', quantity: 0 }));

  it('refuses an unknown conference', () =>
    given().when(changeCapacity('general', 5)).thenFails({ error: 'ConferenceNotFound', conferenceId: CONFERENCE }));
});

describe('ReserveSeats', () => {
  it('holds the seats asked for when they are available', () =>
    given(conferenceCreated({ general: 10, vip: 2 }))
      .when(reserveSeats('r1', { general: 4, vip: 2 }))
      .then(seatsReserved('r1', { general: 4, vip: 2 })));

  it('refuses, recording nothing, when a seat type falls short and partial reservations are not allowed', () =>
    given(conferenceCreated({ general: 10, vip: 2 }), seatsReserved('r1', { general: 8 }))
      .when(reserveSeats('r2', { general: 5, vip: 1 }))
      .thenFails({ error: 'NotEnoughSeats', available: seatList({ general: 2, vip: 2 }) }));

  it('grants what is left when partial reservations are allowed', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 8 }))
      .when(reserveSeats('r2', { general: 5 }, { allowPartial: true }))
      .then(seatsReserved('r2', { general: 2 })));

  it('records a partial reservation that got nothing, so it can be re-reserved later', () =>
    given(conferenceCreated({ general: 1 }), seatsReserved('r1', { general: 1 }))
      .when(reserveSeats('r2', { general: 1 }, { allowPartial: true }))
      .then(seatsReserved('r2', {})));

  it('replaces the earlier hold when a reservation is made again', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 8 }))
      .when(reserveSeats('r1', { general: 3 }))
      .then(seatsReserved('r1', { general: 3 }, { general: -5 })));

  it('counts the seats a reservation already holds as available to it', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 8 }), seatsReserved('r2', { general: 2 }))
      .when(reserveSeats('r1', { general: 8 }, { allowPartial: true }))
      .thenNothingHappens());

  it('grows a hold up to what is free plus what it holds', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 6 }), seatsReserved('r2', { general: 2 }))
      .when(reserveSeats('r1', { general: 9 }))
      .thenFails({ error: 'NotEnoughSeats', available: seatList({ general: 8 }) }));

  it('releases the seat types a re-reservation no longer names', () =>
    given(conferenceCreated({ general: 10, vip: 2 }), seatsReserved('r1', { general: 2, vip: 1 }))
      .when(reserveSeats('r1', { general: 4 }))
      .then(seatsReserved('r1', { general: 4 }, { general: 2, vip: -1 })));

  it('refuses a seat type the conference does not have', () =>
    given(conferenceCreated({ general: 10 }))
      .when(reserveSeats('r1', { general: 1, vip: 1, balcony: 1 }))
      .thenFails({ error: 'UnknownSeatType', seatTypes: ['vip', 'balcony'] }));

  it('refuses to re-reserve a committed reservation', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 2 }),
      reservationCommitted('r1', { general: 2 }),
    )
      .when(reserveSeats('r1', { general: 3 }))
      .thenFails({ error: 'ReservationCommitted', reservationId: 'r1' }));

  it('refuses to re-reserve a cancelled reservation', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 2 }),
      reservationCancelled('r1', { general: 2 }),
    )
      .when(reserveSeats('r1', { general: 3 }))
      .thenFails({ error: 'ReservationCancelled', reservationId: 'r1' }));

  it('refuses a quantity below one', () =>
    given(conferenceCreated({ general: 10 }))
      .when(reserveSeats('r1', { general: 0 }))
      .thenFails({ error: 'InvalidQuantity', seatType: 'general', quantity: 0 }));

  it('refuses an unknown conference', () =>
    given()
      .when(reserveSeats('r1', { general: 1 }))
      .thenFails({ error: 'ConferenceNotFound', conferenceId: CONFERENCE }));

  it('treats names of object properties as ordinary seat types and reservation ids', () =>
    given(conferenceCreated({ constructor: 2 }))
      .when(reserveSeats('toString', { constructor: 3 }, { allowPartial: true }))
      .then(seatsReserved('toString', { constructor: 2 })));
});

describe('CancelReservation', () => {
  it('releases the hold', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 3 }))
      .when(cancelReservation('r1'))
      .then(reservationCancelled('r1', { general: 3 })));

  it('does nothing when the reservation is already cancelled', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      reservationCancelled('r1', { general: 3 }),
    )
      .when(cancelReservation('r1'))
      .thenNothingHappens());

  it('refuses an unknown reservation', () =>
    given(conferenceCreated({ general: 10 }))
      .when(cancelReservation('r1'))
      .thenFails({ error: 'ReservationNotFound', reservationId: 'r1' }));

  it('refuses to cancel a committed reservation', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      reservationCommitted('r1', { general: 3 }),
    )
      .when(cancelReservation('r1'))
      .thenFails({ error: 'ReservationCommitted', reservationId: 'r1' }));

  it('refuses an unknown conference', () =>
    given().when(cancelReservation('r1')).thenFails({ error: 'ConferenceNotFound', conferenceId: CONFERENCE }));
});

describe('CommitReservation', () => {
  it('turns the hold into sold seats', () =>
    given(conferenceCreated({ general: 10 }), seatsReserved('r1', { general: 3 }))
      .when(commitReservation('r1'))
      .then(reservationCommitted('r1', { general: 3 })));

  it('does nothing when the reservation is already committed', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      reservationCommitted('r1', { general: 3 }),
    )
      .when(commitReservation('r1'))
      .thenNothingHappens());

  it('refuses an unknown reservation', () =>
    given(conferenceCreated({ general: 10 }))
      .when(commitReservation('r1'))
      .thenFails({ error: 'ReservationNotFound', reservationId: 'r1' }));

  it('refuses to commit a cancelled reservation', () =>
    given(
      conferenceCreated({ general: 10 }),
      seatsReserved('r1', { general: 3 }),
      reservationCancelled('r1', { general: 3 }),
    )
      .when(commitReservation('r1'))
      .thenFails({ error: 'ReservationCancelled', reservationId: 'r1' }));

  it('refuses an unknown conference', () =>
    given().when(commitReservation('r1')).thenFails({ error: 'ConferenceNotFound', conferenceId: CONFERENCE }));
});

describe('Who may do what (the holder and the organizer are recorded on the events)', () => {
  const NOT_ORGANIZER = { error: 'NotAllowed', reason: "only the conference's organizer may do this" } as const;
  const NOT_HOLDER = { error: 'NotAllowed', reason: "only the reservation's holder may do this" } as const;
  const created = conferenceCreated({ general: 10 });
  const alicesHold = seatsReserved('r1', { general: 3 });

  it("records the creator as the conference's organizer", () =>
    given()
      .when(createConference({ general: 1 }, CONFERENCE, BOB))
      .then({
        type: 'ConferenceCreated',
        data: { conferenceId: CONFERENCE, name: 'DevConf', seatTypes: seatList({ general: 1 }), organizerId: BOB.id },
      }));

  it('lets only its organizer or an admin change the capacity', () => {
    given(created)
      .when(changeCapacity('general', 1, BOB))
      .thenFails(NOT_ORGANIZER);
    given(created)
      .when(changeCapacity('general', 1, ADMIN))
      .then(seatsAdded('general', 1, 11));
  });

  it('lets no one but an admin manage a conference created before people signed in', () => {
    const unowned = {
      type: 'ConferenceCreated' as const,
      data: { conferenceId: CONFERENCE, name: 'Old', seatTypes: seatList({ general: 5 }) },
    };
    given(unowned)
      .when(changeCapacity('general', 1, OLIVIA))
      .thenFails(NOT_ORGANIZER);
    given(unowned)
      .when(changeCapacity('general', 1, ADMIN))
      .then(seatsAdded('general', 1, 6));
  });

  it('records the buyer as the holder, and refuses a re-reservation by anyone else', () => {
    given(created)
      .when(reserveSeats('r1', { general: 2 }, { by: BOB }))
      .then(seatsReserved('r1', { general: 2 }, { general: 2 }, BOB));
    given(created, alicesHold)
      .when(reserveSeats('r1', { general: 1 }, { by: BOB }))
      .thenFails(NOT_HOLDER);
  });

  it("keeps the hold its holder's when an admin re-reserves it", () =>
    given(created, alicesHold)
      .when(reserveSeats('r1', { general: 4 }, { by: ADMIN }))
      .then(seatsReserved('r1', { general: 4 }, { general: 1 }, ALICE)));

  it('lets only the holder or an admin commit', () => {
    given(created, alicesHold).when(commitReservation('r1', BOB)).thenFails(NOT_HOLDER);
    given(created, alicesHold).when(commitReservation('r1', OLIVIA)).thenFails(NOT_HOLDER);
    given(created, alicesHold)
      .when(commitReservation('r1', ADMIN))
      .then(reservationCommitted('r1', { general: 3 }));
  });

  it("lets the holder, the conference's organizer or an admin cancel, and no one else", () => {
    given(created, alicesHold).when(cancelReservation('r1', BOB)).thenFails({
      error: 'NotAllowed',
      reason: "only the reservation's holder or the conference's organizer may do this",
    });
    given(created, alicesHold)
      .when(cancelReservation('r1', OLIVIA))
      .then(reservationCancelled('r1', { general: 3 }));
    given(created, alicesHold)
      .when(cancelReservation('r1', ADMIN))
      .then(reservationCancelled('r1', { general: 3 }));
  });

  it("keeps the holder through the close, so a cancelled hold is still not anyone else's to commit", () =>
    given(created, alicesHold, reservationCancelled('r1', { general: 3 }))
      .when(commitReservation('r1', BOB))
      .thenFails(NOT_HOLDER));
});
