import { eventually, type ServiceProcess } from '#libs/testing';
import {
  deleteTopics,
  freshReadStoreUrl,
  type History,
  post,
  startQueryService,
  writeHistory,
} from './projection.testing.js';

const CONFERENCES = 6;
const COMMANDS = 8;

let history: History;
const replicas: ServiceProcess[] = [];

/** The availability versions a server-sent event stream delivers (`seen`, as they come), until aborted. */
const streamVersions = (service: ServiceProcess, conferenceId: string, abort: AbortController) => {
  const seen: number[] = [];
  const ended = (async () => {
    const response = await fetch(`${service.url}/conferences/${conferenceId}/availability/stream`, {
      signal: abort.signal,
    });
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        for (const match of buffer.matchAll(/^data: (\{.+\})$/gm)) {
          seen.push((JSON.parse(match[1]!) as { version: number }).version);
        }
        buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return { seen, ended };
};

const availability = async (service: ServiceProcess, conferenceId: string, minVersion: number) =>
  (await (
    await fetch(`${service.url}/conferences/${conferenceId}/availability?minVersion=${minVersion}&waitMs=5000`)
  ).json()) as { version: number; stale: boolean };

beforeAll(async () => {
  history = await writeHistory('replicas', CONFERENCES, { reservations: 3 });
  const shared = { readStoreUrl: freshReadStoreUrl(), group: `replicas-${Date.now()}` };
  for (let replica = 0; replica < 2; replica += 1) {
    replicas.push((await startQueryService(history.topic, shared)).service);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...replicas, ...(history ? [history.commands] : [])].map((service) => service.stop()));
  if (history) await deleteTopics([history.topic]);
}, 60_000);

describe('two query-service replicas sharing the partitions (real Kafka, FerretDB)', () => {
  it('answers read-your-writes and streams every change in order on the replica that does not own the partition too', async () => {
    const conferenceIds = [...new Set(history.versions.map(({ conferenceId }) => conferenceId))];
    const last = new Map(history.versions.map(({ conferenceId, version }) => [conferenceId, version]));
    // Both replicas have joined and follow the topic once a change made now shows on both.
    await eventually(
      async () => {
        for (const conferenceId of conferenceIds) {
          const { json } = await post(`${history.commands.url}/conferences/${conferenceId}/capacity`, {
            seatType: 'general',
            delta: 1,
          });
          last.set(conferenceId, json.version);
          for (const replica of replicas) {
            expect(await availability(replica, conferenceId, json.version)).toMatchObject({ stale: false });
          }
        }
      },
      { timeoutMs: 60_000 },
    );
    const abort = new AbortController();
    const streams = conferenceIds.flatMap((conferenceId) =>
      replicas.map((replica) => ({ conferenceId, stream: streamVersions(replica, conferenceId, abort) })),
    );
    await eventually(async () => {
      const text = await Promise.all(replicas.map(async (replica) => (await fetch(`${replica.url}/metrics`)).text()));
      const listening = text.map((metrics) => Number(/^query_view_listeners (\d+)/m.exec(metrics)?.[1]));
      expect(listening).toEqual([CONFERENCES, CONFERENCES]);
    });

    // One change at a time per conference, each awaited on every stream: changes that reach the view in one
    // write show as one state, so only spaced changes can each be seen.
    for (let command = 0; command < COMMANDS; command += 1) {
      await Promise.all(
        conferenceIds.map(async (conferenceId) => {
          const url = `${history.commands.url}/conferences/${conferenceId}/reservations`;
          const { status, json } = await post(url, { seats: [{ seatType: 'general', quantity: 1 }] });
          expect(status).toBe(201);
          for (const replica of replicas) {
            expect(await availability(replica, conferenceId, json.version)).toMatchObject({
              version: json.version,
              stale: false,
            });
          }
          await eventually(
            () => {
              for (const { stream } of streams.filter((watched) => watched.conferenceId === conferenceId))
                expect(stream.seen.at(-1)).toBe(json.version);
            },
            { timeoutMs: 10_000, intervalMs: 5 },
          );
        }),
      );
    }
    abort.abort();

    for (const { conferenceId, stream } of streams) {
      await stream.ended;
      const first = last.get(conferenceId)!;
      expect({ conferenceId, versions: stream.seen }).toEqual({
        conferenceId,
        versions: Array.from({ length: COMMANDS + 1 }, (_, n) => first + n),
      });
    }
  }, 180_000);
});
