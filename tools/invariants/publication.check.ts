import { conferenceIdOfStream, EVENT_HEADERS, type PublishedEvent, publishedEventSchema } from '#libs/contracts';

/** What the store holds of one event, as far as the topic and the views must agree with it. */
export interface StoredEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  data: unknown;
  occurredAt: string;
}

/** One message as read from the topic, in partition order. */
export interface TopicMessage {
  partition: number;
  offset: string;
  key: string | undefined;
  value: string | undefined;
  headers: Readonly<Record<string, string | undefined>>;
}

export interface PublicationReport {
  stored: number;
  published: number;
  /** Redeliveries of an event already on the topic: expected after a crash between produce and checkpoint. */
  duplicates: number;
  violations: {
    /** Stored events that never reached the topic. */
    missing: string[];
    /** Messages whose event the store does not hold, or holds differently. */
    invented: string[];
    /** Events that reached the topic after a later event of their stream. */
    outOfOrder: string[];
    /** Messages keyed by anything but their conference, or streams spread over partitions. */
    misplaced: string[];
    /** Values that are not published events, or headers that disagree with the value. */
    malformed: string[];
  };
}

export const isClean = ({ violations }: PublicationReport): boolean =>
  Object.values(violations).every((found) => found.length === 0);

const parseJson = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? 'null');
  } catch {
    return undefined;
  }
};

const expectedHeaders = (event: PublishedEvent): Record<string, string> => ({
  [EVENT_HEADERS.eventType]: event.type,
  [EVENT_HEADERS.eventId]: event.eventId,
  [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
  [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
});

const where = ({ partition, offset }: TopicMessage): string => `partition ${partition} offset ${offset}`;

/**
 * Compares the store with the topic: every stored event published, nothing published the store does not hold,
 * and each stream's events first seen in version order on one partition under its conference's key.
 */
export const checkPublication = (
  stored: Iterable<StoredEvent>,
  messages: Iterable<TopicMessage>,
): PublicationReport => {
  const byId = new Map<string, StoredEvent>();
  for (const event of stored) byId.set(event.eventId, event);
  const report: PublicationReport = {
    stored: byId.size,
    published: 0,
    duplicates: 0,
    violations: { missing: [], invented: [], outOfOrder: [], misplaced: [], malformed: [] },
  };
  const { violations } = report;
  const seen = new Set<string>();
  const streams = new Map<string, { partition: number; highest: number }>();

  for (const message of messages) {
    report.published += 1;
    const parsed = publishedEventSchema.safeParse(parseJson(message.value));
    if (!parsed.success) {
      violations.malformed.push(`${where(message)}: ${parsed.error.issues[0]?.message ?? 'not an event'}`);
      continue;
    }
    const wrongHeader = Object.entries(expectedHeaders(parsed.data)).find(
      ([name, value]) => message.headers[name] !== value,
    );
    if (wrongHeader) violations.malformed.push(`${where(message)}: header ${wrongHeader[0]} is not ${wrongHeader[1]}`);
    const { eventId, streamId, streamVersion } = parsed.data;
    const original = byId.get(eventId);
    if (!original || original.streamId !== streamId || original.streamVersion !== streamVersion) {
      violations.invented.push(`${streamId} v${streamVersion} (${eventId}) at ${where(message)}`);
      continue;
    }
    if (seen.has(eventId)) {
      report.duplicates += 1;
      continue;
    }
    seen.add(eventId);
    if (message.key !== conferenceIdOfStream(streamId)) {
      violations.misplaced.push(`${streamId} v${streamVersion} keyed ${JSON.stringify(message.key)}`);
    }
    const stream = streams.get(streamId) ?? { partition: message.partition, highest: 0 };
    if (stream.partition !== message.partition) {
      violations.misplaced.push(`${streamId} on partitions ${stream.partition} and ${message.partition}`);
    }
    if (streamVersion !== stream.highest + 1) {
      violations.outOfOrder.push(`${streamId} v${streamVersion} after v${stream.highest} at ${where(message)}`);
    }
    streams.set(streamId, { partition: stream.partition, highest: Math.max(stream.highest, streamVersion) });
  }

  for (const { eventId, streamId, streamVersion } of byId.values()) {
    if (!seen.has(eventId)) violations.missing.push(`${streamId} v${streamVersion} (${eventId})`);
  }
  return report;
};
