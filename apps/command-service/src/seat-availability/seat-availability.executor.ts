import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { SeatAvailabilityEvent } from '#libs/contracts';
import {
  type EventMetadata,
  IdempotencyKeyTakenError,
  IdempotencyStore,
  WrongExpectedVersionError,
} from '#libs/event-store';
import { type CommandContext, type Problem, type ProblemSource, problemType } from '#libs/service-kit';
import type { SeatAvailabilityCommand } from './domain/seat-availability.commands.js';
import { decide, fold } from './domain/seat-availability.decider.js';
import { type DomainError, isDomainError } from './domain/seat-availability.errors.js';
import { KeyedQueue } from './keyed-queue.js';
import { refusalProblem } from './refusal.problem.js';
import { type Loaded, SeatAvailabilityRepository } from './seat-availability.repository.js';

export interface ExecutorSettings {
  /** Attempts at a command whose stream keeps moving under it (other processes) before giving up. */
  maxAttempts: number;
  idempotencyTtlMs: number;
  serviceVersion: string;
}

export const EXECUTOR_SETTINGS = Symbol('EXECUTOR_SETTINGS');

/** What a command did: the state it was decided on, the events, and the state after them. */
export interface Outcome {
  before: Loaded;
  after: Loaded;
  events: SeatAvailabilityEvent[];
}

export interface Executed<Result> {
  result: Result;
  /** True when the result is the one remembered for an earlier request with the same idempotency key. */
  replayed: boolean;
}

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

/**
 * Load → decide → append, for one conference at a time per process. Across processes the append's version
 * check decides: the loser reloads and decides again, a bounded number of times with jittered backoff.
 */
@Injectable()
export class SeatAvailabilityExecutor {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly repository: SeatAvailabilityRepository,
    private readonly idempotency: IdempotencyStore,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
  ) {}

  execute<Result>(
    command: SeatAvailabilityCommand,
    context: CommandContext,
    toResult: (outcome: Outcome) => Result,
  ): Promise<Executed<Result>> {
    return this.queue.run(command.conferenceId, () => this.attempt(command, context, toResult));
  }

  private async attempt<Result>(
    command: SeatAvailabilityCommand,
    context: CommandContext,
    toResult: (outcome: Outcome) => Result,
  ): Promise<Executed<Result>> {
    const { conferenceId } = command;
    for (let attempt = 1; ; attempt += 1) {
      const remembered = await this.remembered<Result>(context);
      if (remembered) return remembered;
      const before =
        attempt === 1 ? await this.repository.load(conferenceId) : await this.repository.refresh(conferenceId);
      const decision = decide(command, before.state);

      if (isDomainError(decision) || decision.length === 0) {
        // A refusal or a no-op writes nothing, so no version check vouches for the state it was decided on.
        const fresh = await this.repository.refresh(conferenceId);
        if (fresh.version !== before.version && attempt < this.settings.maxAttempts) continue;
        if (isDomainError(decision)) throw new CommandRefusedError(decision, command);
        return { result: toResult({ before, after: before, events: [] }), replayed: false };
      }

      const result = toResult({
        before,
        after: { state: fold(before.state, decision), version: before.version + decision.length },
        events: decision,
      });
      try {
        await this.repository.save(
          conferenceId,
          before,
          decision,
          this.metadata(context),
          this.remember(context, result),
        );
        return { result, replayed: false };
      } catch (error) {
        if (error instanceof IdempotencyKeyTakenError) continue;
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.settings.maxAttempts) throw new TooMuchContentionError(conferenceId);
        await sleep(Math.random() * 2 ** Math.min(attempt, 6));
      }
    }
  }

  private async remembered<Result>({ idempotency }: CommandContext): Promise<Executed<Result> | undefined> {
    if (!idempotency) return undefined;
    const stored = await this.idempotency.find(idempotency.key);
    if (!stored) return undefined;
    if (stored.fingerprint !== idempotency.fingerprint) throw new IdempotencyKeyReusedError(idempotency.key);
    return { result: stored.result as Result, replayed: true };
  }

  private remember({ idempotency }: CommandContext, result: unknown) {
    return (
      idempotency && {
        ...idempotency,
        result,
        expiresAt: new Date(Date.now() + this.settings.idempotencyTtlMs),
      }
    );
  }

  private metadata({ correlationId, causationId, actor, idempotency }: CommandContext): EventMetadata {
    return {
      correlationId,
      causationId,
      actor,
      serviceVersion: this.settings.serviceVersion,
      ...(idempotency && { idempotencyKey: idempotency.key }),
    };
  }
}
