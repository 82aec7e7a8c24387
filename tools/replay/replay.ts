import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import { createKafka, KafkaTopicHistory } from '#libs/messaging';
import { fromEnv, parseEnv, STACK_DEFAULTS, STACK_ENV, withPassword } from '#libs/config';
import {
  RebuildInProgress,
  type RebuiltViews,
  Replay,
  REPLAY_DEFAULTS,
  type ReplayProgress,
  type ReplayResult,
  type ReplaySettings,
  VerificationFailed,
  type ViewName,
  viewsToRebuild,
} from '../../apps/query-service/src/tooling.js';
import { describeProgress } from './progress.js';

const USAGE = `Usage: npm run replay -- --view <availability|reservations|seat-sales|all> [options]

Rebuilds read models from the Kafka topic beside the live ones: reads every partition from its earliest
offset (outside the live consumer group) into new collections, catches up, and switches the live services
to them in one write; the old collections are dropped after a grace period. Queries are answered from the
old collections until the switch. Exits 0 when done, 1 when verification fails or another rebuild holds a
view, 2 on bad usage.

Options:
  --view <name>            the view to rebuild, or all
  --verify                 compare the new views with a fold of the event store before switching
  --dry-run                build (and verify) but do not switch; the new collections are dropped
  --keep                   keep what would be dropped (the old collections, or with --dry-run the new ones)
  --wait <seconds>         wait this long for another rebuild of the view to end or expire (default 0)
  --read-store-url <url>   the read store (READ_STORE_URL, default ${STACK_DEFAULTS.READ_STORE_URL})
  --brokers <list>         Kafka brokers, comma-separated (KAFKA_BROKERS, default ${STACK_DEFAULTS.KAFKA_BROKERS.join(',')})
  --topic <name>           the topic (KAFKA_TOPIC, default ${SEAT_AVAILABILITY_TOPIC.name})
  --group <id>             the live consumer group of the first epoch (CONSUMER_GROUP, default query-service)
  --event-store-url <url>  for --verify (EVENT_STORE_URL, default ${STACK_DEFAULTS.EVENT_STORE_URL})
  --progress-ms <ms>       log a progress line this often when not on a terminal (default 5000)
  --help                   show this text
`;

const OPTIONS = {
  view: { type: 'string' },
  verify: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
  wait: { type: 'string', default: '0' },
  'read-store-url': { type: 'string' },
  brokers: { type: 'string' },
  topic: { type: 'string' },
  group: { type: 'string' },
  'event-store-url': { type: 'string' },
  'progress-ms': { type: 'string', default: '5000' },
  help: { type: 'boolean', default: false },
} as const;

const LIMIT = 20;

