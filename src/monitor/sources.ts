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
 * A front page given as a source leads to the first feed it announces
 * (`<link rel=alternate>`), read from then on (the source's feedUrl); a
 * sitemap index is read through its most recently changed child sitemaps.
 * On a sitemap's first read an undated link is not watched (it may be
 * years old); a feed lists its latest items, dated or not.
 */
import type { ChildSitemapValidators, SourceRow } from '../db/store.ts';
import { isCutOff, parseSourceListing, type SourceEntry, type SourceListing } from '../discover/parse.ts';
import { gunzipSync } from 'node:zlib';
import { fetchPage, type FetchOutcome } from '../fetch/fetcher.ts';
import type { CheckContext } from './check.ts';
import { robotsRefusal } from '../fetch/politeness.ts';
import { nextCheckAt } from './schedule.ts';
import { InvalidUrlError, normalizeArticleUrl } from './watch.ts';

/** How many child sitemaps of an index one check reads (the most recently changed first). */
export const SITEMAP_INDEX_MAX_CHILDREN = 3;

/**
 * Why a failed read failed when the answer says the address is no source at
 * all, so reading it again will not help: an HTML page that announces no
 * feed, a document that is neither a feed nor a sitemap, 404 Not Found or
 * 410 Gone (from the address or the feed its page announces), or a page
 * whose feed another source already reads. A source added with a read at
 * once is refused for these (not kept to fail for ever); timeouts, 5xx, 429,
 * robots.txt are not among them.
 */
export type SourceRefusal = 'no-feed-announced' | 'not-a-feed' | 'gone' | 'duplicate-feed';

/**
 * When a source stops being read: every read for at least a day, and at least
 * three reads, said the address is no source any more (SourceRefusal). Both,
 * because a publisher's redeploy or CDN slip can answer 404 for hours and be
 * fixed the same day (three quick reads in a morning are not enough), and a
 * source read rarely would otherwise stop after a day on two reads. With the
 * usual backoff (15, 30, 60… minutes) a dead feed is read seven or eight
 * times before it stops. Then it is 'failing': shown with the reason and
 * since when, read again only when resumed; nothing is deleted, and one read
 * that lists anything (Read now, or after Resume) makes it active again.
 */
export const FAILING_AFTER_REFUSALS = 3;
export const FAILING_AFTER_MS = 24 * 3_600_000;

/** Whether a streak of refusals (the count including this read, the first one's time) means the source is gone for good. */
export function isRefusedForGood(streak: { refusalCount: number; refusedSince: number }, now: number): boolean {
  return streak.refusalCount >= FAILING_AFTER_REFUSALS && now - streak.refusedSince >= FAILING_AFTER_MS;
}


export interface SourceCheckResult {
  sourceId: number;
  outcome: 'listed' | 'unchanged' | 'failed';
  /** Set on a failed read that says the address is no source at all (SourceRefusal); null otherwise. */
  refusal: SourceRefusal | null;
  /** The source's state after this read: 'failing' once refused for good (isRefusedForGood), no longer read until resumed. */
  state: SourceRow['state'];
  /** What the source turned out to be ('feed', 'sitemap', 'sitemap-index'), when it was read. */
  kind: string | null;
  /** Links it lists (all of them, old and new); of a sitemap index, those of the children downloaded (one that answered 304 is not). */
  listed: number;
  /** Articles added to the watch list by this check. */
  added: number;
  error: string | null;
  /**
   * Of the links listed, why those not watched now were not (null unless the
   * read listed): listed by this source before, already on the watch list,
   * dated older than SOURCE_MAX_AGE_HOURS, undated on a sitemap's first read,
   * or past SOURCE_MAX_NEW_ARTICLES (watched on a later read).
   */
  notWatched: NotWatched | null;
  /** Something a read that listed should say though it did not fail: a feed or sitemap cut off before its end that listed nothing. */
  warning: string | null;
  /** The HTTP status of the source's answer, when one came; with the server's Retry-After on a failed read (seconds), so the Monitor holds the site. */
  status: number | null;
  retryAfterSeconds: number | null;
  nextCheckAt: number;
}

