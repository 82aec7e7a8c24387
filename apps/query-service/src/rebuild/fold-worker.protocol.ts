import type { ParkedConference } from '../consumer/parking.store.js';
import type { ViewPointers } from '../views/view-pointers.js';
import type { PackedMessages } from './packed-messages.js';

/** What a fold worker is started with: where to write, and which views of which generation. */
export interface FoldWorkerData {
  readStoreUrl: string;
  topic: string;
  generations: ViewPointers['generations'];
}

/** A conference a replay cannot rebuild past a point (a gap, an unreadable event). */
export type StoppedConference = Omit<ParkedConference, 'since'>;

export type ToFoldWorker = { kind: 'fold'; chunk: PackedMessages } | { kind: 'finish' };

export type FromFoldWorker =
  /** The chunk's buffers come back to be filled again. */
  | { kind: 'folded'; chunk: PackedMessages }
  | { kind: 'finished'; versions: [string, number][]; stopped: StoppedConference[] }
  | { kind: 'failed'; error: string };
