import { parseArgs } from 'node:util';
import { devPassword, devSignInTarget, signIn } from '#libs/auth';
import { STACK_DEFAULTS } from '#libs/config';

const USAGE = `Usage: npm run token -- <user> [--password <password>]

Signs a user in at the stack's OpenID Connect provider, as the web page does (authorization code with
PKCE), and prints the access token: curl -H "Authorization: Bearer $(npm run -s token -- alice)" ...
The dev users are olivia and oscar (organizers), alice and bob (buyers) and admin; their passwords are in
.stack/oidc/users.json. Exits 0 with the token, 1 when sign-in fails, 2 on bad usage.

Options:
  --password <password>  the user's password (default: the stack's, from .stack/oidc/users.json)
  --help                 show this text

Environment: AUTH_ISSUER (default ${STACK_DEFAULTS.AUTH_ISSUER}), AUTH_AUDIENCE (the client id, default
${STACK_DEFAULTS.AUTH_AUDIENCE}), QUERY_SERVICE_PORT (the page's redirect URI, default ${STACK_DEFAULTS.QUERY_SERVICE_PORT}).
`;

const main = async (): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { password: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [user, ...extra] = positionals;
  if (!user || extra.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    process.stdout.write(`${await signIn(devSignInTarget(), user, values.password ?? devPassword(user))}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
};

process.exitCode = await main();