export interface NotWatched {
  listedBefore: number;
  /** New to this source, but on the watch list already or deleted from it by the reader. */
  alreadyWatched: number;
  tooOld: number;
  undatedOnFirstRead: number;
  waiting: number;
}

/**
 * When a source is read next: on its interval whatever its age (it is where
 * new articles appear), backing off on failures, honouring Retry-After.
 */
export function nextReadAt(ctx: CheckContext, intervalMinutes: number, failureCount: number, retryAfterSeconds: number | null = null): number {
  return nextCheckAt({
    now: ctx.now(),
    intervalMinutes,
    maxIntervalMinutes: ctx.config.MAX_INTERVAL_MINUTES,
    lastChangedAt: ctx.now(),
    failureCount,
    retryAfterSeconds,
    random: ctx.random(),
  });
}

export async function checkSource(ctx: CheckContext, source: SourceRow): Promise<SourceCheckResult> {
  const { store, config } = ctx;
  const schedule = (failureCount: number, retryAfterSeconds: number | null = null) =>
    // The interval as stored now: the reader may have changed it while this read was fetching.
    nextReadAt(ctx, store.getSource(source.id)?.intervalMinutes ?? source.intervalMinutes, failureCount, retryAfterSeconds);
  const fail = (error: string, status: number | null = null, retryAfterSeconds: number | null = null, refusal: SourceRefusal | null = null): SourceCheckResult => {
    const next = schedule(source.failureCount + 1, retryAfterSeconds);
    // A refusal counts towards the streak that stops reading the source; a failure for a while says nothing either way.
    const after =
      refusal === null
        ? store.recordSourceCheck(source.id, { at: ctx.now(), ok: false, error, nextCheckAt: next })
        : store.recordSourceRefusal(source.id, { at: ctx.now(), error, nextCheckAt: next, isRefusedForGood });
    return { sourceId: source.id, outcome: 'failed', refusal, state: after?.state ?? source.state, kind: source.kind, listed: 0, added: 0, error, notWatched: null, warning: null, status, retryAfterSeconds, nextCheckAt: next };
  };
  const goneOrNull = (status: number | null): SourceRefusal | null => (status === 404 || status === 410 ? 'gone' : null);
  const reader = new PoliteReader(ctx);

  // 1. fetch what the source reads (its own address, or the feed its page announced), conditionally.
  let url = source.feedUrl ?? source.url;
  let fetched = await reader.fetch(url, { etag: source.etag, lastModified: source.lastModified });
  // The feed a front page announced is gone (404, 410): ask the page again which feed it announces now.
  if (source.feedUrl !== null && typeof fetched !== 'string' && fetched.kind === 'failed' && (fetched.status === 404 || fetched.status === 410)) {
    url = source.url;
    fetched = await reader.fetch(url, {});
  }
  if (typeof fetched === 'string') return fail(`${fetched}${url === source.url ? '' : ` (${url})`}`);
  if (fetched.kind === 'failed') return fail(`${fetched.code}: ${fetched.message}${url === source.url ? '' : ` (${url})`}`, fetched.status, fetched.retryAfterSeconds, goneOrNull(fetched.status));
  if (fetched.kind === 'not-modified') {
    const next = schedule(0);
    const after = store.recordSourceCheck(source.id, { at: ctx.now(), ok: true, nextCheckAt: next });
    return { sourceId: source.id, outcome: 'unchanged', refusal: null, state: after?.state ?? source.state, kind: source.kind, listed: 0, added: 0, error: null, notWatched: null, warning: null, status: 304, retryAfterSeconds: null, nextCheckAt: next };
  }

  // 2. what does it list? A page that announces a feed leads to that feed (remembered as the source's feedUrl).
  let text = textOf(fetched, config.FETCH_MAX_BYTES);
  let listing = parseSourceListing(text, fetched.url);
  if (listing.kind === 'html') {
    const feed = listing.feeds[0];
    if (feed === undefined) return fail('not-a-source: an HTML page that announces no feed (<link rel="alternate" type="application/rss+xml">); give the address of its feed or sitemap', null, null, 'no-feed-announced');
    url = normalizeArticleUrl(feed);
    // Another source reads that feed already: one read of it is enough.
    const other = store.sourceReading(url, source.id);
    if (other !== undefined) return fail(`duplicate: the page announces ${url}, which source #${other.id} already reads`, null, null, 'duplicate-feed');
    fetched = await reader.fetch(url, {});
    if (typeof fetched === 'string') return fail(`${fetched} (the feed ${url} the page announces)`);
    if (fetched.kind !== 'fetched') {
      return fetched.kind === 'failed'
        ? fail(`${fetched.code}: ${fetched.message} (the feed ${url} the page announces)`, fetched.status, fetched.retryAfterSeconds, goneOrNull(fetched.status))
        : fail(`not-modified: ${url}`);
    }
    text = textOf(fetched, config.FETCH_MAX_BYTES);
    listing = parseSourceListing(text, fetched.url);
  }
  if (listing.kind === 'unknown' || listing.kind === 'html') return fail(`not-a-source: neither an RSS, Atom or RDF feed nor a sitemap${url === source.url ? '' : ` (${url})`}`, null, null, 'not-a-feed');
  const known = store.sourceLinkTimes(source.id);
  const children =
    listing.kind === 'sitemap-index'
      ? await childSitemapEntries(reader, listing, known, store.childSitemapValidators(source.id), config.FETCH_MAX_BYTES)
      : null;
  if (children !== null && 'error' in children) return fail(children.error, children.status, children.retryAfterSeconds);
  const entries = children?.entries ?? listing.entries;
  const isSitemap = listing.kind !== 'feed';
  // Read leniently, a file cut off before its first item is "a feed with no items". One that truly has none is no
  // error (a new blog, a quiet section): the read still lists, but says the file is broken, so that 0 is not taken
  // for the whole story. One that lists items before it breaks off is read for them, as a feed reader does.
  const warning =
    listing.entries.length === 0 && isCutOff(text)
      ? `the ${listing.kind === 'feed' ? 'feed' : 'sitemap'} is cut off or malformed (its root element <${listing.kind === 'feed' ? 'rss, feed or rdf:RDF' : listing.kind === 'sitemap' ? 'urlset' : 'sitemapindex'}> is never closed): 0 links read`
      : null;

  // 3. watch what is new, newest first, within the age limit and the per-check cap.
  const now = ctx.now();
  const maxAgeMs = config.SOURCE_MAX_AGE_HOURS * 3_600_000;
  // A sitemap's first read: a link it does not date may be ten years old (an archive sitemap dates nothing), so
  // only the links it dates as news are watched; an undated link listed later is new by then. A feed lists its latest.
  // The same for a child sitemap of an index read for the first time (a 2015 sitemap whose lastmod a corrected
  // post bumped lists a hundred undated 2015 links).
  const firstSitemapRead = isSitemap && known.size === 0;
  const fresh: SourceEntry[] = [];
  const seen: string[] = [];
  const listedUrls = new Set<string>();
  const notWatched: NotWatched = { listedBefore: 0, alreadyWatched: 0, tooOld: 0, undatedOnFirstRead: 0, waiting: 0 };
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
    if (known.has(link)) {
      notWatched.listedBefore++;
      continue;
    }
    // Too old to be news, or undated on a sitemap's first read: remembered as seen, never watched.
    if (entry.publishedAt === null ? firstSitemapRead || children?.firstRead.has(entry) === true : now - entry.publishedAt > maxAgeMs) {
      seen.push(link);
      if (entry.publishedAt === null) notWatched.undatedOnFirstRead++;
      else notWatched.tooOld++;
    } else fresh.push({ ...entry, url: link });
  }
  // The child sitemaps read are remembered too, so that the next read knows them.
  for (const child of children?.read ?? []) if (!known.has(child)) seen.push(child);
  fresh.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0));
  const taking = fresh.slice(0, config.SOURCE_MAX_NEW_ARTICLES);
  // No validators when links wait for the next read (it must not be a 304 because the source did not change: a
  // child sitemap's neither), nor for a sitemap index (an unchanged index says nothing about its children, which are
  // asked every time, each with its own validators).
  const nothingWaits = taking.length === fresh.length;
  const keepValidators = nothingWaits && listing.kind !== 'sitemap-index';
  const next = schedule(0);
  const added = store.recordSourceListing(source.id, {
    at: now,
    nextCheckAt: next,
    url,
    kind: listing.kind,
    title: listing.title,
    etag: keepValidators ? fetched.etag : null,
    lastModified: keepValidators ? fetched.lastModified : null,
    watch: taking.map((e) => e.url),
    seen,
    articleIntervalMinutes: source.articleIntervalMinutes ?? config.CHECK_INTERVAL_MINUTES,
    // The child sitemaps read count as listed now: an index that dates none is read round the children by this.
    listed: [...listedUrls, ...(children?.read ?? [])],
    childValidators: (children?.validators ?? []).map((v) => (nothingWaits ? v : { url: v.url, etag: null, lastModified: null })),
    relistedFrom: children?.relistedFrom ?? [],
  });
  notWatched.waiting = fresh.length - taking.length;
  // A link new to this source that the watch list holds already (watched by hand, brought by another source) or that
  // the reader deleted from it (which stays deleted).
  notWatched.alreadyWatched = taking.length - added;
  return { sourceId: source.id, outcome: 'listed', refusal: null, state: store.getSource(source.id)?.state ?? source.state, kind: listing.kind, listed: listedUrls.size, added, error: null, notWatched, warning, status: fetched.status, retryAfterSeconds: null, nextCheckAt: next };
}

