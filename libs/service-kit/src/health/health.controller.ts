import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf, Public } from '../http/access.js';
import { assessReadiness, HEALTH_CHECKS, type HealthCheck, type Readiness } from './health-check.js';

/** Long enough for a healthy dependency on a loaded machine, short enough for a probe's own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

/** The access guard verifies a token sent to a public route too, so an admin is known here. */
const isAdmin = (request: FastifyRequest): boolean => callerOf(request)?.roles.has('admin') ?? false;

/** Each check's status only: error text and details (parked conference ids, lag) are for admins. */
const summary = ({ status, checks }: Readiness): Readiness => ({
  status,
  checks: Object.fromEntries(
    Object.entries(checks).map(([name, result]) => [
      name,
      result.status === 'up' ? { status: 'up' } : { status: 'down', error: 'does not answer' },
    ]),
  ),
});

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: readonly HealthCheck[]) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up and serving HTTP.' })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOkResponse({
    description: 'Every dependency answers. Each check shows its details and errors only to an admin token.',
  })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency does not answer; `checks` says which.' })
  async ready(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await assessReadiness(this.checks, CHECK_TIMEOUT_MS);
    reply.status(readiness.status === 'ready' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return isAdmin(request) ? readiness : summary(readiness);
  }
}
