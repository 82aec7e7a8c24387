import {
  conferenceIdOfStream,
  publishedEventSchema,
  readSeatAvailabilityEvent,
  type SeatAvailabilityEvent,
} from '#libs/contracts';
import type { IncomingMessage } from '#libs/messaging';
import { z } from 'zod';

/** An event off the topic, read and checked: what every projection folds. */
export interface ProjectedEvent {
  conferenceId: string;
  streamVersion: number;
  occurredAt: string;
  event: SeatAvailabilityEvent;
}

export type Decoded = { ok: true; event: ProjectedEvent } | { ok: false; reason: string };

const parse = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
};

/**
 * The envelope's fields a projection reads, and only those (a tolerant reader): a change to the others
 * parks no conference, and checking them would double the cost of reading an envelope. The invariant
 * checker holds the topic to the whole envelope.
 */
const projectedEnvelopeSchema = z.object(
  publishedEventSchema.pick({
    type: true,
    schemaVersion: true,
    streamId: true,
    streamVersion: true,
    occurredAt: true,
    data: true,
  }).shape,
);

const readEnvelope = (value: string | undefined): z.infer<typeof projectedEnvelopeSchema> | string => {
  if (value === undefined) return 'the message has no value';
  const json = parse(value);
  if (json === undefined) return 'the value is not JSON';
  const envelope = projectedEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    const [issue] = envelope.error.issues;
    return `the envelope does not match its schema: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
  }
  return envelope.data;
};

/** Reads a message, or says why it cannot be projected (it then goes to the dead-letter topic). */
export const decode = ({ key, value }: IncomingMessage): Decoded => {
  const envelope = readEnvelope(value);
  if (typeof envelope === 'string') return { ok: false, reason: envelope };
  let conferenceId: string;
  let event: SeatAvailabilityEvent;
  try {
    conferenceId = conferenceIdOfStream(envelope.streamId);
    event = readSeatAvailabilityEvent(envelope.type, envelope.schemaVersion, envelope.data);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  if (event.data.conferenceId !== conferenceId || key !== conferenceId) {
    return { ok: false, reason: `the event's conference, stream and message key disagree` };
  }
  return {
    ok: true,
    event: { conferenceId, streamVersion: envelope.streamVersion, occurredAt: envelope.occurredAt, event },
  };
};
