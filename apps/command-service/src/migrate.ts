import { parseArgs } from 'node:util';
import { STACK_DEFAULTS, stackEnv } from '#libs/config';
import { migrate } from '#libs/event-store';

const USAGE = `Usage: node dist/apps/command-service/src/migrate.js

Brings the event store's schema up to date as the schema's owner, then exits 0 (1 when it fails): the
separate migration step of docker-compose.yml. The native stack migrates in its own step (tools/stack), and
the command-service migrates at start only with MIGRATE_ON_START=true.

Environment: EVENT_STORE_OWNER_URL (default ${STACK_DEFAULTS.EVENT_STORE_OWNER_URL}); a URL without a
password takes it from the file postgres-<user> in SECRETS_DIR (default ${STACK_DEFAULTS.SECRETS_DIR}).
`;

const { values } = parseArgs({ options: { help: { type: 'boolean' } } });
if (values.help) {
  process.stdout.write(USAGE);
} else {
  await migrate(stackEnv().EVENT_STORE_OWNER_URL);
}
