/**
 * Publisher time stamps → ISO 8601, keeping what the page says and no more:
 * an offset when the page gives one (or a named zone we can resolve), a local
 * time without offset when it gives a time but no zone, and a bare day
 * (YYYY-MM-DD) when it only gives a day. We never invent a zone.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janvier: 1, januar: 1, enero: 1, gennaio: 1, janeiro: 1, januari: 1,
  feb: 2, february: 2, février: 2, fevrier: 2, februar: 2, febrero: 2, febbraio: 2, fevereiro: 2, februari: 2,
  mar: 3, march: 3, mars: 3, märz: 3, maerz: 3, marzo: 3, março: 3, maart: 3, mrt: 3,
  apr: 4, april: 4, avril: 4, abril: 4, aprile: 4,
  may: 5, mai: 5, mayo: 5, maggio: 5, maio: 5, mei: 5,
  jun: 6, june: 6, juin: 6, juni: 6, junio: 6, giugno: 6, junho: 6,
  jul: 7, july: 7, juillet: 7, juli: 7, julio: 7, luglio: 7, julho: 7,
  aug: 8, august: 8, août: 8, aout: 8, agosto: 8, augustus: 8,
  sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9, settembre: 9, setembro: 9,
  oct: 10, october: 10, octobre: 10, oktober: 10, octubre: 10, ottobre: 10, outubro: 10, okt: 10,
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
  // The German names of the European zones: MEZ/MESZ are CET/CEST, OEZ/OESZ EET/EEST, WEZ/WESZ WET/WEST.
  mez: 60, mesz: 120, oez: 120, oesz: 180, wez: 0, wesz: 60,
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

/**
 * Words that label a visible stamp, as regex sources (matched with the `i`
 * and `u` flags). The LEADS also open a new stamp inside a text node
 * ("… 12:29 am / Updated: …") and say which stamp the text is when they
 * start it; the other words count only right before a date, because they
 * are common verbs in prose ("Mercurial 5.2 was released on November 5,
 * 2019"). "Stand" is German for "as of" and takes a colon or the date right
 * after it, so that the English verb is no label. French "modifié" is Le
 * Monde's second stamp ("Publié le 29 novembre 2026 à 06h00, modifié le 30
 * novembre 2026 à 09h58"); Dutch "gepubliceerd" and "(laatst) bijgewerkt"
 * are the Dutch press's ("Gepubliceerd op 29 nov om 22:45, bijgewerkt om
 * 09:10"), "aangepast" and "geplaatst" everyday verbs as "edited" and
 * "posted" are.
 */
const MODIFIED_LEADS =
  'last updated|updated|modified|zuletzt aktualisiert|aktualisiert|stand(?=\\s*(?::|\\d))|mis à jour|mise à jour|modifiée|modifié|actualizado|actualizada|aggiornato|atualizado|atualizada|laatst bijgewerkt|bijgewerkt|最新更新|更新时间|更新時間|更新于|更新於|更新';
