/**
 * A page a site serves instead of the article: a consent wall ("Before you
 * continue"), a bot check ("Just a moment...", "Verify you are human"), an
 * access-denied page. Its text is not the publisher's edit: stored, it would
 * become a version (the first one, when the site shows it from the start, so
 * that the article is never read at all), and its removal the next. A check
 * that meets one fails instead, saying what was there (check.ts), and the
 * article keeps its versions and is checked again as after any failure.
 *
 * Known by its title, the whole of it but the name of its maker or host
 * ("Attention Required! | Cloudflare"): the walls of consent managers,
 * Google, Cloudflare, Akamai, DataDome and PerimeterX carry fixed titles in
 * the reader's language, where an article's headline says what happened;
 * by what it says (WALL_WORDS: cookies, partners, browser, verify…; one
 * on a page of a line or two, two on a longer one); and by its length: a wall has a few paragraphs (a vendor list
 * at most), an article that happens to be headlined so has its story. An
 * adversarial review found the first rule, title and length alone, taking
 * headlines with a subtitle ("Access denied – hospital car park closed to
 * visitors") and short pieces ("Just a moment", a poem) for walls.
 */
import type { Article } from '../extract/article.ts';

/** The code a check that met one fails with (failure-words.ts). */
export const INTERSTITIAL = 'interstitial';

/** Titles of consent walls (Google's own and the consent managers'), in the languages of the correction notes. */
const CONSENT_TITLES = [
  String.raw`before you continue(?: to .{1,40})?`,
  String.raw`bevor sie (?:zu .{1,40} )?(?:fortfahren|weitergehen)`,
  String.raw`avant de (?:continuer|poursuivre)(?: (?:vers|sur) .{1,40})?`,
  String.raw`avant d['’]acc[ée]der (?:au site|à .{1,40})`,
  String.raw`antes de (?:continuar|prosseguir)(?: (?:a|para|hacia|no|en) .{1,40})?`,
  String.raw`prima di (?:continuare|procedere)(?: (?:su|a|verso) .{1,40})?`,
  String.raw`voordat je verdergaat(?: naar .{1,40})?`,
  String.raw`we value your privacy`,
  String.raw`your privacy choices`,
  String.raw`(?:cookie|privacy) (?:consent|settings|preferences)`,
  String.raw`datenschutz(?:einstellungen|-einstellungen| einstellungen)`,
  String.raw`please enable cookies`,
  String.raw`yahoo is part of the yahoo family of brands`,
];
/** Titles of bot checks and blocks (Cloudflare, Akamai, DataDome, PerimeterX, Sucuri, Wordfence, Amazon…). */
const BLOCK_TITLES = [
  String.raw`just a moment`,
  String.raw`attention required`,
  String.raw`one more step`,
  String.raw`(?:please )?verify (?:that )?you are (?:a )?human`,
  String.raw`verifying you are human(?:\. this may take a few seconds)?`,
  String.raw`(?:human|bot|robot) (?:verification|check)`,
  String.raw`are you a (?:robot|human)\??`,
  String.raw`checking (?:if the site connection is secure|your browser(?: before accessing \S+)?)`,
  String.raw`access (?:to this page has been )?denied`,
  String.raw`your access to this site has been limited(?: by the site owner)?`,
  String.raw`security check(?: required)?`,
  String.raw`pardon our interruption`,
  String.raw`451:? unavailable (?:due to|for) legal reasons`,
];
/** Names a wall's title may carry before or after a separator ("Attention Required! | Cloudflare"): the walls' makers and hosts, never a free text, which is a headline's subtitle ("Access denied – hospital car park closed to visitors"). */
const MAKERS = String.raw`cloudflare|sucuri website firewall|wordfence|akamai|imperva|incapsula|datadome|perimeterx|human security|google|yahoo|amazon\.\w+|amazon`;
const titled = (titles: string[]) => new RegExp(`^(?:(?:${MAKERS})\\s+[|\\-–—]\\s+)?(?:${titles.join('|')})[.!…]*(?:\\s+[|\\-–—:]\\s+(?:${MAKERS}))?$`, 'iu');
const CONSENT_TITLE = titled(CONSENT_TITLES);
const BLOCK_TITLE = titled(BLOCK_TITLES);

