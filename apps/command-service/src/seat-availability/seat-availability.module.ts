import { type DynamicModule, Module } from '@nestjs/common';
import { IdempotencyKeyPurger } from './idempotency-key.purger.js';
import { EXECUTOR_SETTINGS, type ExecutorSettings, SeatAvailabilityExecutor } from './seat-availability.executor.js';
import {
  REPOSITORY_SETTINGS,
  type RepositorySettings,
  SeatAvailabilityRepository,
} from './seat-availability.repository.js';

export type SeatAvailabilitySettings = RepositorySettings & ExecutorSettings;

/** The SeatAvailability aggregate's repository and executor, for the slices that command or audit it. */
@Module({})
export class SeatAvailabilityModule {
  static forRoot(settings: SeatAvailabilitySettings): DynamicModule {
    return {
      module: SeatAvailabilityModule,
      global: true,
      providers: [
        { provide: REPOSITORY_SETTINGS, useValue: settings },
        { provide: EXECUTOR_SETTINGS, useValue: settings },
        SeatAvailabilityRepository,
        SeatAvailabilityExecutor,
        IdempotencyKeyPurger,
      ],
      exports: [SeatAvailabilityRepository, SeatAvailabilityExecutor],
    };
  }
}
