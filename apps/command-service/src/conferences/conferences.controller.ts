import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '#libs/auth';
import type { FastifyReply } from 'fastify';
import {
  changeCapacityRequest,
  type ChangeCapacityRequest,
  createConferenceRequest,
  type CreateConferenceRequest,
} from '#libs/contracts';
import { type CommandContext, openApiSchema, RequestCommandContext } from '#libs/service-kit';
import { answer, type VersionResult } from '../seat-availability/executed.response.js';
import { conferenceParams, type ConferenceParams } from '../seat-availability/route-params.js';
import { ChangeCapacityCommand } from './change-capacity.handler.js';
import { type ConferenceCreatedResult, CreateConferenceCommand } from './create-conference.handler.js';

/** Organizers create conferences; a conference's capacity is its organizer's to change (the decider checks). */
@ApiTags('conferences')
@Allow('signed-in')
@Controller('conferences')
export class ConferencesController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Allow('organizer')
  @ApiBody({ schema: openApiSchema(createConferenceRequest) })
  @ApiResponse({ status: 201, description: '{ conferenceId, version }' })
  @ApiResponse({ status: 409, description: 'The conference exists already.' })
  async create(
    @Body({ schema: createConferenceRequest }) body: CreateConferenceRequest,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConferenceCreatedResult> {
    const executed = await this.commands.execute(new CreateConferenceCommand(body, context));
    void reply.header('location', `/conferences/${executed.result.conferenceId}`);
    return answer(reply, executed, 201);
  }

  @Post(':conferenceId/capacity')
  @ApiBody({ schema: openApiSchema(changeCapacityRequest) })
  @ApiResponse({ status: 200, description: '{ version }' })
  @ApiResponse({ status: 404, description: 'No such conference.' })
  @ApiResponse({ status: 409, description: 'Capacity would drop below the seats held and sold.' })
  async changeCapacity(
    @Param({ schema: conferenceParams }) { conferenceId }: ConferenceParams,
    @Body({ schema: changeCapacityRequest }) body: ChangeCapacityRequest,
    @RequestCommandContext() context: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VersionResult> {
    return answer(reply, await this.commands.execute(new ChangeCapacityCommand(conferenceId, body, context)), 200);
  }
}
