import { type DynamicModule, Module } from '@nestjs/common';
import { RebuildController } from './rebuild.controller.js';
import { REBUILD_SETTINGS, type RebuildSettings, Rebuilds } from './rebuilds.service.js';

@Module({})
export class RebuildModule {
  static forRoot(settings: RebuildSettings): DynamicModule {
    return {
      module: RebuildModule,
      controllers: [RebuildController],
      providers: [{ provide: REBUILD_SETTINGS, useValue: settings }, Rebuilds],
    };
  }
}
