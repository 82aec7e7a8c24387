import { Counter } from 'prom-client';

export type CommandOutcome = 'appended' | 'unchanged' | 'refused' | 'replayed';

/** Process-wide, like the registry they live in. */
export const commandsTotal = new Counter({
  name: 'seat_availability_commands_total',
  help: 'Commands handled, by command type and outcome.',
  labelNames: ['command', 'outcome'] as const,
});

export const commandRetriesTotal = new Counter({
  name: 'seat_availability_command_retries_total',
  help: 'Commands decided again because another process appended to the stream (or used their idempotency key) first.',
});
