import type { Collection } from 'mongodb';
import { findEachById } from '../read-store/lookups.js';
import { saveVersioned } from '../read-store/writes.js';
import type { ViewChange } from '../views/view.js';
import type { SeatSalesView } from './seat-sales.projection.js';

export const SEAT_SALES_COLLECTION = 'seat_sales';

export type SeatSalesDocument = SeatSalesView & { _id: string };

const toView = ({ _id, ...view }: SeatSalesDocument): SeatSalesView => view;

/** One generation of `seat_sales`: one document per conference. */
export class SeatSalesStore {
  constructor(private readonly collection: Collection<SeatSalesDocument>) {}

  async findMany(conferenceIds: readonly string[]): Promise<Map<string, SeatSalesView>> {
    const documents = await findEachById(this.collection, conferenceIds);
    return new Map(documents.map((document) => [document._id, toView(document)]));
  }

  async get(conferenceId: string): Promise<SeatSalesView | undefined> {
    const document = await this.collection.findOne({ _id: conferenceId });
    return document ? toView(document) : undefined;
  }

  async save(changes: readonly ViewChange<SeatSalesView>[]): Promise<void> {
    await saveVersioned(
      this.collection,
      changes.map(({ state, from }) => ({ from, document: { ...state, _id: state.conferenceId } })),
    );
  }
}
