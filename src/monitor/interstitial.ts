/**
 * A page a site serves instead of the article: a consent wall ("Before you
 * continue"), a bot check ("Just a moment...", "Verify you are human"), an
 * access-denied page. Its text is not the publisher's edit: stored, it would
 * become a version (the first one, when the site shows it from the start, so
 * that the article is never read at all), and its removal the next. A check
 * that meets one fails instead, saying what was there (check.ts), and the
 * article keeps its versions and is checked again as after any failure.
 *
 * Known by its title alone, the whole of it but a site's name after a
 * separator: the walls of consent managers, Google, Cloudflare, Akamai,
 * DataDome and PerimeterX carry fixed titles in the reader's language, where
 * an article's headline says what happened. And only on a short page: a wall
 * has a few paragraphs (a vendor list at most), an article that happens to
 * be headlined so has its story.
 */
import type { Article } from '../extract/article.ts';

/** The code a check that met one fails with (failure-words.ts). */
export const INTERSTITIAL = 'interstitial';

const TITLES = [
  // consent walls (Google's own and the consent managers'), in the languages of the correction notes
  String.raw`before you continue(?: to .{1,40})?`,
  String.raw`bevor sie (?:zu .{1,40} )?(?:fortfahren|weitergehen)`,
  String.raw`avant de (?:continuer|poursuivre)(?: (?:vers|sur) .{1,40})?`,
  String.raw`antes de (?:continuar|prosseguir)(?: (?:a|para|hacia|no|en) .{1,40})?`,
  String.raw`prima di (?:continuare|procedere)(?: (?:su|a|verso) .{1,40})?`,
  String.raw`voordat je verdergaat(?: naar .{1,40})?`,
  String.raw`we value your privacy`,
  String.raw`your privacy choices`,
  String.raw`(?:cookie|privacy) (?:consent|settings|preferences)`,
  String.raw`datenschutz(?:einstellungen|-einstellungen| einstellungen)`,
  // bot checks and blocks
  String.raw`just a moment(?:\.\.\.|…)?`,
  String.raw`attention required!?`,
  String.raw`one more step`,
  String.raw`(?:please )?verify (?:that )?you are (?:a )?human`,
  String.raw`are you a (?:robot|human)\??`,
  String.raw`checking (?:if the site connection is secure|your browser(?: before accessing \S+)?)(?:\.\.\.|…)?`,
  String.raw`access (?:to this page has been )?denied`,
  String.raw`security check`,
  String.raw`pardon our interruption(?:\.\.\.|…)?`,
];
/** The whole title, but a site's name after " | ", " - ", " – " or " — " ("Attention Required! | Cloudflare"). */
const INTERSTITIAL_TITLE = new RegExp(`^(?:${TITLES.join('|')})(?:\\s+[|\\-–—]\\s+[^|]{1,60})?$`, 'iu');

/** Longer than this, a page so titled has a story: it is an article after all. */
const MAX_TEXT = 3000;

/** The interstitial's title when the page is one, else null. */
export function interstitialTitle(article: Pick<Article, 'title' | 'paragraphs'>): string | null {
  const title = article.title?.replace(/\s+/gu, ' ').trim();
  if (!title || !INTERSTITIAL_TITLE.test(title)) return null;
  let length = 0;
  for (const p of article.paragraphs) if ((length += p.length) > MAX_TEXT) return null;
  return title;
}
