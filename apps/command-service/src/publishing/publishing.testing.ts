import { randomUUID } from 'node:crypto';
import { createKafka } from '#libs/messaging';
import { stackEnv } from '#libs/config';
import { freshEventStoreUrl, postJson, runInvariantChecker } from '#libs/testing';

/** The publication part of what `npm run check:invariants -- --json` prints. */
export interface InvariantReport {
  stored: number;
  published: number;
  duplicates: number;
  violations: Record<'missing' | 'invented' | 'outOfOrder' | 'misplaced' | 'malformed', string[]>;
}

/** A store and a topic of their own, so the checker compares exactly what one test wrote. */
export interface RelayTestbed {
  eventStoreUrl: string;
  topic: string;
  /** The environment that points a command-service at them. */
  env: NodeJS.ProcessEnv;
  /** Runs the invariant checker (the built CLI) on them. */
  check(): Promise<InvariantReport>;
  dispose(): Promise<void>;
}

const kafka = createKafka({
  clientId: 'relay-testbed',
  brokers: stackEnv().KAFKA_BROKERS,
});

export const relayTestbed = async (name: string): Promise<RelayTestbed> => {
  const eventStoreUrl = await freshEventStoreUrl(name);
  const topic = `${name}-${randomUUID()}`;
  return {
    eventStoreUrl,
    topic,
    env: { EVENT_STORE_URL: eventStoreUrl, KAFKA_TOPIC: topic },
    check: async () => {
      const report = (await runInvariantChecker(['--event-store-url', eventStoreUrl, '--topic', topic])) as {
        publication: InvariantReport;
      };
      return report.publication;
    },
    dispose: async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
};

export const createConference = async (serviceUrl: string, conferenceId: string): Promise<void> => {
  const response = await postJson(`${serviceUrl}/conferences`, {
    conferenceId,
    name: conferenceId,
    seatTypes: [{ seatType: 'general', quantity: 100_000 }],
  });
  if (response.status !== 201) throw new Error(`could not create ${conferenceId}: ${await response.text()}`);
};

export const reserve = (serviceUrl: string, conferenceId: string) =>
  postJson(`${serviceUrl}/conferences/${conferenceId}/reservations`, { seats: [{ seatType: 'general', quantity: 1 }] });