const MODIFIED_LABEL = `${MODIFIED_LEADS}|last modified|edited|revised|actualización|aggiornamento|aangepast|更新日|最終更新`;
const PUBLISHED_LEADS = 'published|posted|veröffentlicht|publiziert|publié|publiée|publicado|publicada|pubblicato|pubblicata|gepubliceerd|发布时间|發布時間|發佈時間|发布日期|發布日期|发布于|發布於|發佈於|发布|發布|發佈';
const PUBLISHED_LABEL = `${PUBLISHED_LEADS}|first published|publication date|created|released|erschienen|geplaatst|公開日|公開|投稿日|配信日|掲載日`;
/** Between the label and the date: "Aktualisiert am", "Publié le", "Mis à jour le", "Actualizado:", "Gepubliceerd op", "更新时间：". */
const LABEL_TAIL = '\\s*(?:on|at|am|um|le|el|il|em|op|à|de|于|於)?\\s*[:：]?\\s*';
// Word edges for the Latin-script labels; Chinese and Japanese write no spaces, so their labels have none.
const NO_LATIN_BEFORE = '(?<!\\p{Script=Latin})';
const NO_LATIN_AFTER = '(?!\\p{Script=Latin})';
/** A label for the last-modified stamp ending the text before a date. */
export const LABEL_MODIFIED = new RegExp(`${NO_LATIN_BEFORE}(?:${MODIFIED_LABEL})${LABEL_TAIL}$`, 'iu');
/** A label for the publication stamp ending the text before a date. */
export const LABEL_PUBLISHED = new RegExp(`${NO_LATIN_BEFORE}(?:${PUBLISHED_LABEL})${LABEL_TAIL}$`, 'iu');
/** A text that starts with a modified / published label ("Updated: …", "Aktualisiert am …", "发布时间：…"). */
export const STARTS_MODIFIED = new RegExp(`^\\s*(?:${MODIFIED_LEADS})${NO_LATIN_AFTER}`, 'iu');
export const STARTS_PUBLISHED = new RegExp(`^\\s*(?:${PUBLISHED_LEADS})${NO_LATIN_AFTER}`, 'iu');
/** Where a new stamp begins inside one text node: before each leading label. */
export const BEFORE_LABEL = new RegExp(`(?=${NO_LATIN_BEFORE}(?:${MODIFIED_LEADS}|${PUBLISHED_LEADS})${NO_LATIN_AFTER})`, 'iu');
const ANY_LABEL = new RegExp(`${NO_LATIN_BEFORE}(?:${MODIFIED_LABEL}|${PUBLISHED_LABEL})${NO_LATIN_AFTER}`, 'giu');

/**
 * Words that show a numeric date is written day first: labels and
 * connectors of languages that write 29/11/2026 ("Publié le … à 10h02",
 * "Actualizado", "10:02 Uhr", "alle ore 10"). English gives no clue (29/11
 * in London, 11/29 in New York), and neither do short words that English
 * text also has ("le", "de", "ore").
 */
const DAY_FIRST_CLUE =
  /(?<!\p{L})(?:aktualisiert|veröffentlicht|erschienen|publiziert|stand(?=\s*(?::|\d))|uhr|mis à jour|mise à jour|publié|publiée|à|actualizado|actualizada|actualización|publicado|publicada|a las|aggiornato|pubblicato|pubblicata|ore(?=\s*\d)|atualizado|atualizada|às|gepubliceerd|bijgewerkt)(?!\p{L})|\d{1,2}h\d{2}/iu;

/**
 * Languages that write a numeric date day first (29/11/2026), by their
 * BCP 47 primary subtag, and the English-speaking regions that do the same.
 * English alone, or en-US (the default many CMSs declare everywhere), gives
 * no clue.
 */
const DAY_FIRST_LANGUAGES = new Set(['de', 'fr', 'es', 'it', 'pt', 'nl', 'da', 'nb', 'nn', 'no', 'fi', 'is', 'pl', 'cs', 'sk', 'sl', 'hr', 'sr', 'bs', 'ro', 'ru', 'uk', 'bg', 'el', 'tr', 'id', 'ms', 'vi', 'ar', 'he', 'ca', 'gl', 'et', 'lv', 'ga', 'cy']);
const DAY_FIRST_ENGLISH_REGIONS = new Set(['gb', 'uk', 'ie', 'au', 'nz', 'in', 'za', 'sg', 'my', 'pk', 'ng', 'ke']);

function languageWritesDayFirst(lang: string | null | undefined): boolean {
  if (lang === null || lang === undefined) return false;
  const [language, region] = lang.trim().toLowerCase().split(/[-_]/);
  if (language === 'en') return region !== undefined && DAY_FIRST_ENGLISH_REGIONS.has(region);
  return language !== undefined && DAY_FIRST_LANGUAGES.has(language);
}

