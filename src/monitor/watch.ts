/**
 * Adding a URL to the watch list, and changing how often it is checked: the
 * one way in for each, shared by the API, the web form and the CLI.
 */
import type { ArticleRow, SourceRow, Store } from '../db/store.ts';
import { privateAddressRefusal } from '../fetch/guard.ts';
import { nextCheckAt } from './schedule.ts';
import type { SourceCheckResult } from './sources.ts';

export class InvalidUrlError extends Error {}
/** A URL whose host the private-network guard refuses whatever it resolves to (privateAddressRefusal). */
export class PrivateAddressError extends InvalidUrlError {}

// Query parameters that identify a campaign, a click or a referrer, never the article: Google Analytics
// (utm_*), ad and social click ids (Yandex's yclid, TikTok's ttclid, LinkedIn's li_fat_id…), mailing
// tools (Mailchimp mc_*, Marketo mkt_tok, HubSpot _hsenc/_hsmi, Olytics oly_*, Vero), AT Internet (BBC's
// at_medium, at_campaign…, xtor), Comscore (ns_*), Adobe (s_cid, cid is too common to drop), and the
// "ref"/"ref_src" that feeds and share buttons append. A feed that tags every link so would otherwise
// bring in each article twice: once tagged, once as readers link it. Matched whatever the case.
const TRACKING_PARAMS =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|twclid|yclid|ttclid|li_fat_id|mc_cid|mc_eid|mkt_tok|_hsenc|_hsmi|oly_enc_id|oly_anon_id|vero_id|_openstat|igshid|_ga|_gl|ocid|cmpid|at_[a-z0-9_]+|xtor|ns_[a-z_]+|s_cid|ref|ref_src|ref_url|rss|from_rss|smid|sr_share|mbid|__twitter_impression)$/i;
// Matched exactly as written: the Guardian's share and campaign tag (?CMP=share_btn_tw). A lower-case
// "cmp" is no tag we know of, and a parameter that names the article must never be dropped.
const TRACKING_PARAMS_EXACT_CASE = new Set(['CMP']);

/**
 * The form of a URL under which an article is stored: http(s) only, no
 * fragment, no tracking parameters; the WHATWG URL parser already lower-cases
 * the host and drops default ports.
 */
export function normalizeArticleUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`not a valid URL: ${JSON.stringify(input.slice(0, 200))}${schemeHint(input)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`only http and https URLs can be watched, not ${url.protocol}${schemeHint(input)}`);
  }
  if (url.username || url.password) throw new InvalidUrlError('URLs with credentials cannot be watched');
  url.hash = '';
  // Filter the raw query rather than through url.searchParams, whose
  // re-serialization would rewrite the parameters kept (%20 → +, ?amp → ?amp=)
  // and so store one article under two URLs.
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !isTrackingParameter(parameterName(part)));
  url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return url.toString();
}

/**
 * " (did you mean https://news.example/story?)" for an address typed without
 * its scheme ("news.example/story", "localhost:8080/x", which the URL parser
 * reads as the scheme "localhost:"), else "". Only a hint: stet does not
 * guess between http and https for the user.
 */
function schemeHint(input: string): string {
  const text = input.trim();
  if (text === '' || text.includes('://') || /\s/.test(text) || text.startsWith('/')) return '';
  try {
    const guess = new URL(`https://${text}`);
    if (guess.hostname.includes('.') || guess.hostname === 'localhost') return ` (did you mean ${guess.toString()}?)`;
  } catch {
    // not an address either way
  }
  return '';
}

function isTrackingParameter(name: string): boolean {
  return TRACKING_PARAMS.test(name) || TRACKING_PARAMS_EXACT_CASE.has(name);
}

