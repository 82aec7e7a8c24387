import type { IncomingBatch, IncomingMessage } from '#libs/messaging';
import { ProjectionError } from '../availability/availability.projection.js';
import type { OpenView } from '../views/open-views.js';
import type { ConferenceState, ViewName, ViewWriter } from '../views/view.js';
import type { Parking } from './parking.store.js';
import { decode, type ProjectedEvent } from './projected-event.js';

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

export interface DeadLetter {
  message: IncomingMessage;
  reason: string;
}

/** Where parked conferences and their waiting messages are kept. */
export interface ParkingPort {
  parkedAmong(conferenceIds: readonly string[]): Promise<Set<string>>;
  park(parkings: readonly Parking[]): Promise<void>;
}

/** What the projector does with what it cannot apply; a replay keeps it to itself, the live service does not. */
export interface ProjectorPorts {
  parking: ParkingPort;
  deadLetter(topic: string, deadLetters: readonly DeadLetter[]): Promise<void>;
}

/** Where a conference stood, per view, after the last batch this projector wrote or read for it. */
interface Known {
  states: Map<ViewName, ConferenceState | undefined>;
  parked: boolean;
}

/** Conferences remembered at most by default; past that the memory starts again empty (refilled from the store). */
const MAX_KNOWN = 10_000;

/** One view's part of a conference's progress through a batch. */
interface ViewLane {
  name: ViewName;
  writer: ViewWriter;
  from: number;
  state?: ConferenceState;
  events: ProjectedEvent[];
}

/** One conference's progress through a batch; its views in the projector's order. */
interface Lane {
  conferenceId: string;
  views: ViewLane[];
  applied: number;
  lastEventAt?: string;
  parking?: Parking;
}

const versionOf = ({ state }: ViewLane): number => state?.version ?? 0;

const lowestVersion = (views: readonly ViewLane[]): number => {
  let lowest = Number.POSITIVE_INFINITY;
  for (const view of views) lowest = Math.min(lowest, versionOf(view));
  return lowest;
};

/**
 * Folds a batch into the views: per conference, in offset order, each view takes the event only if it is
 * its next stream version (older ones are duplicates to it); a gap is retried, then parks the conference, as
 * does a message that cannot be read or applied (which also goes to the dead letters). Each view is
 * written with its own version per conference, so after a crash between two views' writes the batch comes
 * again and each view skips what it already has.
 */
export class Projector {
  /**
   * What this projector knows of each conference, so that a batch usually reads nothing from the store:
   * valid while the partition assignment lasts and forgotten on any failure. A stale entry cannot do harm
   * anyway: every write is guarded by the version it was folded from.
   */
  private readonly known = new Map<string, Known>();
  private assignment?: number;

  constructor(
    private readonly views: readonly OpenView[],
    private readonly ports: ProjectorPorts,
    private readonly maxKnown = MAX_KNOWN,
  ) {}

  /**
   * Folds batches of one topic and one assignment, at most one per partition, and writes each view once.
   * Once `signal` aborts (the partitions were lost), nothing more is written.
   */
  async project(batches: readonly IncomingBatch[], parkGaps: boolean, signal?: AbortSignal): Promise<Projected> {
    try {
      return await this.fold(batches, parkGaps, signal);
    } catch (error) {
      this.known.clear();
      throw error;
    }
  }

  /** The stream version every view has reached, per conference this projector remembers. */
  versions(): Map<string, number> {
    return new Map(
      [...this.known].map(([conferenceId, { states }]) => [
        conferenceId,
        Math.min(...[...states.values()].map((state) => state?.version ?? 0)),
      ]),
    );
  }

  private async fold(
    batches: readonly IncomingBatch[],
    parkGaps: boolean,
    signal: AbortSignal | undefined,
  ): Promise<Projected> {
    const projected: Projected = { applied: 0, duplicates: 0, deadLettered: 0, parked: 0 };
    const messages = batches.flatMap(({ messages: ofPartition }) => ofPartition);
    if (messages.length === 0) return projected;
    const { topic, assignment } = batches[0]!;
    const starts = await this.recall(messages, assignment);
    const lanes = new Map<string, Lane>();
    const deadLetters: DeadLetter[] = [];
    for (const message of messages) {
      const conferenceId = message.key;
      if (!conferenceId) {
        deadLetters.push({ message, reason: 'the message has no key, so no conference to apply it to' });
        continue;
      }
      let lane = lanes.get(conferenceId);
      if (!lane) {
        lane = this.laneOf(conferenceId, starts.get(conferenceId)!);
        lanes.set(conferenceId, lane);
      }
      const deadLetter = this.step(lane, message, parkGaps, projected);
      if (deadLetter) deadLetters.push({ message, reason: deadLetter });
    }
    signal?.throwIfAborted();
    if (deadLetters.length > 0) await this.ports.deadLetter(topic, deadLetters);
    projected.deadLettered = deadLetters.length;
    await this.write([...lanes.values()], signal);
    for (const lane of lanes.values()) {
      const states = new Map(lane.views.map(({ name, state }) => [name, state]));
      this.known.set(lane.conferenceId, { states, parked: lane.parking !== undefined });
      projected.applied += lane.applied;
      projected.parked += lane.parking?.messages.length ?? 0;
      if (lane.lastEventAt && (!projected.lastEventAt || lane.lastEventAt > projected.lastEventAt)) {
        projected.lastEventAt = lane.lastEventAt;
      }
    }
    return projected;
  }