const MONTH_NAME = '(\\p{L}{3,10})\\.?';
/** 12-hour marker: "pm", "p.m.", "PM" (not the start of a word: "10:02 Amsterdam"); Arabic ص/صباحًا (am), م/مساءً (pm). */
const AMPM = '([ap]\\.?m\\.?(?!\\p{L})|(?:صباحًا|صباحا|ص|مساءً|مساء|م)(?![\\p{L}\\p{M}]))?';
/** A zone after the time: "GMT", "MEZ", "(UTC+1)", "GMT+01:00". */
const ZONE = '(?:\\s*\\(?((?:UTC|GMT)\\s*[+-]\\d{1,2}(?::?\\d{2})?|[A-Za-z]{1,5}\\b)\\)?)?';
/**
 * A time after the date: "3:13 pm ET", ", 10:02 Uhr", "à 10h02", "10.02am GMT",
 * "10:02 a.m. ET", "a las 10:02", "10：02". Five groups: hour, minute, second, am/pm, zone.
 */
const TIME = `(?:\\s*[,@|/·•–—-]?\\s*(?:(?:at|à|a las|alle|às|um|om|ore)\\s+)?(\\d{1,2})[:.h：](\\d{2})(?::(\\d{2}))?\\s*${AMPM}(?:\\s*uhr(?!\\p{L}))?${ZONE})?`;
/**
 * A time written before the date, at most a connector and a weekday between:
 * "10:02 Uhr, 29.11.2026", "10:02 AM ET, Thu Nov 29, 2026". A colon or "h"
 * only ("1.10 29.11.2026" is a version number, not a time).
 */
const TIME_BEFORE = new RegExp(
  `(?<![\\d:.])(\\d{1,2})[:h：](\\d{2})(?::(\\d{2}))?\\s*${AMPM}(?:\\s*uhr(?!\\p{L}))?${ZONE}\\s*[,|/·•–—-]?\\s*(?:(?:on|le|am|el|il|the)\\s+)?(?:\\p{L}{2,12}\\.?,?\\s+)?$`,
  'iu',
);
/** "January 31, 2019 3:13 pm EST", "Jan. 31, 2019", "Thursday, January 31, 2019" */
const MDY = new RegExp(`${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`, 'iu');
/** "31 January 2019 15:13 GMT", "31. Januar 2019" */
const DMY = new RegExp(`(\\d{1,2})(?:st|nd|rd|th|er|\\.)?\\s+(?:de\\s+)?${MONTH_NAME}\\s+(?:de\\s+)?(\\d{4})${TIME}`, 'iu');
/** Year first: "2019/01/31 15:13", "2026-11-29 10:02", "2019.01.31" */
const YMD_NUM = new RegExp(`(?<!\\d)(\\d{4})([/.-])(\\d{1,2})\\2(\\d{1,2})(?!\\d)${TIME}`, 'giu');
/** Year first in Chinese, Japanese and Korean: "2026年11月29日 10:02", "2026年11月29日(日)", "2026년 11월 29일" */
const YMD_CJK = new RegExp(`(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일](?:\\s*(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|\\s*[(（][月火水木金土日][)）])?${TIME}`, 'giu');
/** Day or month first: "31/01/2019", "01/31/2019", "31.01.2019, 15:13 Uhr", "29-11-2026" */
const DMY_NUM = new RegExp(`\\b(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})(?!\\d)${TIME}`, 'iu');

