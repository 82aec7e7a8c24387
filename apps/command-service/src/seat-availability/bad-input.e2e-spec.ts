import { createPool } from '#libs/event-store';
import { eventStoreUrl, type HttpApp } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

let service: HttpApp;
let conferenceId: string;
const pool = createPool({ connectionString: eventStoreUrl(), max: 1 });
const eventCount = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]?.n);

beforeAll(async () => {
  service = await startCommandService();
  conferenceId = await createConference(service, { general: 10 });
});
afterAll(async () => {
  await service.close();
  await pool.end();
});

const seats = (quantity: unknown, seatType: unknown = 'general') => ({ seats: [{ seatType, quantity }] });

interface BadRequest {
  name: string;
  path?: string;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  status: number;
  field: string;
}

const reservations = () => `/conferences/${conferenceId}/reservations`;

const cases = (): BadRequest[] => [
  { name: 'a negative quantity', body: seats(-1), status: 400, field: '/seats/0/quantity' },
  { name: 'a fractional quantity', body: seats(1.5), status: 400, field: '/seats/0/quantity' },
  { name: 'a quantity given as a string', body: seats('2'), status: 400, field: '/seats/0/quantity' },
  { name: 'a huge quantity', body: seats(1e12), status: 400, field: '/seats/0/quantity' },
  { name: 'an empty seat list', body: { seats: [] }, status: 400, field: '/seats' },
  { name: 'no seat list', body: { allowPartial: true }, status: 400, field: '/seats' },
  {
    name: 'a seat type twice',
    body: {
      seats: [
        { seatType: 'general', quantity: 1 },
        { seatType: 'general', quantity: 2 },
      ],
    },
    status: 400,
    field: '/seats/1/seatType',
  },
  { name: 'an unknown seat type', body: seats(1, 'balcony'), status: 400, field: '/seats/0/seatType' },
  { name: 'an empty seat type', body: seats(1, ''), status: 400, field: '/seats/0/seatType' },
  { name: 'an unknown field', body: { ...seats(1), coupon: 'FREE' }, status: 400, field: '/coupon' },
  {
    name: 'an unknown field inside a seat',
    body: { seats: [{ seatType: 'general', quantity: 1, price: 0 }] },
    status: 400,
    field: '/seats/0/price',
  },
  { name: 'allowPartial as a string', body: { ...seats(1), allowPartial: 'yes' }, status: 400, field: '/allowPartial' },
  { name: 'a body that is an array', body: [seats(1)], status: 400, field: '' },
  { name: 'malformed JSON', body: '{"seats": [', status: 400, field: '' },
  { name: 'a wrong content type', body: 'seats=1', contentType: 'text/plain', status: 415, field: 'Content-Type' },
  { name: 'an oversize body', body: { seats: [], padding: 'x'.repeat(70_000) }, status: 413, field: '' },
  {
    name: 'a reservation id with a control character',
    body: { ...seats(1), reservationId: 'r\u00071' },
    status: 400,
    field: '/reservationId',
  },
  {
    name: 'a very long reservation id',
    body: { ...seats(1), reservationId: 'r'.repeat(5_000) },
    status: 400,
    field: '/reservationId',
  },
  {
    name: 'a conference id with a control character',
    path: '/conferences/conf%0Aevil/reservations',
    body: seats(1),
    status: 400,
    field: '/conferenceId',
  },
  {
    name: 'a very long conference name',
    path: '/conferences',
    body: { name: 'n'.repeat(10_000), seatTypes: [] },
    status: 400,
    field: '/name',
  },
  {
    name: 'a name with a control character',
    path: '/conferences',
    body: { name: 'Dev\u0000Conf', seatTypes: [] },
    status: 400,
    field: '/name',
  },
  {
    name: 'a fractional capacity change',
    path: `/conferences/${conferenceId}/capacity`,
    body: { seatType: 'general', delta: 0.5 },
    status: 400,
    field: '/delta',
  },
  {
    name: 'an idempotency key that is too long',
    body: seats(1),
    headers: { 'Idempotency-Key': 'k'.repeat(300) },
    status: 400,
    field: 'Idempotency-Key',
  },
];

describe('bad input', () => {
  it('has at least fifteen cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases().map((badRequest) => [badRequest.name, badRequest] as const))(
    'answers %s with a problem naming the field, and writes nothing',
    async (_name, { path, body, contentType = 'application/json', headers = {}, status, field }) => {
      const before = await eventCount();

      const response = await service
        .http()
        .post(path ?? reservations())
        .set('content-type', contentType)
        .set(headers)
        .send(typeof body === 'string' ? body : JSON.stringify(body));

      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
      expect(response.body.errors.map(({ path: at }: { path: string }) => at)).toContain(field);
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(await eventCount()).toBe(before);
    },
  );
});
