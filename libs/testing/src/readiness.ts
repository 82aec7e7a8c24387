import type { Readiness } from '#libs/service-kit';
import { eventually } from './eventually.js';
import { fetchAs } from './tokens.js';

export interface ReadinessAnswer {
  status: number;
  body: Readiness;
}

/** The readiness an admin sees: each check with its details or error. */
export const readiness = async (baseUrl: string): Promise<ReadinessAnswer> => {
  const response = await fetchAs(`${baseUrl}/health/ready`);
  return { status: response.status, body: (await response.json()) as Readiness };
};

/** Polls /health/ready until it answers with the expected status; returns that answer. */
export const readinessBecomes = (baseUrl: string, status: number): Promise<ReadinessAnswer> =>
  eventually(
    async () => {
      const answer = await readiness(baseUrl);
      if (answer.status !== status)
        throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer;
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
