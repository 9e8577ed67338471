/**
 * nextCheckAt: when to look at an article again (DESIGN step 6). Pure, so
 * every case passes its own clock and random number.
 */
import { describe, expect, it } from 'vitest';
import { ageFactor, nextCheckAt, type ScheduleInput } from '../../../src/monitor/schedule.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** random 0.5 makes the jitter factor exactly 1, so the delay is the schedule itself. */
const input = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  now: NOW,
  intervalMinutes: 30,
  maxIntervalMinutes: 24 * 60,
  lastChangedAt: NOW,
  failureCount: 0,
  retryAfterSeconds: null,
  maxAgeSeconds: null,
  random: 0.5,
  ...overrides,
});
const delayOf = (overrides: Partial<ScheduleInput>) => nextCheckAt(input(overrides)) - NOW;

describe('age factor: articles change most in their first hours', () => {
  const cases: [string, number, number][] = [
    ['just changed: the base interval', 0, 1],
    ['quiet for under a day: ×1', DAY - 1, 1],
    ['quiet for a day: ×2', DAY, 2],
    ['quiet for under three days: ×2', 3 * DAY - 1, 2],
    ['quiet for three days: ×4', 3 * DAY, 4],
    ['quiet for a week: ×8', 7 * DAY, 8],
    ['quiet for under 30 days: ×8', 30 * DAY - 1, 8],
    ['quiet for 30 days or more: ×16', 30 * DAY, 16],
    ['quiet for a year: still ×16', 365 * DAY, 16],
  ];
  it.each(cases)('%s', (_name, quietMs, factor) => {
    expect(ageFactor(quietMs)).toBe(factor);
    expect(delayOf({ lastChangedAt: NOW - quietMs, maxIntervalMinutes: 30 * 24 * 60 })).toBe(30 * MINUTE * factor);
  });

  it('a lastChangedAt in the future (clock skew) counts as just changed', () => {
    expect(delayOf({ lastChangedAt: NOW + DAY })).toBe(30 * MINUTE);
  });

  it('a long quiet period is clamped to MAX_INTERVAL', () => {
    expect(delayOf({ lastChangedAt: NOW - 60 * DAY, intervalMinutes: 240, maxIntervalMinutes: 24 * 60 })).toBe(DAY);
  });

  it('an interval set above MAX_INTERVAL is kept, and is its own ceiling (a source read weekly)', () => {
    expect(delayOf({ intervalMinutes: 7 * 24 * 60, maxIntervalMinutes: 24 * 60 })).toBe(7 * DAY);
    expect(delayOf({ intervalMinutes: 7 * 24 * 60, maxIntervalMinutes: 24 * 60, lastChangedAt: NOW - 60 * DAY })).toBe(7 * DAY);
    expect(delayOf({ intervalMinutes: 7 * 24 * 60, maxIntervalMinutes: 24 * 60, failureCount: 5 })).toBe(7 * DAY);
  });
});

describe('error back-off', () => {
  const cases: [string, number, number][] = [
    ['first failure: the base interval', 1, 30 * MINUTE],
    ['second failure: doubled', 2, 60 * MINUTE],
    ['third failure: doubled again', 3, 120 * MINUTE],
    ['sixth failure: 32 × base = 16 h', 6, 16 * HOUR],
    ['seventh failure: 64 × base would be 32 h, capped at MAX_INTERVAL (24 h)', 7, DAY],
    ['a thousand failures: still the cap, no overflow', 1000, DAY],
  ];
  it.each(cases)('%s', (_name, failureCount, delay) => {
    expect(delayOf({ failureCount })).toBe(delay);
  });

  it('failures back off from the base interval, not from the quiet-article interval', () => {
    expect(delayOf({ failureCount: 1, lastChangedAt: NOW - 10 * DAY })).toBe(30 * MINUTE);
  });
});

