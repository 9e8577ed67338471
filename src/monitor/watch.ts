/**
 * Adding a URL to the watch list: the one way in, shared by the API, the
 * web form and the CLI.
 */
import type { ArticleRow, Store } from '../db/store.ts';

export class InvalidUrlError extends Error {}

// Query parameters that identify a campaign or a click, never the article.
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|ocid|cmpid)$/i;

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
    .filter((part) => part !== '' && !TRACKING_PARAMS.test(parameterName(part)));
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

function parameterName(part: string): string {
  const name = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export function watchArticle(
  store: Store,
  input: { url: string; intervalMinutes: number; now: number },
): { article: ArticleRow; created: boolean } {
  return store.addArticle({ ...input, url: normalizeArticleUrl(input.url) });
}
