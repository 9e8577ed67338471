/**
 * What every JSON API route does with its input (STYLE 7: validation at the
 * edge): the body read only when sent as JSON, checked against a zod schema,
 * and any problem answered as 400 {error: {code, message}} naming the field.
 * And the one reading of a whole number from a query, path or form value.
 */
import { z } from 'zod';
import { LONGEST_BASE_INTERVAL_MINUTES } from '../config.ts';
import { badRequest } from './errors.ts';

/** A check or read interval in minutes: one minute to a week. */
export const intervalMinutes = z.number().int().min(1).max(LONGEST_BASE_INTERVAL_MINUTES);

/** A PATCH of an article or a source: pause or resume, and/or a new interval; at least one of them, nothing else. */
export const stateOrIntervalPatch = z
  .object({ state: z.enum(['active', 'paused']).optional(), intervalMinutes: intervalMinutes.optional() })
  .strict()
  .refine((b) => b.state !== undefined || b.intervalMinutes !== undefined, { message: 'nothing to change: give "state" and/or "intervalMinutes"' });

/**
 * A query (path, form) value as a whole number: decimal digits only, at most
 * `maxDigits` of them (15 keeps it a safe integer), so "1e0", "0x1", " 1" or
 * "-1" never quietly mean a number; null for anything else or no value.
 */
export function queryInt(raw: string | undefined, maxDigits = 15): number | null {
  return raw !== undefined && raw.length <= maxDigits && /^\d+$/.test(raw) ? Number(raw) : null;
}

/** A keyset cursor of a time and a row id, `<epoch ms>-<id>` (where a page of a list ended); null when it is not one. */
export function parseTimeAndId(raw: string): { at: number; id: number } | null {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(raw);
  return match ? { at: Number(match[1]), id: Number(match[2]) } : null;
}

/** Times in answers: ISO 8601 UTC, null for none. */
export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(`${what}: ${result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ')}`);
  return result.data;
}

/**
 * The request body as JSON, refused (400 invalid_json) unless sent with a
 * JSON media type: a cross-site page can POST text/plain or a form without
 * a CORS preflight (a "simple request"), but not application/json.
 * `example` shows the caller what to send.
 */
export async function jsonBody(c: { req: { header(name: string): string | undefined; json(): Promise<unknown> } }, example: string): Promise<unknown> {
  if (!/^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw badRequest(`the request body must be JSON (Content-Type: application/json) like ${example}`, 'invalid_json');
  }
  return c.req.json().catch(() => {
    throw badRequest(`the request body must be JSON like ${example}`, 'invalid_json');
  });
}
