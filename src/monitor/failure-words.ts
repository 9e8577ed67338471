/**
 * Failures in words: what the CLI, the pages and the API's messages say
 * about a failed fetch, a source's read or an article's check, from the
 * text stored for logs, `--json` and the API.
 */
import type { FetchErrorCode } from '../fetch/fetcher.ts';
import type { SourceCheckResult } from './sources.ts';
import { NOT_FOUND_PAGE, REDIRECTED_AWAY } from './gone.ts';
import { INTERSTITIAL } from './interstitial.ts';

/**
 * A failure as stored (a source's or an article's lastError, a check's or a
 * read's error) in words for a person. The stored text opens with a code, for logs, the API and
 * whoever greps ("http-status: HTTP 404 Not Found", "not-a-source: …"); the
 * CLI and the pages say what it means instead ("the server answered 404 Not
 * Found"), with the details after the code and where it happened (the feed
 * a page announces, a child sitemap) kept. A text it does not know is given
 * back as stored.
 */
export function describeFailure(stored: string): string {
  const where = /^(.*) (\((?:the feed \S+ the page announces|the child sitemap \S+|https?:\/\/\S+)\))$/s.exec(stored);
  const [head, suffix] = where ? [where[1]!, ` ${where[2]!}`] : [stored, ''];
  const coded = /^([a-z]+(?:-[a-z]+)*): (.*)$/s.exec(head);
  const words = coded ? FAILURE_IN_WORDS[coded[1]!]?.(coded[2]!) : undefined;
  return words === undefined ? stored : `${words}${suffix}`;
}

/** robots.txt unreachable because the site is down is stored under the fetch's code, saying so already. */
const orSiteDown = (words: (detail: string) => string) => (detail: string) => (detail.startsWith('the site did not answer') ? detail : words(detail));

/** Every code a fetch fails with (a new one must be given words here), then the ones a source's read or an article's check adds. */
const FETCH_FAILURES_IN_WORDS: Record<FetchErrorCode, (detail: string) => string> = {
  'http-status': (d) => `the server answered ${d.replace(/^HTTP /, '')}`,
  timeout: orSiteDown((d) => `the server did not answer in time (${d})`),
  dns: orSiteDown((d) => `the site's name was not found (${d})`),
  network: orSiteDown((d) => `the connection to the site failed (${d})`),
  // (the detail carries its own brackets: "127.0.0.1 is loopback (RFC 1122 …) (set ALLOW_PRIVATE_NETWORKS=true …)")
  'blocked-address': (d) => `stet does not read this address: ${d}`,
  'too-large': (d) => `the answer is too large (${d})`,
  'too-many-redirects': (d) => `the address redirects too many times (${d})`,
  'invalid-url': (d) => `the address cannot be fetched (${d})`,
  'not-html': (d) => `the answer is not a page (${d})`,
};
const FAILURE_IN_WORDS: Record<string, (detail: string) => string> = {
  ...FETCH_FAILURES_IN_WORDS,
  'not-a-source': (d) =>
    d.includes('announces no feed')
      ? 'the address is a web page that announces no feed; give the address of its feed or sitemap'
      : 'the address is not a feed or sitemap (neither RSS, Atom, RDF nor a sitemap)',
  duplicate: (d) => d,
  'not-modified': (d) => `the feed the page announces (${d}) answered "not modified" when asked for all of it`,
  'robots-disallowed': (d) => `the site's robots.txt does not allow stet to read it (${d})`,
  'robots-unreachable': (d) => `the site's robots.txt could not be read, so stet reads nothing there for now (${d})`,
  internal: (d) => `stet could not read it, because of a bug (${d})`,
  // only an article's check: the page redirected above the article, no text on it, checks racing (the text after the code says it)
  [REDIRECTED_AWAY]: (d) => d,
  'empty-extraction': (d) => d,
  [INTERSTITIAL]: (d) => d,
  [NOT_FOUND_PAGE]: (d) => d,
  conflict: (d) => d,
};

/** A new source its first read refused, as the form, the API and `stet source add` say it: "<url> was not added: <why>". */
export function notAddedWords(url: string, read: Pick<SourceCheckResult, 'error' | 'refusal'>): string {
  return `${url} was not added: ${describeFailure(read.error ?? read.refusal ?? 'no reason kept')}`;
}
