import type { TopicSettings } from '#libs/messaging';

export interface ConsumerSettings {
  groupId: string;
  topic: TopicSettings;
  deadLetterTopic: TopicSettings;
  /** Deliveries of a batch with a gap before its conference is parked. */
  gapAttempts: number;
  gapRetryMs: number;
}

export const CONSUMER_SETTINGS = Symbol('CONSUMER_SETTINGS');
