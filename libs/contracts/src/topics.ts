/**
 * The topic is the replay source of every read model, so it is never compacted and never expires.
 * Keys are conference ids, which keeps each conference's events in order on one partition.
 */
export const SEAT_AVAILABILITY_TOPIC = {
  name: 'seat-availability.events',
  defaultPartitions: 3,
  config: {
    'cleanup.policy': 'delete',
    'retention.ms': '-1',
  },
} as const;
