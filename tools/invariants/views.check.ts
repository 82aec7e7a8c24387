import { conferenceIdOfStream, type SeatQuantity } from '#libs/contracts';
import type { StoredEvent } from './publication.check.js';

/** A conference as the availability view should show it: folded here, independently of the query service. */
export interface ExpectedAvailability {
  conferenceId: string;
  name: string;
  organizerId?: string;
  version: number;
  seatTypes: Record<string, { capacity: number; held: number; committed: number; available: number }>;
}

export interface ExpectedReservation {
  conferenceId: string;
  reservationId: string;
  holderId?: string;
  status: 'held' | 'committed' | 'cancelled';
  seats: SeatQuantity[];
  version: number;
  /** Each of the reservation's events, once, in order. */
  history: { type: string; version: number }[];
}

export interface ExpectedSeatSales {
  conferenceId: string;
  version: number;
  days: { day: string; seatType: string; seats: number }[];
}

/** What the read store holds; a view left out is not compared. */
export interface ActualViews {
  availability?: {
    conferenceId: string;
    name: string;
    organizerId?: string;
    version: number;
    seatTypes: { seatType: string; capacity: number; held: number; committed: number; available: number }[];
  }[];
  reservations?: ExpectedReservation[];
  seatSales?: ExpectedSeatSales[];
  parked: string[];
}

export interface ViewsReport {
  conferences: number;
  reservations: number;
  /** Conferences the query service parked: their views wait, so they are reported, not compared. */
  parked: string[];
  violations: {
    missing: string[];
    unexpected: string[];
    different: string[];
  };
}

export const viewsClean = ({ violations }: ViewsReport): boolean =>
  Object.values(violations).every((found) => found.length === 0);

interface Data {
  name: string;
  organizerId?: string;
  holderId?: string;
  reservationId: string;
  seatType: string;
  capacity: number;
  seatTypes: SeatQuantity[];
  seats: SeatQuantity[];
  delta: SeatQuantity[];
}

const STATUS: Record<string, ExpectedReservation['status']> = {
  SeatsReserved: 'held',
  SeatReservationCancelled: 'cancelled',
  SeatReservationCommitted: 'committed',
};

const counts = (conference: ExpectedAvailability, seatType: string) =>
  (conference.seatTypes[seatType] ??= { capacity: 0, held: 0, committed: 0, available: 0 });

const add = (
  conference: ExpectedAvailability,
  items: readonly SeatQuantity[],
  field: 'held' | 'committed',
  sign: number,
) => {
  for (const { seatType, quantity } of items) counts(conference, seatType)[field] += sign * quantity;
};

const apply = (conference: ExpectedAvailability, type: string, data: Data): void => {
  if (type === 'ConferenceCreated') {
    conference.name = data.name;
    conference.organizerId = data.organizerId;
    for (const { seatType, quantity } of data.seatTypes) counts(conference, seatType).capacity = quantity;
  } else if (type === 'SeatsAdded' || type === 'SeatsRemoved') {
    counts(conference, data.seatType).capacity = data.capacity;
  } else if (type === 'SeatsReserved') {
    add(conference, data.delta, 'held', 1);
  } else if (type === 'SeatReservationCancelled') {
    add(conference, data.seats, 'held', -1);
  } else if (type === 'SeatReservationCommitted') {
    add(conference, data.seats, 'held', -1);
    add(conference, data.seats, 'committed', 1);
  }
};

const sell = (sales: ExpectedSeatSales, seats: readonly SeatQuantity[], occurredAt: string): void => {
  const day = new Date(occurredAt).toISOString().slice(0, 10);
  for (const { seatType, quantity } of seats) {
    const sold = sales.days.find((entry) => entry.day === day && entry.seatType === seatType);
    if (sold) sold.seats += quantity;
    else sales.days.push({ day, seatType, seats: quantity });
  }
};

/** Folds the stored events into the views they should produce. */
export const expectedViews = (events: readonly StoredEvent[]) => {
  const conferences = new Map<string, ExpectedAvailability>();
  const reservations = new Map<string, ExpectedReservation>();
  const seatSales = new Map<string, ExpectedSeatSales>();
  for (const { streamId, streamVersion, type, data, occurredAt } of events) {
    const conferenceId = conferenceIdOfStream(streamId);
    const conference = conferences.get(conferenceId) ?? { conferenceId, name: '', version: 0, seatTypes: {} };
    conferences.set(conferenceId, conference);
    const fields = data as Data;
    apply(conference, type, fields);
    conference.version = streamVersion;
    const sales = seatSales.get(conferenceId) ?? { conferenceId, version: 0, days: [] };
    seatSales.set(conferenceId, sales);
    if (type === 'SeatReservationCommitted') sell(sales, fields.seats, occurredAt);
    sales.version = streamVersion;
    const status = STATUS[type];
    if (status) {
      const { reservationId, seats } = fields;
      const key = `${conferenceId}/${reservationId}`;
      const before = reservations.get(key);
      const history = [...(before?.history ?? []), { type, version: streamVersion }];
      const holderId = before?.holderId ?? fields.holderId;
      reservations.set(key, { conferenceId, reservationId, holderId, status, seats, version: streamVersion, history });
    }
  }
  for (const conference of conferences.values()) {
    for (const seatType of Object.values(conference.seatTypes)) {
      seatType.available = seatType.capacity - seatType.held - seatType.committed;
    }
  }
  for (const sales of seatSales.values()) {
    sales.days.sort((a, b) => a.day.localeCompare(b.day) || a.seatType.localeCompare(b.seatType));
  }
  return { conferences, reservations, seatSales };
};

