import { conferenceIdOfStream, EVENT_HEADERS, type PublishedEvent } from '#libs/contracts';
import type { PublishableEvent } from '#libs/event-store';
import type { OutgoingMessage } from '#libs/messaging';

type Envelope = Omit<PublishedEvent, 'data' | 'metadata'>;

/**
 * A stored event as the topic carries it, keyed by conference so a conference's events share a partition.
 * Data and metadata are spliced in as the JSON text the store holds; the rest is typed by the contract.
 */
export const toMessage = (event: PublishableEvent): OutgoingMessage => {
  const envelope: Envelope = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: Number(event.globalPosition),
    occurredAt: event.occurredAt.toISOString(),
  };
  const head = JSON.stringify(envelope);
  return {
    key: conferenceIdOfStream(event.streamId),
    value: `${head.slice(0, -1)},"data":${event.dataJson},"metadata":${event.metadataJson}}`,
    headers: {
      [EVENT_HEADERS.eventType]: event.type,
      [EVENT_HEADERS.eventId]: event.eventId,
      [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
      [EVENT_HEADERS.correlationId]: event.correlationId,
    },
  };
};