/** Why no child sitemap of an index could be read: the first failure, with the status and Retry-After of one that asked for a pause. */
interface ChildFailure {
  error: string;
  status: number | null;
  retryAfterSeconds: number | null;
}

/**
 * The child sitemaps of an index, read in turn; their links together. The
 * most recently changed first; an index that dates none of them (WordPress
 * core's wp-sitemap.xml) is read round its children, those read longest ago
 * (or never) first, so a new post in its fifth child is found within a few
 * reads. A child read for the first time (not among the links the source
 * remembers) marks its links `firstRead`: its undated ones are not news. A
 * child that cannot be read is skipped; only when none can is the read a
 * failure. One that answers 429 or 503 ends the read's fetches there (the
 * server asked for a pause); when it was the first, the read fails with its
 * status and Retry-After.
 *
 * Each child is asked conditionally with the validators of its last full
 * read (RFC 9110 §13.1): one that answers 304 Not Modified is read without
 * being downloaded, and lists what it listed then, so its links count as
 * listed again (`relistedFrom`: when it was last listed, as were they).
 * `validators`: what to send each child read now next time.
 */
async function childSitemapEntries(
  reader: PoliteReader,
  index: Extract<SourceListing, { kind: 'sitemap-index' }>,
  known: ReadonlyMap<string, number>,
  kept: ReadonlyMap<string, { etag: string | null; lastModified: string | null }>,
  maxBytes: number,
): Promise<{ entries: SourceEntry[]; firstRead: Set<SourceEntry>; read: string[]; validators: ChildSitemapValidators[]; relistedFrom: number[] } | ChildFailure> {
  // Each child under its stored (normalised) address, once; one that is no http(s) address is skipped.
  const listed: { url: string; publishedAt: number | null }[] = [];
  for (const e of index.entries) {
    try {
      listed.push({ url: normalizeArticleUrl(e.url), publishedAt: e.publishedAt });
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
    }
  }
  const ordered = listed.some((e) => e.publishedAt !== null)
    ? listed.sort((a, b) => (b.publishedAt ?? 0) - (a.publishedAt ?? 0))
    : listed.sort((a, b) => (known.get(a.url) ?? -1) - (known.get(b.url) ?? -1));
  const children = ordered.slice(0, SITEMAP_INDEX_MAX_CHILDREN);
  const entries: SourceEntry[] = [];
  const firstRead = new Set<SourceEntry>();
  const read: string[] = [];
  const validators: ChildSitemapValidators[] = [];
  const relistedFrom: number[] = [];
  let failure: ChildFailure | null = null;
  for (const child of children) {
    const listedAt = known.get(child.url);
    // Validators only for a child whose links are remembered: a 304 must stand for links stet knows.
    const fetched = await reader.fetch(child.url, listedAt === undefined ? {} : (kept.get(child.url) ?? {}));
    let error: string | null = null;
    if (typeof fetched === 'string') error = fetched;
    else if (fetched.kind === 'failed') {
      // The server asks for a pause (RFC 9110 §10.2.3, 15.5.20): no more of its children in this read, and the
      // read's failure carries it, as the index's own answer would.
      if (fetched.status === 429 || fetched.status === 503) {
        failure = { error: `${fetched.code}: ${fetched.message} (the child sitemap ${child.url})`, status: fetched.status, retryAfterSeconds: fetched.retryAfterSeconds };
        break;
      }
      error = `${fetched.code}: ${fetched.message}`;
    }
    else if (fetched.kind === 'not-modified') {
      if (listedAt === undefined) error = 'not-modified: 304 Not Modified to a request without validators';
      else {
        read.push(child.url);
        relistedFrom.push(listedAt);
        validators.push({ url: child.url, etag: fetched.etag, lastModified: fetched.lastModified });
      }
    } else {
      const listing = parseSourceListing(textOf(fetched, maxBytes), fetched.url);
      if (listing.kind === 'sitemap' || listing.kind === 'feed') {
        read.push(child.url);
        validators.push({ url: child.url, etag: fetched.etag, lastModified: fetched.lastModified });
        const isNew = listedAt === undefined;
        for (const e of listing.entries) {
          entries.push(e);
          if (isNew) firstRead.add(e);
        }
      } else error = 'not a sitemap';
    }
    if (error !== null) failure ??= { error: `${error} (the child sitemap ${child.url})`, status: null, retryAfterSeconds: null };
  }
  if (read.length === 0 && failure !== null) return failure;
  return { entries, firstRead, read, validators, relistedFrom };
}

