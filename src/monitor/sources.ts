/**
 * One check of one source (a feed or a sitemap that brings new articles in),
 * top to bottom, like check.ts for an article: robots.txt allows? → fetch
 * (conditionally) → what does it list? → watch the new links → reschedule.
 *
 * What "new" means: a link this source has not listed before (the store
 * remembers every link a source listed, so an article deleted from the watch
 * list is not brought back by the next poll), published within
 * SOURCE_MAX_AGE_HOURS when the source dates it (a sitemap of the whole
 * archive brings in its recent articles, not ten years of them), and at most
 * SOURCE_MAX_NEW_ARTICLES per check, newest first (the rest come next time).
 * A front page given as a source is replaced by the first feed it announces
 * (`<link rel=alternate>`); a sitemap index is read through its most
 * recently changed child sitemaps.
 */
import type { SourceRow } from '../db/store.ts';
import { parseSourceListing, type SourceEntry, type SourceListing } from '../discover/parse.ts';
import { fetchPage, type FetchOutcome } from '../fetch/fetcher.ts';
import type { CheckContext } from './check.ts';
import { nextCheckAt } from './schedule.ts';
import { InvalidUrlError, normalizeArticleUrl } from './watch.ts';

/** How many child sitemaps of an index one check reads (the most recently changed first). */
export const SITEMAP_INDEX_MAX_CHILDREN = 3;

/** The same context an article check gets (its config names the SOURCE_* settings too). */
export type SourceCheckContext = CheckContext;

export interface SourceCheckResult {
  sourceId: number;
  outcome: 'listed' | 'unchanged' | 'failed';
  /** What the source turned out to be ('feed', 'sitemap', 'sitemap-index'), when it was read. */
  kind: string | null;
  /** Links it lists (all of them, old and new). */
  listed: number;
  /** Articles added to the watch list by this check. */
  added: number;
  error: string | null;
  /** The HTTP status of the source's answer, when one came; with the server's Retry-After on a failed read (seconds), so the Monitor holds the site. */
  status: number | null;
  retryAfterSeconds: number | null;
  nextCheckAt: number;
}

export async function checkSource(ctx: SourceCheckContext, source: SourceRow): Promise<SourceCheckResult> {
  const { store, config } = ctx;
  const schedule = (failureCount: number, retryAfterSeconds: number | null = null) =>
    nextCheckAt({
      now: ctx.now(),
      intervalMinutes: store.getSource(source.id)?.intervalMinutes ?? source.intervalMinutes,
      maxIntervalMinutes: config.MAX_INTERVAL_MINUTES,
      // A source is read on its interval whatever its age: it is where new articles appear.
      lastChangedAt: ctx.now(),
      failureCount,
      retryAfterSeconds,
      random: ctx.random(),
    });
  const fail = (error: string, status: number | null = null, retryAfterSeconds: number | null = null): SourceCheckResult => {
    const next = schedule(source.failureCount + 1, retryAfterSeconds);
    store.recordSourceCheck(source.id, { at: ctx.now(), ok: false, error, nextCheckAt: next });
    return { sourceId: source.id, outcome: 'failed', kind: source.kind, listed: 0, added: 0, error, status, retryAfterSeconds, nextCheckAt: next };
  };

  // 1. fetch the source, conditionally (a feed that did not change costs a 304).
  let url = source.url;
  let fetched = await politeFetch(ctx, url, { etag: source.etag, lastModified: source.lastModified });
  if (typeof fetched === 'string') return fail(fetched);
  if (fetched.kind === 'failed') return fail(`${fetched.code}: ${fetched.message}`, fetched.status, fetched.retryAfterSeconds);
  if (fetched.kind === 'not-modified') {
    const next = schedule(0);
    store.recordSourceCheck(source.id, { at: ctx.now(), ok: true, nextCheckAt: next });
    return { sourceId: source.id, outcome: 'unchanged', kind: source.kind, listed: 0, added: 0, error: null, status: 304, retryAfterSeconds: null, nextCheckAt: next };
  }

  // 2. what does it list? A page that announces a feed is replaced by that feed, once.
  let listing = parseSourceListing(fetched.html, fetched.url);
  if (listing.kind === 'html') {
    const feed = listing.feeds[0];
    if (feed === undefined) return fail('not-a-source: an HTML page that announces no feed (<link rel="alternate" type="application/rss+xml">); give the address of its feed or sitemap');
    url = normalizeArticleUrl(feed);
    fetched = await politeFetch(ctx, url, {});
    if (typeof fetched === 'string') return fail(fetched);
    if (fetched.kind !== 'fetched') return fail(fetched.kind === 'failed' ? `${fetched.code}: ${fetched.message} (the feed ${url} the page announces)` : `not-modified: ${url}`);
    listing = parseSourceListing(fetched.html, fetched.url);
  }
  if (listing.kind === 'unknown' || listing.kind === 'html') return fail('not-a-source: neither an RSS, Atom or RDF feed nor a sitemap');
  const entries = listing.kind === 'sitemap-index' ? await childSitemapEntries(ctx, listing) : listing.entries;
  if (typeof entries === 'string') return fail(entries);

  // 3. watch what is new, newest first, within the age limit and the per-check cap.
  const now = ctx.now();
  const maxAgeMs = config.SOURCE_MAX_AGE_HOURS * 3_600_000;
  const known = store.knownSourceLinks(source.id);
  const fresh: SourceEntry[] = [];
  const seen: string[] = [];
  const listedUrls = new Set<string>();
  for (const entry of entries) {
    let link: string;
    try {
      link = normalizeArticleUrl(entry.url);
    } catch (error) {
      if (error instanceof InvalidUrlError) continue;
      throw error;
    }
    if (listedUrls.has(link)) continue;
    listedUrls.add(link);
    if (known.has(link)) continue;
    // Too old to be news: remembered as seen, never watched.
    if (entry.publishedAt !== null && now - entry.publishedAt > maxAgeMs) seen.push(link);
    else fresh.push({ ...entry, url: link });
  }
  fresh.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  const taking = fresh.slice(0, config.SOURCE_MAX_NEW_ARTICLES);
  // Links left for the next read: it must not be answered 304 just because the source did not change.
  const validators = taking.length < fresh.length ? { etag: null, lastModified: null } : { etag: fetched.etag, lastModified: fetched.lastModified };
  const next = schedule(0);
  const added = store.recordSourceListing(source.id, {
    at: now,
    nextCheckAt: next,
    url,
    kind: listing.kind,
    title: listing.title,
    ...validators,
    watch: taking.map((e) => e.url),
    seen,
    articleIntervalMinutes: source.articleIntervalMinutes ?? config.CHECK_INTERVAL_MINUTES,
    listed: [...listedUrls],
  });
  return { sourceId: source.id, outcome: 'listed', kind: listing.kind, listed: listedUrls.size, added, error: null, status: fetched.status, retryAfterSeconds: null, nextCheckAt: next };
}

