import { z } from 'zod';
import { fromEnv, STACK_DEFAULTS } from '#libs/config';

/** The variables both services read to verify tokens (the README's configuration table). */
export const AUTH_ENV = z.object({
  AUTH_ISSUER: fromEnv.text(STACK_DEFAULTS.AUTH_ISSUER),
  AUTH_AUDIENCE: fromEnv.text(STACK_DEFAULTS.AUTH_AUDIENCE),
  AUTH_ROLES_CLAIM: fromEnv.text('roles'),
  ADMIN_TOKEN: fromEnv.optionalText(),
});

export interface AuthSettings {
  /** The OpenID Connect issuer: its discovery document names the keys that sign access tokens. */
  issuer: string;
  /** What an access token's `aud` must hold. */
  audience: string;
  /** The claim holding the caller's roles. */
  rolesClaim: string;
  /** A static bearer token that acts as an admin, for scripts; none when unset. */
  adminToken?: string;
}

export const authSettings = (env: z.output<typeof AUTH_ENV>): AuthSettings => ({
  issuer: env.AUTH_ISSUER,
  audience: env.AUTH_AUDIENCE,
  rolesClaim: env.AUTH_ROLES_CLAIM,
  adminToken: env.ADMIN_TOKEN,
});
