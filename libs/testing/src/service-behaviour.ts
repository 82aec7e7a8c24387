import { readiness, readinessBecomes } from './readiness.js';
import { type ServiceName, type ServiceProcess, startServiceProcess } from './service-process.js';
import { stack, type StackComponent } from './stack.js';

/** The stack component a service depends on, and the name its readiness check reports it under. */
export type Dependencies = Partial<Record<StackComponent, string>>;

interface LogRecord {
  level: string;
  message: string;
}

const parseLogRecord = (line: string): LogRecord | string => {
  try {
    return JSON.parse(line) as LogRecord;
  } catch {
    return line;
  }
};

/**
 * What every service promises as a process, checked on the compiled build against the real stack:
 * health that follows its dependencies (each stopped and restarted for real), OpenAPI, JSON logs and a
 * clean exit on SIGTERM. Shared because both services make the same promises.
 */
export const describeServiceProcess = (
  name: ServiceName,
  dependencies: Dependencies,
  /** A public read that needs the stores: while one is down it must answer 503 with Retry-After, never 500. */
  probe?: string,
): void => {
  const checkNames = Object.values(dependencies);
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startServiceProcess(name);
  }, 90_000);

  afterAll(async () => {
    await service.stop();
  });

  it('is live, and ready with every dependency up', async () => {
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    const answer = await readiness(service.url);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'ready',
      checks: Object.fromEntries(checkNames.map((check) => [check, { status: 'up' }])),
    });
  });

  it('serves its OpenAPI description at /docs', async () => {
    expect((await fetch(`${service.url}/docs`)).status).toBe(200);
    const document = (await (await fetch(`${service.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it('answers 405 with Allow to a method its OpenAPI document does not declare, and declares 400/429/503', async () => {
    const refused = await fetch(`${service.url}/health/live`, { method: 'DELETE' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET');
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const document = (await (await fetch(`${service.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: unknown[]; responses: Record<string, unknown> }>>;
    };
    for (const [path, item] of Object.entries(document.paths)) {
      if (path.startsWith('/health/') || path === '/metrics') continue;
      for (const operation of Object.values(item)) {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['429', '503']));
        if (operation.parameters?.length) expect(Object.keys(operation.responses)).toContain('400');
      }
    }
  });

  it('exposes Prometheus metrics', async () => {
    const response = await fetch(`${service.url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it.each(Object.entries(dependencies))(
    'answers 503 while %s is stopped, and 200 again once it is back',
    async (component, check) => {
      try {
        await stack.stop(component);
        const down = await readinessBecomes(service.url, 503);
        expect(down.body.status).toBe('unavailable');
        expect(down.body.checks[check]).toMatchObject({ status: 'down' });
        if (probe) {
          const read = await fetch(`${service.url}${probe}`);
          expect([200, 503]).toContain(read.status);
          if (read.status === 503) expect(read.headers.get('retry-after')).not.toBeNull();
        }
        for (const other of checkNames.filter((name) => name !== check)) {
          expect(down.body.checks[other]).toMatchObject({ status: 'up' });
        }
      } finally {
        await stack.start(component as StackComponent);
      }
      expect((await readinessBecomes(service.url, 200)).body.status).toBe('ready');
    },
    240_000,
  );

  it('writes JSON logs and exits with 0 on SIGTERM', async () => {
    expect(await service.stop('SIGTERM')).toBe(0);
    const records = service.output().map(parseLogRecord);
    expect(records.filter((record) => typeof record === 'string')).toEqual([]);
    const messages = records.flatMap((record) => (typeof record === 'string' ? [] : [record.message]));
    expect(messages.some((message) => message.startsWith('listening on'))).toBe(true);
    expect(messages.at(-1)).toBe('stopped');
  });
};
