import { Counter, Gauge, Histogram } from 'prom-client';
import type { PartitionLag } from '#libs/messaging';

export const projectedMessagesTotal = new Counter({
  name: 'query_projected_messages_total',
  help: 'Messages taken from the topic, by what became of them.',
  labelNames: ['outcome'] as const,
});

export const projectionWriteSeconds = new Histogram({
  name: 'query_projection_write_seconds',
  help: 'Time to write what the consumer had queued (every partition, each view once), by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const projectionWriteMessages = new Histogram({
  name: 'query_projection_write_messages',
  help: 'Messages in one write: how much fetching ahead lets a write take at once.',
  buckets: [1, 10, 100, 1_000, 10_000],
});

let readLag: () => PartitionLag[] = () => [];
let readListeners: () => number = () => 0;
let lastEventAt: number | undefined;

export const measureConsumerWith = (lag: () => PartitionLag[], listeners: () => number): void => {
  readLag = lag;
  readListeners = listeners;
};

export const appliedEventAt = (occurredAt: string): void => {
  lastEventAt = Math.max(lastEventAt ?? 0, Date.parse(occurredAt));
};

// Read only by the registry, where creating a metric registers it.
new Gauge({
  name: 'query_consumer_lag_messages',
  help: "Messages on each partition after the query service's committed position, as of its last fetch.",
  labelNames: ['partition'] as const,
  collect() {
    for (const { partition, messages } of readLag()) this.set({ partition: String(partition) }, messages);
  },
});

new Gauge({
  name: 'query_last_event_age_seconds',
  help: 'Age of the newest event applied to the views: how stale they are while events keep coming.',
  collect() {
    if (lastEventAt !== undefined) this.set((Date.now() - lastEventAt) / 1000);
  },
});

new Gauge({
  name: 'query_view_listeners',
  help: 'Readers waiting for a version or following a live stream: what a leak would make grow.',
  collect() {
    this.set(readListeners());
  },
});
