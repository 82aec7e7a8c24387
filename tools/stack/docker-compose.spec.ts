import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEAT_AVAILABILITY_TOPIC } from '#libs/contracts';
import { STACK_DEFAULTS } from '#libs/config';
import { REPO_ROOT } from '#libs/testing';
import { loadConfig as commandServiceConfig } from '../../apps/command-service/src/tooling.js';
import { loadConfig as queryServiceConfig } from '../../apps/query-service/src/tooling.js';

/**
 * No Docker engine runs where the tests run, so this reads docker-compose.yml and the Dockerfile and checks
 * that they describe the same system as the native stack: components, images, ports, variables, topic.
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  secrets?: string[];
  volumes?: string[];
  restart?: string;
}

const read = (file: string): string => readFileSync(join(REPO_ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, ComposeService>;
  secrets: Record<string, { file: string }>;
};
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
/** As compose resolves it when the host sets nothing: `${NAME:-default}` becomes the default. */
const environmentOf = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service(name).environment ?? {}).map(([key, value]) => [
      key,
      String(value).replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
    ]),
  );
const hostPorts = (name: string): number[] => (service(name).ports ?? []).map((port) => Number(port.split(':').at(-2)));
const portOf = (url: string): number => Number(new URL(url).port);

describe('docker-compose.yml', () => {
  it('runs the components of the native stack, infrastructure on official images', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'kafka', 'mongo', 'command-service', 'query-service']),
    );
    expect(service('postgres').image).toMatch(/^postgres:\d+/);
    expect(service('kafka').image).toMatch(/^apache\/kafka:/);
    expect(service('mongo').image).toMatch(/^mongo:\d+/);
  });

  it('runs the Kafka version the native stack runs', () => {
    const nativeVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(read('tools/stack/kafka/pom.xml'))?.[1];
    expect(service('kafka').image).toBe(`apache/kafka:${nativeVersion}`);
  });

  it('publishes every component on the host port the native stack uses', () => {
    expect(hostPorts('postgres')).toEqual([portOf(STACK_DEFAULTS.EVENT_STORE_URL)]);
    expect(hostPorts('kafka')).toEqual([Number(STACK_DEFAULTS.KAFKA_BROKERS[0]?.split(':')[1])]);
    expect(hostPorts('mongo')).toEqual([portOf(STACK_DEFAULTS.READ_STORE_URL)]);
    expect(hostPorts('command-service')).toEqual([STACK_DEFAULTS.COMMAND_SERVICE_PORT]);
    expect(hostPorts('query-service')).toEqual([STACK_DEFAULTS.QUERY_SERVICE_PORT]);
  });

  it("sets the variables each service's configuration reads", () => {
    const command = commandServiceConfig(environmentOf('command-service'));
    expect(new URL(command.eventStoreUrl).host).toBe('postgres:5432');
    expect(new URL(command.eventStoreUrl).pathname).toBe(new URL(STACK_DEFAULTS.EVENT_STORE_URL).pathname);
    expect(command.kafkaBrokers).toEqual(['kafka:9092']);
    expect(command.http.port).toBe(STACK_DEFAULTS.COMMAND_SERVICE_PORT);

    const query = queryServiceConfig(environmentOf('query-service'));
    expect(new URL(query.readStoreUrl).host).toBe('mongo:27017');
    expect(new URL(query.readStoreUrl).pathname).toBe(new URL(STACK_DEFAULTS.READ_STORE_URL).pathname);
    expect(query.kafkaBrokers).toEqual(['kafka:9092']);
    expect(query.http.port).toBe(STACK_DEFAULTS.QUERY_SERVICE_PORT);
  });

  it('has the command-service create the topic with the partitions the native stack asks for', () => {
    const { relay } = commandServiceConfig(environmentOf('command-service'));
    expect(relay.topic).toEqual({
      name: SEAT_AVAILABILITY_TOPIC.name,
      partitions: SEAT_AVAILABILITY_TOPIC.defaultPartitions,
      config: SEAT_AVAILABILITY_TOPIC.config,
    });
    expect(service('command-service').environment?.['TOPIC_PARTITIONS']).toBe('${TOPIC_PARTITIONS:-3}');
  });

  it('starts each service only once its dependencies are healthy (and the schema migrated), restarting it if it stops', () => {
    for (const name of ['command-service', 'query-service']) {
      const dependsOn = Object.entries(service(name).depends_on ?? {});
      expect(dependsOn.length).toBeGreaterThan(0);
      for (const [dependency, { condition }] of dependsOn) {
        if (dependency === 'migrate') expect(condition).toBe('service_completed_successfully');
        else expect([condition, service(dependency).healthcheck]).toEqual(['service_healthy', expect.anything()]);
      }
      expect(service(name).healthcheck?.test.join(' ')).toContain('/health/ready');
      expect(service(name).restart).toBe('unless-stopped');
    }
    expect(Object.keys(service('command-service').depends_on ?? {})).toContain('migrate');
  });

  it('holds no trust authentication: passwords are secrets, the services connect as the application role', () => {
    expect(JSON.stringify(compose)).not.toMatch(/trust|POSTGRES_HOST_AUTH_METHOD/);
    expect(service('postgres').environment?.['POSTGRES_PASSWORD_FILE']).toBe('/run/secrets/postgres-postgres');
    const command = commandServiceConfig(environmentOf('command-service'));
    expect(new URL(command.eventStoreUrl).username).toBe(new URL(STACK_DEFAULTS.EVENT_STORE_URL).username);
    expect(command.migrationUrl).toBeUndefined();
    expect(environmentOf('command-service')['SECRETS_DIR']).toBe('/run/secrets');
    expect(service('command-service').secrets).toEqual(['postgres-seat_app']);
    expect(service('migrate').secrets).toEqual(['postgres-seat_owner']);
    expect(new URL(environmentOf('migrate')['EVENT_STORE_OWNER_URL']!).username).toBe(
      new URL(STACK_DEFAULTS.EVENT_STORE_OWNER_URL).username,
    );
    // The files `npm run secrets` makes, in the folder the native stack keeps its own in.
    for (const [name, { file }] of Object.entries(compose.secrets)) {
      expect(file).toBe(`./${STACK_DEFAULTS.SECRETS_DIR}/${name}`);
    }
  });

  it('makes the roles with the SQL the native stack runs, once, at the database first start', () => {
    expect(service('postgres').volumes).toEqual(
      expect.arrayContaining([
        './tools/stack/postgres/roles.sql:/etc/seat-reservations/roles.sql:ro',
        './tools/stack/postgres/compose-init.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro',
      ]),
    );
    expect(read('tools/stack/lib/postgres.sh')).toContain('$STACK_HOME/postgres/roles.sql');
  });

  it('keeps the Kafka UI behind an optional profile', () => {
    expect(service('kafka-ui').profiles).toEqual(['tools']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('gives the services the V8 heap budget the native stack gives them', () => {
    const budget = read('tools/stack/service-node-options').trim();
    expect(dockerfile).toContain(`NODE_OPTIONS="${budget}"`);
  });

  it('ships the SQL migrations the migrate service runs', () => {
    expect(dockerfile).toMatch(
      /^COPY --from=build \/app\/libs\/event-store\/migrations libs\/event-store\/migrations$/m,
    );
  });

  it('builds in one stage and runs from another, as an unprivileged user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    const user = /^USER (\S+)/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });
});
