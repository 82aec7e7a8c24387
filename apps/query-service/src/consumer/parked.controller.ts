import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { type ParkedConference, ParkingStore } from './parking.store.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/parked')
@UseGuards(AdminTokenGuard)
export class ParkedController {
  constructor(private readonly parking: ParkingStore) {}

  @Get()
  @ApiResponse({ status: 200, description: '{ conferences: [{ conferenceId, reason, since, version, waiting }] }' })
  @ApiResponse({ status: 401, description: 'No valid admin token.' })
  async list(): Promise<{ conferences: (ParkedConference & { waiting: number })[] }> {
    return { conferences: await this.parking.list() };
  }
}
