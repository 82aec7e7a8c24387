import { parseArgs } from 'node:util';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import { createKafka, readTopic } from '#libs/messaging';
import { fromEnv, parseEnv, STACK_DEFAULTS, STACK_ENV, withPassword } from '#libs/config';
import { checkPublication, isClean, type PublicationReport } from './publication.check.js';
import { readStoredEvents } from './publication.sources.js';
import { checkViews, type ViewsReport, viewsClean } from './views.check.js';
import { readViews } from './views.sources.js';

const CHECKER_ENV = STACK_ENV.extend({ KAFKA_TOPIC: fromEnv.text(SEAT_AVAILABILITY_TOPIC.name) });

const USAGE = `Usage: npm run check:invariants [-- options]

Compares the event store with the Kafka topic: every stored event published, nothing published that is
not stored, each conference's events in order on one partition. Duplicates are counted, not violations.
With --views, also compares the query service's read models with a fold of the event store (parked
conferences are listed, not compared). Exits 0 when clean, 1 on a violation, 2 on bad usage.

Options:
  --event-store-url <url>  PostgreSQL event store (EVENT_STORE_URL, default ${STACK_DEFAULTS.EVENT_STORE_URL})
  --brokers <list>         Kafka brokers, comma-separated (KAFKA_BROKERS, default ${STACK_DEFAULTS.KAFKA_BROKERS.join(',')})
  --topic <name>           the topic (KAFKA_TOPIC, default ${SEAT_AVAILABILITY_TOPIC.name})
  --views                  also check the read models
  --read-store-url <url>   the read store (READ_STORE_URL, default ${STACK_DEFAULTS.READ_STORE_URL})
  --json                   print the report as JSON
  --help                   show this text
`;

interface CheckOptions {
  eventStoreUrl: string;
  brokers: string[];
  topic: string;
  /** Set: the views are checked too. */
  readStoreUrl?: string;
}

interface Report {
  publication: PublicationReport;
  views?: ViewsReport;
}

/** Reads every side and compares them. */
const checkInvariants = async ({ eventStoreUrl, brokers, topic, readStoreUrl }: CheckOptions): Promise<Report> => {
  const kafka = createKafka({ clientId: 'invariant-check', brokers });
  const [stored, messages, views] = await Promise.all([
    readStoredEvents(eventStoreUrl),
    readTopic(kafka, topic),
    readStoreUrl === undefined ? undefined : readViews(readStoreUrl),
  ]);
  return {
    publication: checkPublication(stored, messages),
    ...(views && { views: checkViews(stored, views) }),
  };
};

const clean = ({ publication, views }: Report): boolean => isClean(publication) && (!views || viewsClean(views));

const LIMIT = 10;

const describeViolations = (lines: string[], violations: Record<string, string[]>): void => {
  for (const [kind, found] of Object.entries(violations)) {
    if (found.length === 0) continue;
    lines.push(`${found.length} ${kind}:`, ...found.slice(0, LIMIT).map((line) => `  ${line}`));
    if (found.length > LIMIT) lines.push(`  … and ${found.length - LIMIT} more`);
  }
};

const describeReport = ({ publication, views }: Report): string => {
  const lines = [
    `${isClean(publication) ? 'clean' : 'VIOLATED'}: ${publication.stored} events stored, ${publication.published} messages on the topic, ${publication.duplicates} duplicates`,
  ];
  describeViolations(lines, publication.violations);
  if (views) {
    lines.push(
      `views ${viewsClean(views) ? 'clean' : 'VIOLATED'}: ${views.conferences} conferences, ${views.reservations} reservations, ${views.parked.length} parked${views.parked.length ? ` (${views.parked.join(', ')})` : ''}`,
    );
    describeViolations(lines, views.violations);
  }
  return `${lines.join('\n')}\n`;
};

const main = async (): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        'event-store-url': { type: 'string' },
        brokers: { type: 'string' },
        topic: { type: 'string' },
        views: { type: 'boolean', default: false },
        'read-store-url': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const env = parseEnv(CHECKER_ENV, process.env);
  const report = await checkInvariants({
    eventStoreUrl: withPassword(values['event-store-url'] ?? env.EVENT_STORE_URL, env.SECRETS_DIR),
    brokers: values.brokers?.split(',') ?? env.KAFKA_BROKERS,
    topic: values.topic ?? env.KAFKA_TOPIC,
    readStoreUrl: values.views ? (values['read-store-url'] ?? env.READ_STORE_URL) : undefined,
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : describeReport(report));
  return clean(report) ? 0 : 1;
};

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`invariant check failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
});
