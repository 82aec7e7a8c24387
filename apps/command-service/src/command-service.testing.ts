import { type HttpApp, startHttpApp } from '#libs/testing';
import { commandService } from './app.module.js';
import { loadConfig } from './config.js';

/** The command service on the stack's PostgreSQL and Kafka, served in the test's process. */
export const startCommandService = (env: NodeJS.ProcessEnv = {}): Promise<HttpApp> =>
  startHttpApp(commandService(loadConfig({ ...process.env, ...env })));
