import { MongoClient } from 'mongodb';
import { eventually, fetchAs, postJson, type ServiceProcess } from '#libs/testing';
import {
  ADMIN_TOKEN,
  caughtUp,
  checkViews,
  type CopiedMessage,
  deleteTopics,
  type History,
  projected,
  readTopic,
  startQueryService,
  topicOf,
  writeHistory,
} from './projection.testing.js';

const CLEAN = { missing: [], unexpected: [], different: [] };

let history: History;
let messages: CopiedMessage[];
const topics: string[] = [];
const services: ServiceProcess[] = [];

const queryServiceOn = async (topic: string) => {
  const started = await startQueryService(topic);
  services.push(started.service);
  return started;
};

const listeners = async (service: ServiceProcess): Promise<number> =>
  Number(/^query_view_listeners (\d+)/m.exec(await (await fetch(`${service.url}/metrics`)).text())?.[1]);

/** The data of each server-sent event with data, parsed; heartbeats have none. */
async function* readEvents(response: Response): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = /^data: (.+)$/m.exec(buffer.slice(0, end))?.[1];
      buffer = buffer.slice(end + 2);
      if (data) yield JSON.parse(data);
    }
  }
}

/** Every item of a list, following its `Link: <…>; rel="next"` headers, and the size of each page. */
const everyPage = async (service: ServiceProcess, first: string): Promise<{ items: unknown[]; sizes: number[] }> => {
  const items: unknown[] = [];
  const sizes: number[] = [];
  for (let path: string | undefined = first; path;) {
    const response = await fetchAs(`${service.url}${path}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as unknown[];
    items.push(...page);
    sizes.push(page.length);
    path = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
  }
  return { items, sizes };
};

const conferenceOf = ({ key }: CopiedMessage) => key;
const versionOf = ({ value }: CopiedMessage) => (JSON.parse(value) as { streamVersion: number }).streamVersion;

beforeAll(async () => {
  history = await writeHistory('projection', 10);
  messages = await readTopic(history.topic);
  topics.push(history.topic);
}, 120_000);

afterAll(async () => {
  await Promise.all([...services, ...(history ? [history.commands] : [])].map((service) => service.stop()));
  await deleteTopics(topics);
}, 60_000);

describe('the query service projecting the topic (real Kafka, FerretDB, PostgreSQL)', () => {
  it('makes views equal to a fold of the event store, and shows every command through minVersion', async () => {
    const { service, readStoreUrl } = await queryServiceOn(history.topic);

    for (const { conferenceId, version } of history.versions) {
      const response = await fetch(
        `${service.url}/conferences/${conferenceId}/availability?minVersion=${version}&waitMs=10000`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ conferenceId, stale: false });
    }
    await caughtUp(service, messages.length);
    expect(history.versions).toHaveLength(130);
    expect(await checkViews(history, readStoreUrl)).toMatchObject({ conferences: 10, parked: [], violations: CLEAN });
    const conferences = (await (await fetch(`${service.url}/conferences`)).json()) as object[];
    expect(conferences).toHaveLength(10);
    for (const conference of conferences) {
      expect(Object.keys(conference).sort()).toEqual(['conferenceId', 'name', 'seatTypes', 'version']);
    }
  }, 120_000);

  it("pages the conference list and a conference's reservations by keyset, and finds a reservation by its conference", async () => {
    const { service } = await queryServiceOn(history.topic);
    await caughtUp(service, messages.length);
    const [conferenceId, other] = [...new Set(history.versions.map((version) => version.conferenceId))] as [
      string,
      string,
    ];

    const conferences = await everyPage(service, '/conferences?limit=3');
    const reservations = await everyPage(service, `/conferences/${conferenceId}/reservations?limit=4`);

    expect(conferences.sizes).toEqual([3, 3, 3, 1]);
    const conferenceIds = conferences.items.map((conference) => (conference as { conferenceId: string }).conferenceId);
    expect(conferenceIds).toEqual([...new Set(history.versions.map((version) => version.conferenceId))].sort());
    expect(reservations.sizes).toEqual([4, 4, 2]);
    expect(reservations.items).toEqual(
      Array.from({ length: 10 }, (_, n) => `r-${n}`)
        .sort()
        .map((reservationId) => ({
          reservationId,
          holderId: 'admin',
          seats: [expect.anything()],
          status: { 'r-1': 'committed', 'r-2': 'cancelled' }[reservationId] ?? 'held',
          version: expect.any(Number),
        })),
    );
    for (const id of [conferenceId, other]) {
      const one = await fetchAs(`${service.url}/conferences/${id}/reservations/r-1`);
      expect(await one.json()).toMatchObject({ conferenceId: id, reservationId: 'r-1', status: 'committed' });
    }
    expect((await fetchAs(`${service.url}/conferences/${conferenceId}/reservations/r-10`)).status).toBe(404);
    for (const bad of ['limit=0', 'limit=101', 'limit=ten', 'after=%2F', 'skip=3']) {
      const refused = await fetchAs(`${service.url}/conferences/${conferenceId}/reservations?${bad}`);
      expect({ bad, status: refused.status, type: refused.headers.get('content-type') }).toEqual({
        bad,
        status: 400,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
  }, 120_000);

  it('streams availability changes live, and lets go of a client that leaves', async () => {
    const { service } = await queryServiceOn(history.topic);
    const { conferenceId } = history.versions[0]!;
    await caughtUp(service, messages.length);
    const abort = new AbortController();
    const response = await fetch(`${service.url}/conferences/${conferenceId}/availability/stream`, {
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = readEvents(response);

    const first = await events.next();
    const reserved = await postJson(`${history.commands.url}/conferences/${conferenceId}/reservations`, {
      seats: [{ seatType: 'general', quantity: 1 }],
    });
    const { version } = (await reserved.json()) as { version: number };
    const next = await events.next();

    expect(first.value).toMatchObject({ conferenceId, version: version - 1 });
    expect(next.value).toMatchObject({ conferenceId, version });
    expect(await listeners(service)).toBe(1);
    abort.abort();
    await eventually(async () => expect(await listeners(service)).toBe(0));
    messages = await readTopic(history.topic);
  }, 120_000);

  it('skips duplicates and older redeliveries', async () => {
    const redelivered = [...messages, ...[...messages].reverse(), ...messages];
    const topic = await topicOf('redelivered', redelivered);
    topics.push(topic);
    const { service, readStoreUrl } = await queryServiceOn(topic);

    await caughtUp(service, redelivered.length);
    expect(await projected(service, 'duplicate')).toBe(2 * messages.length);
    expect(await checkViews(history, readStoreUrl)).toMatchObject({ parked: [], violations: CLEAN });
  }, 120_000);

  it("appends each event once to reservations written before their conference's availability", async () => {
    const first = await queryServiceOn(history.topic);
    await caughtUp(first.service, messages.length);
    await first.service.stop();
    // As if it had crashed after writing a batch's reservations and before the availability that checkpoints them.
    const [victim] = messages.map(conferenceOf);
    const client = await MongoClient.connect(first.readStoreUrl);
    await client.db().collection<{ _id: string }>('conference_availability').deleteOne({ _id: victim });
    await client.close();

    const { service } = await startQueryService(history.topic, { readStoreUrl: first.readStoreUrl });
    services.push(service);
    await caughtUp(service, messages.length);
    expect(await projected(service, 'applied')).toBe(
      messages.filter((message) => conferenceOf(message) === victim).length,
    );
    expect(await checkViews(history, first.readStoreUrl)).toMatchObject({ parked: [], violations: CLEAN });
  }, 120_000);

  it("appends only the unseen events to a reservation that has some of a redelivered batch's", async () => {
    const first = await queryServiceOn(history.topic);
    await caughtUp(first.service, messages.length);
    await first.service.stop();
    // As if it had crashed after writing part of a reservation's events and before the checkpoint after them.
    const [victim] = messages.map(conferenceOf);
    const client = await MongoClient.connect(first.readStoreUrl);
    const reservations = client.db().collection<{ _id: string; history: { version: number }[] }>('reservations');
    const { history: events } = (await reservations.findOne({ _id: `${victim}/r-1` }))!;
    expect(events.length).toBeGreaterThan(1);
    await reservations.updateOne(
      { _id: `${victim}/r-1` },
      { $set: { status: 'held', version: events[0]!.version, history: events.slice(0, 1) } },
    );
    await client.db().collection<{ _id: string }>('reservation_checkpoints').deleteOne({ _id: victim });
    await client.close();

    const { service } = await startQueryService(history.topic, { readStoreUrl: first.readStoreUrl });
    services.push(service);
    await caughtUp(service, messages.length);
    expect(await checkViews(history, first.readStoreUrl)).toMatchObject({ parked: [], violations: CLEAN });
  }, 120_000);

  it('parks a conference whose next event is missing, and keeps the others going', async () => {
    const [victim] = messages.map(conferenceOf);
    const withGap = messages.filter((message) => !(conferenceOf(message) === victim && versionOf(message) === 3));
    const topic = await topicOf('gap', withGap);
    topics.push(topic);
    const { service, readStoreUrl } = await queryServiceOn(topic);

    await caughtUp(service, withGap.length);
    expect(await checkViews(history, readStoreUrl)).toMatchObject({ parked: [victim], violations: CLEAN });
    const parked = await fetch(`${service.url}/admin/parked`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const waiting = withGap.filter((message) => conferenceOf(message) === victim && versionOf(message) > 3).length;
    expect(await parked.json()).toMatchObject({
      conferences: [{ conferenceId: victim, version: 2, reason: expect.stringMatching(/gap/), waiting }],
    });
    expect((await fetch(`${service.url}/admin/parked`)).status).toBe(401);
    expect(await (await fetch(`${service.url}/conferences/${victim}/availability`)).json()).toMatchObject({
      version: 2,
    });
  }, 120_000);

  it('dead-letters a poison message and parks its conference', async () => {
    const victim = conferenceOf(messages[5]!);
    const at = messages.findIndex((message) => conferenceOf(message) === victim && versionOf(message) === 4);
    const poison = { ...messages[at]!, value: '{"not": "an event"}' };
    const poisoned = [...messages.slice(0, at), poison, ...messages.slice(at)];
    const topic = await topicOf('poison', poisoned);
    topics.push(topic);
    const { service, readStoreUrl } = await queryServiceOn(topic);

    await caughtUp(service, poisoned.length);
    expect(await projected(service, 'dead-lettered')).toBe(1);
    expect(await checkViews(history, readStoreUrl)).toMatchObject({ parked: [victim], violations: CLEAN });
    const [deadLetter] = await readTopic(`${topic}.dlq`);
    expect(deadLetter).toMatchObject({ key: victim, value: poison.value });
    expect(deadLetter?.headers['dead-letter-reason']).toMatch(/envelope/);
    const ready = (await (await fetchAs(`${service.url}/health/ready`)).json()) as object;
    expect(ready).toMatchObject({ checks: { projection: { details: { parkedConferences: 1 } } } });
  }, 120_000);

  it('loses and repeats nothing when killed mid-batch', async () => {
    const { service, readStoreUrl, group } = await queryServiceOn(history.topic);
    // Killed as soon as it has applied anything, so some of what it fetched is written and not committed.
    await eventually(
      async () => {
        if ((await projected(service, 'applied')) === 0) throw new Error('nothing applied yet');
      },
      { intervalMs: 5 },
    );
    await service.stop('SIGKILL');

    const restarted = await startQueryService(history.topic, { readStoreUrl, group });
    services.push(restarted.service);
    // The group's next member starts from the committed offsets, so it sees again what was written uncommitted.
    await eventually(async () => {
      expect(await checkViews(history, readStoreUrl)).toMatchObject({ parked: [], violations: CLEAN });
    });
    expect(await projected(restarted.service, 'applied')).toBeLessThan(messages.length);
  }, 120_000);
});