/**
 * The fetches of one read, politely: robots.txt asked for each address
 * (RFC 9309), any Content-Type (feeds are XML), a feed's Accept header, and
 * the site's Crawl-delay (at most CRAWL_DELAY_CAP_MS) waited between two
 * fetches of the same read (a sitemap index and its children). A refusal
 * comes back as an error text.
 */
class PoliteReader {
  private lastFetchAt: number | null = null;

  constructor(private readonly ctx: CheckContext) {}

  async fetch(url: string, validators: { etag?: string | null; lastModified?: string | null }): Promise<FetchOutcome | string> {
    const { config, robots } = this.ctx;
    const verdict = await robots?.check(url, config.USER_AGENT);
    const refusal = robotsRefusal(verdict);
    if (refusal !== null) return refusal;
    if (this.lastFetchAt !== null && verdict?.crawlDelaySeconds) {
      const wait = this.lastFetchAt + Math.min(verdict.crawlDelaySeconds * 1000, CRAWL_DELAY_CAP_MS) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.lastFetchAt = Date.now();
    return fetchPage(url, {
      userAgent: config.USER_AGENT,
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      maxRedirects: config.FETCH_MAX_REDIRECTS,
      allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
      anyContentType: true,
      accept: FEED_ACCEPT,
      etag: validators.etag ?? null,
      lastModified: validators.lastModified ?? null,
    });
  }
}

/** What a source answers with, best first: feeds and sitemaps, then a page that may announce one. */
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.1';
/** The longest Crawl-delay waited between two fetches of one read (the lease of a read is sized for it). */
export const CRAWL_DELAY_CAP_MS = 10_000;

/** The body as text: a gzipped sitemap (`sitemap.xml.gz`, served as a file, not Content-Encoding) unpacked first, within the size cap. */
function textOf(fetched: Extract<FetchOutcome, { kind: 'fetched' }>, maxBytes: number): string {
  const body = fetched.body;
  if (body.length < 2 || body[0] !== 0x1f || body[1] !== 0x8b) return fetched.html;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes }).toString('utf8');
  } catch {
    return '';
  }
}
