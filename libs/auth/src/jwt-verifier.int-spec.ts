import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { devPassword, devSignInTarget, signIn } from './dev-sign-in.js';
import { AuthUnavailable, InvalidToken, JwtVerifier } from './token-verifier.js';
import { eventually, REPO_ROOT, tokenOf } from '#libs/testing';

const SIGN_IN_TARGET = devSignInTarget();

const settings = { issuer: SIGN_IN_TARGET.issuer, audience: SIGN_IN_TARGET.clientId, rolesClaim: 'roles' };

/** A second provider from the stack's build, on its own port, which the test may stop and start. */
const startProvider = async (port: number, lifetime = '1h'): Promise<ChildProcess> => {
  const child = spawn(join(REPO_ROOT, '.stack/bin/oidc'), [
    ...['--listen', `127.0.0.1:${port}`, '--issuer', `http://127.0.0.1:${port}`],
    ...['--users', join(REPO_ROOT, '.stack/oidc/users.json'), '--token-lifetime', lifetime],
    ...['--redirect-uris', SIGN_IN_TARGET.redirectUri, '--client-id', SIGN_IN_TARGET.clientId],
  ]);
  await eventually(async () => {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status !== 200) throw new Error('not up yet');
  });
  return child;
};

const stop = async (child: ChildProcess): Promise<void> => {
  child.kill();
  if (child.exitCode === null) await once(child, 'exit');
};

const targetOn = (port: number) => ({ ...SIGN_IN_TARGET, issuer: `http://127.0.0.1:${port}` });

describe('JwtVerifier against the stack OpenID Connect provider', () => {
  const verifier = new JwtVerifier({ ...settings, adminToken: 'script-admin-token' });

  it('turns a signed-in person into its subject and roles', async () => {
    const olivia = await verifier.verify(await tokenOf('olivia'));
    const alice = await verifier.verify(await tokenOf('alice'));
    const admin = await verifier.verify(await tokenOf('admin'));
    expect([olivia.subject, [...olivia.roles]]).toEqual(['olivia', ['organizer']]);
    expect([alice.subject, [...alice.roles]]).toEqual(['alice', []]);
    expect([admin.subject, [...admin.roles]]).toEqual(['admin', ['admin']]);
  });

  it('refuses a wrong password at the provider', async () => {
    await expect(signIn(SIGN_IN_TARGET, 'alice', 'not-her-password')).rejects.toThrow(/login answered 200/);
  });

  it('refuses a token whose signature, audience or issuer is not the one it trusts', async () => {
    const token = await tokenOf('alice');
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'bob' }),
    );
    await expect(verifier.verify(`${header}.${forged.toString('base64url')}.${signature}`)).rejects.toThrow(
      InvalidToken,
    );
    await expect(new JwtVerifier({ ...settings, audience: 'another-api' }).verify(token)).rejects.toThrow(InvalidToken);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    await expect(verifier.verify(unsigned)).rejects.toThrow(InvalidToken);
    await expect(verifier.verify('not-a-jwt')).rejects.toThrow(InvalidToken);
  });

  it('takes the static admin token as an admin, for scripts', async () => {
    const caller = await verifier.verify('script-admin-token');
    expect([caller.subject, [...caller.roles]]).toEqual(['admin-token', ['admin']]);
  });

  it("refuses another issuer's token, and an expired one", async () => {
    const provider = await startProvider(55_557, '1s');
    try {
      const token = await signIn(targetOn(55_557), 'bob', devPassword('bob'));
      const own = new JwtVerifier({ ...settings, issuer: 'http://127.0.0.1:55557' });
      expect((await own.verify(token)).subject).toBe('bob');
      // Another issuer's token, however valid there.
      await expect(verifier.verify(token)).rejects.toThrow(InvalidToken);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      await expect(own.verify(token)).rejects.toThrow(/"exp" claim timestamp check failed/);
    } finally {
      await stop(provider);
    }
  });

  it('fetches the keys again when the provider rotates them, and says when it cannot reach it', async () => {
    const own = new JwtVerifier({ ...settings, issuer: 'http://127.0.0.1:55558' });
    const first = await startProvider(55_558);
    const before = await signIn(targetOn(55_558), 'bob', devPassword('bob'));
    expect((await own.verify(before)).subject).toBe('bob');
    await stop(first);
    // A restarted provider signs with a new key: the old token names a key that is gone.
    const second = await startProvider(55_558);
    try {
      const after = await signIn(targetOn(55_558), 'bob', devPassword('bob'));
      await new Promise((resolve) => setTimeout(resolve, 5_100)); // the keys' refetch cool-down
      expect((await own.verify(after)).subject).toBe('bob');
      await expect(own.verify(before)).rejects.toThrow(InvalidToken);
    } finally {
      await stop(second);
    }
    const unreachable = new JwtVerifier({ ...settings, issuer: 'http://127.0.0.1:55559' });
    await expect(unreachable.verify(before)).rejects.toThrow(AuthUnavailable);
  }, 30_000);
});
