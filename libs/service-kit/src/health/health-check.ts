/** A dependency the service cannot do its work without; readiness is the conjunction of all of them. */
export interface HealthCheck {
  readonly name: string;
  /** Resolves when the dependency answers, with details worth showing if any; rejects with the reason otherwise. */
  check(): Promise<Record<string, unknown> | void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type CheckResult = { status: 'up'; details?: Record<string, unknown> } | { status: 'down'; error: string };

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: Record<string, CheckResult>;
}

const withTimeout = async <T>(work: Promise<T>, timeoutMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const run = async (check: HealthCheck, timeoutMs: number): Promise<CheckResult> => {
  try {
    const details = await withTimeout(check.check(), timeoutMs);
    return details ? { status: 'up', details } : { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
};

export const assessReadiness = async (checks: readonly HealthCheck[], timeoutMs: number): Promise<Readiness> => {
  const results = await Promise.all(checks.map(async (check) => [check.name, await run(check, timeoutMs)] as const));
  const ready = results.every(([, result]) => result.status === 'up');
  return { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
};
