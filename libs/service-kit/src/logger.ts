import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { z } from 'zod';
import { type Env, fromEnv, parseEnv } from '#libs/config';

const LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const satisfies readonly LogLevel[];

const LOGGER_ENV = z.object({ LOG_LEVEL: fromEnv.optionalChoice(LEVELS) });

/** `LOG_LEVEL` names the most detailed level written; every level above it is written too. */
export const createJsonLogger = (env: Env): ConsoleLogger => {
  const wanted = parseEnv(LOGGER_ENV, env).LOG_LEVEL ?? 'log';
  return new ConsoleLogger({ json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(wanted) + 1) });
};
