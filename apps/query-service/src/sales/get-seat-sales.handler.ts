import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProblemException, problemType } from '#libs/service-kit';
import { conferenceNotFound } from '../availability/get-availability.handler.js';
import { LiveViews } from '../views/live-views.js';
import type { SeatSalesView } from './seat-sales.projection.js';

export class GetSeatSalesQuery extends Query<SeatSalesView> {
  constructor(readonly conferenceId: string) {
    super();
  }
}

@QueryHandler(GetSeatSalesQuery)
export class GetSeatSalesHandler implements IQueryHandler<GetSeatSalesQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId }: GetSeatSalesQuery): Promise<SeatSalesView> {
    const store = this.views.seatSales();
    if (!store) {
      throw new ProblemException({
        type: problemType('view-not-built'),
        title: 'The view has not been built yet',
        status: 503,
        detail: 'seat sales are filled from the topic by a replay: npm run replay -- --view seat-sales',
      });
    }
    const sales = await store.get(conferenceId);
    if (!sales) throw conferenceNotFound(conferenceId);
    return sales;
  }
}
