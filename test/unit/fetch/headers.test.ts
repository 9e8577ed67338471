import { describe, expect, it } from 'vitest';
import { parseFreshnessLifetime, parseHttpDate, parseRetryAfter } from '../../../src/fetch/headers.ts';

const NOW = new Date('2026-11-29T12:00:00Z');

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it.each([
    ['IMF-fixdate, the preferred format', 'Sun, 06 Nov 1994 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['obsolete RFC 850 format, which recipients MUST accept', 'Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['obsolete asctime format, which recipients MUST accept, read as UTC', 'Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['asctime with a two-digit day', 'Sun Nov 16 08:49:37 1994', '1994-11-16T08:49:37.000Z'],
  ])('%s', (_rule, value, iso) => {
    expect(new Date(parseHttpDate(value, NOW)!).toISOString()).toBe(iso);
  });

  it('reads an RFC 850 two-digit year more than 50 years ahead as the past century (§5.6.7)', () => {
    expect(new Date(parseHttpDate('Monday, 01-Jan-80 00:00:00 GMT', NOW)!).getUTCFullYear()).toBe(1980);
    expect(new Date(parseHttpDate('Friday, 01-Jan-49 00:00:00 GMT', NOW)!).getUTCFullYear()).toBe(2049);
  });

  it.each([['tomorrow'], ['2026-11-29T12:00:00Z'], ['Sun, 31 Feb 2026 00:00:00 GMT'], ['Sun, 06 Nov 1994 08:49:37 PST'], ['']])(
    'rejects %j',
    (value) => {
      expect(parseHttpDate(value, NOW)).toBeNull();
    },
  );
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  it.each([
    ['delay-seconds', '120', null, 120],
    ['delay-seconds with surrounding whitespace', ' 30 ', null, 30],
    ['zero seconds', '0', null, 0],
    ['an HTTP-date, measured from the response Date', 'Sun, 29 Nov 2026 12:30:00 GMT', 'Sun, 29 Nov 2026 12:00:00 GMT', 1800],
    ['an HTTP-date, measured from now when the response has no Date', 'Sun, 29 Nov 2026 12:01:00 GMT', null, 60],
    ['an HTTP-date, measured from now when the response Date is malformed', 'Sun, 29 Nov 2026 12:01:00 GMT', 'garbage', 60],
    ['an HTTP-date already past means retry now', 'Sun, 29 Nov 2026 11:00:00 GMT', null, 0],
  ])('%s', (_rule, value, date, expected) => {
    expect(parseRetryAfter(value, date, NOW)).toBe(expected);
  });

  it.each([[null], ['soon'], ['-5'], ['1.5'], ['']])('gives null for %j', (value) => {
    expect(parseRetryAfter(value, null, NOW)).toBeNull();
  });
});

describe('parseFreshnessLifetime (RFC 9111 §4.2.1)', () => {
  const fresh = (cacheControl: string | null, expires: string | null = null, date: string | null = null) =>
    parseFreshnessLifetime(cacheControl, expires, date, NOW);

  it.each([
    ['max-age in seconds (§5.2.2.1)', 'max-age=300', 300],
    ['directive names are case-insensitive (§5.2)', 'Public, Max-Age=300', 300],
    ['the quoted form is accepted (§5.2)', 'max-age="300"', 300],
    ['the first of duplicated max-age wins (§4.2.1)', 'max-age=60, max-age=600', 60],
    ['s-maxage is for shared caches and ignored (§5.2.2.10)', 's-maxage=900', null],
    ['an invalid max-age means stale (§4.2.1)', 'max-age=soon', 0],
    ['max-age beyond 2^31 is clamped to 2^31 (§1.2.2)', 'max-age=99999999999999', 2 ** 31],
    ['no-cache means revalidate every time (§5.2.2.4)', 'no-cache, max-age=600', 0],
    ['no-store means nothing may be reused (§5.2.2.5)', 'no-store', 0],
    ['a quoted comma does not split directives', 'private="a, b", max-age=42', 42],
    ['empty list members are skipped (RFC 9110 §5.6.1)', ', ,max-age=7', 7],
  ])('%s', (_rule, cacheControl, expected) => {
    expect(fresh(cacheControl)).toBe(expected);
  });

  it('falls back to Expires minus Date when there is no max-age (§4.2.1, §5.3)', () => {
    expect(fresh('public', 'Sun, 29 Nov 2026 13:00:00 GMT', 'Sun, 29 Nov 2026 12:00:00 GMT')).toBe(3600);
  });

  it('lets max-age win over Expires (§5.3)', () => {
    expect(fresh('max-age=10', 'Sun, 29 Nov 2026 13:00:00 GMT', 'Sun, 29 Nov 2026 12:00:00 GMT')).toBe(10);
  });

  it('treats an invalid Expires such as "0" as already expired (§5.3)', () => {
    expect(fresh(null, '0')).toBe(0);
  });

  it('gives null when the origin says nothing about freshness', () => {
    expect(fresh(null)).toBeNull();
  });
});