/** The child sitemaps of an index, the most recently changed first, read in turn; their links together. */
async function childSitemapEntries(ctx: SourceCheckContext, index: Extract<SourceListing, { kind: 'sitemap-index' }>): Promise<SourceEntry[] | string> {
  const children = [...index.entries].sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0)).slice(0, SITEMAP_INDEX_MAX_CHILDREN);
  const entries: SourceEntry[] = [];
  for (const child of children) {
    const fetched = await politeFetch(ctx, child.url, {});
    if (typeof fetched === 'string') return fetched;
    if (fetched.kind === 'failed') return `${fetched.code}: ${fetched.message} (the child sitemap ${child.url})`;
    if (fetched.kind !== 'fetched') continue;
    const listing = parseSourceListing(fetched.html, fetched.url);
    if (listing.kind === 'sitemap' || listing.kind === 'feed') entries.push(...listing.entries);
  }
  return entries;
}

/** A fetch the publisher's robots.txt allows (RFC 9309), any Content-Type (feeds are XML); a refusal as an error text. */
async function politeFetch(
  ctx: SourceCheckContext,
  url: string,
  validators: { etag?: string | null; lastModified?: string | null },
): Promise<FetchOutcome | string> {
  const robots = await ctx.robots?.check(url, ctx.config.USER_AGENT);
  if (robots && !robots.allowed) {
    if (robots.siteDown) return `${robots.siteDown}: the site did not answer (${robots.reason})`;
    return `${robots.unreachable ? 'robots-unreachable' : 'robots-disallowed'}: ${robots.reason}`;
  }
  return fetchPage(url, {
    userAgent: ctx.config.USER_AGENT,
    timeoutMs: ctx.config.FETCH_TIMEOUT_MS,
    maxBytes: ctx.config.FETCH_MAX_BYTES,
    maxRedirects: ctx.config.FETCH_MAX_REDIRECTS,
    allowPrivateNetworks: ctx.config.ALLOW_PRIVATE_NETWORKS,
    anyContentType: true,
    etag: validators.etag ?? null,
    lastModified: validators.lastModified ?? null,
  });
}