function hour12(h: number, ampm: string | undefined): number {
  if (ampm === undefined) return h;
  const pm = ampm.toLowerCase().startsWith('p') || ampm.startsWith('م');
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** A month name (own keys only: "constructor" is no month). */
/** A month's name or abbreviation in one of the languages MONTHS knows. */
export const isMonth = (word: string): boolean => Object.hasOwn(MONTHS, word.toLowerCase());

/** A date found in a text, with the time and zone written with it, as strings from the match. */
interface FoundDate {
  y: number;
  mo: number;
  d: number;
  time: (string | undefined)[];
}

/**
 * Day and month of a numeric date written "a/b/yyyy" (or with dots or
 * hyphens), or null when the order cannot be known. Dots are day first
 * (29.11.2026, DIN 5008 and its neighbours). Otherwise a part above 12 is
 * the day, equal parts read the same either way, and words of a day-first
 * language on the line or the page's declared language settle the rest;
 * 03/04/2026 with no such clue is left unread rather than given a month
 * that may be wrong.
 */
function dayAndMonth(a: number, b: number, sep: string, line: string, lang: string | null): { mo: number; d: number } | null {
  if (a > 12 && b > 12) return null;
  if (a > 12) return { mo: b, d: a };
  if (b > 12) return { mo: a, d: b };
  if (a === b || sep === '.' || DAY_FIRST_CLUE.test(line) || languageWritesDayFirst(lang)) return { mo: b, d: a };
  return null;
}

/**
 * A year-first numeric date is a stamp when a time follows it, a stamp label
 * comes before it, or nothing but punctuation follows it: "2017年3月10日，
 * 美国宇航局宣布……" opens a sentence, and "2026年11月29日 10:02",
 * "更新时间：2026年11月29日" and a lone "2026-11-29" are stamps.
 */
function yearFirstIsStamp(m: RegExpExecArray, hourGroup: number, text: string, label: string): boolean {
  if (m[hourGroup] !== undefined) return true;
  if (/^[\s\p{P}\p{S}]*$/u.test(text.slice(m.index + m[0].length))) return true;
  const before = `${label} ${text.slice(0, m.index)}`.trim();
  return LABEL_MODIFIED.test(before) || LABEL_PUBLISHED.test(before);
}

/** What the page shows around a date besides its own text. */
export interface DateContext {
  /** The words before the text on the page, such as a label in the previous text node ("Publié le"). */
  label?: string;
  /** The page's declared language (`<html lang>`, Content-Language): "fr", "en-GB", "pt_BR". */
  lang?: string | null;
}

/**
 * The first date in the text, 'ambiguous' when that date is a numeric one
 * whose day and month cannot be told apart, null when there is none.
 */
function findDate(text: string, { label = '', lang = null }: DateContext): FoundDate | 'ambiguous' | null {
  let m: RegExpExecArray | null;
  let found: FoundDate | 'ambiguous' | null = null;
  let index = 0;
  if ((m = MDY.exec(text)) && isMonth(m[1]!)) {
    found = { y: Number(m[3]), mo: MONTHS[m[1]!.toLowerCase()]!, d: Number(m[2]), time: m.slice(4, 9) };
    index = m.index;
  } else if ((m = DMY.exec(text)) && isMonth(m[2]!)) {
    found = { y: Number(m[3]), mo: MONTHS[m[2]!.toLowerCase()]!, d: Number(m[1]), time: m.slice(4, 9) };
    index = m.index;
  } else {
    for (const n of text.matchAll(YMD_NUM)) {
      if (!yearFirstIsStamp(n, 5, text, label)) continue;
      found = { y: Number(n[1]), mo: Number(n[3]), d: Number(n[4]), time: n.slice(5, 10) };
      index = n.index;
      break;
    }
    if (found === null) {
      for (const n of text.matchAll(YMD_CJK)) {
        if (!yearFirstIsStamp(n, 4, text, label)) continue;
        found = { y: Number(n[1]), mo: Number(n[2]), d: Number(n[3]), time: n.slice(4, 9) };
        index = n.index;
        break;
      }
    }
    if (found === null && (m = DMY_NUM.exec(text))) {
      const order = dayAndMonth(Number(m[1]), Number(m[3]), m[2]!, `${label} ${text}`, lang);
      if (order === null) return 'ambiguous';
      found = { y: Number(m[4]), mo: order.mo, d: order.d, time: m.slice(5, 10) };
      index = m.index;
    }
  }
  if (found === null) return null;
  if (found.time[0] === undefined) {
    const before = TIME_BEFORE.exec(text.slice(0, index));
    if (before !== null) found.time = before.slice(1, 6);
  }
  return found;
}

/**
 * Parse a date written for people: "Updated: January 31, 2019 3:13 pm ET",
 * "31 January 2019", "Aktualisiert am 29.11.2026, 10:02 Uhr",
 * "2026年11月29日 10:02". The context (a label before the text, the page's
 * language) can show that the text is a stamp or that its numeric date is
 * written day first.
 */
export function parseHumanDate(text: string, context: DateContext = {}): string | null {
  const t = text.length > 300 ? text.slice(0, 300) : text;
  const label = context.label ?? '';
  const found = findDate(t, { label: label.length > 300 ? label.slice(-300) : label, lang: context.lang ?? null });
  if (found === null || found === 'ambiguous') return null;
  const { y, mo, d } = found;
  const [hh, mm, ss, ap, zone] = found.time;
  if (hh === undefined || mm === undefined) return build(y, mo, d);
  let zoneName = zone;
  if (zoneName !== undefined && zoneOffset(zoneName, y, mo, d) === null) zoneName = undefined;
  return build(y, mo, d, hour12(Number(hh), ap), Number(mm), ss === undefined ? 0 : Number(ss), zoneOffset(zoneName, y, mo, d));
}

/** Weekdays as stamps write them, in the languages of MONTHS ("Thu", "Montag", "sexta-feira"). */
const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lun', 'mer', 'jeu', 'ven', 'sam', 'dim',
  'lunes', 'martes', 'miércoles', 'miercoles', 'jueves', 'viernes', 'sábado', 'sabado', 'domingo', 'mié', 'jue', 'vie', 'sáb', 'dom',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'domenica',
  'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'feira',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
]);
/** The small words of a stamp: connectors, 12-hour markers (a.m. is "a" and "m"), "Uhr", "10h02", ordinal suffixes. */
const STAMP_SMALL_WORDS = new Set(['on', 'at', 'am', 'pm', 'a', 'p', 'm', 'h', 'uhr', 'um', 'le', 'à', 'el', 'de', 'del', 'il', 'alle', 'ore', 'às', 'las', 'em', 'om', 'op', 'st', 'nd', 'rd', 'th', 'er']);
/** CJK date and time characters and weekdays ("年", "時", "星期日", "(日)"). */
const CJK_STAMP_CHARS = /(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]|[(（][月火水木金土日][)）]|上午|下午|午前|午後|早上|晚上|凌晨|中午|北京时间|北京時間|日本時間|[年月日时時分秒년월일시분]/gu;

