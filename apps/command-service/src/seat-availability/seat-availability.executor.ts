import { Inject, Injectable } from '@nestjs/common';
import { ExponentialBackoff, handleType, retry, type RetryPolicy } from 'cockatiel';
import { EventBus } from '@nestjs/cqrs';
import type { SeatAvailabilityEvent } from '#libs/contracts';
import {
  type EventMetadata,
  AppendOutcomeUnknown,
  IdempotencyKeyTakenError,
  IdempotencyStore,
  type RememberedResult,
  type StoredResult,
  WrongExpectedVersionError,
} from '#libs/event-store';
import type { CommandContext } from '#libs/service-kit';
import type { SeatAvailabilityCommand } from './domain/seat-availability.commands.js';
import { decide, fold } from './domain/seat-availability.decider.js';
import { isDomainError } from './domain/seat-availability.errors.js';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  ConferenceBusyError,
  OutcomeUnknownError,
  TooMuchContentionError,
} from './command.errors.js';
import { EventsAppended } from './events-appended.event.js';
import { KeyedBatcher, QueueFull, type Settled } from './keyed-batcher.js';
import { type CommandOutcome, commandRetriesTotal, commandsTotal } from './seat-availability.metrics.js';
import { type Loaded, SeatAvailabilityRepository } from './seat-availability.repository.js';

export interface ExecutorSettings {
  /** Attempts at a batch whose stream keeps moving under it (other processes) before giving up. */
  maxAttempts: number;
  /** The most commands of one conference decided together and written in one append. */
  maxBatch: number;
  /** The most commands of one conference waiting behind its running batch; past it, 503 conference-busy. */
  maxQueued: number;
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

interface Pending {
  command: SeatAvailabilityCommand;
  context: CommandContext;
  toResult: (outcome: Outcome) => unknown;
}

/** What deciding a batch came to, before anything is written. */
interface Round {
  outcomes: Settled<Executed<unknown>>[];
  counts: CommandOutcome[];
  events: { event: SeatAvailabilityEvent; metadata: EventMetadata }[];
  results: RememberedResult[];
  /** The state after the batch's events, which the append moves the stream to. */
  next: Loaded;
}

const succeeded = (result: unknown, replayed: boolean): Settled<Executed<unknown>> => ({
  ok: true,
  value: { result, replayed },
});
const failed = (error: unknown): Settled<Executed<unknown>> => ({ ok: false, error });

/** A batch that wrote nothing was decided on a state another process has since moved on from. */
class DecidedOnMovedState extends Error {
  constructor(readonly round: Round) {
    super('the stream moved on while a batch that writes nothing was decided');
  }
}

/**
 * Load → decide → append. In one process, a conference's commands are decided in batches, in arrival
 * order, each against the state the previous ones left, and a batch's events go to the store in one
 * append. Across processes the append's version check decides: the losing batch is decided again on the
 * fresh state, a bounded number of times with jittered backoff.
 */
@Injectable()
export class SeatAvailabilityExecutor {
  private readonly batcher: KeyedBatcher<Pending, Executed<unknown>>;
  /** Another process appended first, or used one of the batch's idempotency keys first: decide again. */
  private readonly overtaken: RetryPolicy;

  constructor(
    private readonly repository: SeatAvailabilityRepository,
    private readonly idempotency: IdempotencyStore,
    private readonly eventBus: EventBus,
    @Inject(EXECUTOR_SETTINGS) private readonly settings: ExecutorSettings,
  ) {
    this.batcher = new KeyedBatcher(
      (conferenceId, batch) => this.run(conferenceId, batch),
      settings.maxBatch,
      settings.maxQueued,
    );
    this.overtaken = retry(
      handleType(WrongExpectedVersionError).orType(IdempotencyKeyTakenError).orType(DecidedOnMovedState),
      { maxAttempts: settings.maxAttempts - 1, backoff: new ExponentialBackoff({ initialDelay: 2, maxDelay: 64 }) },
    );
  }

