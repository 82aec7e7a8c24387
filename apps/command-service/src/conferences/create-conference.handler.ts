import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CreateConferenceRequest } from '#libs/contracts';
import type { CommandContext } from '#libs/service-kit';
import { type Executed, SeatAvailabilityExecutor } from '../seat-availability/seat-availability.executor.js';

export interface ConferenceCreatedResult {
  conferenceId: string;
  version: number;
}

export class CreateConferenceCommand extends Command<Executed<ConferenceCreatedResult>> {
  constructor(
    readonly request: CreateConferenceRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CreateConferenceCommand)
export class CreateConferenceHandler implements ICommandHandler<CreateConferenceCommand> {
  constructor(private readonly executor: SeatAvailabilityExecutor) {}

  execute({ request, context }: CreateConferenceCommand): Promise<Executed<ConferenceCreatedResult>> {
    const conferenceId = request.conferenceId ?? randomUUID();
    return this.executor.execute(
      { type: 'CreateConference', conferenceId, name: request.name, seatTypes: request.seatTypes, by: context.actor },
      context,
      ({ after }) => ({ conferenceId, version: after.version }),
    );
  }
}