/**
 * The meridiem and/or zone that open `text` ("pm", "p.m. ET", "EST"), or
 * null: what a page may set in an element of its own after a time
 * ("3:13 <span>pm</span> ET"), to be read with the time before it.
 */
export function leadingMeridiemOrZone(text: string): string | null {
  const meridiem = /^\s*([ap]\.?\s?m\.?)(?![\p{L}\p{N}])/iu.exec(text);
  const rest = meridiem === null ? text : text.slice(meridiem[0].length);
  const zone = /^\s*([a-z]{2,5})(?![\p{L}\p{N}])/iu.exec(rest);
  const zoneName = zone !== null && (Object.hasOwn(FIXED_ZONES, zone[1]!.toLowerCase()) || Object.hasOwn(US_GENERIC, zone[1]!.toLowerCase())) ? zone[1]! : null;
  if (meridiem === null && zoneName === null) return null;
  return [meridiem?.[1], zoneName].filter((x) => x !== undefined && x !== null).join(' ');
}

/**
 * The text is nothing but stamps: labels, dates, times, zones and
 * weekdays ("Aktualisiert am 29.11.2026, 10:02 Uhr", "Published January 31,
 * 2019 12:29 am / Updated: January 31, 2019 3:13 pm", "2026年11月29日 10:02",
 * and "03/04/2026" though its order is unknown). Without a year, only with
 * the label of a publication stamp (not EVERYDAY_LABELS: "Published Nov
 * 29, 10:45 p.m. · Updated Nov 30, 9:10 a.m.", "Updated: Monday", "Published
 * Sunday · Updated: Monday", "Aktualisiert am Montag, 10:02 Uhr"): the label
 * names the line a stamp, and its day moves alone when the page is updated
 * (a hands-on test saw the line kept, and every update recorded as a new
 * version). The other labels are everyday words, and a line of them with a
 * day is the story's: a streaming guide's "Released: Friday, Dec 6", "Released
 * Thursday at 8 p.m.", an album review's "Erschienen am Freitag, 29. November"
 * (a review found their edits missed). Nor, without a year, a line opening
 * with a quotation mark ("\"Updated Monday.\"" is speech) or holding a range
 * ("Published Mon–Fri 9:00–17:00" is a timetable). A day, a weekday or a time
 * without a label may be a timeline's or a timetable's heading ("Jan 10",
 * "Monday", "Monday 9:00"): see isBareStampLine. A sentence that starts with
 * a date or a label has other words and is not one ("Published Monday, the
 * report found…", "Updated figures on Monday showed…").
 */
