/**
 * Every setting, one typed schema over environment variables, parsed once.
 * A wrong value stops start-up with a message naming the variable (STYLE 5).
 * The README's settings table lists each of these.
 */
import { z } from 'zod';
import { basePathClash } from './web/base-path.ts';

// Case-insensitive: TRUE and True are what people type, as much as true.
const bool = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true, false, yes, no, 1 or 0' }))
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

// Decimal digits only: z.coerce.number would read "   " as 0 and "0x10" as 16.
const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?\d+$/, { message: 'expected a whole number' })
    .transform(Number)
    .pipe(z.number().min(min, { message: `expected at least ${min}` }).max(max, { message: `expected at most ${max}` }));

/**
 * The longest base interval between checks of one article, a week: the
 * CHECK_INTERVAL_MINUTES setting, `stet watch --interval` and the API's
 * intervalMinutes all stop here.
 */
export const LONGEST_BASE_INTERVAL_MINUTES = 7 * 24 * 60;

export const configSchema = z.object({
  PORT: int(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1).default('./data/stet.db'),
  // Its path, if any, is the prefix a reverse proxy serves stet under (web/base-path.ts).
  BASE_URL: z
    .url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' })
    .superRefine((value, ctx) => {
      const clash = basePathClash(value);
      if (clash !== null) ctx.addIssue({ code: 'custom', message: clash });
    })
    .optional(),
  FETCH_CONCURRENCY: int(1, 64).default(4),
  FETCH_TIMEOUT_MS: int(1000, 300_000).default(20_000),
  FETCH_MAX_BYTES: int(1024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: int(0, 20).default(5),
  USER_AGENT: z
    .string()
    .min(1)
    .default('stet/0.1 (article revision monitor; +https://github.com/stet-news/stet)'),
  ALLOW_PRIVATE_NETWORKS: bool.default(false),
  RESPECT_ROBOTS_TXT: bool.default(true),
  CHECK_INTERVAL_MINUTES: int(1, LONGEST_BASE_INTERVAL_MINUTES).default(30),
  MAX_INTERVAL_MINUTES: int(1, 30 * 24 * 60).default(24 * 60),
  SCHEDULER_TICK_SECONDS: int(1, 3600).default(15),
  SCHEDULER: bool.default(true),
  CHECKS_RETENTION_DAYS: int(1, 3650).default(30),
  /** How often a source (feed or sitemap) is read for new articles. */
  SOURCE_INTERVAL_MINUTES: int(1, LONGEST_BASE_INTERVAL_MINUTES).default(15),
  /** A link a source dates older than this is not news: remembered, never watched. */
  SOURCE_MAX_AGE_HOURS: int(1, 24 * 365).default(48),
  /** At most this many new articles per read of a source, newest first; the rest come at the next read. */
  SOURCE_MAX_NEW_ARTICLES: int(1, 10_000).default(50),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema> & {
  BASE_URL: string;
  /** BASE_URL was not set, so it was derived from HOST and PORT (the service fills in the real port when PORT is 0). */
  BASE_URL_DERIVED: boolean;
};

export class ConfigError extends Error {}

/** Parses settings from an environment (process.env by default). Throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as in most shells' `VAR= cmd`.
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?');
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`invalid settings:\n${lines.join('\n')}`);
  }
  const c = result.data;
  if (c.MAX_INTERVAL_MINUTES < c.CHECK_INTERVAL_MINUTES) {
    throw new ConfigError(
      `invalid settings:\n  MAX_INTERVAL_MINUTES=${c.MAX_INTERVAL_MINUTES}: must not be below CHECK_INTERVAL_MINUTES=${c.CHECK_INTERVAL_MINUTES}`,
    );
  }
  if (c.BASE_URL) return { ...c, BASE_URL: c.BASE_URL.replace(/\/+$/, ''), BASE_URL_DERIVED: false };
  return { ...c, BASE_URL: derivedBaseUrl(c.HOST, c.PORT), BASE_URL_DERIVED: true };
}

/** The address a browser on this machine would use: a wildcard listen address is reached through loopback. */
export function derivedBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}