describe('Cache-Control max-age (RFC 9111 §5.2.2.1)', () => {
  it('a lifetime longer than our interval raises the delay: the page will not change sooner', () => {
    expect(delayOf({ maxAgeSeconds: 2 * 3600 })).toBe(2 * HOUR);
  });
  it('a lifetime shorter than our interval does not make us poll faster', () => {
    expect(delayOf({ maxAgeSeconds: 60 })).toBe(30 * MINUTE);
  });
  it('max-age=0 and a missing max-age change nothing', () => {
    expect(delayOf({ maxAgeSeconds: 0 })).toBe(30 * MINUTE);
    expect(delayOf({ maxAgeSeconds: null })).toBe(30 * MINUTE);
    expect(delayOf({ maxAgeSeconds: undefined })).toBe(30 * MINUTE);
  });
  it('a lifetime beyond MAX_INTERVAL is clamped to it', () => {
    expect(delayOf({ maxAgeSeconds: 365 * 24 * 3600 })).toBe(DAY);
  });
});

describe('Retry-After (RFC 9110 §10.2.3)', () => {
  it('is a floor: a server asking for an hour gets at least an hour', () => {
    expect(delayOf({ failureCount: 1, retryAfterSeconds: 3600, random: 0 })).toBe(HOUR);
  });
  it('wins over the MAX_INTERVAL ceiling: the server asked for it', () => {
    expect(delayOf({ failureCount: 1, retryAfterSeconds: 3 * 24 * 3600, random: 0.999 })).toBe(3 * DAY);
  });
  it('a shorter Retry-After does not shorten our own back-off', () => {
    expect(delayOf({ failureCount: 3, retryAfterSeconds: 10 })).toBe(120 * MINUTE);
  });
  it('is capped at a week, so a typo on their side cannot park an article for years', () => {
    expect(delayOf({ failureCount: 1, retryAfterSeconds: 10 * 365 * 24 * 3600, random: 0 })).toBe(7 * DAY);
  });
  it('Retry-After: 0 changes nothing', () => {
    expect(delayOf({ failureCount: 1, retryAfterSeconds: 0 })).toBe(30 * MINUTE);
  });
});

describe('jitter: ±10%, never beyond the ceiling', () => {
  const cases: [string, number, number][] = [
    ['random 0 gives 90% of the interval', 0, 27 * MINUTE],
    ['random 0.5 gives the interval itself', 0.5, 30 * MINUTE],
    ['random 0.999 gives just under 110%', 0.999, Math.round(30 * MINUTE * (0.9 + 0.2 * 0.999))],
  ];
  it.each(cases)('%s', (_name, random, delay) => {
    expect(delayOf({ random })).toBe(delay);
  });

  it.each([0, 0.25, 0.5, 0.75, 0.999])('random %s stays within [0.9, 1.1) of the base interval', (random) => {
    const delay = delayOf({ random });
    expect(delay).toBeGreaterThanOrEqual(0.9 * 30 * MINUTE);
    expect(delay).toBeLessThan(1.1 * 30 * MINUTE);
  });

  it.each([0, 0.5, 0.999])('at the ceiling, random %s never goes past MAX_INTERVAL ("the longest interval", README)', (random) => {
    const delay = delayOf({ failureCount: 20, random });
    expect(delay).toBeLessThanOrEqual(DAY);
    expect(delay).toBeGreaterThanOrEqual(0.9 * DAY);
  });

  it('different random numbers spread articles that were added together', () => {
    expect(delayOf({ random: 0.1 })).not.toBe(delayOf({ random: 0.9 }));
  });
});

describe('bounds', () => {
  it('never sooner than 30 seconds, whatever the settings', () => {
    expect(delayOf({ intervalMinutes: 0, maxIntervalMinutes: 0, random: 0 })).toBe(30_000);
  });
  it('returns a whole number of milliseconds after now', () => {
    const at = nextCheckAt(input({ random: 0.123456 }));
    expect(Number.isInteger(at)).toBe(true);
    expect(at).toBeGreaterThan(NOW);
  });
  it('is pure: the same input gives the same answer', () => {
    expect(nextCheckAt(input({ random: 0.3 }))).toBe(nextCheckAt(input({ random: 0.3 })));
  });
});