const ISO_STAMP = /\d{4}-\d\d-\d\dt\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?/g;

export function isStampLine(text: string): boolean {
  if (text.length > MAX_STAMP_LINE) return false;
  const words = stampWords(text);
  if (words === null) return false;
  if (findDate(text, {}) !== null) return true;
  const labelled = words.stampLabels > 0 || (words.standLabels > 0 && CLOCK_TIME_UHR.test(words.rest));
  return labelled && (hasDayOrTime(words.rest) || words.relativeDays > 0) && !opensAsQuote(text) && !hasRange(words.rest);
}

/**
 * A line of stamp words with a day or a time in it, labelled or not, a
 * day named relative to today among them only after a label: what is left
 * of a meta bar's part once its relative time is taken out ("Nov 30, 9:10
 * a.m. (2 hours ago)", normalize.ts isMetaBar). Not on its own a stamp: a
 * heading "Jan 10" is a timeline's.
 */
export function isStampWordsWithDay(text: string): boolean {
  if (text.length > MAX_STAMP_LINE) return false;
  const words = stampWords(text);
  return words !== null && hasDayOrTime(words.rest) && !opensAsQuote(text) && !hasRange(words.rest);
}

/**
 * A line of stamp words alone with a day in it, no year and no label needed
 * ("Monday", "Nov 29, 10:45 p.m.", "Sunday, 29 November"): the page set it
 * in a `<time>` element, and article.ts takes it for the story's stamp above
 * its first paragraph. Not a bare time ("22:45" opens a live blog's
 * entry), and not on the words alone: a heading "Monday" is a timetable's.
 * Nor with a label other than a publication stamp's ("Released: <time>Friday,
 * Dec 6</time>" is a release date), nor speech or a range (see isStampLine).
 */
export function isBareStampLine(text: string): boolean {
  if (text.length > MAX_STAMP_LINE) return false;
  const words = stampWords(text);
  return words !== null && words.otherLabels === 0 && words.relativeDays === 0 && hasDay(words.rest) && !opensAsQuote(text) && !hasRange(words.rest);
}

const MAX_STAMP_LINE = 120;

/**
 * The labels of ANY_LABEL that do not name a line a publication stamp
 * without its year: the verbs prose uses for other things ("posted",
 * "created", "released", "erschienen", "edited", "revised", "aangepast",
 * "geplaatst", "公開"). Every other label of ANY_LABEL, the published and
 * updated labels of dates.ts's languages, does (counted as stampLabels);
 * German "Stand" is apart (see STAND_WITH_CLOCK). One list of labels, so a
 * label added to MODIFIED_LEADS or PUBLISHED_LEADS needs no second list.
 */
const EVERYDAY_LABELS = new Set(['posted', 'created', 'released', 'erschienen', 'edited', 'revised', 'aangepast', 'geplaatst', '公開']);

