import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { personIdSchema } from '#libs/contracts';
import type { AuthSettings } from './auth.settings.js';
import { discover } from './discovery.js';
import { type Caller, type Role, ROLES } from './caller.js';

/** Turns a bearer token into its caller: the port the guard uses, so a provider or library can be swapped. */
export interface TokenVerifier {
  /** Rejects with InvalidToken when the token is not one to trust, or AuthUnavailable when keys cannot be had. */
  verify(token: string): Promise<Caller>;
}

export class InvalidToken extends Error {}

/** The issuer's keys could not be fetched: the caller is not at fault, so this is no 401. */
export class AuthUnavailable extends Error {}

/**
 * How long after fetching the keys a token naming an unknown key makes them be fetched again: long enough
 * that made-up key ids cannot flood the issuer, short enough that a rotation is picked up at once.
 */
const KEYS_COOLDOWN_MS = 5_000;

/** The subject a static admin token acts as, so its commands' actor says where they came from. */
export const ADMIN_TOKEN_SUBJECT = 'admin-token';

// Hashing first gives both sides one length, so the comparison takes the same time whatever was sent.
const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

const rolesIn = (claim: unknown): Set<Role> =>
  new Set(Array.isArray(claim) ? ROLES.filter((role) => claim.includes(role)) : []);

/** Errors of a token that is not to be trusted, as opposed to the keys being out of reach. */
const REFUSED = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

/**
 * Verifies JWT access tokens against the keys the issuer's discovery document names. jose caches the keys
 * and fetches them again when a token names a key it has not seen, so the issuer can rotate them.
 */
export class JwtVerifier implements TokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly adminToken?: Buffer;

  constructor(private readonly settings: AuthSettings) {
    if (settings.adminToken) this.adminToken = digest(settings.adminToken);
  }

  async verify(token: string): Promise<Caller> {
    if (this.adminToken && timingSafeEqual(digest(token), this.adminToken)) {
      return { subject: ADMIN_TOKEN_SUBJECT, roles: new Set(['admin']) };
    }
    const payload = await this.payloadOf(token);
    const subject = personIdSchema.safeParse(payload.sub);
    if (!subject.success) throw new InvalidToken('the token names no usable subject');
    return { subject: subject.data, roles: rolesIn(payload[this.settings.rolesClaim]) };
  }

  private async payloadOf(token: string): Promise<JWTPayload> {
    const { issuer, audience } = this.settings;
    try {
      const { payload } = await jwtVerify(token, await this.keySet(), { issuer, audience });
      return payload;
    } catch (error) {
      if (REFUSED.some((kind) => error instanceof kind)) throw new InvalidToken((error as Error).message);
      throw new AuthUnavailable(`cannot verify tokens of ${issuer}: ${(error as Error).message}`);
    }
  }

  private keySet(): Promise<JWTVerifyGetKey> {
    this.keys ??= this.remoteKeys().catch((error: unknown) => {
      this.keys = undefined; // the next request asks the issuer again
      throw error;
    });
    return this.keys;
  }

  private async remoteKeys(): Promise<JWTVerifyGetKey> {
    const { jwks_uri: jwksUri } = await discover(this.settings.issuer);
    if (!jwksUri) throw new Error('its discovery document names no jwks_uri');
    return createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: KEYS_COOLDOWN_MS });
  }
}