function parameterName(part: string): string {
  const name = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * The URL as stored (normalizeArticleUrl), refused (InvalidUrlError) when
 * private networks are not allowed and it could never be fetched; each
 * caller passes config.ALLOW_PRIVATE_NETWORKS (left out, it is not judged
 * here, and the fetch guard still refuses at fetch time).
 */
function watchableUrl(input: string, allowPrivateNetworks: boolean | undefined): string {
  // Typed or pasted by a person (the forms, the API, the CLI): whitespace inside is no URL. The URL parser would
  // percent-encode a space ("…/a b" → "…/a%20b") and drop a tab or newline, watching an address nobody named (QA).
  // (Links a source lists go through normalizeArticleUrl alone: a feed's "a b" is its publisher's "a%20b".)
  const trimmed = input.trim();
  if (/\s/.test(trimmed)) throw new InvalidUrlError(`not a valid URL, whitespace inside: ${JSON.stringify(trimmed.slice(0, 200))} (a space in a URL is written %20)`);
  const url = normalizeArticleUrl(trimmed);
  const refusal = allowPrivateNetworks === false ? privateAddressRefusal(new URL(url)) : null;
  if (refusal !== null) throw new PrivateAddressError(`${url} cannot be fetched: ${refusal}`);
  return url;
}

/**
 * Adds a source (a feed, a sitemap, or a page that announces a feed) to be
 * read on its interval (sources.ts), due now; or returns the one already
 * reading that URL. The URL is normalised as an article's is.
 */
export function watchSource(
  store: Store,
  input: { url: string; intervalMinutes: number; articleIntervalMinutes: number | null; now: number; allowPrivateNetworks?: boolean },
): { source: SourceRow; created: boolean } {
  const { allowPrivateNetworks, ...source } = input;
  return store.addSource({ ...source, url: watchableUrl(input.url, allowPrivateNetworks) });
}

/**
 * The first read of a source just added (watchSource), at once. When it says
 * the address is no source at all (SourceCheckResult.refusal: a page that
 * announces no feed, neither a feed nor a sitemap, 404 or 410, a feed another
 * source already reads), the source is removed again: kept, it would fail on
 * every read for ever. A failure for a while (a timeout, 5xx, 429) keeps it,
 * read again on its schedule. Whoever asked says which it was.
 */
export async function readNewSource(
  store: Store,
  reader: { readSourceNow(sourceId: number): Promise<SourceCheckResult> },
  sourceId: number,
): Promise<SourceCheckResult> {
  const read = await reader.readSourceNow(sourceId);
  if (read.refusal !== null) store.deleteSource(sourceId);
  return read;
}

export function watchArticle(
  store: Store,
  input: { url: string; intervalMinutes: number; now: number; allowPrivateNetworks?: boolean },
): { article: ArticleRow; created: boolean } {
  const { allowPrivateNetworks, ...article } = input;
  return store.addArticle({ ...article, url: watchableUrl(input.url, allowPrivateNetworks) });
}

/**
 * Sets an article's base check interval. A shorter one takes effect now: the
 * next check moves up to where the schedule would put it with the new
 * interval after the last check (schedule.ts: the quiet-article stretch
 * included), never into the past and never later than it was. A longer one,
 * and any change while failures are backing off (a Retry-After may be in
 * force), applies from the next check on. Undefined when there is no such article.
 */
export function setCheckInterval(
  store: Store,
  input: { articleId: number; intervalMinutes: number; now: number; maxIntervalMinutes: number },
): ArticleRow | undefined {
  const article = store.getArticle(input.articleId);
  if (!article) return undefined;
  let pullInTo: number | null = null;
  if (input.intervalMinutes < article.intervalMinutes && article.state === 'active' && article.failureCount === 0) {
    const after = article.lastCheckedAt ?? input.now;
    const scheduled = nextCheckAt({
      now: after,
      intervalMinutes: input.intervalMinutes,
      maxIntervalMinutes: input.maxIntervalMinutes,
      lastChangedAt: article.lastChangedAt ?? article.createdAt,
      failureCount: 0,
      random: 0.5,
    });
    pullInTo = Math.max(input.now, scheduled);
  }
  return store.setArticleInterval(article.id, input.intervalMinutes, pullInTo);
}

/**
 * Sets how often a source is read, by the rule setCheckInterval applies to
 * articles: a shorter interval moves the next read up to the last read plus
 * the new interval (never into the past), a longer one, or any change while
 * failures back off, applies from the next read on. Undefined when there is
 * no such source.
 */
export function setReadInterval(store: Store, input: { sourceId: number; intervalMinutes: number; now: number }): SourceRow | undefined {
  const source = store.getSource(input.sourceId);
  if (!source) return undefined;
  const shorter = input.intervalMinutes < source.intervalMinutes && source.state === 'active' && source.failureCount === 0;
  const pullInTo = shorter ? Math.max(input.now, (source.lastCheckedAt ?? input.now) + input.intervalMinutes * 60_000) : null;
  return store.setSourceInterval(source.id, input.intervalMinutes, pullInTo);
}

