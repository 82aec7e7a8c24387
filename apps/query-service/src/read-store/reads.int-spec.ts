import { randomUUID } from 'node:crypto';
import { stackEnv } from '#libs/config';
import { type CommandStartedEvent, type Document, MongoClient } from 'mongodb';
import { type AvailabilityDocument, AvailabilityStore } from '../availability/availability.store.js';
import { reservationKey } from '../reservations/reservation.projection.js';
import {
  type HolderReservationDocument,
  type ReservationDocument,
  ReservationsStore,
} from '../reservations/reservations.store.js';
import { keyOf } from './lookups.js';
import { type SeatSalesDocument, SeatSalesStore } from '../sales/seat-sales.store.js';

const client = new MongoClient(stackEnv().READ_STORE_URL, {
  monitorCommands: true,
});
const suffix = randomUUID().replaceAll('-', '');
const db = client.db();
const availability = db.collection<AvailabilityDocument>(`availability_${suffix}`);
const reservations = db.collection<ReservationDocument>(`reservations_${suffix}`);
const byHolder = db.collection<HolderReservationDocument>(`reservations_by_holder_${suffix}`);
const seatSales = db.collection<SeatSalesDocument>(`seat_sales_${suffix}`);
/** Every reservation is alice's or bob's, in turn. */
const holderOf = (n: number) => (n % 2 === 0 ? 'alice' : 'bob');
const CONFERENCES = ['c1', 'c2', 'c3'];
const general = [{ seatType: 'general', quantity: 1 }];

beforeAll(async () => {
  await availability.insertMany(
    CONFERENCES.map((conferenceId) => ({
      _id: conferenceId,
      conferenceId,
      name: conferenceId,
      seatTypes: [{ seatType: 'general', capacity: 500, held: 300, committed: 0, available: 200 }],
      version: 301,
      lastEventAt: new Date().toISOString(),
      projectedAt: new Date(),
    })),
  );
  await reservations.insertMany(
    CONFERENCES.flatMap((conferenceId) =>
      Array.from({ length: 300 }, (_, n) => {
        const reservationId = `r-${String(n).padStart(4, '0')}`;
        const view = {
          conferenceId,
          reservationId,
          holderId: holderOf(n),
          seats: general,
          status: 'held' as const,
          version: n + 2,
        };
        return { ...view, _id: reservationKey(view), history: [] };
      }),
    ),
  );
  await byHolder.insertMany(
    (await reservations.find().toArray()).map(({ _id, holderId }) => ({ _id: keyOf(holderId!, _id) })),
  );
  await seatSales.insertOne({ _id: 'c1', conferenceId: 'c1', version: 301, days: [] });
});

afterAll(async () => {
  await Promise.all([availability, reservations, byHolder, seatSales].map((collection) => collection.drop()));
  await client.close();
});

/** The find commands `read` sends. */
const findsOf = async (read: () => Promise<unknown>): Promise<Document[]> => {
  const finds: Document[] = [];
  const listener = ({ commandName, command }: CommandStartedEvent) => {
    if (commandName === 'find') finds.push(command);
  };
  client.on('commandStarted', listener);
  try {
    await read();
  } finally {
    client.off('commandStarted', listener);
  }
  return finds;
};

/** The server's plan for a find command (the parts that choose it), as JSON. */
const explained = async (find: Document): Promise<string> => {
  const query = Object.fromEntries(
    ['find', 'filter', 'sort', 'limit', 'projection'].flatMap((field) => (field in find ? [[field, find[field]]] : [])),
  );
  return JSON.stringify(await db.command({ explain: query, verbosity: 'queryPlanner' }));
};

const availabilityStore = new AvailabilityStore(availability);
const reservationsStore = new ReservationsStore(reservations, byHolder);

// Each read the API serves, as its store sends it (design §6: a key lookup, never a scan).
const READS: [string, () => Promise<unknown>][] = [
  ['the conference list', () => availabilityStore.list(undefined, 50)],
  ['the conference list after a cursor', () => availabilityStore.list('c1', 1)],
  ["a conference's availability", () => availabilityStore.get('c2')],
  ["a conference's reservations", () => reservationsStore.ofConference('c2', undefined, 100)],
  ["a conference's reservations after a cursor", () => reservationsStore.ofConference('c2', 'r-0150', 50)],
  ['one reservation of a conference', () => reservationsStore.get('c3', 'r-0007')],
  ["a person's own reservations", () => reservationsStore.ofHolder('bob', undefined, 50)],
  ["a person's own reservations after a cursor", () => reservationsStore.ofHolder('bob', 'c2/r-0101', 50)],
  ["a conference's seat sales", () => new SeatSalesStore(seatSales).get('c1')],
];

describe('every read the query service serves, explained by the read store (real FerretDB)', () => {
  it.each(READS)('finds %s by _id or an _id range, never by a scan', async (_, read) => {
    const finds = await findsOf(read);
    expect(finds.length).toBeGreaterThan(0);

    for (const find of finds) {
      const plan = await explained(find);
      // FerretDB shows SQLite's plan (SEARCH … USING INDEX, or SCAN), MongoDB its stages (IXSCAN, IDHACK, EXPRESS…).
      expect(plan).not.toMatch(/COLLSCAN|detail=SCAN /);
      expect(plan).toMatch(/USING INDEX \S+__id_|IXSCAN|IDHACK|EXPRESS_/);
      // A page stops at its limit in the store instead of reading the whole range.
      if (find.limit > 1 && 'limitPushdown' in JSON.parse(plan))
        expect(JSON.parse(plan)).toMatchObject({ limitPushdown: true });
    }
  });

  it('pages a range of keys in order, stopping at the limit', async () => {
    const first = await reservationsStore.ofConference('c2', undefined, 100);
    const last = await reservationsStore.ofConference('c2', 'r-0250', 100);

    expect(first.items.map(({ reservationId }) => reservationId)).toEqual(
      Array.from({ length: 100 }, (_, n) => `r-${String(n).padStart(4, '0')}`),
    );
    expect(first.next).toBe('r-0099');
    expect(last.items.map(({ reservationId }) => reservationId)).toEqual(
      Array.from({ length: 49 }, (_, n) => `r-${String(n + 251).padStart(4, '0')}`),
    );
    expect(last.next).toBeUndefined();
    expect((await availabilityStore.list('c2', 50)).items.map(({ conferenceId }) => conferenceId)).toEqual(['c3']);
  });

  it("pages a person's reservations across conferences, and only theirs", async () => {
    const page = await reservationsStore.ofHolder('alice', 'c1/r-0290', 10);

    expect(page.items.map(({ conferenceId, reservationId }) => `${conferenceId}/${reservationId}`)).toEqual([
      'c1/r-0292',
      'c1/r-0294',
      'c1/r-0296',
      'c1/r-0298',
      ...['0000', '0002', '0004', '0006', '0008', '0010'].map((n) => `c2/r-${n}`),
    ]);
    expect(page.items.every(({ holderId }) => holderId === 'alice')).toBe(true);
    expect(page.next).toBe('c2/r-0010');
    expect(await reservationsStore.ofHolder('carol', undefined, 10)).toEqual({ items: [] });
  });
});
