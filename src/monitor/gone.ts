/**
 * When a watched page has gone away. A publisher that pulls a story answers
 * 404 Not Found or 410 Gone, or redirects the story's address to a page
 * above it: the front page or the section ("/news/world/2019/story" → "/" or
 * "/news/world/"). Both mean the article is no longer there; stet records
 * that as a removal once two looks minutes apart agree (check.ts), rather
 * than storing the front page as the article's next version.
 *
 * A redirect to another article address (a renamed slug, an AMP or
 * canonical variant, the same path with a trailing slash) is not a removal:
 * the article moved, and its text is compared as usual.
 *
 * Some sites answer 200 with a "not found" page instead (a soft 404): known
 * by its title ("Page not found | Gazette", "Seite nicht gefunden") on a
 * short page that names no author or date, it is a removal too.
 */
import type { CheckRow } from '../db/store.ts';
import { unsignedPage, type ServedPage } from './interstitial.ts';

/** HTTP statuses that say a page is not there (RFC 9110 §15.5.5, §15.5.11). */
export function isGoneStatus(status: number | null | undefined): boolean {
  return status === 404 || status === 410;
}

/** The error code of a check that found the article's address redirected above it. */
export const REDIRECTED_AWAY = 'redirected-away';

/**
 * Whether `finalUrl` (where fetching `articleUrl` ended after redirects) is a
 * page above the article on the same site: its path a proper ancestor of the
 * article's, segment by segment ("www." and the fragment aside), without a
 * query. Only a candidate: check.ts calls it a removal when what is there
 * is not the article ("/story/12345/old-slug" → "/story/12345" may well be).
 */
export function isRedirectedAway(articleUrl: string, finalUrl: string): boolean {
  let from: URL;
  let to: URL;
  try {
    from = new URL(articleUrl);
    to = new URL(finalUrl);
  } catch {
    return false;
  }
  const site = (u: URL) => u.hostname.replace(/^www\./, '');
  if (site(from) !== site(to)) return false;
  // "/?next=/world/story" is a login or consent bounce that means to come back, not a removal.
  if (to.search !== '') return false;
  const article = segments(from);
  const landing = segments(to);
  if (landing.length >= article.length) return false;
  return landing.every((s, i) => s === article[i]);
}

/** A path's segments, empty ones left out ("/news/world/" → ["news", "world"]). */
const segments = (u: URL): string[] => u.pathname.split('/').filter((s) => s !== '');

/**
 * The front page or a section ("/", "/world/"): one path segment at most.
 * A page there that shows no article at all (headlines only) is where a
 * pulled story was sent; a deeper address that reads empty may be the
 * article itself ("/story-123/amp" → "/story-123", rendered by script).
 */
export function isFrontOrSection(url: string): boolean {
  try {
    return segments(new URL(url)).length <= 1;
  } catch {
    return false;
  }
}

/** Whether a recorded check found the page gone (404/410, redirected away, or a "not found" page). */
export function isGoneCheck(check: Pick<CheckRow, 'outcome' | 'status' | 'error'>): boolean {
  return check.outcome === 'failed' && (isGoneStatus(check.status) || (check.error?.startsWith(`${REDIRECTED_AWAY}:`) ?? false) || (check.error?.startsWith(`${NOT_FOUND_PAGE}:`) ?? false));
}

/** When the run of checks that found the page gone, at the head of `checks` (newest first), began; null when the latest did not. */
export function goneRunStart(checks: readonly Pick<CheckRow, 'outcome' | 'status' | 'error' | 'at'>[]): number | null {
  let since: number | null = null;
  for (const check of checks) {
    if (!isGoneCheck(check)) break;
    since = check.at;
  }
  return since;
}

/** The error code of a check that found a "not found" page answered with 200 (a soft 404). */
export const NOT_FOUND_PAGE = 'not-found-page';

/**
 * The title of a "not found" page, whole but for the site's name after a separator ("Page not found | Gazette",
 * "404 - Not Found", "Seite nicht gefunden – Tagblatt"): a headline that goes on after a colon is an article's.
 */
const NOT_FOUND_TITLE = new RegExp(
  '^(?:' +
    [
      String.raw`(?:error )?404(?:\s*[-:|–—]?\s*(?:(?:page|file) )?not found)?`,
      String.raw`(?:page|article|story|content|file) (?:not found|no longer available|unavailable)`,
      String.raw`not found`,
      String.raw`oops!?,? (?:page not found|(?:that|this) page can['’]t be found)`,
      String.raw`(?:sorry, )?(?:this|the) page (?:you (?:were|are) looking for )?(?:can(?:no|['’])t|could not) be found`,
      String.raw`(?:sorry, )?(?:this|the) page (?:does not|doesn['’]t) exist`,
      String.raw`seite nicht gefunden`,
      String.raw`page (?:introuvable|non trouvée)`,
      String.raw`página no encontrada`,
      String.raw`pagina non trovata`,
      String.raw`pagina niet gevonden`,
      String.raw`página não encontrada`,
    ].join('|') +
    String.raw`)[.!]*(?:\s+[|\-–—]\s+[^|:]{1,60})?$`,
  'iu',
);
/** Longer than this, a page so titled has a story. */
const NOT_FOUND_MAX_TEXT = 1500;

/** The title of a "not found" page served as a page (a soft 404), else null. */
export function notFoundPageTitle(article: ServedPage): string | null {
  const page = unsignedPage(article);
  return page !== null && page.length <= NOT_FOUND_MAX_TEXT && NOT_FOUND_TITLE.test(page.title) ? page.title : null;
}
