import { readSeatAvailabilityEvent, seatAvailabilityStream } from '#libs/contracts';
import { createPool, PostgresEventStore } from '#libs/event-store';
import { eventStoreUrl, eventually, postJson, startServiceProcess, uniqueId } from '#libs/testing';

/**
 * An acknowledged command is never lost: SIGKILL the service while reservations are in flight, and every
 * reservation it answered 201 must be in the event store, with the stream still consistent.
 */
const pool = createPool({ connectionString: eventStoreUrl(), max: 2 });
const store = new PostgresEventStore(pool);
afterAll(() => pool.end());

describe('SIGKILL of the command service under load', () => {
  it('loses no acknowledged reservation and leaves every stream contiguous', async () => {
    const service = await startServiceProcess('command-service');
    const conferences = Array.from({ length: 5 }, () => uniqueId('crash'));
    for (const conferenceId of conferences) {
      await postJson(`${service.url}/conferences`, {
        conferenceId,
        name: 'Crash',
        seatTypes: [{ seatType: 'general', quantity: 10_000 }],
      });
    }

    const acknowledged: { conferenceId: string; reservationId: string }[] = [];
    let sent = 0;
    let killed = false;
    // Twenty clients keep reserving until the process dies under them, so requests are always in flight.
    const client = async (): Promise<void> => {
      while (!killed) {
        const index = sent++;
        const conferenceId = conferences[index % conferences.length] ?? '';
        const reservationId = `r${index}`;
        try {
          const response = await postJson(`${service.url}/conferences/${conferenceId}/reservations`, {
            reservationId,
            seats: [{ seatType: 'general', quantity: 1 }],
          });
          if (response.status === 201) acknowledged.push({ conferenceId, reservationId });
        } catch {
          return; // The connection died with the process: not acknowledged, so nothing is owed.
        }
      }
    };
    const clients = Array.from({ length: 20 }, client);
    await eventually(() => Promise.resolve(expect(acknowledged.length).toBeGreaterThanOrEqual(300)), { intervalMs: 5 });
    await service.stop('SIGKILL');
    killed = true;
    await Promise.all(clients);

    expect(sent).toBeGreaterThan(acknowledged.length);
    for (const conferenceId of conferences) {
      const events = await store.readStream(seatAvailabilityStream(conferenceId));
      expect(events.map(({ streamVersion }) => streamVersion)).toEqual(events.map((_, index) => index + 1));
      const reserved = new Set(
        events
          .map((event) => readSeatAvailabilityEvent(event.type, event.schemaVersion, event.data))
          .flatMap((event) => (event.type === 'SeatsReserved' ? [event.data.reservationId] : [])),
      );
      const owed = acknowledged
        .filter((ack) => ack.conferenceId === conferenceId)
        .map(({ reservationId }) => reservationId);
      expect(owed.filter((reservationId) => !reserved.has(reservationId))).toEqual([]);
    }
  }, 120_000);
});
