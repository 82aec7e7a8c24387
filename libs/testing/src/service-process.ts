import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { eventually } from './eventually.js';
import { REPO_ROOT } from './stack.js';

export type ServiceName = 'command-service' | 'query-service';

export interface ServiceProcess {
  url: string;
  /** Every line the process wrote so far, stdout and stderr. */
  output(): string[];
  /** Sends the signal and resolves with the exit code once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the signal that ended the process, or null when it exited by itself. */
  ended: Promise<NodeJS.Signals | null>;
}

const PORT_VARIABLE: Record<ServiceName, string> = {
  'command-service': 'COMMAND_SERVICE_PORT',
  'query-service': 'QUERY_SERVICE_PORT',
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const collectLines = (child: ChildProcess, lines: string[]): void => {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }
};

/**
 * Runs a service from the compiled build, as `npm run up` does, and waits until it is ready. `env` adds to
 * or overrides the test's environment (another database, another topic, a failpoint).
 */
export const startServiceProcess = async (name: ServiceName, env: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> => {
  const entry = join(REPO_ROOT, 'dist/apps', name, 'src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    env: { ...process.env, LOG_LEVEL: 'log', ...env, [PORT_VARIABLE[name]]: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  collectLines(child, lines);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_, signal) => resolve(signal)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${lines.join('\n')}`);
        const response = await fetch(`${url}/health/ready`);
        if (response.status !== 200) throw new Error(`${name} is not ready: ${await response.text()}`);
      },
      { timeoutMs: 60_000 },
    );
  } catch (error) {
    // A service that never became ready must not outlive the test and keep Jest waiting on its pipes.
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    output: () => [...lines],
    ended,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
};
