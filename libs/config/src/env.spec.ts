import { z } from 'zod';
import { ConfigError, fromEnv, parseEnv } from './env.js';

const schema = z.object({
  URL: fromEnv.text('fallback'),
  PORT: fromEnv.port(3001),
  BROKERS: fromEnv.list(['a:1']),
  BATCH: fromEnv.positiveInt(100),
  MODE: fromEnv.optionalChoice(['a', 'b']),
  TOKEN: fromEnv.optionalText(),
});

describe('environment settings', () => {
  it('uses the default when a variable is unset or blank', () => {
    expect(parseEnv(schema, { URL: '  ', TOKEN: '' })).toEqual({
      URL: 'fallback',
      PORT: 3001,
      BROKERS: ['a:1'],
      BATCH: 100,
      MODE: undefined,
      TOKEN: undefined,
    });
  });

  it('reads what is set', () => {
    const env = { URL: 'postgres://x', PORT: '4000', BROKERS: 'a:1, b:2', BATCH: '7', MODE: 'b', TOKEN: ' t ' };
    expect(parseEnv(schema, env)).toEqual({
      URL: 'postgres://x',
      PORT: 4000,
      BROKERS: ['a:1', 'b:2'],
      BATCH: 7,
      MODE: 'b',
      TOKEN: 't',
    });
  });

  it.each(['-1', '65536', '80.5', 'http'])('refuses the port %s, naming the variable', (value) => {
    expect(() => parseEnv(schema, { PORT: value })).toThrow(
      new ConfigError(`PORT="${value}" is not valid: expected a port number from 0 to 65535`),
    );
  });

  it('refuses a list with an empty item, and a batch of 0, naming both at once', () => {
    expect(() => parseEnv(schema, { BROKERS: 'a:1,,b:2', BATCH: '0' })).toThrow(
      'BROKERS="a:1,,b:2" is not valid: expected a comma-separated list without empty items; ' +
        'BATCH="0" is not valid: expected a whole number of at least 1',
    );
  });

  it('reads a choice only from its allowed values', () => {
    expect(() => parseEnv(schema, { MODE: 'c' })).toThrow(/MODE="c" is not valid: expected one of a, b/);
  });
});
