import { Injectable } from '@nestjs/common';
import type { HealthCheck } from '#libs/service-kit';
import { ParkingStore } from './parking.store.js';

/** Parked conferences do not make the service unready (every other conference is served), but they show here. */
@Injectable()
export class ProjectionHealthCheck implements HealthCheck {
  readonly name = 'projection';

  constructor(private readonly parking: ParkingStore) {}

  async check(): Promise<Record<string, unknown>> {
    const parked = await this.parking.list();
    return {
      parkedConferences: parked.length,
      parked: parked.slice(0, 10).map(({ conferenceId, reason }) => ({ conferenceId, reason })),
    };
  }
}