const seconds = (value: string, name: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} must be a number ≥ 0, got ${value}`);
  return parsed;
};

/**
 * The new views against a fold of the event store up to the versions the replay read, a chunk of conferences
 * at a time. The checker and the event store's client are loaded only for --verify: a replay without it
 * keeps their memory.
 */
const verifyAgainst =
  (eventStoreUrl: string) =>
  async ({ db, views, generation, versions }: RebuiltViews): Promise<string[]> => {
    const { checkViewsInChunks } = await import('../invariants/views.chunked-check.js');
    const generations = Object.fromEntries(views.map((view) => [view, generation]));
    const { violations } = await checkViewsInChunks({ eventStoreUrl, db, generations, versions });
    return Object.entries(violations).flatMap(([kind, found]) => found.map((line) => `${kind}: ${line}`));
  };

/** A bar redrawn in place on a terminal; elsewhere a line now and then. */
const progressReporter = (everyMs: number) => {
  const terminal = process.stderr.isTTY;
  let last = 0;
  let phase = '';
  return (progress: ReplayProgress): void => {
    const now = performance.now();
    const changed = progress.phase !== phase;
    if (!changed && now - last < (terminal ? 100 : everyMs)) return;
    last = now;
    phase = progress.phase;
    process.stderr.write(
      terminal ? `\r${describeProgress(progress, true)}\u001b[K` : `${describeProgress(progress, false)}\n`,
    );
  };
};

const describeResult = ({ views, generation, processed, seconds: took, switched, stopped }: ReplayResult): string =>
  [
    `${switched ? 'switched' : 'built (not switched)'}: ${views.join(', ')} generation ${generation}, ${processed} events in ${took.toFixed(1)} s (${Math.round(processed / Math.max(took, 1e-3))} events/s)`,
    ...(stopped.length > 0
      ? [
          `${stopped.length} conferences stop early (their views wait at the version given):`,
          ...stopped
            .slice(0, LIMIT)
            .map(({ conferenceId, version, reason }) => `  ${conferenceId} at ${version}: ${reason}`),
        ]
      : []),
  ].join('\n') + '\n';

const startReplay = async (replay: Replay, request: Parameters<Replay['start']>[0], waitSeconds: number) => {
  const deadline = performance.now() + waitSeconds * 1_000;
  for (;;) {
    try {
      return await replay.start(request);
    } catch (error) {
      if (!(error instanceof RebuildInProgress) || performance.now() >= deadline) throw error;
      await sleep(1_000);
    }
  }
};

interface Options {
  views: ViewName[];
  waitSeconds: number;
  progressMs: number;
  dryRun: boolean;
  keep: boolean;
  verify: boolean;
  readStoreUrl: string;
  brokers: string[];
  topic: string;
  group: string;
  eventStoreUrl: string;
  tuning: Pick<ReplaySettings, 'graceMs' | 'chunk' | 'workers'>;
}

/** The variables the replay reads, named and defaulted as the query service's (which runs the same engine). */
const REPLAY_ENV = STACK_ENV.extend({
  KAFKA_TOPIC: fromEnv.text(SEAT_AVAILABILITY_TOPIC.name),
  CONSUMER_GROUP: fromEnv.text('query-service'),
  REBUILD_GRACE_MS: fromEnv.positiveInt(REPLAY_DEFAULTS.graceMs),
  REBUILD_CHUNK: fromEnv.positiveInt(REPLAY_DEFAULTS.chunk),
  REBUILD_WORKERS: fromEnv.positiveInt(REPLAY_DEFAULTS.workers),
});

/** What to run, or the exit code when there is nothing to run (help, bad usage). */
const parseOptions = (): Options | number => {
  try {
    const { values } = parseArgs({ options: OPTIONS });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (!values.view) throw new Error('--view is required');
    const env = parseEnv(REPLAY_ENV, process.env);
    return {
      views: viewsToRebuild(values.view),
      waitSeconds: seconds(values.wait, 'wait'),
      progressMs: seconds(values['progress-ms'], 'progress-ms'),
      dryRun: values['dry-run'],
      keep: values.keep,
      verify: values.verify,
      readStoreUrl: values['read-store-url'] ?? env.READ_STORE_URL,
      brokers: values.brokers?.split(',') ?? env.KAFKA_BROKERS,
      topic: values.topic ?? env.KAFKA_TOPIC,
      group: values.group ?? env.CONSUMER_GROUP,
      eventStoreUrl: withPassword(values['event-store-url'] ?? env.EVENT_STORE_URL, env.SECRETS_DIR),
      tuning: { graceMs: env.REBUILD_GRACE_MS, chunk: env.REBUILD_CHUNK, workers: env.REBUILD_WORKERS },
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
};

/** Exit code 1 for the failures a user acts on (a diff, a rebuild already running); others are thrown. */
const explained = (error: unknown): number => {
  if (error instanceof VerificationFailed) {
    const lines = error.differences.slice(0, LIMIT).map((line) => `  ${line}`);
    process.stdout.write([`verification failed, nothing switched: ${error.message}`, ...lines].join('\n') + '\n');
    return 1;
  }
  if (error instanceof RebuildInProgress) {
    process.stderr.write(`${error.message}; try again when it ends (or with --wait)\n`);
    return 1;
  }
  throw error;
};

const rebuild = async (options: Options): Promise<number> => {
  const client = new MongoClient(options.readStoreUrl);
  const kafka = createKafka({ clientId: 'replay', brokers: options.brokers });
  const replay = new Replay(client.db(), new KafkaTopicHistory(kafka), {
    readStoreUrl: options.readStoreUrl,
    topic: options.topic,
    groupId: options.group,
    ...options.tuning,
  });
  const request = {
    views: options.views,
    dryRun: options.dryRun,
    keep: options.keep,
    verify: options.verify ? verifyAgainst(options.eventStoreUrl) : undefined,
    onProgress: progressReporter(options.progressMs),
  };
  try {
    const running = await startReplay(replay, request, options.waitSeconds);
    process.stderr.write(`rebuild ${running.rebuildId}: ${options.views.join(', ')}\n`);
    const result = await running.done;
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(describeResult(result));
    return 0;
  } catch (error) {
    if (process.stderr.isTTY) process.stderr.write('\n');
    return explained(error);
  } finally {
    await client.close();
  }
};

const main = async (): Promise<number> => {
  const options = parseOptions();
  return typeof options === 'number' ? options : rebuild(options);
};

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`replay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 2;
});
