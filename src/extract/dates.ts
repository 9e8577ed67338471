/**
 * Publisher time stamps → ISO 8601, keeping what the page says and no more:
 * an offset when the page gives one (or a named zone we can resolve), a local
 * time without offset when it gives a time but no zone, and a bare day
 * (YYYY-MM-DD) when it only gives a day. We never invent a zone.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janvier: 1, januar: 1, enero: 1, gennaio: 1, janeiro: 1,
  feb: 2, february: 2, février: 2, fevrier: 2, februar: 2, febrero: 2, febbraio: 2, fevereiro: 2,
  mar: 3, march: 3, mars: 3, märz: 3, maerz: 3, marzo: 3, março: 3,
  apr: 4, april: 4, avril: 4, abril: 4, aprile: 4,
  may: 5, mai: 5, mayo: 5, maggio: 5, maio: 5,
  jun: 6, june: 6, juin: 6, juni: 6, junio: 6, giugno: 6, junho: 6,
  jul: 7, july: 7, juillet: 7, juli: 7, julio: 7, luglio: 7, julho: 7,
  aug: 8, august: 8, août: 8, aout: 8, agosto: 8,
  sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9, settembre: 9, setembro: 9,
  oct: 10, october: 10, octobre: 10, oktober: 10, octubre: 10, ottobre: 10, outubro: 10,
  nov: 11, november: 11, novembre: 11, noviembre: 11, novembro: 11,
  dec: 12, december: 12, décembre: 12, decembre: 12, dezember: 12, diciembre: 12, dicembre: 12, dezembro: 12,
  // Arabic (Egyptian/Gulf usage, the month names of the Gregorian calendar).
  يناير: 1, فبراير: 2, مارس: 3, أبريل: 4, ابريل: 4, إبريل: 4, مايو: 5, يونيو: 6, يوليو: 7, أغسطس: 8, اغسطس: 8, سبتمبر: 9, أكتوبر: 10, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
};

/** Fixed-offset zone abbreviations (minutes east of UTC). US zones with DST are resolved by date below. */
const FIXED_ZONES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, ut: 0, wet: 0, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  msk: 180, ist: 330, sgt: 480, hkt: 480, jst: 540, kst: 540, aest: 600, aedt: 660, acst: 570, awst: 480,
  nzst: 720, nzdt: 780, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
};
/** Generic US zone names ("ET", "Eastern"): standard offset; daylight time applied by the US rule. */
const US_GENERIC: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480, eastern: -300, central: -360, mountain: -420, pacific: -480 };

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

/** US daylight saving (Energy Policy Act 2005): second Sunday of March to first Sunday of November. */
function usDaylight(y: number, m: number, d: number): boolean {
  if (m < 3 || m > 11) return false;
  if (m > 3 && m < 11) return true;
  const firstDow = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstDow) % 7);
  return m === 3 ? d >= firstSunday + 7 : d < firstSunday;
}

function formatOffset(min: number): string {
  if (min === 0) return 'Z';
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

function zoneOffset(zone: string | undefined, y: number, m: number, d: number): number | null {
  if (zone === undefined || zone === '') return null;
  const z = zone.toLowerCase().replace(/[().]/g, '');
  const num = /^(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (num) return (num[1] === '-' ? -1 : 1) * (Number(num[2]) * 60 + Number(num[3] ?? 0));
  if (z in US_GENERIC) return US_GENERIC[z]! + (usDaylight(y, m, d) ? 60 : 0);
  if (z in FIXED_ZONES) return FIXED_ZONES[z]!;
  return null;
}

function build(y: number, mo: number, d: number, h?: number, mi?: number, s?: number, offset?: number | null): string | null {
  if (!validDay(y, mo, d)) return null;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return day;
  if (h > 23 || mi > 59 || (s ?? 0) > 60) return day;
  const time = `${pad(h)}:${pad(mi)}:${pad(s ?? 0)}`;
  return offset === null || offset === undefined ? `${day}T${time}` : `${day}T${time}${formatOffset(offset)}`;
}

const ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}\b|[A-Za-z]{2,5})?)?/;

/**
 * Parse a machine-readable stamp (JSON-LD, meta, `<time datetime>`): ISO 8601
 * and its common sloppy variants, RFC 2822, epoch seconds/milliseconds.
 */
