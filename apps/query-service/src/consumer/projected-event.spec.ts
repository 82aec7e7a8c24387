import { randomUUID } from 'node:crypto';
import { decode } from './projected-event.js';

const envelope = {
  eventId: randomUUID(),
  type: 'ConferenceCreated',
  schemaVersion: 1,
  streamId: 'seat-availability-conf-1',
  streamVersion: 1,
  globalPosition: 7,
  occurredAt: '2026-11-25T10:00:00.000Z',
  data: { conferenceId: 'conf-1', name: 'Conf', seatTypes: [{ seatType: 'general', quantity: 10 }] },
  metadata: { correlationId: 'c', causationId: 'c', actor: 'a', serviceVersion: '0.1.0' },
};
const message = (value: string | undefined, key = 'conf-1') => ({ partition: 0, offset: '0', key, value, headers: {} });

describe('reading a message off the topic', () => {
  it('reads a published event', () => {
    expect(decode(message(JSON.stringify(envelope)))).toMatchObject({
      ok: true,
      event: { conferenceId: 'conf-1', streamVersion: 1, event: { type: 'ConferenceCreated' } },
    });
  });

  it.each([
    ['no value', undefined, /no value/],
    ['not JSON', '{', /not JSON/],
    ['an envelope missing a field', JSON.stringify({ ...envelope, streamVersion: undefined }), /streamVersion/],
    ['an unknown event type', JSON.stringify({ ...envelope, type: 'SeatsStolen' }), /SeatsStolen/],
    ['data that breaks its schema', JSON.stringify({ ...envelope, data: { conferenceId: 'conf-1' } }), /./],
    ['a stream of another aggregate', JSON.stringify({ ...envelope, streamId: 'order-1' }), /not a SeatAvailability/],
  ])('says why it cannot read %s', (_case, value, reason) => {
    const decoded = decode(message(value));
    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toMatch(reason);
  });

  it('refuses a message keyed by another conference than its event', () => {
    expect(decode(message(JSON.stringify(envelope), 'conf-2'))).toMatchObject({ ok: false, reason: /disagree/ });
  });
});
