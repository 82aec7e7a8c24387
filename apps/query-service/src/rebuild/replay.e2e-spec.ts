import { randomUUID } from 'node:crypto';
import { type Db, MongoClient } from 'mongodb';
import { eventually, freshEventStoreUrl, fetchAs, type ServiceProcess } from '#libs/testing';
import {
  ADMIN_TOKEN,
  caughtUp,
  checkViews,
  deleteTopics,
  type History,
  post,
  relayed,
  startQueryService,
  writeHistory,
} from '../consumer/projection.testing.js';
import { collectionName, readPointers } from '../views/view-pointers.js';
import { VIEWS } from '../views/views.js';
import { startReplay } from './replay.testing.js';

const CLEAN = { missing: [], unexpected: [], different: [] };
const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };

let history: History;
let events: number;
let query: ServiceProcess;
let readStoreUrl: string;
let group: string;
let client: MongoClient;
let db: Db;

const replay = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  startReplay(args, { history, readStoreUrl, group, env });

const clean = () =>
  eventually(
    async () => {
      expect(await checkViews(history, readStoreUrl)).toMatchObject({
        conferences: 100,
        parked: [],
        violations: CLEAN,
      });
    },
    { timeoutMs: 30_000 },
  );

/** Every document of every live view, and the pointers naming them. */
const liveViews = async () => {
  const pointers = await readPointers(db);
  const documents = await Promise.all(
    VIEWS.flatMap(({ name, collections }) => {
      const generation = pointers.generations[name];
      return generation === undefined
        ? []
        : collections.map((base) =>
            db
              .collection(collectionName(base, generation))
              .find({}, { sort: { _id: 1 } })
              .toArray(),
          );
    }),
  );
  return { pointers, documents };
};

/** Collections of generations the pointers do not name: what a rebuild left behind. */
const unnamedGenerations = async (): Promise<string[]> => {
  const { generations } = await readPointers(db);
  const live = new Set(
    VIEWS.flatMap(({ name, collections }) => {
      const generation = generations[name];
      return generation === undefined ? [] : collections.map((base) => collectionName(base, generation));
    }),
  );
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map(({ name }) => name);
  return names.filter((name) => name.includes('__') && !live.has(name));
};

beforeAll(async () => {
  // 100 conferences of 101 events each: created, 98 reservations, a commit and a cancellation.
  history = await writeHistory('replay', 100, { reservations: 98 });
  events = history.versions.length;
  const started = await startQueryService(history.topic, { env: { REBUILD_GRACE_MS: '1000' } });
  ({ service: query, readStoreUrl, group } = started);
  client = new MongoClient(readStoreUrl);
  db = client.db();
  await caughtUp(query, events);
}, 300_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([query, history?.commands].map((service) => service?.stop()));
  if (history) await deleteTopics([history.topic]);
}, 60_000);