export function parseMachineDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v.length === 0 || v.length > 100) return null;
  const iso = ISO.exec(v);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, z] = iso;
    const Y = Number(y), M = Number(mo), D = Number(d);
    if (h === undefined) return build(Y, M, D);
    let off: number | null = null;
    if (z !== undefined) {
      if (z === 'Z' || z === 'z') off = 0;
      else if (/^[+-]/.test(z)) {
        const sign = z[0] === '-' ? -1 : 1;
        const digits = z.slice(1).replace(':', '');
        off = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
      } else off = zoneOffset(z, Y, M, D);
    }
    const built = build(Y, M, D, Number(h), Number(mi), s === undefined ? 0 : Number(s), off);
    // Keep the page's fractional seconds: the stamp is the publisher's, to the precision given.
    return built !== null && frac !== undefined && built.length > 10 ? built.replace(/(T\d{2}:\d{2}:\d{2})/, `$1.${frac}`) : built;
  }
  if (/^\d{10}(?:\d{3})?$/.test(v)) {
    const ms = v.length === 13 ? Number(v) : Number(v) * 1000;
    const dt = new Date(ms);
    return build(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate(), dt.getUTCHours(), dt.getUTCMinutes(), dt.getUTCSeconds(), 0);
  }
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?$/.exec(v);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return build(Number(y), Number(mo), Number(d), h === undefined ? undefined : Number(h), mi === undefined ? undefined : Number(mi), s === undefined ? 0 : Number(s), null);
  }
  return parseHumanDate(v);
}

const MONTH_NAME = '(\\p{L}{3,10})\\.?';
const TIME = '(?:(?:\\s*[,@|–—-]?\\s*(?:at\\s+|à\\s+|um\\s+)?)(\\d{1,2})(?:[:.h](\\d{2}))(?::(\\d{2}))?\\s*([ap]\\.?m\\.?)?(?:\\s*\\(?((?:UTC|GMT)\\s*[+-]\\d{1,2}(?::?\\d{2})?|[A-Za-z]{1,5}\\b)\\)?)?)?';
/** "January 31, 2019 3:13 pm EST", "Jan. 31, 2019", "Thursday, January 31, 2019" */
const MDY = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'iu');
/** "31 January 2019 15:13 GMT", "31. Januar 2019" */
const DMY = new RegExp(`(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:de\\s+)?${MONTH_NAME}\\s+(?:de\\s+)?(\\d{4})${TIME}`, 'iu');
/** "2019/01/31 15:13", "31/01/2019", "01/31/2019", "31.01.2019" */
const YMD_NUM = /(\d{4})[/.](\d{1,2})[/.](\d{1,2})/;
const DMY_NUM = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/;

function hour12(h: number, ampm: string | undefined): number {
  if (ampm === undefined) return h;
  const pm = ampm.toLowerCase().startsWith('p');
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** Parse a date written for people: "Updated: January 31, 2019 3:13 pm ET", "31 January 2019". */
export function parseHumanDate(text: string): string | null {
  const t = text.length > 300 ? text.slice(0, 300) : text;
  let m = MDY.exec(t);
  let y: number, mo: number | undefined, d: number, hh: string | undefined, mm: string | undefined, ss: string | undefined, ap: string | undefined, zone: string | undefined;
  if (m && MONTHS[m[1]!.toLowerCase()] !== undefined) {
    mo = MONTHS[m[1]!.toLowerCase()];
    d = Number(m[2]);
    y = Number(m[3]);
    [hh, mm, ss, ap, zone] = [m[4], m[5], m[6], m[7], m[8]];
  } else if ((m = DMY.exec(t)) && MONTHS[m[2]!.toLowerCase()] !== undefined) {
    d = Number(m[1]);
    mo = MONTHS[m[2]!.toLowerCase()];
    y = Number(m[3]);
    [hh, mm, ss, ap, zone] = [m[4], m[5], m[6], m[7], m[8]];
  } else if ((m = YMD_NUM.exec(t))) {
    return build(Number(m[1]), Number(m[2]), Number(m[3]));
  } else if ((m = DMY_NUM.exec(t))) {
    const a = Number(m[1]), b = Number(m[2]);
    // Day-first unless the first number cannot be a day-of-month-with-valid-month reading.
    if (b > 12 && a <= 12) return build(Number(m[3]), a, b);
    return build(Number(m[3]), b, a);
  } else return null;
  if (mo === undefined) return null;
  if (hh === undefined || mm === undefined) return build(y, mo, d);
  let zoneName = zone;
  if (zoneName !== undefined && zoneOffset(zoneName, y, mo, d) === null) zoneName = undefined;
  return build(y, mo, d, hour12(Number(hh), ap), Number(mm), ss === undefined ? 0 : Number(ss), zoneOffset(zoneName, y, mo, d));
}

/** The day part of an ISO stamp. */
export function dayOf(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 10);
}
