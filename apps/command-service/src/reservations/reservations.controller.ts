import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '#libs/auth';
import type { FastifyReply } from 'fastify';
import { reserveSeatsRequest, type ReserveSeatsRequest, type SeatQuantity } from '#libs/contracts';
import { type CommandContext, openApiSchema, RequestCommandContext } from '#libs/service-kit';
import { answer, type VersionResult } from '../seat-availability/executed.response.js';
import {
  conferenceParams,
  type ConferenceParams,
  reservationParams,
  type ReservationParams,
} from '../seat-availability/route-params.js';
import { CloseReservationCommand } from './close-reservation.handler.js';
import { ReserveSeatsCommand } from './reserve-seats.handler.js';

interface ReservationResponse {
  reservationId: string;
  seats: SeatQuantity[];
  version: number;
}

/** Any signed-in buyer reserves; a reservation is its holder's to change (the decider checks). */
@ApiTags('reservations')
@Allow('signed-in')
@Controller('conferences/:conferenceId/reservations')
export class ReservationsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiBody({ schema: openApiSchema(reserveSeatsRequest) })
  @ApiResponse({ status: 201, description: 'A new reservation: { reservationId, seats (as granted), version }' })
  @ApiResponse({ status: 200, description: 'A re-reservation replaced the earlier hold.' })
  @ApiResponse({ status: 409, description: 'Not enough seats (with what is available per seat type).' })
  async reserve(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Body({ schema: reserveSeatsRequest }) body: ReserveSeatsRequest,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReservationResponse> {
    const executed = await this.commands.execute(new ReserveSeatsCommand(conferenceId, body, context));
    const { reservationId, seats, version, created } = executed.result;
    void reply.header('location', `/conferences/${conferenceId}/reservations/${reservationId}`);
    answer(reply, executed, created ? 201 : 200);
    return { reservationId, seats, version };
  }

  @Post(':reservationId/commit')
  @ApiResponse({ status: 200, description: '{ version }; committing again changes nothing.' })
  @ApiResponse({ status: 409, description: 'The reservation is cancelled.' })
  async commit(
    @Param({ schema: reservationParams }) { conferenceId, reservationId }: ReservationParams,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VersionResult> {
    const command = new CloseReservationCommand('CommitReservation', conferenceId, reservationId, context);
    return answer(reply, await this.commands.execute(command), 200);
  }

  @Delete(':reservationId')
  @ApiResponse({ status: 200, description: '{ version }; cancelling again changes nothing.' })
  @ApiResponse({ status: 409, description: 'The reservation is committed.' })
  async cancel(
    @Param({ schema: reservationParams }) { conferenceId, reservationId }: ReservationParams,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VersionResult> {
    const command = new CloseReservationCommand('CancelReservation', conferenceId, reservationId, context);
    return answer(reply, await this.commands.execute(command), 200);
  }
}
