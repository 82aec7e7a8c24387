import type { Collection, Document } from 'mongodb';
import type { ProjectedEvent } from '../consumer/projected-event.js';
import type { ProjectionSignals } from '../consumer/projection-signals.js';

export const VIEW_NAMES = ['availability', 'reservations', 'seat-sales'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** What a view folds on from for one conference; `version` is the last stream version it reflects. */
export interface ConferenceState {
  version: number;
}

/** One conference's events a view takes from a batch, the state they fold to, and the version it stood at. */
export interface ViewChange<S extends ConferenceState = ConferenceState> {
  from: number;
  state: S;
  /** Empty for a writer that does not write events. */
  events: readonly ProjectedEvent[];
}

/**
 * A view's collections of one generation, as a projection writes them. Each view keeps its own version per
 * conference, so views rebuilt at different times can be fed from one offset and skip what they have.
 */
export interface ViewWriter<S extends ConferenceState = ConferenceState> {
  /** Where the view stands for each of these conferences it has. */
  recall(conferenceIds: readonly string[]): Promise<Map<string, S>>;
  /** The state after the conference's next event; throws ProjectionError when the view cannot apply it. */
  fold(state: S | undefined, event: ProjectedEvent): S;
  /** Writes every change, each guarded by the version it was folded from. */
  write(changes: readonly ViewChange<S>[]): Promise<void>;
  /**
   * Whether `write` reads the events of a change, or only its state. Events kept for a batch outlive the
   * young generation; a replay folds a million of them, and the collector copying them cost it about 8%.
   */
  writesEvents: boolean;
}

/**
 * A read model: a projection plus the collections it lives in. Adding a view is one of these and a line in
 * `views.ts`; a replay then fills it from the topic and the consumer keeps it from there.
 */
export interface ViewDefinition<S extends ConferenceState = ConferenceState> {
  name: ViewName;
  /** Its collections' names in the first generation; a rebuilt generation's names add a suffix. */
  collections: readonly string[];
  /** Creates what the collections need (indexes), idempotently. */
  prepare(collection: Collections): Promise<void>;
  /** `signals`, when given, hear of each availability view written (the live service's readers wait on them). */
  open(collection: Collections, signals?: ProjectionSignals): ViewWriter<S>;
}

/** A generation's collection, by its first generation's name. */
export type Collections = <T extends Document>(base: string) => Collection<T>;
