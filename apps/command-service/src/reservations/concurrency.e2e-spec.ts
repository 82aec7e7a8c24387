import { fetchAs, postJson, type ServiceProcess, startServiceProcess, uniqueId } from '#libs/testing';

/**
 * Two command-service processes on one database: each serialises its own commands per conference, and
 * between them only the append's version check stands. Nothing may be oversold, and nothing may fail.
 */
let services: ServiceProcess[];

beforeAll(async () => {
  services = await Promise.all([startServiceProcess('command-service'), startServiceProcess('command-service')]);
}, 120_000);
afterAll(() => Promise.all(services.map((service) => service.stop())));

describe('200 concurrent reservations of one seat each, for 10 seats, over two processes', () => {
  it('grants exactly 10, refuses 190 with 409, fails none, and keeps the stream contiguous', async () => {
    const conferenceId = uniqueId('hot');
    const [first, second] = services.map(({ url }) => url);
    await postJson(`${first}/conferences`, {
      conferenceId,
      name: 'Hot',
      seatTypes: [{ seatType: 'general', quantity: 10 }],
    });

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        postJson(`${index % 2 === 0 ? first : second}/conferences/${conferenceId}/reservations`, {
          seats: [{ seatType: 'general', quantity: 1 }],
        }),
      ),
    );
    const statuses = responses.map(({ status }) => status);
    const refusals = await Promise.all(
      responses
        .filter(({ status }) => status === 409)
        .map(async (response) => ((await response.json()) as { type: string }).type),
    );

    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 409)).toHaveLength(190);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(new Set(refusals)).toEqual(new Set(['urn:seat-reservations:problem:not-enough-seats']));

    const { events } = (await (await fetchAs(`${second}/conferences/${conferenceId}/events?limit=1000`)).json()) as {
      events: { streamVersion: number }[];
    };
    expect(events.map(({ streamVersion }) => streamVersion)).toEqual(
      Array.from({ length: 11 }, (_, index) => index + 1),
    );
    const state = (await (await fetchAs(`${first}/conferences/${conferenceId}/state`)).json()) as {
      seatTypes: { available: number; held: number }[];
    };
    expect(state.seatTypes).toEqual([expect.objectContaining({ held: 10, available: 0 })]);
  }, 120_000);
});