/** JSON with object keys sorted, so documents compare by content whatever order their fields were stored in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

const same = (left: unknown, right: unknown): boolean => canonical(left) === canonical(right);

const pick = ({ conferenceId, reservationId, holderId, status, seats, version, history }: ExpectedReservation) => ({
  conferenceId,
  reservationId,
  holderId,
  status,
  seats,
  version,
  history: history.map(({ type, version: at }) => ({ type, version: at })),
});

const sortedSeats = (seats: readonly SeatQuantity[]) => [...seats].sort((a, b) => a.seatType.localeCompare(b.seatType));

type Expected = ReturnType<typeof expectedViews>;

type Violations = ViewsReport['violations'];

/** One view's documents, each named by a key, in the shape compared with what the fold expects under that key. */
interface Compared {
  what: string;
  actual: readonly { key: string; conferenceId: string; got: unknown }[];
  expected: ReadonlyMap<string, { conferenceId: string; want: unknown }>;
}

const compare = (
  { what, actual, expected }: Compared,
  parked: ReadonlySet<string>,
  { missing, unexpected, different }: Violations,
): void => {
  const seen = new Set<string>();
  for (const { key, conferenceId, got } of actual) {
    seen.add(key);
    if (parked.has(conferenceId)) continue;
    const want = expected.get(key)?.want;
    if (want === undefined) unexpected.push(`${what} ${key}, which the store does not hold`);
    else if (!same(got, want))
      different.push(`${what} ${key}: view ${JSON.stringify(got)}, fold ${JSON.stringify(want)}`);
  }
  for (const [key, { conferenceId }] of expected) {
    if (!seen.has(key) && !parked.has(conferenceId)) missing.push(`${what} ${key}`);
  }
};

const byConference = <T extends { conferenceId: string }>(fold: ReadonlyMap<string, T>) =>
  new Map([...fold].map(([key, want]) => [key, { conferenceId: want.conferenceId, want }]));

const availabilityCompared = (actual: NonNullable<ActualViews['availability']>, expected: Expected): Compared => ({
  what: 'availability of',
  actual: actual.map(({ conferenceId, name, organizerId, version, seatTypes }) => ({
    key: conferenceId,
    conferenceId,
    got: {
      conferenceId,
      name,
      organizerId,
      version,
      seatTypes: Object.fromEntries(seatTypes.map(({ seatType, ...counted }) => [seatType, counted])),
    },
  })),
  expected: byConference(expected.conferences),
});

const reservationsCompared = (actual: NonNullable<ActualViews['reservations']>, expected: Expected): Compared => ({
  what: 'reservation',
  actual: actual.map((view) => ({
    key: `${view.conferenceId}/${view.reservationId}`,
    conferenceId: view.conferenceId,
    got: { ...pick(view), seats: sortedSeats(view.seats) },
  })),
  expected: new Map(
    [...expected.reservations].map(([key, want]) => [
      key,
      { conferenceId: want.conferenceId, want: { ...pick(want), seats: sortedSeats(want.seats) } },
    ]),
  ),
});

const seatSalesCompared = (actual: NonNullable<ActualViews['seatSales']>, expected: Expected): Compared => ({
  what: 'seat sales of',
  actual: actual.map(({ conferenceId, version, days }) => ({
    key: conferenceId,
    conferenceId,
    got: { conferenceId, version, days },
  })),
  expected: byConference(expected.seatSales),
});

/** Compares the views given with a fold of the event store, skipping what the query service parked. */
export const checkViews = (events: readonly StoredEvent[], actual: ActualViews): ViewsReport => {
  const expected = expectedViews(events);
  const parked = new Set(actual.parked);
  const report: ViewsReport = {
    conferences: expected.conferences.size,
    reservations: expected.reservations.size,
    parked: [...parked],
    violations: { missing: [], unexpected: [], different: [] },
  };
  if (actual.availability) compare(availabilityCompared(actual.availability, expected), parked, report.violations);
  if (actual.reservations) compare(reservationsCompared(actual.reservations, expected), parked, report.violations);
  if (actual.seatSales) compare(seatSalesCompared(actual.seatSales, expected), parked, report.violations);
  return report;
};
