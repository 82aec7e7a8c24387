import { conferenceIdOfStream, EVENT_HEADERS, type PublishedEvent } from '#libs/contracts';
import type { PublishableEvent } from '#libs/event-store';
import type { OutgoingMessage } from '#libs/messaging';

/** A stored event as the topic carries it: keyed by conference, so a conference's events share a partition. */
export const toMessage = (event: PublishableEvent): OutgoingMessage => {
  const value: PublishedEvent = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    globalPosition: Number(event.globalPosition),
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
    metadata: { ...event.metadata },
  };
  return {
    key: conferenceIdOfStream(event.streamId),
    value: JSON.stringify(value),
    headers: {
      [EVENT_HEADERS.eventType]: event.type,
      [EVENT_HEADERS.eventId]: event.eventId,
      [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
      [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
    },
  };
};
