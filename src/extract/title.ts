/**
 * The headline: which of JSON-LD, the meta titles, the `<h1>` and the
 * `<title>` is the article's, with the site's name cleaned off.
 */
import type { LdFacts } from './jsonld.ts';
import { looseKey, normalizeText } from './normalize.ts';
import type { Collected } from './page-facts.ts';
import { isSiteSegment, type SiteNames } from './site.ts';

const TITLE_SEPARATOR = /\s+[|\-–—•·»«/_:]{1,2}\s+|\s*[|｜_]\s*/;

/**
 * Remove the site's name from a title ("Headline | The Site", "The Site -
 * Headline - News"): split on separators and drop the segments that name the
 * site (og:site_name, the host name). With nothing recognisably the site's,
 * the title stays as it is.
 */
export function cleanTitle(title: string, site: SiteNames): string {
  const t = normalizeText(title);
  if (!TITLE_SEPARATOR.test(t)) return t;
  const parts = t.split(TITLE_SEPARATOR).filter((p) => p.length > 0);
  const kept = parts.filter((p) => !isSiteSegment(p, site));
  if (kept.length === 0 || kept.length === parts.length) return t;
  if (kept.length === 1) return kept[0]!;
  // Several segments left ("Headline - Section - News"): the headline is the longest.
  return kept.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Same text once quotes, dashes and spacing are unified (the h1 often has typographic quotes the meta lacks). */
function sameTypography(a: string, b: string): boolean {
  const unify = (x: string): string => x.replace(/[‘’‚‛′`´]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐‑‒–—―]/g, '-').replace(/\s+/g, ' ').trim();
  return unify(a) === unify(b);
}

/** Whether `part`'s words (letters and digits, any case) come one after another in `whole`. */
function isWordRunOf(part: string, whole: string): boolean {
  const words = (x: string): string => ` ${(x.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')} `;
  return words(whole).includes(words(part));
}

/** Share of the shorter title's words (3+ letters) that the other one also has. */
function wordOverlap(a: string, b: string): number {
  const words = (x: string): Set<string> => new Set(x.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.min(wa.size, wb.size);
}

/**
 * The headline as the page shows it: the page's one `<h1>` that is not the
 * site's name (copies with the same words, as responsive layouts repeat it,
 * count once). Null when there is none or several different ones: which one
 * heads the article is then not known from the markup alone.
 */
export function pageHeadline(c: Collected, site: SiteNames): string | null {
  const h1s = c.h1.filter((h) => h.length > 0 && !isSiteSegment(h, site));
  return h1s.length > 0 && h1s.every((h) => looseKey(h) === looseKey(h1s[0]!)) ? h1s[0]! : null;
}

export function pickTitle(c: Collected, ld: LdFacts, site: SiteNames): string | null {
  const t = pickTitleCandidate(c, ld, site);
  return t === null ? null : continuedHeadline(t, c.afterH1);
}

/**
 * "<h1>Die Haubenfahrzeuge der Nachkriegszeit - Teil 49</h1> … <h2>Die
 * Haubenfahrzeuge der Nachkriegszeit - Teil 49 – Büssing-NAG (Baujahre 1931 –
 * 1945)</h2>": the heading under the headline repeats it and goes on after a
 * separator; the longer one is the full headline.
 */
export function continuedHeadline(title: string, next: string | null): string {
  if (next === null || next.length <= title.length + 3 || next.length > title.length * 2.5 + 20) return title;
  const head = next.slice(0, title.length);
  if (!sameTypography(head, title)) return title;
  return /^\s*[-–—:|(,]/.test(next.slice(title.length)) ? next : title;
}

function pickTitleCandidate(c: Collected, ld: LdFacts, site: SiteNames): string | null {
  const h1s = c.h1.filter((h) => h.length > 0 && !isSiteSegment(h, site));
  // Cleaned before the test for "this is only the site's name": "Headline | Appen" is a headline once its suffix goes.
  const candidates = [ld.headline, c.meta.get('og:title'), c.meta.get('twitter:title'), c.meta.get('dc.title'), c.meta.get('title'), c.meta.get('sailthru.title'), c.meta.get('parsely-title')]
    .map((x) => (x ? cleanTitle(x, site) : ''))
    .filter((x) => x.length > 0 && !isSiteSegment(x, site));
  // The visible <h1> wins when it says the same as any of the metadata titles, up to typography.
  for (const h of h1s) if (candidates.some((m) => sameTypography(h, m))) return h;
  // Metadata titles that disagree: the one another source repeats (the <title>, another meta tag) is the headline.
  const tag = c.titleTag ? cleanTitle(c.titleTag, site) : null;
  const support = (x: string): number => candidates.filter((m) => sameTypography(m, x)).length + (tag !== null && sameTypography(tag, x) ? 1 : 0);
  let first = candidates[0];
  for (const m of candidates) if (support(m) > support(first!)) first = m;
  if (first !== undefined) {
    // Or extends it (meta titles are often shortened for sharing).
    for (const h of h1s) {
      if (h.length > first.length && h.length <= first.length * 1.6 && h.startsWith(first)) return h;
    }
    return rewordedHeadline(h1s, first) ?? first;
  }
  if (c.titleTag) {
    const tag = normalizeText(c.titleTag);
    // An <h1> that is a whole segment of <title> is the headline.
    for (const h of h1s) {
      if (h.length < 4) continue;
      if (tag.split(TITLE_SEPARATOR).some((seg) => sameTypography(seg, h))) return h;
      // "<h1> - Site - Tagline": the h1 starts the title and a separator follows it.
      if (tag.startsWith(h) && TITLE_SEPARATOR.test(tag.slice(h.length, h.length + 5))) return h;
    }
    const t = cleanTitle(tag, site);
    // The one <h1> rewording it is the headline readers see, as under a meta title (QA: a page titled "Guaido
    // story | Global" over a fourteen-word <h1> had its headline rewritten unseen).
    if (t.length > 0) return rewordedHeadline(h1s, t) ?? t;
  }
  return h1s[0] ?? null;
}

/**
 * The page's one `<h1>` when it is a different wording of `title`, the metadata's or the `<title>`'s: the headline
 * readers see (sharing titles are rewritten for social, and a headline softened on the page often keeps its old
 * sharing title): one that shares half its words at 60 % of the length, or a full headline of five words or more at
 * 60 % of it; or, shorter, three or four words at 20 % of its length that share a word with it and are not a run of
 * its words ("Budget figures questioned" under "Minister lied about budget figures, leaked documents show"; not "Lust
 * for Youth", a review's album, under "Lust for Youth: Lust for Youth", nor a label sharing nothing with it: "Most
 * Read Today", "Letters to the Editor"). Two words unlike the title are a section or a kicker ("Budget 2026"). No
 * title of the corpus (77 pages, 46 pair captures) changed with the shorter branch. Null when there is no such `<h1>`.
 */
function rewordedHeadline(h1s: readonly string[], title: string): string | null {
  if (h1s.length !== 1) return null;
  const h1 = h1s[0]!;
  const words = h1.split(/\s+/).length;
  if (h1.length >= title.length * 0.6 && (wordOverlap(h1, title) >= 0.5 || words >= 5)) return h1;
  if (words >= 3 && h1.length >= title.length * 0.2 && wordOverlap(h1, title) > 0 && !isWordRunOf(h1, title)) return h1;
  return null;
}
