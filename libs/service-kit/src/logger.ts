import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { ConfigError, type Env } from '#libs/config';

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** `LOG_LEVEL` names the most detailed level written; every level above it is written too. */
export const createJsonLogger = (env: Env): ConsoleLogger => {
  const wanted = (env.LOG_LEVEL ?? 'log') as LogLevel;
  const index = LEVELS.indexOf(wanted);
  if (index < 0) throw new ConfigError('LOG_LEVEL', wanted, LEVELS.join(', '));
  return new ConsoleLogger({ json: true, logLevels: LEVELS.slice(0, index + 1) });
};
