import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type FieldError,
  invalidRequest,
  isProblemSource,
  type Problem,
  ProblemException,
  problemType,
} from './problem.js';

const TITLES: Record<number, string> = {
  400: 'The request is not valid',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'The request body is too large',
  415: 'Unsupported media type',
};

/** The part of the request at fault, for client errors raised before validation could name a field. */
const FIELDS: Record<number, FieldError> = {
  413: { path: '', message: 'the body must be at most 64 KiB' },
  415: { path: 'Content-Type', message: 'must be application/json' },
};

/** Fastify's own errors (body parsing, size, media type) carry a status code but are no HttpException. */
const clientErrorOf = (exception: unknown): { status: number; message: string } | undefined => {
  if (exception instanceof HttpException) return { status: exception.getStatus(), message: exception.message };
  const { statusCode, message } = (exception ?? {}) as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return { status: statusCode, message: String(message) };
  }
  return undefined;
};

/** Codes of a dependency that is not there (connection refused or dropped, a database shutting down). */
const UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03']);
/** The MongoDB driver's errors for a server it cannot reach, by name: the kit does not depend on the driver. */
const UNREACHABLE_MONGO = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNetworkTimeoutError']);

const isUnavailable = (exception: unknown): boolean => {
  const { code, message, name } = (exception ?? {}) as { code?: unknown; message?: unknown; name?: unknown };
  return (
    (typeof code === 'string' && UNAVAILABLE.has(code)) ||
    (typeof name === 'string' && UNREACHABLE_MONGO.has(name)) ||
    (typeof message === 'string' && /^Connection terminated|timeout exceeded when trying to connect/.test(message))
  );
};

/**
 * Every error leaves as application/problem+json (RFC 9457), whatever raised it: a ProblemException, an error
 * that describes its own problem (ProblemSource), a Nest HTTP exception (an unknown route, say), Fastify's
 * body handling, or a bug. A bug is logged with its stack and answered 500 without one.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception, request);
    const reply = http.getResponse<FastifyReply>();
    if (problem.status === 503) void reply.header('retry-after', '1');
    if (exception instanceof ProblemException) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    void reply
      .status(problem.status)
      .header('content-type', 'application/problem+json')
      .send({ ...problem, instance: request.url });
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (isProblemSource(exception)) return exception.toProblem();
    const clientError = clientErrorOf(exception);
    if (clientError) {
      const { status, message } = clientError;
      if (status === 400 && /not valid JSON/i.test(message)) return invalidRequest([{ path: '', message }]).problem;
      const field = FIELDS[status];
      return {
        type: 'about:blank',
        title: TITLES[status] ?? 'Error',
        status,
        detail: message,
        ...(field && { errors: [field] }),
      };
    }
    if (isUnavailable(exception)) {
      this.logger.warn(`${request.method} ${request.url}: a dependency is unavailable: ${String(exception)}`);
      return {
        type: problemType('service-unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: 'A store the service depends on does not answer; nothing was done. Try again shortly.',
      };
    }
    this.logger.error(
      `${request.method} ${request.url} failed: ${exception instanceof Error ? exception.message : String(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return {
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'The server could not handle the request.',
    };
  }
}
