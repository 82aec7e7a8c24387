import { randomUUID } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { createKafka, readTopic as readWholeTopic } from '#libs/messaging';
import { stackEnv } from '#libs/config';
import {
  eventually,
  fetchAs,
  freshEventStoreUrl,
  postJson,
  runInvariantChecker,
  type ServiceProcess,
  startServiceProcess,
} from '#libs/testing';

const kafka = createKafka({
  clientId: 'projection-testbed',
  brokers: stackEnv().KAFKA_BROKERS,
});

export const ADMIN_TOKEN = 'projection-test-token';

/** A message as read from a topic, to be produced again (in another order, twice, or not at all). */
export interface CopiedMessage {
  partition: number;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface ViewsReport {
  conferences: number;
  reservations: number;
  parked: string[];
  violations: Record<'missing' | 'unexpected' | 'different', string[]>;
}

/** A command-service that wrote a history to a store and topic of its own. */
export interface History {
  eventStoreUrl: string;
  topic: string;
  commands: CommandService;
  /** Each command's answer: the conference and the stream version it wrote. */
  versions: { conferenceId: string; version: number }[];
}

type CommandService = ServiceProcess;

export const post = async (url: string, body?: object): Promise<{ status: number; json: { version: number } }> => {
  const response = body ? await postJson(url, body) : await fetchAs(url, 'admin', { method: 'POST' });
  return { status: response.status, json: (await response.json()) as { version: number } };
};

/**
 * `conferences` conferences, `reservations` reservations each (10 unless given), one of them cancelled and
 * one committed, written by a command service (given more environment in `env`) to a fresh store and to `topic`.
 */
export const writeHistory = async (
  name: string,
  conferences: number,
  {
    topic = `${name}-${randomUUID()}`,
    env = {},
    reservations = 10,
  }: { topic?: string; env?: NodeJS.ProcessEnv; reservations?: number } = {},
): Promise<History> => {
  const eventStoreUrl = await freshEventStoreUrl(name);
  const commands = await startServiceProcess('command-service', {
    EVENT_STORE_URL: eventStoreUrl,
    KAFKA_TOPIC: topic,
    ...env,
  });
  const versions: History['versions'] = [];
  const record = ({ status, json }: { status: number; json: { version: number } }, conferenceId: string) => {
    if (status >= 300) throw new Error(`command refused: ${status} ${JSON.stringify(json)}`);
    versions.push({ conferenceId, version: json.version });
  };
  await Promise.all(
    Array.from({ length: conferences }, async (_, index) => {
      const conferenceId = `${name}-${index}-${randomUUID().slice(0, 8)}`;
      const seatTypes = [
        { seatType: 'general', quantity: 5 * reservations },
        { seatType: 'vip', quantity: reservations },
      ];
      record(
        await post(`${commands.url}/conferences`, { conferenceId, name: `Conference ${index}`, seatTypes }),
        conferenceId,
      );
      for (let reservation = 0; reservation < reservations; reservation += 1) {
        const seats = [{ seatType: reservation % 3 === 0 ? 'vip' : 'general', quantity: 1 + (reservation % 2) }];
        const url = `${commands.url}/conferences/${conferenceId}/reservations`;
        record(await post(url, { reservationId: `r-${reservation}`, seats }), conferenceId);
      }
      record(await post(`${commands.url}/conferences/${conferenceId}/reservations/r-1/commit`), conferenceId);
      const cancelled = await fetchAs(`${commands.url}/conferences/${conferenceId}/reservations/r-2`, 'admin', {
        method: 'DELETE',
      });
      record({ status: cancelled.status, json: (await cancelled.json()) as { version: number } }, conferenceId);
    }),
  );
  await relayed(commands);
  return { eventStoreUrl, topic, commands, versions };
};

/** Resolves once the command service's relay has published every event it stored. */
export const relayed = (commands: ServiceProcess): Promise<void> =>
  eventually(async () => {
    const ready = (await (await fetchAs(`${commands.url}/health/ready`)).json()) as {
      checks: { relay: { details: { lagEvents: number } } };
    };
    if (ready.checks.relay.details.lagEvents !== 0) throw new Error('the relay has not published everything yet');
  });

/** Every message on a topic, partition by partition, up to its current end. */
export const readTopic = async (topic: string): Promise<CopiedMessage[]> =>
  (await readWholeTopic(kafka, topic)).map(({ partition, key, value, headers }) => ({
    partition,
    key: key ?? '',
    value: value ?? '',
    headers,
  }));

/** A new topic holding these messages, each on the partition it names, in the order given. */
export const topicOf = async (name: string, messages: readonly CopiedMessage[], partitions = 3): Promise<string> => {
  const topic = `${name}-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions }] });
  await admin.disconnect();
  const producer = kafka.producer({ maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (const { partition, key, value, headers } of messages) {
    await producer.send({ topic, acks: -1, messages: [{ partition, key, value, headers }] });
  }
  await producer.disconnect();
  return topic;
};

export const deleteTopics = async (topics: readonly string[]): Promise<void> => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [...topics, ...topics.map((topic) => `${topic}.dlq`)] }).catch(() => undefined);
  await admin.disconnect();
};

/** A query service projecting `topic` into a database and as a consumer group of its own, unless given. */
export const startQueryService = async (
  topic: string,
  { readStoreUrl = freshReadStoreUrl(), group = `query-${randomUUID()}`, env = {} } = {},
) => {
  const service = await startServiceProcess('query-service', {
    KAFKA_TOPIC: topic,
    READ_STORE_URL: readStoreUrl,
    CONSUMER_GROUP: group,
    ADMIN_TOKEN,
    GAP_RETRY_MS: '50',
    ...env,
  });
  return { service, readStoreUrl, group };
};

export const freshReadStoreUrl = (): string => {
  const base = new URL(stackEnv().READ_STORE_URL);
  base.pathname = `/views_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  return base.toString();
};

const metric = (text: string, name: string): number =>
  [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
    (sum, [, value]) => sum + Number(value),
    0,
  );

/** Waits until the service has taken `messages` messages off the topic and committed them all. */
export const caughtUp = (service: ServiceProcess, messages: number): Promise<void> =>
  eventually(
    async () => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      const taken = metric(text, 'query_projected_messages_total');
      const lag = metric(text, 'query_consumer_lag_messages');
      if (taken < messages || lag > 0) throw new Error(`taken ${taken} of ${messages}, lag ${lag}`);
    },
    { timeoutMs: 60_000 },
  );

export const projected = async (service: ServiceProcess, outcome: string): Promise<number> =>
  metric(
    await (await fetch(`${service.url}/metrics`)).text(),
    `query_projected_messages_total\\{outcome="${outcome}"\\}`,
  );

/** Runs the invariant checker with --views and returns the views part. */
export const checkViews = async (history: History, readStoreUrl: string): Promise<ViewsReport> => {
  const args = ['--views', '--event-store-url', history.eventStoreUrl, '--topic', history.topic];
  const report = (await runInvariantChecker([...args, '--read-store-url', readStoreUrl])) as { views: ViewsReport };
  return report.views;
};
