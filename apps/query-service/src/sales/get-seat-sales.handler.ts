import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Caller, forbidden, mayManage } from '#libs/auth';
import { ProblemException, problemType } from '#libs/service-kit';
import { conferenceNotFound } from '../availability/get-availability.handler.js';
import { LiveViews } from '../views/live-views.js';
import type { SeatSalesView } from './seat-sales.projection.js';

export class GetSeatSalesQuery extends Query<SeatSalesView> {
  constructor(
    readonly conferenceId: string,
    readonly caller: Caller,
  ) {
    super();
  }
}

@QueryHandler(GetSeatSalesQuery)
export class GetSeatSalesHandler implements IQueryHandler<GetSeatSalesQuery> {
  constructor(private readonly views: LiveViews) {}

  async execute({ conferenceId, caller }: GetSeatSalesQuery): Promise<SeatSalesView> {
    const conference = await this.views.availability().get(conferenceId);
    if (!conference) throw conferenceNotFound(conferenceId);
    if (!mayManage(caller, conference.organizerId)) {
      throw forbidden("only the conference's organizer may read its sales");
    }
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