/**
 * What a wall says, and an article rarely says twice over: a page so titled is a wall only when its text has two of
 * these (a letter headlined "Access denied", a poem "Just a moment" has none of them).
 */
const WALL_WORDS = [
  /\bcookies?\b/, /\bconsent|consentement|consentimiento|consenso|einwilligung|toestemming/, /\bpartners?\b|partenaires|socios/, /\bpersonal (?:data|information)\b/,
  /\bprivacy (?:policy|settings|choices|preferences)\b|datenschutz/, /\b(?:accept|reject|agree to|allow) all\b|alle akzeptieren|tout accepter|aceptar todo/, /\blegitimate interests?\b/, /\bvendors?\b/,
  /\bpersonali[sz]ed (?:ads|advertising|content)\b/, /\bjavascript\b/, /\bbrowser\b/, /\bcaptcha\b/, /\brobot\b/, /\bhuman\b/, /\bverif(?:y|ying|ication)\b/,
  /\bray id\b/, /\bcloudflare\b/, /\bunusual (?:traffic|activity)\b/, /\bautomated\b/, /\bfirewall\b/, /\bsite owner\b/, /\bsecurity (?:of your connection|service)\b/,
  /\b(?:blocked|denied)\b/, /\b(?:reference|incident|support) (?:#|number|id)\b/, /\bcharacters (?:you see|in the image)\b/, /\bsecurity check\b/,
  /\bgdpr\b|\bdata protection\b/, /\bblock (?:reason|id)\b/, /\bhas been limited\b/,
];
/** A wall of at most this many characters (a line or two) needs one of them, a longer one two. */
const TERSE_TEXT = 400;

/** Longer than these, a page so titled has a story: consent walls explain themselves at length, bot checks in a line or two. */
const MAX_CONSENT_TEXT = 3000;
const MAX_BLOCK_TEXT = 1000;

/** What these checks read of a page: its title, text, and whether it names an author or a date. */
export type ServedPage = Pick<Article, 'title' | 'paragraphs'> & Partial<Pick<Article, 'byline' | 'publishedAt'>>;

/**
 * A page that names no author and no date of publication, with its title (whitespace collapsed) and the length of
 * its text; null for one that names them, or has no title. Pages served in an article's place (a wall here, a
 * "not found" page in gone.ts) are unsigned: a page that names them is an article (QA: a brief headlined "Access
 * denied").
 */
export function unsignedPage(article: ServedPage): { title: string; length: number } | null {
  const title = article.title?.replace(/\s+/gu, ' ').trim();
  if (!title || article.byline || article.publishedAt) return null;
  let length = 0;
  for (const p of article.paragraphs) length += p.length;
  return { title, length };
}

/** The interstitial's title when the page is one, else null. */
export function interstitialTitle(article: ServedPage): string | null {
  const page = unsignedPage(article);
  if (page === null) return null;
  const max = CONSENT_TITLE.test(page.title) ? MAX_CONSENT_TEXT : BLOCK_TITLE.test(page.title) ? MAX_BLOCK_TEXT : 0;
  if (max === 0 || page.length > max) return null;
  // No text read at all (a wall's words in plain <div>s, or drawn by script): the title alone says what it is (QA: the
  // check failed as "no article text found"; it fails either way, and this way says why).
  if (page.length === 0) return page.title;
  const text = article.paragraphs.join('\n').toLowerCase();
  const needed = page.length <= TERSE_TEXT ? 1 : 2;
  let words = 0;
  for (const word of WALL_WORDS) if (word.test(text) && ++words === needed) return page.title;
  return null;
}
