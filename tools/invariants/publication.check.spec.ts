import { randomUUID } from 'node:crypto';
import { checkPublication, isClean, type StoredEvent, type TopicMessage } from './publication.check.js';

const stream = (conferenceId: string, versions: number): StoredEvent[] =>
  Array.from({ length: versions }, (_, index) => ({
    eventId: randomUUID(),
    streamId: `seat-availability-${conferenceId}`,
    streamVersion: index + 1,
    type: 'SeatsAdded',
    data: {},
    occurredAt: '2026-11-26T00:00:00.000Z',
  }));

let offset = 0;
const message = (event: StoredEvent, { partition = 0, key = event.streamId.slice(18) } = {}): TopicMessage => ({
  partition,
  offset: String((offset += 1)),
  key,
  headers: { 'event-type': 'SeatsReserved', 'event-id': event.eventId, 'schema-version': '1', 'correlation-id': 'c' },
  value: JSON.stringify({
    ...event,
    type: 'SeatsReserved',
    schemaVersion: 1,
    globalPosition: offset,
    occurredAt: new Date().toISOString(),
    data: {},
    metadata: { correlationId: 'c', causationId: 'c', actor: 'a', serviceVersion: '1' },
  }),
});

const [a1, a2, a3] = stream('a', 3) as [StoredEvent, StoredEvent, StoredEvent];
const [b1] = stream('b', 1) as [StoredEvent];
const stored = [a1, a2, a3, b1];

describe('checking the topic against the store', () => {
  it('is clean when every event is published once, in order', () => {
    const report = checkPublication(
      stored,
      [a1, b1, a2, a3].map((event) => message(event)),
    );
    expect(isClean(report)).toBe(true);
    expect(report).toMatchObject({ stored: 4, published: 4, duplicates: 0 });
  });

  it('counts redeliveries as duplicates, not as violations', () => {
    const report = checkPublication(
      stored,
      [a1, a2, a1, a2, a3, b1].map((event) => message(event)),
    );
    expect(isClean(report)).toBe(true);
    expect(report.duplicates).toBe(2);
  });

  it('finds a stored event that was never published', () => {
    const report = checkPublication(
      stored,
      [a1, a2, a3].map((event) => message(event)),
    );
    expect(report.violations.missing).toEqual([`seat-availability-b v1 (${b1.eventId})`]);
  });

  it('finds a published event the store does not hold', () => {
    const [ghost] = stream('a', 1) as [StoredEvent];
    const report = checkPublication(
      stored,
      [...stored, ghost].map((event) => message(event)),
    );
    expect(report.violations.invented).toHaveLength(1);
  });

  it("finds a stream's events out of order", () => {
    const report = checkPublication(
      stored,
      [a1, a3, a2, b1].map((event) => message(event)),
    );
    expect(report.violations.outOfOrder).toEqual([
      expect.stringContaining('v3 after v1'),
      expect.stringContaining('v2 after v3'),
    ]);
  });

  it('finds a stream spread over partitions and a message under the wrong key', () => {
    const report = checkPublication(stored, [
      message(a1),
      message(a2, { partition: 1 }),
      message(a3),
      message(b1, { key: 'a' }),
    ]);
    expect(report.violations.misplaced).toHaveLength(2);
  });

  it('finds a message that is not a published event, and headers that disagree with the event', () => {
    const unreadable = { ...message(a1), value: '{' };
    const mislabelled = message(a2);
    const report = checkPublication(stored, [
      message(a1),
      { ...mislabelled, headers: { ...mislabelled.headers, 'event-type': 'SeatsAdded' } },
      unreadable,
      message(a3),
      message(b1),
    ]);
    expect(report.violations.malformed).toEqual([
      expect.stringContaining('header event-type is not SeatsReserved'),
      expect.stringContaining('offset'),
    ]);
  });
});
