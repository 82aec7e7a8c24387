import { type DynamicModule, Module } from '@nestjs/common';
import { LiveViews } from '../views/live-views.js';
import { ViewCatalog } from '../views/view-catalog.js';
import { CONSUMER_SETTINGS, type ConsumerSettings } from './consumer.settings.js';
import { EventConsumer } from './event-consumer.service.js';
import { LiveFollower } from './live-follower.service.js';
import { ParkedController } from './parked.controller.js';
import { ParkingStore } from './parking.store.js';
import { ProjectionHealthCheck } from './projection.health-check.js';
import { ProjectionSignals } from './projection-signals.js';

/** The topic → views pipeline, and the live views and signals the query slices read through. */
@Module({})
export class ConsumerModule {
  static forRoot(settings: ConsumerSettings): DynamicModule {
    return {
      module: ConsumerModule,
      global: true,
      controllers: [ParkedController],
      providers: [
        { provide: CONSUMER_SETTINGS, useValue: settings },
        ViewCatalog,
        LiveViews,
        ParkingStore,
        ProjectionSignals,
        EventConsumer,
        LiveFollower,
        ProjectionHealthCheck,
      ],
      exports: [CONSUMER_SETTINGS, ViewCatalog, LiveViews, ProjectionSignals, ProjectionHealthCheck],
    };
  }
}
