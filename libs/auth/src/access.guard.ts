import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ACCESS_METADATA, limitSubject, Public } from '#libs/service-kit';
import type { FastifyRequest } from 'fastify';
import { authUnavailable, forbidden, unauthorized } from './auth.problems.js';
import { type Access, allows, type Caller } from './caller.js';
import { AuthUnavailable, InvalidToken, type TokenVerifier } from './token-verifier.js';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

const DENIED: Record<Exclude<Access, 'anyone' | 'signed-in'>, string> = {
  organizer: 'only organizers may do this',
  admin: 'only admins may do this',
};

/**
 * Who may call a controller or a route (a route's own overrides its controller's), declared in the
 * OpenAPI document too. A route that declares nothing is for people signed in.
 */
export const Allow = (access: Access): ClassDecorator & MethodDecorator =>
  access === 'anyone'
    ? Public()
    : applyDecorators(
        SetMetadata(ACCESS_METADATA, access),
        ApiBearerAuth(),
        ApiUnauthorizedResponse({ description: 'No valid access token (problem+json, WWW-Authenticate).' }),
        ApiForbiddenResponse({ description: 'The token does not carry the role, or the caller does not own it.' }),
      );

/** The caller of a route that needs sign-in: `@SignedInCaller() caller: Caller`. */
export const SignedInCaller = createParamDecorator((_data: unknown, execution: ExecutionContext): Caller => {
  const { caller } = execution.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!caller) throw new Error('SignedInCaller on a route that anyone may call');
  return caller;
});

const bearerOf = (header: string | string[] | undefined): string | undefined =>
  typeof header === 'string' ? /^Bearer ([\x21-\x7e]+)$/i.exec(header)?.[1] : undefined;

/** Checks every route's access: verifies the bearer token, puts its caller on the request, checks the role. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'signed-in';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (access === 'anyone') {
      // Open to all, but a route may show more to a caller it knows (readiness details to an admin).
      if (request.headers.authorization !== undefined) {
        request.caller = await this.authenticate(request.headers.authorization).catch(() => undefined);
      }
      return true;
    }
    request.caller = await this.authenticate(request.headers.authorization);
    await limitSubject(request);
    if (!allows(access, request.caller)) throw forbidden(DENIED[access as keyof typeof DENIED]);
    return true;
  }

  private async authenticate(header: string | string[] | undefined): Promise<Caller> {
    const token = bearerOf(header);
    if (!token) throw unauthorized('send Authorization: Bearer <access token>', header !== undefined);
    try {
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidToken) throw unauthorized(error.message, true);
      if (error instanceof AuthUnavailable) throw authUnavailable();
      throw error;
    }
  }
}
