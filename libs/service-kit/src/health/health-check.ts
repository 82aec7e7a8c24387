/** A dependency the service cannot do its work without; readiness is the conjunction of all of them. */
export interface HealthCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');

export type CheckResult = { status: 'up' } | { status: 'down'; error: string };

export interface Readiness {
  status: 'ready' | 'unavailable';
  checks: Record<string, CheckResult>;
}

const withTimeout = async (work: Promise<void>, timeoutMs: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const run = async (check: HealthCheck, timeoutMs: number): Promise<CheckResult> => {
  try {
    await withTimeout(check.check(), timeoutMs);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
};

export const assessReadiness = async (checks: readonly HealthCheck[], timeoutMs: number): Promise<Readiness> => {
  const results = await Promise.all(checks.map(async (check) => [check.name, await run(check, timeoutMs)] as const));
  const ready = results.every(([, result]) => result.status === 'up');
  return { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
};
