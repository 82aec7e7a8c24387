import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { packageRoot } from './package-root.js';
import { STACK_DEFAULTS } from './stack-defaults.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown at start-up so a bad setting stops the program with a message naming each variable at fault. */
export class ConfigError extends Error {}

/** A variable's text, parsed, or undefined when it is not what `expected` says. */
const setting = <T>(expected: string, parse: (raw: string) => T | undefined) =>
  z.string().transform((raw, context): T => {
    const value = parse(raw);
    if (value === undefined) context.issues.push({ code: 'custom', message: `expected ${expected}`, input: raw });
    return value as T;
  });

/** Blank counts as unset, so `NAME=` in an env file means the default. */
const unsetIfBlank = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

const withDefault = <T>(schema: z.ZodType<T, string>, fallback: T) =>
  z.preprocess(unsetIfBlank, schema.optional()).transform((value) => value ?? fallback);

const wholeNumber = (raw: string, least: number, most = Number.MAX_SAFE_INTEGER): number | undefined => {
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= least && value <= most ? value : undefined;
};

/** The kinds of environment variable a program reads, each with its default when unset or blank. */
export const fromEnv = {
  text: (fallback: string) => withDefault(z.string(), fallback),
  optionalText: () => z.preprocess(unsetIfBlank, z.string().optional()),
  port: (fallback: number) =>
    withDefault(
      setting('a port number from 0 to 65535', (raw) => wholeNumber(raw, 0, 65_535)),
      fallback,
    ),
  positiveInt: (fallback: number) =>
    withDefault(
      setting('a whole number of at least 1', (raw) => wholeNumber(raw, 1)),
      fallback,
    ),
  list: (fallback: readonly string[]) =>
    withDefault(
      setting('a comma-separated list without empty items', (raw) => {
        const items = raw.split(',').map((item) => item.trim());
        return items.includes('') ? undefined : items;
      }),
      [...fallback],
    ),
  optionalChoice: <Choice extends string>(allowed: readonly [Choice, ...Choice[]]) =>
    z.preprocess(
      unsetIfBlank,
      setting(`one of ${allowed.join(', ')}`, (raw) => allowed.find((choice) => choice === raw)).optional(),
    ),
};

/** Reads `env` through `schema`; every variable at fault is named in one error. */
export const parseEnv = <Schema extends z.ZodType>(schema: Schema, env: Env): z.output<Schema> => {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const faults = parsed.error.issues.map(({ path, message }) => {
    const name = String(path[0]);
    return `${name}=${JSON.stringify(env[name])} is not valid: ${message}`;
  });
  throw new ConfigError(faults.join('; '));
};

/** Where the stack's servers are: what every program here, tests and tools included, connects to. */
export const STACK_ENV = z.object({
  EVENT_STORE_URL: fromEnv.text(STACK_DEFAULTS.EVENT_STORE_URL),
  EVENT_STORE_OWNER_URL: fromEnv.text(STACK_DEFAULTS.EVENT_STORE_OWNER_URL),
  SECRETS_DIR: fromEnv.text(STACK_DEFAULTS.SECRETS_DIR),
  KAFKA_BROKERS: fromEnv.list(STACK_DEFAULTS.KAFKA_BROKERS),
  READ_STORE_URL: fromEnv.text(STACK_DEFAULTS.READ_STORE_URL),
});

/**
 * A PostgreSQL URL with its password. A URL that names none takes it from the file `postgres-<user>` in
 * `secretsDir` (the stack's state folder, or where compose mounts its secrets), so passwords stay out of
 * the environment, command lines and logs.
 */
export const withPassword = (url: string, secretsDir: string): string => {
  const parsed = new URL(url);
  if (parsed.password !== '' || parsed.username === '') return url;
  const file = join(resolve(packageRoot(), secretsDir), `postgres-${decodeURIComponent(parsed.username)}`);
  if (!existsSync(file)) return url;
  parsed.password = encodeURIComponent(readFileSync(file, 'utf8').trim());
  return parsed.toString();
};

/** Where the stack's servers are, with the event store's passwords filled in from the secrets folder. */
export const stackEnv = (env: Env = process.env): z.output<typeof STACK_ENV> => {
  const parsed = parseEnv(STACK_ENV, env);
  return {
    ...parsed,
    EVENT_STORE_URL: withPassword(parsed.EVENT_STORE_URL, parsed.SECRETS_DIR),
    EVENT_STORE_OWNER_URL: withPassword(parsed.EVENT_STORE_OWNER_URL, parsed.SECRETS_DIR),
  };
};
