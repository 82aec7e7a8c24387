import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Env, fromEnv, packageRoot, parseEnv, STACK_DEFAULTS } from '#libs/config';
import { AUTH_ENV } from './auth.settings.js';
import { discover } from './discovery.js';

/** What signing in needs to know of the provider and the client. */
export interface SignInTarget {
  issuer: string;
  clientId: string;
  redirectUri: string;
}

const DEV_SIGN_IN_ENV = AUTH_ENV.pick({ AUTH_ISSUER: true, AUTH_AUDIENCE: true }).extend({
  QUERY_SERVICE_PORT: fromEnv.port(STACK_DEFAULTS.QUERY_SERVICE_PORT),
});

/** The stack's provider and the page's client there, as the services and the page are told of them. */
export const devSignInTarget = (env: Env = process.env): SignInTarget => {
  const { AUTH_ISSUER, AUTH_AUDIENCE, QUERY_SERVICE_PORT } = parseEnv(DEV_SIGN_IN_ENV, env);
  return { issuer: AUTH_ISSUER, clientId: AUTH_AUDIENCE, redirectUri: `http://127.0.0.1:${QUERY_SERVICE_PORT}/` };
};

/** A dev user's password, from the file the native stack writes once into its state folder. */
export const devPassword = (username: string, stackDir = process.env.STACK_DIR): string => {
  const file = join(stackDir ?? join(packageRoot(), '.stack'), 'oidc/users.json');
  const users = JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string }[];
  const user = users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no user ${username} in ${file} (${users.map((u) => u.username).join(', ')})`);
  return user.password;
};

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/** The next hop of a redirect, which the flow follows itself to read the auth request id and the code. */
const redirectOf = async (response: Response, step: string): Promise<URL> => {
  const location = response.headers.get('location');
  if (response.status < 300 || response.status > 399 || !location) {
    throw new Error(`sign-in: ${step} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return new URL(location, response.url);
};

/**
 * Signs a person in as the web page does (authorization code with PKCE), filling the stack's provider's
 * login form instead of a person, and returns the access token. For scripts, tests and benchmarks.
 */
export const signIn = async (target: SignInTarget, username: string, password: string): Promise<string> => {
  const { issuer, clientId, redirectUri } = target;
  const endpoints = await discover(issuer);
  const verifier = base64url(randomBytes(32));
  const authorize = new URL(endpoints.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: base64url(randomBytes(12)),
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  const login = await redirectOf(await fetch(authorize, { redirect: 'manual' }), 'authorize');
  const id = login.searchParams.get('authRequestID') ?? '';
  const form = new URLSearchParams({ id, username, password });
  const callback = await redirectOf(await fetch(login, { method: 'POST', body: form, redirect: 'manual' }), 'login');
  const back = await redirectOf(await fetch(callback, { redirect: 'manual' }), 'callback');
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`sign-in: the provider sent back no code (${back.search})`);
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`sign-in: no access token (${body.error_description ?? response.status})`);
  return body.access_token;
};

/** A dev user's access token, signed in at the stack's provider with the password the stack keeps for it. */
export const devToken = (username: string): Promise<string> =>
  signIn(devSignInTarget(), username, devPassword(username));
