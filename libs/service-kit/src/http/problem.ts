import { HttpException } from '@nestjs/common';

/** One input that was wrong: a JSON Pointer into the request (`/seats/0/quantity`) or a header name. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem details object. `instance` is filled in from the request by the filter. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Problem types are URNs: they name the kind of problem and need no documentation server. */
export const problemType = (slug: string): string => `urn:seat-reservations:problem:${slug}`;

/** An error that knows how it should be answered; the filter asks it instead of answering 500. */
export interface ProblemSource {
  toProblem(): Problem;
}

export const isProblemSource = (error: unknown): error is ProblemSource =>
  typeof (error as Partial<ProblemSource> | null)?.toProblem === 'function';

/** Thrown anywhere in a request to answer with exactly this problem (and these response headers). */
export class ProblemException extends HttpException {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem, problem.status);
  }
}

export const invalidRequest = (errors: FieldError[]): ProblemException =>
  new ProblemException({
    type: problemType('invalid-request'),
    title: 'The request is not valid',
    status: 400,
    detail: errors.map(({ path, message }) => `${path}: ${message}`).join('; '),
    errors,
  });