/** Opens with a quotation mark: speech ("\"Updated Monday.\""), not a stamp. */
function opensAsQuote(text: string): boolean {
  return /^\s*["“”„«»‹›'‘’「『]/u.test(text);
}

/** Two times or two weekdays joined by a dash ("9:00–17:00", "mon–fri"): a timetable's hours, not a stamp. */
function hasRange(lower: string): boolean {
  if (/\d{1,2}[:.h]\d{2}\s*[-–—]\s*\d{1,2}[:.h]\d{2}/u.test(lower)) return true;
  for (const m of lower.matchAll(/(\p{L}+)\.?\s*[-–—]\s*(\p{L}+)/gu)) if (WEEKDAYS.has(m[1]!) && WEEKDAYS.has(m[2]!)) return true;
  return false;
}

/**
 * German "Stand" (as of) names a stamp without its year only with a clock
 * time in "Uhr" ("Stand: 30.11., 09:10 Uhr"): "Stand: Montag" may be the
 * story's, and with a year it is a stamp as any label is.
 */
const CLOCK_TIME_UHR = /(?<![\d.,])\d{1,2}[:.]\d{2}\s*uhr(?!\p{L})/u;

/**
 * A day named relative to today, which a page writes in its stamp and
 * changes the next day ("Publié aujourd’hui à 06h00" reads "Publié hier à
 * 06h00" tomorrow, "Updated this morning", "Gisteren om 22:45"), in the
 * languages of the labels. A stamp's word only after a publication
 * stamp's label (isStampLine): "Hier" or "Aujourd’hui" alone is a
 * timeline's heading, "Today" a section's.
 */
/** Chinese and Japanese days named relative to today ("今天", "昨日"), written without spaces around them. */
export const CJK_RELATIVE_DAYS = '(?:今天|昨天|前天|今日|昨日|一昨日|本日)';

const RELATIVE_DAY_WORDS = new RegExp(
  '(?<!\\p{L})(?:today|yesterday|tonight|this (?:morning|afternoon|evening)|last night|earlier today|' +
    "aujourd['’]hui|avant-hier|hier(?: soir)?|ce (?:matin|soir)|cet après-midi|" +
    'heute(?: (?:morgen|früh|vormittag|nachmittag|abend))?|gestern(?: abend)?|vorgestern|' +
    'vandaag|gisteren(?:avond)?|eergisteren|vanochtend|vanmorgen|vanmiddag|vanavond|' +
    'hoy|ayer|anteayer|anoche|esta (?:mañana|manhã|tarde|noche|noite)|oggi|ieri(?: sera)?|stamattina|stamani|stasera|hoje|ontem)(?!\\p{L})|' +
    // Chinese and Japanese, between the label and a time without a space ("发布于今天10:02", "公開日：今日 10:02")
    CJK_RELATIVE_DAYS,
  'gu',
);

/**
 * The text in lower case with its ISO stamps, labels and CJK date
 * characters taken out, and how many labels of a publication stamp it had
 * (all but EVERYDAY_LABELS), "Stand" labels, and others; after a publication
 * stamp's label, the days named relative to today too (RELATIVE_DAY_WORDS),
 * counted. Null when a word is left that no stamp has (a month, zone,
 * weekday or STAMP_SMALL_WORDS).
 */
function stampWords(text: string): { rest: string; stampLabels: number; standLabels: number; otherLabels: number; relativeDays: number } | null {
  let stampLabels = 0;
  let standLabels = 0;
  let otherLabels = 0;
  let relativeDays = 0;
  // An ISO stamp's "T" and "Z" are no words ("Last updated: 2026-11-21T09:00:00Z").
  let rest = text
    .toLowerCase()
    .replace(ISO_STAMP, ' ')
    .replace(ANY_LABEL, (label) => {
      if (label === 'stand') standLabels++;
      else if (EVERYDAY_LABELS.has(label)) otherLabels++;
      else stampLabels++;
      return ' ';
    });
  // before the CJK date characters, which would take the 日 of 今日 ("today")
  if (stampLabels > 0) {
    rest = rest.replace(RELATIVE_DAY_WORDS, () => {
      relativeDays++;
      return ' ';
    });
  }
  rest = rest.replace(CJK_STAMP_CHARS, ' ');
  for (const word of rest.match(/\p{L}+/gu) ?? []) {
    if (!isMonth(word) && !Object.hasOwn(FIXED_ZONES, word) && !Object.hasOwn(US_GENERIC, word) && !WEEKDAYS.has(word) && !STAMP_SMALL_WORDS.has(word)) return null;
  }
  return { rest, stampLabels, standLabels, otherLabels, relativeDays };
}

/** A clock time ("10:45", "10.02am", "10h02"; not "1.5" or "2,500.00"). */
const CLOCK_TIME = /(?<![\d.,])\d{1,2}[:.h：]\d{2}(?![\d.,])/u;
/** A month and its day, either way round ("nov 29", "29. november", "29 nov"); the month is checked by isMonth. */
const MONTH_THEN_DAY = /(\p{L}{3,10})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)/gu;
const DAY_THEN_MONTH = /(?<!\d)\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(\p{L}{3,10})/gu;

