import { ConfigError, readList, readOptionalChoice, readPort, readString } from './env.js';

describe('environment settings', () => {
  it('uses the default when a variable is unset or blank', () => {
    expect(readString({}, 'URL', 'fallback')).toBe('fallback');
    expect(readString({ URL: '  ' }, 'URL', 'fallback')).toBe('fallback');
    expect(readPort({}, 'PORT', 3001)).toBe(3001);
    expect(readList({}, 'BROKERS', ['a:1'])).toEqual(['a:1']);
  });

  it('reads what is set', () => {
    expect(readString({ URL: 'postgres://x' }, 'URL', 'fallback')).toBe('postgres://x');
    expect(readPort({ PORT: '4000' }, 'PORT', 3001)).toBe(4000);
    expect(readList({ BROKERS: 'a:1, b:2' }, 'BROKERS', [])).toEqual(['a:1', 'b:2']);
  });

  it.each(['-1', '65536', '80.5', 'http'])('refuses the port %s, naming the variable', (value) => {
    expect(() => readPort({ PORT: value }, 'PORT', 3001)).toThrow(
      new ConfigError('PORT', value, 'a port number from 0 to 65535'),
    );
  });

  it('refuses a list with an empty item', () => {
    expect(() => readList({ BROKERS: 'a:1,,b:2' }, 'BROKERS', [])).toThrow(/BROKERS="a:1,,b:2" is not valid/);
  });

  it('reads a choice only from its allowed values', () => {
    expect(readOptionalChoice({}, 'MODE', ['a', 'b'])).toBeUndefined();
    expect(readOptionalChoice({ MODE: 'b' }, 'MODE', ['a', 'b'])).toBe('b');
    expect(() => readOptionalChoice({ MODE: 'c' }, 'MODE', ['a', 'b'])).toThrow(/expected one of a, b/);
  });
});
