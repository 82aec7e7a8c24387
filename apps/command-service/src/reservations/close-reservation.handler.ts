import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#libs/service-kit';
import type { VersionResult } from '../seat-availability/executed.response.js';
import { type Executed, SeatAvailabilityExecutor } from '../seat-availability/seat-availability.executor.js';

/** Cancelling and committing differ only in the command they send: one message, two meanings. */
export class CloseReservationCommand extends Command<Executed<VersionResult>> {
  constructor(
    readonly type: 'CancelReservation' | 'CommitReservation',
    readonly conferenceId: string,
    readonly reservationId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(CloseReservationCommand)
export class CloseReservationHandler implements ICommandHandler<CloseReservationCommand> {
  constructor(private readonly executor: SeatAvailabilityExecutor) {}

  execute({ type, conferenceId, reservationId, context }: CloseReservationCommand): Promise<Executed<VersionResult>> {
    return this.executor.execute({ type, conferenceId, reservationId, by: context.actor }, context, ({ after }) => ({
      version: after.version,
    }));
  }
}
