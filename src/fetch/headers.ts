/**
 * Parsers for the response headers that tell stet when to look again.
 * Pure; times are passed in so tests need no clock.
 */

/**
 * Retry-After (RFC 9110 §10.2.3): either delay-seconds or an HTTP-date.
 * Returns whole seconds to wait (0 for a date already past), or null when
 * absent or malformed. A date is measured against the response's own Date
 * header when it has one, so a server clock that is off does not matter;
 * otherwise against `now`.
 */
export function parseRetryAfter(value: string | null, responseDate: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds) ? seconds : null;
  }
  const retryAt = parseHttpDate(trimmed, now);
  if (retryAt === null) return null;
  const reference = (responseDate !== null ? parseHttpDate(responseDate.trim(), now) : null) ?? now.getTime();
  return Math.max(0, Math.ceil((retryAt - reference) / 1000));
}

/**
 * An HTTP-date (RFC 9110 §5.6.7) as epoch milliseconds, or null. Accepts
 * IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and, as recipients MUST,
 * the obsolete RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime
 * ("Sun Nov  6 08:49:37 1994") forms. All are UTC.
 */
export function parseHttpDate(value: string, now: Date = new Date()): number | null {
  const months = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
  const imf = new RegExp(`^[A-Z][a-z]{2}, (\\d{2}) (${months}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
  const rfc850 = new RegExp(`^[A-Z][a-z]+, (\\d{2})-(${months})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`);
  const asctime = new RegExp(`^[A-Z][a-z]{2} (${months}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`);
  const monthIndex = (name: string) => months.split('|').indexOf(name);
  let parts: [number, number, number, number, number, number] | null = null;
  let m: RegExpExecArray | null;
  if ((m = imf.exec(value))) {
    parts = [Number(m[3]), monthIndex(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])];
  } else if ((m = rfc850.exec(value))) {
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is in the past century.
    const yy = Number(m[3]);
    const thisYear = now.getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear + 50) year -= 100;
    parts = [year, monthIndex(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])];
  } else if ((m = asctime.exec(value))) {
    parts = [Number(m[6]), monthIndex(m[1]!), Number(m[2]!.trim()), Number(m[3]), Number(m[4]), Number(m[5])];
  }
  if (parts === null) return null;
  const [year, month, day, hour, minute, second] = parts;
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // Reject dates that roll over (31 Feb): the fields must survive the round trip.
  if (new Date(ms).getUTCDate() !== day) return null;
  return ms;
}

/**
 * The freshness lifetime the origin gave the response, in seconds, or null
 * when it gave none. Per RFC 9111 §4.2.1: Cache-Control max-age
 * (§5.2.2.1) first, else Expires minus Date (§5.3). s-maxage is for shared
 * caches and ignored; no-cache / no-store mean "revalidate every time" and
 * give 0. For a duplicated directive the first occurrence is used (§4.2.1).
 */
export function parseFreshnessLifetime(
  cacheControl: string | null,
  expires: string | null,
  responseDate: string | null,
  now: Date,
): number | null {
  if (cacheControl !== null) {
    const directives = parseCacheControl(cacheControl);
    if (directives.has('no-store') || directives.has('no-cache')) return 0;
    const maxAge = directives.get('max-age');
    if (maxAge !== undefined) {
      // Delta-seconds (RFC 9111 §1.2.2); recipients accept the quoted form too (§5.2).
      return maxAge !== null && /^\d+$/.test(maxAge) ? Math.min(Number(maxAge), 2 ** 31) : 0;
    }
  }
  if (expires !== null) {
    // An invalid Expires, such as "0", means already expired (RFC 9111 §5.3).
    const expiresAt = parseHttpDate(expires.trim(), now);
    if (expiresAt === null) return 0;
    const reference = (responseDate !== null ? parseHttpDate(responseDate.trim(), now) : null) ?? now.getTime();
    return Math.max(0, Math.floor((expiresAt - reference) / 1000));
  }
  return null;
}

/** Cache-Control directives (RFC 9111 §5.2), names lower-cased, values unquoted; first occurrence wins. */
function parseCacheControl(value: string): Map<string, string | null> {
  const directives = new Map<string, string | null>();
  for (const item of splitOutsideQuotes(value, ',')) {
    const eq = item.indexOf('=');
    const name = (eq < 0 ? item : item.slice(0, eq)).trim().toLowerCase();
    if (name === '' || directives.has(name)) continue;
    let raw = eq < 0 ? null : item.slice(eq + 1).trim();
    if (raw !== null && raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
      raw = raw.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    directives.set(name, raw);
  }
  return directives;
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted && c === '\\' && i + 1 < value.length) {
      current += c + value[++i]!;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  items.push(current);
  return items;
}
