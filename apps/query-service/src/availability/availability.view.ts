import type { ViewDefinition } from '../views/view.js';
import { type AvailabilityView, projectAvailability } from './availability.projection.js';
import { AVAILABILITY_COLLECTION, type AvailabilityDocument, AvailabilityStore } from './availability.store.js';

export const availabilityView: ViewDefinition<AvailabilityView> = {
  name: 'availability',
  collections: [AVAILABILITY_COLLECTION],
  prepare: () => Promise.resolve(),
  open: (collection, signals) => {
    const store = new AvailabilityStore(collection<AvailabilityDocument>(AVAILABILITY_COLLECTION));
    return {
      recall: (conferenceIds) => store.findMany(conferenceIds),
      fold: projectAvailability,
      writesEvents: false,
      write: async (changes) => {
        for (const view of await store.save(changes)) signals?.advanced(view);
      },
    };
  },
};
