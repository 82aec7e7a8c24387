import { Counter, Gauge, Histogram } from 'prom-client';
import type { PublicationLag } from '#libs/event-store';

/** Process-wide, like the registry they live in. */
export const publishedEventsTotal = new Counter({
  name: 'relay_published_events_total',
  help: 'Events acknowledged by the broker, counted by the relay that published them.',
});

export const relayLeader = new Gauge({
  name: 'relay_leader',
  help: '1 while this instance is the one publishing relay, 0 while it stands by.',
});

export const commitToAckSeconds = new Histogram({
  name: 'relay_commit_to_ack_seconds',
  help: "Time from an event's transaction to the broker's acknowledgement of it.",
  buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1, 5, 30],
});

let measureLag: (() => Promise<PublicationLag>) | undefined;

/** Where the lag gauges read from when scraped: the store, so every instance reports the same lag. */
export const measureLagWith = (measure: () => Promise<PublicationLag>): void => {
  measureLag = measure;
};

/** A gauge read from the store's lag when scraped. */
const lagGauge = (name: string, help: string, pick: (lag: PublicationLag) => number): Gauge =>
  new Gauge({
    name,
    help,
    async collect() {
      const lag = await measureLag?.();
      if (lag) this.set(pick(lag));
    },
  });

// Read only by the registry, where creating a metric registers it.
lagGauge('relay_lag_events', 'Committed events the broker has not acknowledged yet.', ({ events }) => events);

lagGauge(
  'relay_lag_seconds',
  'Age of the oldest committed event the broker has not acknowledged yet.',
  ({ seconds }) => seconds,
);