describe('replaying the topic into new views beside the live ones (real Kafka, FerretDB, PostgreSQL)', () => {
  it('builds the seat-sales view only by a replay, started and followed through the admin endpoint', async () => {
    expect(events).toBeGreaterThanOrEqual(10_000);
    const { conferenceId } = history.versions[0]!;
    expect((await fetchAs(`${query.url}/conferences/${conferenceId}/sales`)).status).toBe(503);
    const rebuild = (body: object, headers: Record<string, string> = ADMIN) =>
      fetch(`${query.url}/admin/rebuild`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    expect((await rebuild({ view: 'seat-sales' }, {})).status).toBe(401);
    expect((await rebuild({ view: 'seat-sales' }, { authorization: 'Bearer not-the-token' })).status).toBe(401);
    const unknown = await rebuild({ view: 'prices' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ errors: [{ path: '/view' }] });
    const started = await rebuild({ view: 'seat-sales' });
    expect(started.status).toBe(202);
    const { rebuildId } = (await started.json()) as { rebuildId: string };
    // The first holds the view's lock at least until its grace period after the switch is over.
    expect((await rebuild({ view: 'seat-sales' })).status).toBe(409);
    expect((await fetch(`${query.url}/admin/rebuild/${rebuildId}`)).status).toBe(401);
    expect((await fetch(`${query.url}/admin/rebuild/${randomUUID()}`, { headers: ADMIN })).status).toBe(404);

    const status = await eventually(
      async () => {
        const body = (await (await fetch(`${query.url}/admin/rebuild/${rebuildId}`, { headers: ADMIN })).json()) as {
          state: string;
        };
        if (body.state === 'running') throw new Error('still running');
        return body;
      },
      { timeoutMs: 60_000 },
    );
    expect(status).toMatchObject({
      rebuildId,
      views: ['seat-sales'],
      state: 'succeeded',
      processed: events,
      total: events,
    });
    const sold = await eventually(async () => {
      const response = await fetchAs(`${query.url}/conferences/${conferenceId}/sales`);
      if (response.status !== 200) throw new Error(`sales answered ${response.status}`);
      return (await response.json()) as { days: { seatType: string; seats: number }[] };
    });
    expect(sold).toMatchObject({ conferenceId, version: 101, days: [{ seatType: 'general', seats: 2 }] });
    await clean();

    // From the switch on, the consumer keeps the new view too.
    const committed = await post(`${history.commands.url}/conferences/${conferenceId}/reservations/r-3/commit`);
    expect(committed.status).toBe(200);
    await eventually(async () => {
      const sales = (await (await fetchAs(`${query.url}/conferences/${conferenceId}/sales`)).json()) as object;
      expect(sales).toMatchObject({
        version: committed.json.version,
        days: [{ seatType: 'general' }, { seatType: 'vip', seats: 2 }],
      });
    });
  }, 120_000);

  it('rebuilds dropped views from the topic, verified against a fold of the event store, and switches', async () => {
    const { generations } = await readPointers(db);
    for (const { name, collections } of VIEWS) {
      for (const base of collections) await db.dropCollection(collectionName(base, generations[name]!));
    }
    expect(await (await fetch(`${query.url}/conferences`)).json()).toEqual([]);

    const { code, stdout, stderr } = await replay(['--view', 'all', '--verify']).ended;
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toMatch(/^switched: availability, reservations, seat-sales generation \S+, 10\d{3} events/);
    await clean();
    expect(await (await fetch(`${query.url}/conferences?limit=100`)).json()).toHaveLength(100);
    expect(await unnamedGenerations()).toEqual([]);
  }, 120_000);

  it('answers queries during a replay, and shows the commands issued during it after the switch', async () => {
    const run = replay(['--view', 'all', '--progress-ms', '0']);
    await run.line((line) => line.startsWith('rebuilding'));
    let ended = false;
    void run.ended.then(() => (ended = true));
    const conferences = [...new Set(history.versions.map(({ conferenceId }) => conferenceId))];
    const issued: { conferenceId: string; reservationId: string; version: number }[] = [];
    const answers: number[] = [];
    for (let n = 0; !ended; n += 1) {
      const conferenceId = conferences[n % conferences.length]!;
      const reservationId = `during-${n}`;
      const { status, json } = await post(`${history.commands.url}/conferences/${conferenceId}/reservations`, {
        reservationId,
        seats: [{ seatType: 'general', quantity: 1 }],
      });
      expect(status).toBe(201);
      issued.push({ conferenceId, reservationId, version: json.version });
      answers.push((await fetch(`${query.url}/conferences/${conferenceId}/availability`)).status);
    }
    expect((await run.ended).code).toBe(0);
    expect(issued.length).toBeGreaterThan(0);
    expect(answers.filter((status) => status !== 200)).toEqual([]);

    for (const { conferenceId, version } of issued) {
      const view = await fetch(
        `${query.url}/conferences/${conferenceId}/availability?minVersion=${version}&waitMs=10000`,
      );
      expect(await view.json()).toMatchObject({ conferenceId, stale: false });
    }
    // The checker compares every reservation; a few here through the API.
    for (const { conferenceId, reservationId, version } of issued.slice(-5)) {
      const reservation = await fetchAs(`${query.url}/conferences/${conferenceId}/reservations/${reservationId}`);
      expect(await reservation.json()).toMatchObject({
        conferenceId,
        status: 'held',
        version,
      });
    }
    await clean();
  }, 180_000);

  it('leaves the live views untouched when a replay is killed half-way, and the next replay succeeds', async () => {
    const before = await liveViews();
    const run = replay(['--view', 'all', '--progress-ms', '0'], { REBUILD_CHUNK: '500' });
    await run.line((line) => {
      const [, processed, total] = /^rebuilding ([\d,]+)\/([\d,]+)/.exec(line)?.map((n) => n.replaceAll(',', '')) ?? [];
      return Number(processed) >= Number(total) / 2 && Number(processed) < Number(total);
    });
    run.process.kill('SIGKILL');
    expect((await run.ended).code).toBeNull();
    expect(await liveViews()).toEqual(before);
    expect((await unnamedGenerations()).length).toBeGreaterThan(0);

    const { code, stderr } = await replay(['--view', 'all', '--wait', '20']).ended;
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(await unnamedGenerations()).toEqual([]);
    expect((await readPointers(db)).epoch).toBeGreaterThan(before.pointers.epoch);
    await clean();
  }, 180_000);

  it('switches nothing when the new views differ from the event store, and says where', async () => {
    const before = await readPointers(db);
    const { code, stdout } = await replay([
      '--view',
      'availability',
      '--verify',
      '--event-store-url',
      await freshEventStoreUrl('empty'),
    ]).ended;
    expect(code).toBe(1);
    expect(stdout).toMatch(/^verification failed, nothing switched: .* in 100 places/);
    expect(stdout).toMatch(/unexpected: availability of replay-\d+-\w+, which the store does not hold/);
    expect(await readPointers(db)).toEqual(before);
    expect(await unnamedGenerations()).toEqual([]);
  }, 120_000);

  it('keeps the views it did not rebuild whole when the live consumer was behind the replay at the switch', async () => {
    await query.stop();
    const conferences = [...new Set(history.versions.map(({ conferenceId }) => conferenceId))].slice(0, 20);
    const issued = await Promise.all(
      conferences.map(async (conferenceId) => {
        const { status, json } = await post(`${history.commands.url}/conferences/${conferenceId}/reservations`, {
          reservationId: 'while-stopped',
          seats: [{ seatType: 'general', quantity: 1 }],
        });
        expect(status).toBe(201);
        return { conferenceId, version: json.version };
      }),
    );
    // On the topic before the replay reads it: the new seat-sales has them, the carried views do not yet.
    await relayed(history.commands);
    const { code, stderr } = await replay(['--view', 'seat-sales']).ended;
    expect({ code, stderr }).toMatchObject({ code: 0 });

    ({ service: query } = await startQueryService(history.topic, {
      readStoreUrl,
      group,
      env: { REBUILD_GRACE_MS: '1000' },
    }));
    for (const { conferenceId, version } of issued) {
      const view = await fetch(
        `${query.url}/conferences/${conferenceId}/availability?minVersion=${version}&waitMs=10000`,
      );
      expect(await view.json()).toMatchObject({ conferenceId, stale: false });
    }
    await clean();
  }, 120_000);
});
