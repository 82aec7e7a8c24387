import { Injectable } from '@nestjs/common';
import { AVAILABILITY_COLLECTION, AvailabilityStore } from '../availability/availability.store.js';
import {
  HOLDER_RESERVATIONS_COLLECTION,
  RESERVATIONS_COLLECTION,
  ReservationsStore,
} from '../reservations/reservations.store.js';
import { SEAT_SALES_COLLECTION, type SeatSalesDocument, SeatSalesStore } from '../sales/seat-sales.store.js';
import { ViewCatalog } from './view-catalog.js';

/** The stores of the views' live generations, for queries: asked for at each query, so a switch shows at once. */
@Injectable()
export class LiveViews {
  constructor(private readonly catalog: ViewCatalog) {}

  availability(): AvailabilityStore {
    return new AvailabilityStore(this.catalog.collection('availability', AVAILABILITY_COLLECTION)!);
  }

  reservations(): ReservationsStore {
    return new ReservationsStore(
      this.catalog.collection('reservations', RESERVATIONS_COLLECTION)!,
      this.catalog.collection('reservations', HOLDER_RESERVATIONS_COLLECTION)!,
    );
  }

  /** Undefined until a replay has built the view. */
  seatSales(): SeatSalesStore | undefined {
    const collection = this.catalog.collection<SeatSalesDocument>('seat-sales', SEAT_SALES_COLLECTION);
    return collection && new SeatSalesStore(collection);
  }
}
