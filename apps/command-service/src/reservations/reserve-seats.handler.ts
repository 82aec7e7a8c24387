import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ReserveSeatsRequest, SeatQuantity } from '#libs/contracts';
import type { CommandContext } from '#libs/service-kit';
import { count, reservationOf } from '../seat-availability/domain/seat-availability.state.js';
import { type Executed, SeatAvailabilityExecutor } from '../seat-availability/seat-availability.executor.js';

export interface SeatsReservedResult {
  reservationId: string;
  /** Per seat type asked for, what the reservation now holds (less than asked when partial). */
  seats: SeatQuantity[];
  version: number;
  /** False for a re-reservation of an existing reservation id. */
  created: boolean;
}

export class ReserveSeatsCommand extends Command<Executed<SeatsReservedResult>> {
  constructor(
    readonly conferenceId: string,
    readonly request: ReserveSeatsRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(ReserveSeatsCommand)
export class ReserveSeatsHandler implements ICommandHandler<ReserveSeatsCommand> {
  constructor(private readonly executor: SeatAvailabilityExecutor) {}

  execute({ conferenceId, request, context }: ReserveSeatsCommand): Promise<Executed<SeatsReservedResult>> {
    const reservationId = request.reservationId ?? randomUUID();
    const { seats, allowPartial } = request;
    return this.executor.execute(
      { type: 'ReserveSeats', conferenceId, reservationId, seats, allowPartial, by: context.actor },
      context,
      ({ before, after }) => {
        const hold = reservationOf(after.state, reservationId)?.seats ?? {};
        return {
          reservationId,
          seats: seats.map(({ seatType }) => ({ seatType, quantity: count(hold, seatType) })),
          version: after.version,
          created: reservationOf(before.state, reservationId) === undefined,
        };
      },
    );
  }
}
