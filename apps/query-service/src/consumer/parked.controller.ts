import { Controller, Get } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '#libs/auth';
import { type ParkedConference, ParkingStore } from './parking.store.js';

@ApiTags('admin')
@Controller('admin/parked')
@Allow('admin')
export class ParkedController {
  constructor(private readonly parking: ParkingStore) {}

  @Get()
  @ApiResponse({ status: 200, description: '{ conferences: [{ conferenceId, reason, since, version, waiting }] }' })
  @ApiResponse({ status: 401, description: 'No valid admin token.' })
  async list(): Promise<{ conferences: (ParkedConference & { waiting: number })[] }> {
    return { conferences: await this.parking.list() };
  }
}
