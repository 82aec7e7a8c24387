import { type ArgumentsHost, NotFoundException } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { invalidRequest } from './problem.js';

/** A reply that records what the filter sends, standing in for Fastify's in this unit test of the filter. */
const answer = (exception: unknown) => {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ method: 'POST', url: '/conferences' }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return sent;
};

describe('ProblemDetailsFilter', () => {
  it('answers a bug with a bare 500 problem: no message, no stack', () => {
    const sent = answer(new Error('secret connection string postgres://admin:pw@db'));

    expect(sent.status).toBe(500);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(sent.body).toEqual({
      type: 'about:blank',
      title: 'Internal server error',
      status: 500,
      detail: 'The server could not handle the request.',
      instance: '/conferences',
    });
  });

  it('passes a ProblemException through with the request as its instance', () => {
    const sent = answer(invalidRequest([{ path: '/name', message: 'must not be empty' }]));

    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({
      errors: [{ path: '/name', message: 'must not be empty' }],
      instance: '/conferences',
    });
  });

  it("turns Nest's HTTP exceptions and Fastify's client errors into problems", () => {
    expect(answer(new NotFoundException('Cannot GET /nope')).body).toMatchObject({ status: 404, title: 'Not found' });
    expect(answer({ statusCode: 415, message: 'Unsupported Media Type' }).body).toMatchObject({
      status: 415,
      errors: [{ path: 'Content-Type', message: 'must be application/json' }],
    });
  });
});