  execute<Result>(
    command: SeatAvailabilityCommand,
    context: CommandContext,
    toResult: (outcome: Outcome) => Result,
  ): Promise<Executed<Result>> {
    return (
      this.batcher.submit(command.conferenceId, { command, context, toResult }) as Promise<Executed<Result>>
    ).catch((error: unknown) => {
      throw error instanceof QueueFull ? new ConferenceBusyError(command.conferenceId) : error;
    });
  }

  private async run(conferenceId: string, batch: Pending[]): Promise<Settled<Executed<unknown>>[]> {
    const keys = batch.flatMap(({ context }) => (context.idempotency ? [context.idempotency.key] : []));
    try {
      return await this.overtaken.execute(({ attempt }) => this.attempt(conferenceId, batch, keys, attempt));
    } catch (error) {
      if (error instanceof DecidedOnMovedState) return this.settle(batch, error.round);
      if (error instanceof WrongExpectedVersionError || error instanceof IdempotencyKeyTakenError) {
        return batch.map(() => failed(new TooMuchContentionError(conferenceId)));
      }
      if (error instanceof AppendOutcomeUnknown) return batch.map(() => failed(new OutcomeUnknownError(conferenceId)));
      throw error;
    }
  }

  private async attempt(
    conferenceId: string,
    batch: Pending[],
    keys: string[],
    attempt: number,
  ): Promise<Settled<Executed<unknown>>[]> {
    if (attempt > 0) commandRetriesTotal.inc(batch.length);
    const remembered = await this.idempotency.find(keys);
    const base = attempt === 0 ? await this.repository.load(conferenceId) : await this.repository.refresh(conferenceId);
    const round = this.decideAll(batch, base, remembered);
    if (round.events.length === 0) {
      // Nothing to write, so no version check vouches for the state the batch was decided on.
      const fresh = await this.repository.refresh(conferenceId);
      if (fresh.version !== base.version) throw new DecidedOnMovedState(round);
      return this.settle(batch, round);
    }
    await this.repository.save(conferenceId, base, round.next, round.events, round.results);
    this.eventBus.publish(new EventsAppended(conferenceId, round.next.version));
    return this.settle(batch, round);
  }

  private decideAll(batch: Pending[], base: Loaded, remembered: Map<string, StoredResult>): Round {
    const round: Round = { outcomes: [], counts: [], events: [], results: [], next: base };
    const known = new Map(remembered);
    for (const { command, context, toResult } of batch) {
      const key = context.idempotency;
      const stored = key && known.get(key.key);
      if (key && stored) {
        const same = stored.fingerprint === key.fingerprint;
        round.outcomes.push(same ? succeeded(stored.result, true) : failed(new IdempotencyKeyReusedError(key.key)));
        round.counts.push('replayed');
        continue;
      }
      const before = round.next;
      const decision = decide(command, before.state);
      if (isDomainError(decision)) {
        round.outcomes.push(failed(new CommandRefusedError(decision, command)));
        round.counts.push('refused');
        continue;
      }
      const after = { state: fold(before.state, decision), version: before.version + decision.length };
      const result = toResult({ before, after, events: decision });
      round.outcomes.push(succeeded(result, false));
      round.counts.push(decision.length === 0 ? 'unchanged' : 'appended');
      if (decision.length === 0) continue;
      round.events.push(...decision.map((event) => ({ event, metadata: this.metadata(context) })));
      if (key) {
        round.results.push({ ...key, result, expiresAt: new Date(Date.now() + this.settings.idempotencyTtlMs) });
        known.set(key.key, { fingerprint: key.fingerprint, result });
      }
      round.next = after;
    }
    return round;
  }

  private settle(batch: Pending[], { outcomes, counts }: Round): Settled<Executed<unknown>>[] {
    batch.forEach(({ command }, index) => commandsTotal.inc({ command: command.type, outcome: counts[index] }));
    return outcomes;
  }

  private metadata({ correlationId, causationId, actor, idempotency }: CommandContext): EventMetadata {
    return {
      correlationId,
      causationId,
      actor: actor.id,
      serviceVersion: this.settings.serviceVersion,
      ...(idempotency && { idempotencyKey: idempotency.key }),
    };
  }
}
