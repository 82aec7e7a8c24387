import { Inject, Injectable } from '@nestjs/common';
import { type IncomingBatch, type IncomingMessage, MESSAGE_PUBLISHER, type MessagePublisher } from '#libs/messaging';
import {
  type AvailabilityView,
  ProjectionError,
  projectAvailability,
} from '../availability/availability.projection.js';
import { type AvailabilityChange, AvailabilityStore } from '../availability/availability.store.js';
import { projectReservations } from '../reservations/reservation.projection.js';
import { ReservationsStore } from '../reservations/reservations.store.js';
import { CONSUMER_SETTINGS, type ConsumerSettings } from './consumer.settings.js';
import { type Parking, ParkingStore } from './parking.store.js';
import { decode, type ProjectedEvent } from './projected-event.js';
import { ProjectionSignals } from './projection-signals.js';

/** A conference's next event is missing from the batch: the batch is tried again before anything is parked. */
export class GapError extends Error {}

export interface Projected {
  applied: number;
  duplicates: number;
  deadLettered: number;
  parked: number;
  /** The newest event time applied, for the staleness gauge. */
  lastEventAt?: string;
}

/** Where a conference stood after the last batch this member wrote or read for it. */
interface Known {
  view?: AvailabilityView;
  parked: boolean;
}

/** Conferences remembered at most; past that the memory starts again empty (and is refilled from the store). */
const MAX_KNOWN = 10_000;

/** One conference's progress through a batch. */
interface Lane {
  conferenceId: string;
  from: number;
  view?: AvailabilityView;
  accepted: ProjectedEvent[];
  parking?: Parking;
}

const DEAD_LETTER_REASON = 'dead-letter-reason';

/**
 * Folds a partition's batch into the views: per conference, in offset order, only the next stream version
 * applies (older ones are duplicates); a gap is retried, then parks the conference, as does a message that
 * cannot be read or applied (which also goes to the dead-letter topic). Reservations are written before
 * availability, whose version is the conference's checkpoint: after a crash between the two, the batch comes
 * again and the reservation writes, guarded by version, change nothing twice.
 */
@Injectable()
export class Projector {
  constructor(
    private readonly availability: AvailabilityStore,
    private readonly reservations: ReservationsStore,
    private readonly parking: ParkingStore,
    private readonly signals: ProjectionSignals,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
  ) {}

  /**
   * What this member knows of each conference it projects, so that a batch reads nothing from the store:
   * valid while the partition assignment lasts and forgotten on any failure. A stale entry cannot do harm
   * anyway: the availability write is guarded by the version it was folded from.
   */
  private readonly known = new Map<string, Known>();
  private assignment?: number;

  async project(batch: IncomingBatch, parkGaps: boolean): Promise<Projected> {
    try {
      return await this.fold(batch, parkGaps);
    } catch (error) {
      this.known.clear();
      throw error;
    }
  }

  private async fold(batch: IncomingBatch, parkGaps: boolean): Promise<Projected> {
    const projected: Projected = { applied: 0, duplicates: 0, deadLettered: 0, parked: 0 };
    const starts = await this.recall(batch);
    const lanes = new Map<string, Lane>();
    const deadLetters: { message: IncomingMessage; reason: string }[] = [];
    for (const message of batch.messages) {
      const conferenceId = message.key;
      if (!conferenceId) {
        deadLetters.push({ message, reason: 'the message has no key, so no conference to apply it to' });
        continue;
      }
      let lane = lanes.get(conferenceId);
      if (!lane) {
        const { view, parked } = starts.get(conferenceId)!;
        lane = { conferenceId, from: view?.version ?? 0, view, accepted: [] };
        if (parked) lane.parking = { conferenceId, messages: [] };
        lanes.set(conferenceId, lane);
      }
      const deadLetter = this.step(lane, message, parkGaps, projected);
      if (deadLetter) deadLetters.push({ message, reason: deadLetter });
    }
    await this.deadLetter(batch.topic, deadLetters);
    projected.deadLettered = deadLetters.length;
    await this.write([...lanes.values()]);
    for (const lane of lanes.values()) {
      this.known.set(lane.conferenceId, { view: lane.view, parked: lane.parking !== undefined });
      projected.applied += lane.accepted.length;
      projected.parked += lane.parking?.messages.length ?? 0;
      const last = lane.accepted.at(-1);
      if (last && (!projected.lastEventAt || last.occurredAt > projected.lastEventAt)) {
        projected.lastEventAt = last.occurredAt;
      }
    }
    return projected;
  }