/** A weekday (written out or in three letters or more: "so" and "do" are also words) or a month with its day. */
function hasDay(lower: string): boolean {
  for (const word of lower.match(/\p{L}{3,}/gu) ?? []) if (WEEKDAYS.has(word)) return true;
  for (const m of lower.matchAll(MONTH_THEN_DAY)) if (isMonth(m[1]!)) return true;
  for (const m of lower.matchAll(DAY_THEN_MONTH)) if (isMonth(m[1]!)) return true;
  return false;
}

function hasDayOrTime(lower: string): boolean {
  return CLOCK_TIME.test(lower) || hasDay(lower);
}

/**
 * A day without its year, alone ("Jan 10", "Saturday, 10 January", "Jan. 10, 8:00 AM EST"): a month (MONTHS,
 * so not "Mark 10"), a day, a weekday before and a time after perhaps. article.ts takes it for the story's stamp
 * above its first paragraph.
 */
export function isYearlessDayLine(text: string): boolean {
  if (text.length > 60) return false;
  const m = YEARLESS_DAY.exec(text);
  if (m === null) return false;
  const [, weekday, monthFirst, , , monthAfter] = m;
  return (weekday === undefined || WEEKDAYS.has(weekday.toLowerCase())) && isMonth(monthFirst ?? monthAfter!);
}

/**
 * A day alone and no label, with its year or without ("26 November 2024", "Tuesday, Nov 26", "Nov 26, 2024,
 * 9:00 a.m.", "Jan 10", "26/11/2024"): what a timeline's day headings hold (article.ts dayHeadings). A label makes it a stamp
 * ("Updated Nov 26, 2024"), and a weekday alone is a timetable's as much as a timeline's, so is kept either way.
 */
export function isDayLine(text: string): boolean {
  if (text.length > 60) return false;
  if (isYearlessDayLine(text)) return true;
  const words = stampWords(text);
  if (words === null || words.stampLabels + words.standLabels + words.otherLabels > 0) return false;
  // or a date in numbers alone ("26/11/2024", "2024-11-26", "Di., 26.11.2024", "2024年11月26日")
  const numeric = /^[\d\s./-]+$/.test(words.rest.replace(/\p{L}+\.?,?/gu, ' ')) && findDate(text, {}) !== null;
  return (hasMonthDay(words.rest) || numeric) && !opensAsQuote(text) && !hasRange(words.rest);
}

/** A month with its day, either way round. */
function hasMonthDay(lower: string): boolean {
  for (const m of lower.matchAll(MONTH_THEN_DAY)) if (isMonth(m[1]!)) return true;
  for (const m of lower.matchAll(DAY_THEN_MONTH)) if (isMonth(m[1]!)) return true;
  return false;
}

const YEARLESS_DAY =
  /^(?:(\p{L}+)\.?,?\s+)?(?:(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th|\.)?\s+(\p{L}{3,10})\.?)(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*\p{L}{2,4})?)?$/iu;

/** The day part of an ISO stamp. */
export function dayOf(iso: string | null): string | null {
  return iso === null ? null : iso.slice(0, 10);
}
