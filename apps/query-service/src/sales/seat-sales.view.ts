import type { ViewDefinition } from '../views/view.js';
import { projectSeatSales, type SeatSalesView } from './seat-sales.projection.js';
import { SEAT_SALES_COLLECTION, type SeatSalesDocument, SeatSalesStore } from './seat-sales.store.js';

/** Added after the others: it has no collection until a replay builds it from the topic (issue 7). */
export const seatSalesView: ViewDefinition<SeatSalesView> = {
  name: 'seat-sales',
  collections: [SEAT_SALES_COLLECTION],
  prepare: () => Promise.resolve(),
  open: (collection) => {
    const store = new SeatSalesStore(collection<SeatSalesDocument>(SEAT_SALES_COLLECTION));
    return {
      recall: (conferenceIds) => store.findMany(conferenceIds),
      fold: projectSeatSales,
      writesEvents: false,
      write: (changes) => store.save(changes),
    };
  },
};
