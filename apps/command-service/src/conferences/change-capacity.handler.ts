import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ChangeCapacityRequest } from '#libs/contracts';
import type { CommandContext } from '#libs/service-kit';
import type { VersionResult } from '../seat-availability/executed.response.js';
import { type Executed, SeatAvailabilityExecutor } from '../seat-availability/seat-availability.executor.js';

export class ChangeCapacityCommand extends Command<Executed<VersionResult>> {
  constructor(
    readonly conferenceId: string,
    readonly request: ChangeCapacityRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ChangeCapacityCommand)
export class ChangeCapacityHandler implements ICommandHandler<ChangeCapacityCommand> {
  constructor(private readonly executor: SeatAvailabilityExecutor) {}

  execute({ conferenceId, request, context }: ChangeCapacityCommand): Promise<Executed<VersionResult>> {
    return this.executor.execute(
      { type: 'ChangeCapacity', conferenceId, ...request, by: context.actor },
      context,
      ({ after }) => ({
        version: after.version,
      }),
    );
  }
}
