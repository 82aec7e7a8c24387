import { findEachById } from '../read-store/lookups.js';
import { saveVersioned } from '../read-store/writes.js';
import type { ConferenceState, ViewDefinition } from '../views/view.js';
import { projectReservations } from './reservation.projection.js';
import {
  HOLDER_RESERVATIONS_COLLECTION,
  type HolderReservationDocument,
  RESERVATIONS_COLLECTION,
  type ReservationDocument,
  ReservationsStore,
} from './reservations.store.js';

/** How far the view has taken each conference's events: reservation documents alone cannot say. */
const CHECKPOINTS_COLLECTION = 'reservation_checkpoints';

type CheckpointDocument = ConferenceState & { _id: string };

export const reservationsView: ViewDefinition = {
  name: 'reservations',
  collections: [RESERVATIONS_COLLECTION, HOLDER_RESERVATIONS_COLLECTION, CHECKPOINTS_COLLECTION],
  // Every read is by _id or an _id range (read-store/lookups.ts): no index to create.
  prepare: () => Promise.resolve(),
  open: (collection) => {
    const store = new ReservationsStore(
      collection<ReservationDocument>(RESERVATIONS_COLLECTION),
      collection<HolderReservationDocument>(HOLDER_RESERVATIONS_COLLECTION),
    );
    const checkpointed = collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
    return {
      recall: async (conferenceIds) => {
        const found = await findEachById(checkpointed, conferenceIds);
        return new Map(found.map(({ _id, version }) => [_id, { version }]));
      },
      fold: (_, { streamVersion }) => ({ version: streamVersion }),
      writesEvents: true,
      // The checkpoint goes last: a crash before it delivers the events again, which the reservations skip.
      write: async (changes) => {
        await store.save(projectReservations(changes.flatMap(({ events }) => events)));
        await saveVersioned(
          checkpointed,
          changes.map(({ from, state, events }) => ({
            from,
            document: { _id: events[0]!.conferenceId, version: state.version },
          })),
        );
      },
    };
  },
};
