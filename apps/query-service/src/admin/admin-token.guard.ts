import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ProblemException, problemType } from '#libs/service-kit';

export const ADMIN_TOKEN = Symbol('ADMIN_TOKEN');

// Hashing first gives both sides one length, so the comparison takes the same time whatever was sent.
const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Admin endpoints take `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>()
      .headers.authorization;
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) return true;
    throw new ProblemException({
      type: problemType('unauthorized'),
      title: 'An admin token is required',
      status: 401,
      detail: 'send Authorization: Bearer <ADMIN_TOKEN>',
    });
  }
}
