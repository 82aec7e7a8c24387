import { devToken } from '#libs/auth';

/**
 * The stack's dev users (tools/stack/lib/oidc.sh): olivia and oscar organize, alice and bob buy, admin
 * administers.
 */
export type DevUser = 'olivia' | 'oscar' | 'alice' | 'bob' | 'admin';

const tokens = new Map<DevUser, Promise<string>>();

/** An access token of a dev user, signed in once per test file through the real provider. */
export const tokenOf = (user: DevUser): Promise<string> => {
  let token = tokens.get(user);
  if (!token) {
    token = devToken(user);
    tokens.set(user, token);
  }
  return token;
};

/** `Authorization` header of a dev user, for fetch and supertest. */
export const bearer = async (user: DevUser): Promise<{ authorization: string }> => ({
  authorization: `Bearer ${await tokenOf(user)}`,
});

/** POSTs JSON as a dev user (an admin unless told), as the tests' commands are sent. */
export const postJson = async (url: string, body: unknown, user: DevUser = 'admin'): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer(user)) },
    body: JSON.stringify(body),
  });

/** fetch as a dev user (an admin unless told): reads that are not public, commands without a body. */
export const fetchAs = async (url: string, user: DevUser = 'admin', init: RequestInit = {}): Promise<Response> =>
  fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(await bearer(user)) } });
