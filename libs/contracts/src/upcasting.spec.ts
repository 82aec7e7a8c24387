import { z } from 'zod';
import { readSeatAvailabilityEvent } from './seat-availability.reader.js';
import { createEventReader, UnreadableEventError } from './upcasting.js';

/**
 * A ticket event that went through two shapes: v1 kept seats as a record, v2 as a list, v3 added the
 * currency. Old events stay as they were stored; the reader upcasts them step by step.
 */
const definitions = {
  TicketPriced: {
    schemaVersion: 3,
    schema: z.strictObject({
      prices: z.array(z.strictObject({ seatType: z.string(), amount: z.number() })),
      currency: z.string(),
    }),
  },
};
const upcasters = {
  TicketPriced: {
    1: (data: unknown) => ({
      prices: Object.entries((data as { prices: Record<string, number> }).prices).map(([seatType, amount]) => ({
        seatType,
        amount,
      })),
    }),
    2: (data: unknown) => ({ ...(data as object), currency: 'EUR' }),
  },
};
const read = createEventReader(definitions, upcasters);

describe('reading events of older schema versions', () => {
  it('upcasts a version 1 event through every step to the current shape', () => {
    expect(read('TicketPriced', 1, { prices: { general: 100, vip: 250 } })).toEqual({
      type: 'TicketPriced',
      data: {
        prices: [
          { seatType: 'general', amount: 100 },
          { seatType: 'vip', amount: 250 },
        ],
        currency: 'EUR',
      },
    });
  });

  it('reads a current event as it is', () => {
    const data = { prices: [{ seatType: 'general', amount: 90 }], currency: 'USD' };
    expect(read('TicketPriced', 3, data)).toEqual({ type: 'TicketPriced', data });
  });

  it.each([
    ['an unknown type', 'TicketRefunded', 1, {}, /unknown event type/],
    ['a version newer than this code knows', 'TicketPriced', 4, {}, /schema version 4 is newer than 3/],
    ['data that does not match its schema', 'TicketPriced', 3, { prices: 'free' }, /cannot read event TicketPriced/],
  ])('refuses %s', (_case, type, version, data, message) => {
    expect(() => read(type, version, data)).toThrow(UnreadableEventError);
    expect(() => read(type, version, data)).toThrow(message);
  });

  it('reads the SeatAvailability events the command side writes', () => {
    const data = { conferenceId: 'c1', reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] };
    expect(readSeatAvailabilityEvent('SeatReservationCommitted', 1, data)).toEqual({
      type: 'SeatReservationCommitted',
      data,
    });
    expect(() => readSeatAvailabilityEvent('SeatReservationCommitted', 1, { ...data, extra: true })).toThrow(
      UnreadableEventError,
    );
  });
});
