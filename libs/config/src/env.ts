export type Env = Readonly<Record<string, string | undefined>>;

/** Thrown at start-up so a bad setting stops the service with a message naming the variable. */
export class ConfigError extends Error {
  constructor(name: string, value: string, expected: string) {
    super(`${name}=${JSON.stringify(value)} is not valid: expected ${expected}`);
  }
}

const valueOf = (env: Env, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
};

export const readString = (env: Env, name: string, fallback: string): string => valueOf(env, name) ?? fallback;

export const readPort = (env: Env, name: string, fallback: number): number => {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(name, raw, 'a port number from 0 to 65535');
  return port;
};

export const readList = (env: Env, name: string, fallback: readonly string[]): string[] => {
  const raw = valueOf(env, name);
  if (raw === undefined) return [...fallback];
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new ConfigError(name, raw, 'a comma-separated list without empty items');
  return items;
};

export const readPositiveInt = (env: Env, name: string, fallback: number): number => {
  const raw = valueOf(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigError(name, raw, 'a whole number of at least 1');
  return value;
};

/** One of `allowed`, or undefined when the variable is not set. */
export const readOptionalChoice = <Choice extends string>(
  env: Env,
  name: string,
  allowed: readonly Choice[],
): Choice | undefined => {
  const raw = valueOf(env, name);
  if (raw === undefined) return undefined;
  if (!allowed.includes(raw as Choice)) throw new ConfigError(name, raw, `one of ${allowed.join(', ')}`);
  return raw as Choice;
};
