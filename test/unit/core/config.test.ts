/**
 * parseConfig: one typed schema over the environment, parsed once; a wrong
 * value stops start-up with a message naming the variable (STYLE 5).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, parseConfig } from '../../../src/config.ts';

/** The message parseConfig throws for `env`, or a failure when it does not throw a ConfigError. */
function configError(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig defaults', () => {
  it('an empty environment gives the defaults', () => {
    expect(parseConfig({})).toMatchObject({
      PORT: 8787,
      HOST: '127.0.0.1',
      DATABASE_PATH: './data/stet.db',
      BASE_URL: 'http://127.0.0.1:8787',
      FETCH_CONCURRENCY: 4,
      FETCH_TIMEOUT_MS: 20_000,
      FETCH_MAX_BYTES: 5 * 1024 * 1024,
      FETCH_MAX_REDIRECTS: 5,
      USER_AGENT: expect.stringMatching(/^stet\/.*\+https:\/\//),
      ALLOW_PRIVATE_NETWORKS: false,
      CHECK_INTERVAL_MINUTES: 30,
      MAX_INTERVAL_MINUTES: 24 * 60,
      SCHEDULER_TICK_SECONDS: 15,
      SCHEDULER: true,
      CHECKS_RETENTION_DAYS: 30,
      LOG_LEVEL: 'info',
    });
  });

  it('every setting is in the README settings table, with the default it really has', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const documented = new Map([...readme.matchAll(/^\| `([A-Z_]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1]!, m[2]!]));
    const defaults = parseConfig({});
    for (const name of Object.keys(configSchema.shape)) {
      expect(documented.has(name), `${name} missing from the README`).toBe(true);
      const expected = name === 'BASE_URL' ? 'http://HOST:PORT' : String(defaults[name as keyof typeof defaults]);
      expect(documented.get(name), name).toBe(expected);
    }
  });

  it('an empty string means "not set", as with `VAR= cmd` in a shell', () => {
    const blank = { PORT: '', HOST: '', BASE_URL: '', ALLOW_PRIVATE_NETWORKS: '', LOG_LEVEL: '', FETCH_CONCURRENCY: '' };
    expect(parseConfig(blank)).toEqual(parseConfig({}));
  });

  it('variables it does not know are ignored (the rest of process.env)', () => {
    expect(parseConfig({ PATH: '/usr/bin', HOME: '/root', STET_UNKNOWN: 'x' })).toEqual(parseConfig({}));
  });
});

describe('parseConfig accepts good values', () => {
  const cases: [string, Record<string, string>, Record<string, unknown>][] = [
    ['numbers are parsed from text', { PORT: '9000', FETCH_CONCURRENCY: '16' }, { PORT: 9000, FETCH_CONCURRENCY: 16 }],
    ['PORT 0 asks the OS for a free port', { PORT: '0' }, { PORT: 0 }],
    ['the bounds themselves are allowed', { FETCH_CONCURRENCY: '64', FETCH_MAX_REDIRECTS: '0' }, { FETCH_CONCURRENCY: 64, FETCH_MAX_REDIRECTS: 0 }],
    ['surrounding spaces around a number are tolerated', { PORT: ' 9000 ' }, { PORT: 9000 }],
    ['booleans: true / 1 / yes are true', { ALLOW_PRIVATE_NETWORKS: 'true', SCHEDULER: '0' }, { ALLOW_PRIVATE_NETWORKS: true, SCHEDULER: false }],
    ['booleans: yes / no', { ALLOW_PRIVATE_NETWORKS: 'yes', SCHEDULER: 'no' }, { ALLOW_PRIVATE_NETWORKS: true, SCHEDULER: false }],
    ['booleans: 1 / false', { ALLOW_PRIVATE_NETWORKS: '1', SCHEDULER: 'false' }, { ALLOW_PRIVATE_NETWORKS: true, SCHEDULER: false }],
    ['booleans ignore case: TRUE / FALSE', { ALLOW_PRIVATE_NETWORKS: 'TRUE', SCHEDULER: 'FALSE' }, { ALLOW_PRIVATE_NETWORKS: true, SCHEDULER: false }],
    ['booleans ignore case: True / No', { ALLOW_PRIVATE_NETWORKS: 'True', RESPECT_ROBOTS_TXT: 'No' }, { ALLOW_PRIVATE_NETWORKS: true, RESPECT_ROBOTS_TXT: false }],
    ['booleans ignore case: Yes / fAlSe', { ALLOW_PRIVATE_NETWORKS: 'Yes', SCHEDULER: 'fAlSe' }, { ALLOW_PRIVATE_NETWORKS: true, SCHEDULER: false }],
    ['each log level', { LOG_LEVEL: 'silent' }, { LOG_LEVEL: 'silent' }],
    ['free text settings are kept verbatim', { USER_AGENT: 'bot/1 (+mailto:ops@example.com)', DATABASE_PATH: ':memory:' }, { USER_AGENT: 'bot/1 (+mailto:ops@example.com)', DATABASE_PATH: ':memory:' }],
  ];
  it.each(cases)('%s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });
});

describe('parseConfig refuses bad values, naming the variable and the value', () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['PORT must be a number', { PORT: 'eighty' }, 'PORT', /PORT="eighty": expected a whole number/],
    ['PORT must be whole', { PORT: '80.5' }, 'PORT', /PORT="80.5": expected a whole number/],
    ['PORT above 65535', { PORT: '65536' }, 'PORT', /PORT="65536": expected at most 65535/],
    ['PORT below 0', { PORT: '-1' }, 'PORT', /PORT="-1": expected at least 0/],
    ['a blank (spaces only) number is not silently 0', { PORT: '   ' }, 'PORT', /PORT=" {3}": expected a whole number/],
    ['hexadecimal is not a setting value', { FETCH_MAX_REDIRECTS: '0x10' }, 'FETCH_MAX_REDIRECTS', /expected a whole number/],
    ['FETCH_CONCURRENCY at least 1', { FETCH_CONCURRENCY: '0' }, 'FETCH_CONCURRENCY', /expected at least 1/],
    ['FETCH_CONCURRENCY at most 64', { FETCH_CONCURRENCY: '65' }, 'FETCH_CONCURRENCY', /expected at most 64/],
    ['FETCH_TIMEOUT_MS at least a second', { FETCH_TIMEOUT_MS: '999' }, 'FETCH_TIMEOUT_MS', /expected at least 1000/],
    ['FETCH_MAX_BYTES at least 1 KiB', { FETCH_MAX_BYTES: '1023' }, 'FETCH_MAX_BYTES', /expected at least 1024/],
    ['FETCH_MAX_REDIRECTS at most 20', { FETCH_MAX_REDIRECTS: '21' }, 'FETCH_MAX_REDIRECTS', /expected at most 20/],
    ['CHECK_INTERVAL_MINUTES at most a week', { CHECK_INTERVAL_MINUTES: String(7 * 24 * 60 + 1) }, 'CHECK_INTERVAL_MINUTES', /expected at most 10080/],
    ['MAX_INTERVAL_MINUTES at least 1', { MAX_INTERVAL_MINUTES: '0' }, 'MAX_INTERVAL_MINUTES', /expected at least 1/],
    ['SCHEDULER_TICK_SECONDS at most an hour', { SCHEDULER_TICK_SECONDS: '3601' }, 'SCHEDULER_TICK_SECONDS', /expected at most 3600/],
    ['CHECKS_RETENTION_DAYS at least 1', { CHECKS_RETENTION_DAYS: '0' }, 'CHECKS_RETENTION_DAYS', /expected at least 1/],
    ['a boolean is true/false/1/0/yes/no, nothing else', { ALLOW_PRIVATE_NETWORKS: 'maybe' }, 'ALLOW_PRIVATE_NETWORKS', /ALLOW_PRIVATE_NETWORKS="maybe": expected true, false, yes, no, 1 or 0$/m],
    ['SCHEDULER is a boolean', { SCHEDULER: 'on' }, 'SCHEDULER', /SCHEDULER="on"/],
    ['ignoring case does not widen the words: ON is no boolean either', { SCHEDULER: 'ON' }, 'SCHEDULER', /SCHEDULER="ON": expected true, false, yes, no, 1 or 0/],
    ['LOG_LEVEL is one of the listed levels', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /LOG_LEVEL="verbose"/],
    ['BASE_URL must be absolute', { BASE_URL: '/stet' }, 'BASE_URL', /BASE_URL="\/stet": expected an absolute http\(s\) URL/],
    ['BASE_URL must be http(s), not ftp', { BASE_URL: 'ftp://example.com' }, 'BASE_URL', /BASE_URL="ftp:\/\/example.com"/],
    ['BASE_URL must be http(s), not javascript: (it ends up in feed links)', { BASE_URL: 'javascript:alert(1)' }, 'BASE_URL', /BASE_URL=/],
  ];
  it.each(cases)('%s', (_name, env, variable, message) => {
    const text = configError(env);
    expect(text).toContain(variable);
    expect(text).toMatch(message);
  });

  it('every bad variable is reported at once, one line each, and good ones are not mentioned', () => {
    const text = configError({ PORT: 'x', LOG_LEVEL: 'loud', HOST: 'localhost' });
    const lines = text.split('\n').slice(1);
    expect(lines).toHaveLength(2);
    expect(text).toMatch(/PORT=/);
    expect(text).toMatch(/LOG_LEVEL=/);
    expect(text).not.toMatch(/HOST=/);
  });
});

describe('BASE_URL', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['derived from HOST and PORT', { HOST: 'stet.internal', PORT: '8080' }, 'http://stet.internal:8080'],
    ['0.0.0.0 (all interfaces) is shown as 127.0.0.1, an address a browser can open', { HOST: '0.0.0.0', PORT: '9' }, 'http://127.0.0.1:9'],
    [':: (all IPv6 interfaces) is shown as 127.0.0.1', { HOST: '::', PORT: '9' }, 'http://127.0.0.1:9'],
    ['an IPv6 host is bracketed (RFC 3986 §3.2.2)', { HOST: '::1', PORT: '9' }, 'http://[::1]:9'],
    ['given explicitly, it is used as is', { BASE_URL: 'https://news.example.org/stet' }, 'https://news.example.org/stet'],
    ['its trailing slash is stripped, so `${BASE_URL}/feed.xml` has one slash', { BASE_URL: 'https://news.example.org/' }, 'https://news.example.org'],
    ['several trailing slashes are stripped too', { BASE_URL: 'https://news.example.org/stet///' }, 'https://news.example.org/stet'],
  ];
  it.each(cases)('%s', (_name, env, expected) => {
    const { BASE_URL } = parseConfig(env);
    expect(BASE_URL).toBe(expected);
    expect(`${BASE_URL}/feed.xml`).not.toContain('//feed.xml');
  });
});

describe('settings that depend on each other', () => {
  it('MAX_INTERVAL_MINUTES below CHECK_INTERVAL_MINUTES is refused, naming both', () => {
    expect(() => parseConfig({ CHECK_INTERVAL_MINUTES: '60', MAX_INTERVAL_MINUTES: '30' })).toThrow(
      /MAX_INTERVAL_MINUTES=30.*CHECK_INTERVAL_MINUTES=60/,
    );
  });
});
