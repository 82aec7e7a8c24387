import { type DynamicModule, Module } from '@nestjs/common';
import { AvailabilityController } from './availability.controller.js';
import {
  AVAILABILITY_STREAM_SETTINGS,
  AvailabilityStream,
  type AvailabilityStreamSettings,
} from './availability-stream.js';
import { GetAvailabilityHandler } from './get-availability.handler.js';
import { ListConferencesHandler } from './list-conferences.handler.js';

@Module({})
export class AvailabilityModule {
  static forRoot(settings: AvailabilityStreamSettings): DynamicModule {
    return {
      module: AvailabilityModule,
      controllers: [AvailabilityController],
      providers: [
        { provide: AVAILABILITY_STREAM_SETTINGS, useValue: settings },
        AvailabilityStream,
        GetAvailabilityHandler,
        ListConferencesHandler,
      ],
    };
  }
}
