import { availabilityView } from '../availability/availability.view.js';
import { reservationsView } from '../reservations/reservations.view.js';
import { seatSalesView } from '../sales/seat-sales.view.js';
import type { ViewDefinition, ViewName } from './view.js';

/**
 * Every view, in the order a batch writes them: availability last, because its version is what
 * read-your-writes waits on, and by then the others show the same events.
 */
export const VIEWS: readonly ViewDefinition[] = [reservationsView, seatSalesView, availabilityView];

export const viewNamed = (name: ViewName): ViewDefinition => VIEWS.find((view) => view.name === name)!;
