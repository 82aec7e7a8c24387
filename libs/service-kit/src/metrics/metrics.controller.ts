import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../http/access.js';

collectDefaultMetrics();

/** Prometheus metrics: the process's own (memory, event loop, GC) and whatever the service counts. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('content-type', register.contentType)
  @ApiOkResponse({ description: 'Metrics in the Prometheus text format.' })
  metrics(): Promise<string> {
    return register.metrics();
  }
}
