import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { MetricsController } from '../metrics/metrics.controller.js';
import { HealthController } from './health.controller.js';
import { HEALTH_CHECKS, type HealthCheck } from './health-check.js';

export interface HealthOptions {
  imports: NonNullable<ModuleMetadata['imports']>;
  /** Providers, exported by `imports`, that readiness depends on. */
  checks: Type<HealthCheck>[];
}

@Module({})
export class HealthModule {
  static register({ imports, checks }: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports,
      controllers: [HealthController, MetricsController],
      providers: [{ provide: HEALTH_CHECKS, useFactory: (...found: HealthCheck[]) => found, inject: checks }],
    };
  }
}
