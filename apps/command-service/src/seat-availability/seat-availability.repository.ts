import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  readSeatAvailabilityEvent,
  SEAT_AVAILABILITY_EVENTS,
  type SeatAvailabilityEvent,
  seatAvailabilityStream,
} from '#libs/contracts';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  type ReadStreamOptions,
  type RecordedEvent,
  type RememberedResult,
  SnapshotStore,
} from '#libs/event-store';
import { fold } from './domain/seat-availability.decider.js';
import {
  initialState,
  type SeatAvailability,
  STATE_SCHEMA_VERSION,
  withSharedReservations,
} from './domain/seat-availability.state.js';

/** A conference's state and the stream version it reflects. */
export interface Loaded {
  state: SeatAvailability;
  version: number;
}

export interface RepositorySettings {
  /** A snapshot is written each time the stream passes a multiple of this many events. */
  snapshotEvery: number;
  /**
   * How many events the cached states may have been folded from, all together. A state's size grows with
   * its stream, so this bounds the cache's memory, which a count of conferences would not.
   */
  cacheEvents: number;
}

export const REPOSITORY_SETTINGS = Symbol('REPOSITORY_SETTINGS');

const EMPTY: Loaded = { state: initialState, version: 0 };

export const toDomainEvent = ({ type, schemaVersion, data }: RecordedEvent): SeatAvailabilityEvent =>
  readSeatAvailabilityEvent(type, schemaVersion, data);

/**
 * Loads and saves SeatAvailability streams. States are cached in memory after every load and save: an
 * append checks the stream's version anyway, so a cached state that another process has overtaken is
 * caught there (and refreshed) instead of being re-read before every command.
 */
@Injectable()
export class SeatAvailabilityRepository {
  private readonly logger = new Logger(SeatAvailabilityRepository.name);
  private readonly cache = new Map<string, Loaded>();
  private cachedEvents = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly snapshots: SnapshotStore,
    @Inject(REPOSITORY_SETTINGS) private readonly settings: RepositorySettings,
  ) {}

  /** The cached state if there is one, else the state loaded from the store. */
  async load(conferenceId: string): Promise<Loaded> {
    return this.cache.get(conferenceId) ?? this.refresh(conferenceId);
  }

  /** Catches up with events appended since the cached version (by any process), or loads from the store. */
  async refresh(conferenceId: string): Promise<Loaded> {
    const cached = this.cache.get(conferenceId);
    return this.remember(
      conferenceId,
      cached ? await this.catchUp(conferenceId, cached) : await this.loadFromStore(conferenceId),
    );
  }

  /** Folds the stream from its first event, up to a version or a time: for audit, never cached. */
  async loadAsOf(conferenceId: string, options: Pick<ReadStreamOptions, 'toVersion' | 'until'> = {}): Promise<Loaded> {
    return this.catchUp(conferenceId, EMPTY, options);
  }

  /** Loads from the latest snapshot and the events after it, bypassing the cache. */
  async loadFromStore(conferenceId: string): Promise<Loaded> {
    return this.catchUp(conferenceId, await this.latestSnapshot(conferenceId));
  }

  /**
   * Appends the events that lead from `from` to `to` (the caller has folded them already) and remembers
   * `results` with them. Throws WrongExpectedVersionError when the stream has moved on since `from`.
   */
  async save(
    conferenceId: string,
    from: Loaded,
    to: Loaded,
    events: readonly { event: SeatAvailabilityEvent; metadata: EventMetadata }[],
    results: readonly RememberedResult[] = [],
  ): Promise<Loaded> {
    const stored = events.map(({ event: { type, data }, metadata }) => ({
      type,
      schemaVersion: SEAT_AVAILABILITY_EVENTS[type].schemaVersion,
      data,
      metadata,
    }));
    await this.store.append({
      streamId: seatAvailabilityStream(conferenceId),
      expectedVersion: from.version,
      events: stored,
      remember: results,
    });
    const saved = this.remember(conferenceId, to);
    if (this.passesSnapshotMark(from.version, to.version)) this.snapshot(conferenceId, saved);
    return saved;
  }

  private async latestSnapshot(conferenceId: string): Promise<Loaded> {
    const snapshot = await this.snapshots.load<SeatAvailability>(
      seatAvailabilityStream(conferenceId),
      STATE_SCHEMA_VERSION,
    );
    return snapshot ? { version: snapshot.version, state: withSharedReservations(snapshot.state) } : EMPTY;
  }

  private async catchUp(conferenceId: string, from: Loaded, options: ReadStreamOptions = {}): Promise<Loaded> {
    const events = await this.store.readStream(seatAvailabilityStream(conferenceId), {
      afterVersion: from.version,
      ...options,
    });
    const last = events.at(-1);
    return last ? { state: fold(from.state, events.map(toDomainEvent)), version: last.streamVersion } : from;
  }

  private passesSnapshotMark(before: number, after: number): boolean {
    const every = this.settings.snapshotEvery;
    return Math.floor(after / every) > Math.floor(before / every);
  }

  /** Off the command's path: a snapshot is an optimisation, so a failed one is only logged. */
  private snapshot(conferenceId: string, { state, version }: Loaded): void {
    this.snapshots
      .save(seatAvailabilityStream(conferenceId), STATE_SCHEMA_VERSION, { version, state })
      .catch((error: unknown) =>
        this.logger.warn(`snapshot of ${conferenceId} at ${version} failed: ${String(error)}`),
      );
  }

  /**
   * A least-recently-used cache weighed by stream versions: Map keeps insertion order, so re-inserting
   * marks an entry as recent, and the oldest entries go until the weight fits (the newest always stays).
   */
  private remember(conferenceId: string, loaded: Loaded): Loaded {
    if (loaded.version === 0) return loaded;
    this.forget(conferenceId);
    this.cache.set(conferenceId, loaded);
    this.cachedEvents += loaded.version;
    for (const oldest of this.cache.keys()) {
      if (this.cachedEvents <= this.settings.cacheEvents || oldest === conferenceId) break;
      this.forget(oldest);
    }
    return loaded;
  }

  private forget(conferenceId: string): void {
    this.cachedEvents -= this.cache.get(conferenceId)?.version ?? 0;
    this.cache.delete(conferenceId);
  }
}
