import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Env, fromEnv, parseEnv } from '#libs/config';
import { callerOf } from './access.js';
import { ProblemException, problemType } from './problem.js';

/** The limits every service puts at its edge (README, "Limits"); a load test lifts them by environment. */
export const EDGE_ENV = z.object({
  RATE_LIMIT_WINDOW_MS: fromEnv.positiveInt(10_000),
  RATE_LIMIT_PER_ADDRESS: fromEnv.positiveInt(1_000),
  RATE_LIMIT_PER_SUBJECT: fromEnv.positiveInt(300),
  REQUEST_TIMEOUT_MS: fromEnv.positiveInt(30_000),
  CONNECTION_TIMEOUT_MS: fromEnv.positiveInt(10_000),
});

export type EdgeSettings = z.output<typeof EDGE_ENV>;

export const edgeSettings = (env: Env): EdgeSettings => parseEnv(EDGE_ENV, env);

/** What the service's pages may reach beyond their own origin (the command-service, the sign-in provider). */
export interface PagePolicy {
  connectTo: readonly string[];
}

type SubjectLimiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded: boolean; ttl: number }>;

declare module 'fastify' {
  interface FastifyInstance {
    limitSubject?: SubjectLimiter;
  }
}

const rateLimited = (detail: string, retryAfterMs: number): ProblemException =>
  new ProblemException(
    { type: problemType('too-many-requests'), title: 'Too many requests', status: 429, detail },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  );

/**
 * Security headers (a CSP the page works under), a request budget per address for everyone and, once a
 * token is verified, one per subject, and timeouts on requests and idle connections.
 */
export const guardEdge = async (
  app: NestFastifyApplication,
  settings: EdgeSettings,
  page: PagePolicy = { connectTo: [] },
): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(helmet, {
    // The stack serves plain HTTP on loopback: asking browsers to upgrade to HTTPS would break the page.
    contentSecurityPolicy: { directives: { connectSrc: ["'self'", ...page.connectTo], upgradeInsecureRequests: null } },
  });
  await app.register(rateLimit, {
    max: settings.RATE_LIMIT_PER_ADDRESS,
    timeWindow: settings.RATE_LIMIT_WINDOW_MS,
    // Orchestrators probe health often and must never be turned away.
    allowList: (request: FastifyRequest) => request.url.startsWith('/health/'),
    // Thrown from Fastify's hook, it reaches the problem filter like any error.
    errorResponseBuilder: (_: FastifyRequest, { after, ttl }: { after: string; ttl: number }) =>
      rateLimited(`this address sent too many requests; try again in ${after}`, ttl),
  });
  fastify.limitSubject = fastify.createRateLimit({
    max: settings.RATE_LIMIT_PER_SUBJECT,
    keyGenerator: (request: FastifyRequest) => `subject:${callerOf(request)?.subject}`,
  }) as SubjectLimiter;
  fastify.server.requestTimeout = settings.REQUEST_TIMEOUT_MS;
  fastify.server.headersTimeout = Math.min(settings.REQUEST_TIMEOUT_MS, settings.CONNECTION_TIMEOUT_MS);
  fastify.server.keepAliveTimeout = settings.CONNECTION_TIMEOUT_MS;
};

/** Takes one request from the signed-in caller's budget; 429 with Retry-After when it is spent. */
export const limitSubject = async (request: FastifyRequest): Promise<void> => {
  const limit = await request.server.limitSubject?.(request);
  if (limit && !limit.isAllowed && limit.isExceeded) {
    throw rateLimited('you sent too many requests; try again shortly', limit.ttl);
  }
};
