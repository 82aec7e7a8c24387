import { type Problem, type ProblemSource, problemType } from '#libs/service-kit';
import type { SeatAvailabilityCommand } from './domain/seat-availability.commands.js';
import type { DomainError } from './domain/seat-availability.errors.js';
import { refusalProblem } from './refusal.problem.js';

/** Why a command got no result; each answers over HTTP as the problem it describes. */
export class CommandRefusedError extends Error implements ProblemSource {
  constructor(
    readonly refusal: DomainError,
    readonly command: SeatAvailabilityCommand,
  ) {
    super(refusal.error);
  }

  toProblem(): Problem {
    return refusalProblem(this.refusal, this.command);
  }
}

export class IdempotencyKeyReusedError extends Error implements ProblemSource {
  constructor(readonly key: string) {
    super(`idempotency key ${key} was used before with another request`);
  }

  toProblem(): Problem {
    return {
      type: problemType('idempotency-key-reused'),
      title: 'The idempotency key was used for another request',
      status: 422,
      detail: this.message,
      errors: [{ path: 'Idempotency-Key', message: 'was used before with another method, path or body' }],
    };
  }
}

export class TooMuchContentionError extends Error implements ProblemSource {
  constructor(readonly conferenceId: string) {
    super(`conference ${conferenceId} kept changing while the command was retried`);
  }

  toProblem(): Problem {
    return {
      type: problemType('concurrency-conflict'),
      title: 'Too many concurrent changes',
      status: 409,
      detail: this.message,
    };
  }
}

/** The append was sent and the connection lost before it answered: it may have been written. */
export class OutcomeUnknownError extends Error implements ProblemSource {
  constructor(readonly conferenceId: string) {
    super(`the event store stopped answering while a command for conference ${conferenceId} was being written`);
  }

  toProblem(): Problem {
    return {
      type: problemType('outcome-unknown'),
      title: 'The outcome is unknown',
      status: 503,
      detail:
        `${this.message}: it may or may not have been done. Send it again with the same Idempotency-Key, ` +
        'which answers what was done, or does it now, exactly once.',
    };
  }
}

/** So many commands for one conference wait already that one more would only wait longer: none is taken. */
export class ConferenceBusyError extends Error implements ProblemSource {
  constructor(readonly conferenceId: string) {
    super(`conference ${conferenceId} has as many commands waiting as it may; nothing was done`);
  }

  toProblem(): Problem {
    return {
      type: problemType('conference-busy'),
      title: 'The conference is busy',
      status: 503,
      detail: `${this.message}. Try again shortly.`,
    };
  }
}