  /** Where each of the batch's conferences stands, read from the store only where this member does not know. */
  private async recall(batch: IncomingBatch): Promise<Map<string, Known>> {
    if (batch.assignment !== this.assignment || this.known.size > MAX_KNOWN) {
      this.known.clear();
      this.assignment = batch.assignment;
    }
    const starts = new Map<string, Known>();
    const unknown: string[] = [];
    for (const conferenceId of new Set(batch.messages.flatMap(({ key }) => (key ? [key] : [])))) {
      const known = this.known.get(conferenceId);
      if (known) starts.set(conferenceId, known);
      else unknown.push(conferenceId);
    }
    if (unknown.length === 0) return starts;
    const [views, parked] = await Promise.all([this.availability.findMany(unknown), this.parking.parkedAmong(unknown)]);
    for (const conferenceId of unknown) {
      starts.set(conferenceId, { view: views.get(conferenceId), parked: parked.has(conferenceId) });
    }
    return starts;
  }

  /** Takes one message into its lane; returns the reason when it is a dead letter. */
  private step(lane: Lane, message: IncomingMessage, parkGaps: boolean, projected: Projected): string | undefined {
    const decoded = decode(message);
    const version = lane.view?.version ?? 0;
    const duplicate = decoded.ok && decoded.event.streamVersion <= version;
    if (lane.parking && !duplicate) {
      lane.parking.messages.push(message);
      return undefined;
    }
    if (!decoded.ok) {
      this.park(lane, decoded.reason);
      return decoded.reason;
    }
    const { event } = decoded;
    if (duplicate) {
      projected.duplicates += 1;
      return undefined;
    }
    if (event.streamVersion > version + 1) {
      const reason = `gap: version ${version + 1} is missing before ${event.streamVersion}`;
      if (!parkGaps) throw new GapError(`conference ${lane.conferenceId}: ${reason}`);
      this.park(lane, reason).messages.push(message);
      return undefined;
    }
    try {
      lane.view = projectAvailability(lane.view, event);
      lane.accepted.push(event);
      return undefined;
    } catch (error) {
      if (!(error instanceof ProjectionError)) throw error;
      this.park(lane, error.message);
      return error.message;
    }
  }

  private park(lane: Lane, reason: string): Parking {
    const conference = { conferenceId: lane.conferenceId, reason, version: lane.view?.version ?? 0 };
    lane.parking = { conferenceId: lane.conferenceId, conference, messages: [] };
    return lane.parking;
  }

  private async deadLetter(topic: string, deadLetters: readonly { message: IncomingMessage; reason: string }[]) {
    if (deadLetters.length === 0) return;
    await this.publisher.publish(
      this.settings.deadLetterTopic.name,
      deadLetters.map(({ message: { key, value, headers, partition, offset }, reason }) => ({
        key: key ?? '',
        value: value ?? '',
        headers: {
          ...headers,
          [DEAD_LETTER_REASON]: reason,
          'source-topic': topic,
          'source-partition': String(partition),
          'source-offset': offset,
        },
      })),
    );
  }

  private async write(lanes: readonly Lane[]): Promise<void> {
    const changed = lanes.filter(({ accepted }) => accepted.length > 0);
    await this.reservations.save(projectReservations(changed.flatMap(({ accepted }) => accepted)));
    const written = await this.availability.save(
      changed.map(({ view, from }): AvailabilityChange => ({ view: view!, from })),
    );
    await this.parking.park(lanes.flatMap(({ parking }) => (parking ? [parking] : [])));
    for (const view of written) this.signals.advanced(view);
  }
}