  private laneOf(conferenceId: string, { states, parked }: Known): Lane {
    const views = this.views.map(({ name, writer }): ViewLane => {
      const state = states.get(name);
      return { name, writer, from: state?.version ?? 0, state, events: [] };
    });
    return { conferenceId, views, applied: 0, parking: parked ? { conferenceId, messages: [] } : undefined };
  }

  /** Where each of the messages' conferences stands, read from the store only where this projector does not know. */
  private async recall(messages: readonly IncomingMessage[], assignment: number): Promise<Map<string, Known>> {
    if (assignment !== this.assignment || this.known.size > this.maxKnown) {
      this.known.clear();
      this.assignment = assignment;
    }
    const starts = new Map<string, Known>();
    const unknownIds = new Set<string>();
    for (const { key: conferenceId } of messages) {
      if (!conferenceId || starts.has(conferenceId) || unknownIds.has(conferenceId)) continue;
      const known = this.known.get(conferenceId);
      if (known) starts.set(conferenceId, known);
      else unknownIds.add(conferenceId);
    }
    if (unknownIds.size === 0) return starts;
    const unknown = [...unknownIds];
    const [parked, ...recalled] = await Promise.all([
      this.ports.parking.parkedAmong(unknown),
      ...this.views.map(({ writer }) => writer.recall(unknown)),
    ]);
    for (const conferenceId of unknown) {
      const states = new Map(this.views.map(({ name }, index) => [name, recalled[index]!.get(conferenceId)]));
      starts.set(conferenceId, { states, parked: parked.has(conferenceId) });
    }
    return starts;
  }

  /** Takes one message into its lane; returns the reason when it is a dead letter. */
  private step(lane: Lane, message: IncomingMessage, parkGaps: boolean, projected: Projected): string | undefined {
    const decoded = decode(message);
    const { views } = lane;
    const lowest = lowestVersion(views);
    const duplicate = decoded.ok && decoded.event.streamVersion <= lowest;
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
    if (event.streamVersion > lowest + 1) {
      const reason = `gap: version ${lowest + 1} is missing before ${event.streamVersion}`;
      if (!parkGaps) throw new GapError(`conference ${lane.conferenceId}: ${reason}`);
      this.park(lane, reason).messages.push(message);
      return undefined;
    }
    try {
      // Every view folds before any takes the event, so one that cannot leaves all of them where they were.
      const folded = views.map((view) =>
        versionOf(view) === event.streamVersion - 1 ? view.writer.fold(view.state, event) : undefined,
      );
      views.forEach((view, index) => {
        if (folded[index] === undefined) return;
        view.state = folded[index];
        if (view.writer.writesEvents) view.events.push(event);
      });
      lane.applied += 1;
      lane.lastEventAt = event.occurredAt;
      return undefined;
    } catch (error) {
      if (!(error instanceof ProjectionError)) throw error;
      this.park(lane, error.message);
      return error.message;
    }
  }

  private park(lane: Lane, reason: string): Parking {
    const version = lowestVersion(lane.views);
    lane.parking = {
      conferenceId: lane.conferenceId,
      conference: { conferenceId: lane.conferenceId, reason, version },
      messages: [],
    };
    return lane.parking;
  }

  /** One write per view, each holding every conference that moved: one document per conference per view. */
  private async write(lanes: readonly Lane[], signal: AbortSignal | undefined): Promise<void> {
    for (const [index, { writer }] of this.views.entries()) {
      const changes = lanes.flatMap(({ views }) => {
        const view = views[index]!;
        return versionOf(view) > view.from ? [{ from: view.from, state: view.state!, events: view.events }] : [];
      });
      signal?.throwIfAborted();
      if (changes.length > 0) await writer.write(changes);
    }
    signal?.throwIfAborted();
    await this.ports.parking.park(lanes.flatMap(({ parking }) => (parking ? [parking] : [])));
  }
}
