import type { FastifyReply } from 'fastify';
import type { Executed } from './seat-availability.executor.js';

/** The answer to a command that creates nothing addressable: the stream's version after it. */
export interface VersionResult {
  version: number;
}

/** Sets the status (and marks a replayed idempotent result) and hands back the body to send. */
export const answer = <Result>(reply: FastifyReply, { result, replayed }: Executed<Result>, status: number): Result => {
  void reply.status(status);
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return result;
};
