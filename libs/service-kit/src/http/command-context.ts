import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { callerOf } from './access.js';
import { invalidRequest } from './problem.js';

/** Who sends a command: the subject of its access token, and whether that token carries the admin role. */
export interface CommandActor {
  id: string;
  admin: boolean;
}

/** Who asked for a command, on behalf of what, and under which idempotency key. */
export interface CommandContext {
  correlationId: string;
  /** This command's own id: every event it causes names it as their cause. */
  causationId: string;
  /** Taken from the verified token, never from a header the client could set. */
  actor: CommandActor;
  idempotency?: { key: string; fingerprint: string };
}

const TOKEN = /^[\x21-\x7e]{1,255}$/;

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw invalidRequest([{ path: name, message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return value;
};

/** Key order does not change what a JSON body means, so it does not change its fingerprint either. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

export const fingerprint = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method} ${url} ${canonical(body)}`)
    .digest('hex');

export const commandContextOf = (request: FastifyRequest): CommandContext => {
  const caller = callerOf(request);
  if (!caller) throw new Error('a command route must be for signed-in callers');
  const key = header(request, 'Idempotency-Key');
  return {
    correlationId: header(request, 'X-Correlation-Id') ?? randomUUID(),
    causationId: randomUUID(),
    actor: { id: caller.subject, admin: caller.roles.has('admin') },
    // The caller is part of what a key stands for: another person's reuse of it is another request.
    ...(key && {
      idempotency: { key, fingerprint: fingerprint(request.method, `${caller.subject} ${request.url}`, request.body) },
    }),
  };
};

/** The CommandContext of the current request: `@RequestCommandContext() context: CommandContext`. */
export const RequestCommandContext = createParamDecorator((_data: unknown, execution: ExecutionContext) =>
  commandContextOf(execution.switchToHttp().getRequest<FastifyRequest>()),
);
