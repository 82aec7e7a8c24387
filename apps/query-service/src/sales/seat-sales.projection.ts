import type { ProjectedEvent } from '../consumer/projected-event.js';

/** Seats committed on one day (UTC) for one seat type. */
export interface DailySales {
  day: string;
  seatType: string;
  seats: number;
}

/** A conference's sold seats per day and seat type, as of a stream version. */
export interface SeatSalesView {
  conferenceId: string;
  version: number;
  days: DailySales[];
}

const byDayThenType = (a: DailySales, b: DailySales): number =>
  a.day.localeCompare(b.day) || a.seatType.localeCompare(b.seatType);

/** The view after one more event of its conference: a commit counts its seats on the day it happened. */
export const projectSeatSales = (
  view: SeatSalesView | undefined,
  { conferenceId, streamVersion, occurredAt, event }: ProjectedEvent,
): SeatSalesView => {
  const before = view ?? { conferenceId, version: 0, days: [] };
  if (event.type !== 'SeatReservationCommitted') return { ...before, version: streamVersion };
  const day = new Date(occurredAt).toISOString().slice(0, 10);
  const days = [...before.days];
  for (const { seatType, quantity } of event.data.seats) {
    const index = days.findIndex((sold) => sold.day === day && sold.seatType === seatType);
    if (index === -1) days.push({ day, seatType, seats: quantity });
    else days[index] = { ...days[index]!, seats: days[index]!.seats + quantity };
  }
  return { conferenceId, version: streamVersion, days: days.sort(byDayThenType) };
};
