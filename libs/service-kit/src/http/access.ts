import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a route's access rule is kept: libs/auth's guard reads it, and its `Allow` decorator writes it. */
export const ACCESS_METADATA = 'seat-reservations:access';

/** A route anyone may call without a token (health, metrics); the access guard lets it through. */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(ACCESS_METADATA, 'anyone');

/** Whom libs/auth's access guard verified a request's token for: its subject and roles. */
export interface RequestCaller {
  subject: string;
  roles: ReadonlySet<string>;
}

/** The verified caller the access guard put on the request; none on a public route called without a token. */
export const callerOf = (request: FastifyRequest): RequestCaller | undefined =>
  (request as FastifyRequest & { caller?: RequestCaller }).caller;
