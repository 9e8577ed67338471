/**
 * When to look next (DESIGN step 6). Pure: the caller passes the clock and
 * the random source. Articles change most in their first hours, so the
 * interval grows with the time since the last change; errors back off
 * exponentially; the server's Retry-After and Cache-Control max-age
 * (RFC 9111 §5.2.2.1) are honoured; everything is clamped and jittered so
 * that articles added together do not stay in lockstep.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RETRY_AFTER_CAP = 7 * DAY;

export interface ScheduleInput {
  now: number;
  /** The article's base interval. */
  intervalMinutes: number;
  /** The ceiling for any interval. */
  maxIntervalMinutes: number;
  /** When the content last changed (or when watching began). */
  lastChangedAt: number;
  /** Consecutive failures including this check (0 after a success). */
  failureCount: number;
  retryAfterSeconds?: number | null;
  maxAgeSeconds?: number | null;
  /** A number in [0, 1); Math.random in production. */
  random: number;
}

/** Multiplier on the base interval by how long the article has been quiet. */
export function ageFactor(quietMs: number): number {
  if (quietMs < DAY) return 1;
  if (quietMs < 3 * DAY) return 2;
  if (quietMs < 7 * DAY) return 4;
  if (quietMs < 30 * DAY) return 8;
  return 16;
}

export function nextCheckAt(input: ScheduleInput): number {
  const base = input.intervalMinutes * MINUTE;
  // An interval set above the ceiling (a source read weekly, `stet interval 7 10080`) is the ceiling for that one.
  const max = Math.max(input.maxIntervalMinutes, input.intervalMinutes) * MINUTE;
  let delay =
    input.failureCount > 0
      ? base * 2 ** Math.min(input.failureCount - 1, 16)
      : base * ageFactor(Math.max(0, input.now - input.lastChangedAt));
  // A cache lifetime longer than our interval means the page will not change sooner.
  if (input.maxAgeSeconds != null && input.maxAgeSeconds > 0) delay = Math.max(delay, input.maxAgeSeconds * 1000);
  // ±10% jitter spreads articles that were added together; the ceiling is
  // applied after it, so MAX_INTERVAL really is the longest interval.
  delay = Math.min(delay * (0.9 + 0.2 * input.random), max);
  // Retry-After (RFC 9110 §10.2.3) is a floor the server asked for; it wins
  // over our ceiling, up to a week, so a typo on their side cannot park an article for years.
  if (input.retryAfterSeconds != null && input.retryAfterSeconds > 0) {
    delay = Math.max(delay, Math.min(input.retryAfterSeconds * 1000, RETRY_AFTER_CAP));
  }
  return Math.round(input.now + Math.max(delay, MINUTE / 2));
}
