import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { openApiSchema, ProblemException, problemType } from '#libs/service-kit';
import { Allow } from '#libs/auth';
import { RebuildInProgress } from './rebuild-locks.js';
import { REBUILD_TARGETS, viewsToRebuild } from './rebuild.request.js';
import { Rebuilds, type RebuildStatus } from './rebuilds.service.js';

const rebuildRequest = z.strictObject({ view: z.enum(REBUILD_TARGETS) });
const rebuildParams = z.strictObject({ rebuildId: z.uuid() });

@ApiTags('admin')
@Controller('admin/rebuild')
@Allow('admin')
export class RebuildController {
  constructor(private readonly rebuilds: Rebuilds) {}

  @Post()
  @HttpCode(202)
  @ApiBody({ schema: openApiSchema(rebuildRequest) })
  @ApiResponse({
    status: 202,
    description: '{ rebuildId }: the rebuild runs; follow it at GET /admin/rebuild/:rebuildId',
  })
  @ApiResponse({ status: 401, description: 'No valid admin token.' })
  @ApiResponse({ status: 409, description: 'The view is being rebuilt already.' })
  async start(
    @Body({ schema: rebuildRequest }) { view }: z.infer<typeof rebuildRequest>,
  ): Promise<{ rebuildId: string }> {
    try {
      return { rebuildId: await this.rebuilds.start(viewsToRebuild(view)) };
    } catch (error) {
      if (!(error instanceof RebuildInProgress)) throw error;
      throw new ProblemException({
        type: problemType('rebuild-in-progress'),
        title: 'The view is being rebuilt already',
        status: 409,
        detail: error.message,
      });
    }
  }

  @Get(':rebuildId')
  @ApiResponse({ status: 200, description: '{ rebuildId, views, state, phase, processed, total, rate, error? }' })
  @ApiResponse({ status: 401, description: 'No valid admin token.' })
  @ApiResponse({ status: 404, description: 'No rebuild of that id was started by this service.' })
  status(@Param({ schema: rebuildParams }) { rebuildId }: z.infer<typeof rebuildParams>): RebuildStatus {
    const status = this.rebuilds.status(rebuildId);
    if (status) return status;
    throw new ProblemException({
      type: problemType('rebuild-not-found'),
      title: 'No such rebuild',
      status: 404,
      detail: `rebuild ${rebuildId} was not started by this service`,
    });
  }
}
