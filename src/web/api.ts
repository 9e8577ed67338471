/**
 * The JSON API (DESIGN "Web"): validated at the edge with zod, errors as
 * `{error: {code, message}}` through the app's error handler.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { ArticleListing, ArticleRow, RemovalRow, Store, VersionSummary } from '../db/store.ts';
import type { CheckResult } from '../monitor/check.ts';
import { InvalidUrlError, PrivateAddressError, setCheckInterval, watchArticle } from '../monitor/watch.ts';
import { badRequest, HttpError, notFound } from './errors.ts';
import { intervalMinutes, iso, jsonBody, parseInput, queryInt, stateOrIntervalPatch } from './input.ts';
import { articleOr404, monitorOr503, sourceOr404 } from './lookup.ts';
import { articleCursor, parseArticleCursor } from './pages.tsx';
import { describeChange } from '../diff/summary.ts';
import { isStealthEdit, loadDiff, stealthEdits, versionsNotFound } from './revisions.ts';
import type { AppEnv } from './context.ts';
import { siteWaitOf, siteWaits } from './site-waits.ts';


/** `siteWaitsUntil`: the end of a Retry-After its site asked for, while it runs (site-waits.ts); none: undefined. */
export function articleJson(a: ArticleRow | ArticleListing, siteWaitsUntil?: number) {
  const held = a.state === 'active' && siteWaitsUntil !== undefined && siteWaitsUntil > a.nextCheckAt;
  return {
    id: a.id,
    url: a.url,
    canonicalUrl: a.canonicalUrl,
    title: a.title,
    state: a.state,
    intervalMinutes: a.intervalMinutes,
    createdAt: iso(a.createdAt),
    lastCheckedAt: iso(a.lastCheckedAt),
    // A paused article has no next check (the stored time is only where it stopped); a site's Retry-After holds it
    // back (a review: the web said "not before …", the API the article's own earlier time).
    nextCheckAt: a.state !== 'active' ? null : iso(held ? siteWaitsUntil : a.nextCheckAt),
    /** Until when its site asked stet to wait (a 429 or 503 Retry-After), while that runs; else null. */
    siteWaitsUntil: siteWaitsUntil === undefined ? null : iso(siteWaitsUntil),
    lastChangedAt: iso(a.lastChangedAt),
    failureCount: a.failureCount,
    lastError: a.lastError,
    ...('versionCount' in a ? { versionCount: a.versionCount, removedSince: iso(a.removedSince) } : {}),
  };
}

export function removalJson(r: RemovalRow) {
  return {
    removedAt: iso(r.removedAt),
    confirmedAt: iso(r.confirmedAt),
    status: r.status,
    /** For a page redirected away: where its address leads now (the front page, a section). */
    redirectedTo: r.redirectedTo,
    /** The latest version when the page went away. */
    lastVersion: r.versionOrdinal,
    /** Null while the page stays away. */
    restoredAt: iso(r.restoredAt),
  };
}

/** `stealthEdit`: whether `v` is one (isStealthEdit, against the version before it and the stamps shown before). */
export function versionJson(v: VersionSummary, stealthEdit: boolean) {
  return {
    number: v.ordinal,
    title: v.title,
    byline: v.byline,
    canonicalUrl: v.canonicalUrl,
    lang: v.lang,
    publishedAt: v.publishedAt,
    modifiedAt: v.modifiedAt,
    latestModifiedAt: v.latestModifiedAt,
    firstSeenAt: iso(v.firstSeenAt),
    lastSeenAt: iso(v.lastSeenAt),
    /** When stet stored it: firstSeenAt, but for a drastic cut, stored when a second check confirmed it (monitor/confirm.ts). */
    recordedAt: iso(v.recordedAt),
    /** The change happened after this moment (the previous version was last seen then). */
    changedAfter: iso(v.previousSeenAt),
    paragraphCount: v.paragraphCount,
    changes: v.diffSummary,
    /** When a newer stet read this version's stored page again and replaced its reading or its summary against the one before (monitor/reread.ts); null when never. */
    rereadAt: v.rereadAt === null ? null : iso(v.rereadAt),
    stealthEdit,
  };
}

function checkJson(r: CheckResult) {
  return {
    articleId: r.articleId,
    outcome: r.outcome,
    version: r.versionOrdinal,
    status: r.status,
    durationMs: r.durationMs,
    error: r.error,
    // A paused article is not checked on a schedule (QA: a check on one announced a next check that never came).
    state: r.state,
    nextCheckAt: r.state === 'active' ? iso(r.nextCheckAt) : null,
    // A change held unconfirmed, or a page found gone once: from when a check that finds the same records it.
    confirmableFrom: r.confirmableFrom === null ? null : iso(r.confirmableFrom),
    // The removal this check recorded, or ended (back online), as `stet check` says it (QA: the API said neither).
    removal: r.removal === null ? null : { kind: r.removal.kind, removedAt: iso(r.removal.removedAt) },
    // The server's Retry-After on a failed check, in seconds, as sent: the article waits it out (up to a week), and on a
    // 429 or 503 the whole site (up to MAX_INTERVAL_MINUTES).
    retryAfterSeconds: r.retryAfterSeconds,
    changes: r.changes,
    summary: r.changes ? describeChange(r.changes) : null,
    // Whether, and how many versions' stored pages, this check read again, as this release reads them differently (monitor/reread.ts).
    reread: r.rereadVersions > 0,
    rereadVersions: r.rereadVersions,
  };
}

// Decimal digits only, as the pages accept: z.coerce would also take "1e0", "0x1" or " 1 " for article 1.
const positiveInt = () => z.string().regex(/^\d{1,15}$/, { message: 'expected a positive whole number' }).transform(Number).pipe(z.number().int().positive({ message: 'expected a positive whole number' }));
const ordinalParam = positiveInt();

/** Articles on a page of GET /api/articles without ?limit=, and the most ?limit= may ask for. */
export const API_ARTICLES_PAGE_SIZE = 100;
export const API_ARTICLES_MAX_PAGE_SIZE = 1000;

/**
 * Versions in GET /api/articles/:id (its newest) and on a page of GET
 * /api/articles/:id/versions without ?limit=, and the most ?limit= may ask
 * for: a live blog's 3,000 versions made the article's answer 1.9 MB.
 */
export const API_VERSIONS_PAGE_SIZE = 100;
export const API_VERSIONS_MAX_PAGE_SIZE = 1000;

/** ?limit= of a paged list: a whole number from 1 to `max`; none (or empty) is `byDefault`. */
function pageLimit(raw: string | undefined, what: 'articles' | 'versions', byDefault: number, max: number, rest: string): number {
  if (raw === undefined || raw === '') return byDefault;
  const limit = queryInt(raw, 4);
  if (limit === null || limit < 1 || limit > max) throw badRequest(`limit: expected a whole number of ${what} a page from 1 to ${max} (${byDefault} without it); ${rest}`);
  return limit;
}

/**
 * A page of an article's versions for the API: the newest `limit` numbered
 * below `before` (the newest without it), oldest first as the article's
 * `versions` always were, each with its stealth-edit mark as the whole
 * history marks it; `next`, the URL of the page before it (null at version
 * 1), which the routes also send as a Link header (RFC 8288).
 */
function versionsPage(store: Store, baseUrl: string, articleId: number, limit: number, before: number | undefined) {
  // One more than asked for: the version before the page's oldest (its stealth mark compares with it), and whether there is a page before.
  const read = store.listVersionSummaries(articleId, { limit: limit + 1, ...(before === undefined ? {} : { before }) });
  const page = read.slice(0, limit).reverse();
  const oldest = page[0];
  const stealth = stealthEdits(page, { previous: read[limit], updatedStampShownBefore: oldest !== undefined && store.updatedStampShownBefore(articleId, oldest.ordinal) });
  let next: string | null = null;
  if (read.length > limit) {
    next = `${baseUrl}/api/articles/${articleId}/versions?${new URLSearchParams({ limit: String(limit), before: String(oldest!.ordinal) }).toString()}`;
  }
  return { versions: page.map((v, i) => versionJson(v, stealth[i]!)), next };
}

export function apiRoutes() {
  const api = new Hono<AppEnv>();

  // The watch list a page at a time, newest first, as the /articles page lists it (at 10,000 articles the whole
  // list was 4.6 MB and held the server for 140 ms). ?limit=<n>: articles a page; ?before=<cursor>: the page after
  // that one, from `next` (a keyset, so articles watched or deleted meanwhile move none across a page boundary);
  // ?source=<id>: only the articles that source added. `next` and a Link header (RFC 8288) lead to the next page.
  api.get('/articles', (c) => {
    const store = c.get('store');
    const limit = pageLimit(c.req.query('limit'), 'articles', API_ARTICLES_PAGE_SIZE, API_ARTICLES_MAX_PAGE_SIZE, 'follow "next" for the rest, or use stet export for the whole database');
    const rawBefore = c.req.query('before');
    const before = rawBefore === undefined ? undefined : parseArticleCursor(rawBefore);
    if (before === null) throw badRequest('before: expected where a page ended, as the "next" link gives (<epoch ms>-<id>)');
    const rawSource = c.req.query('source');
    const sourceId = rawSource === undefined ? undefined : sourceOr404(store, rawSource).id;
    // One more than asked for: whether there is a next page, without a last link to an empty one.
    const read = store.listArticles({ limit: limit + 1, ...(sourceId === undefined ? {} : { sourceId }), ...(before === undefined ? {} : { before }) });
    const page = read.slice(0, limit);
    let next: string | null = null;
    if (read.length > limit) {
      const query = new URLSearchParams();
      if (sourceId !== undefined) query.set('source', String(sourceId));
      query.set('limit', String(limit));
      query.set('before', articleCursor(page.at(-1)!));
      next = `${c.get('config').BASE_URL}/api/articles?${query.toString()}`;
      c.header('Link', `<${next}>; rel="next"`);
    }
    const waits = siteWaits(c.get('store'), page);
    return c.json({ articles: page.map((a) => articleJson(a, waits.get(a.host))), next });
  });

  api.post('/articles', async (c) => {
    const body = parseInput(
      // Strict, as PATCH is: {"url": …, "state": "paused"} must not quietly create an active article.
      // An empty URL is a bad URL (422 invalid_url, as the form says), not a malformed body.
      z.object({ url: z.string().max(4096), intervalMinutes: intervalMinutes.optional() }).strict(),
      await jsonBody(c, '{"url": "https://…"}'),
      'body',
    );
    const config = c.get('config');
    let added;
    try {
      added = watchArticle(c.get('store'), { url: body.url, intervalMinutes: body.intervalMinutes ?? config.CHECK_INTERVAL_MINUTES, now: Date.now(), allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS });
    } catch (error) {
      if (error instanceof InvalidUrlError) throw new HttpError(422, error instanceof PrivateAddressError ? 'blocked_address' : 'invalid_url', error.message);
      throw error;
    }
    c.get('monitor')?.poke();
    // intervalMinutes is for a new article: one already watched keeps its own (PATCH changes it), and the answer says so.
    const ignored = !added.created && body.intervalMinutes !== undefined ? { ignored: ['intervalMinutes'] } : {};
    return c.json({ ...articleJson(added.article, siteWaitOf(c.get('store'), added.article)), created: added.created, ...ignored }, added.created ? 201 : 200);
  });

  // The article with its newest API_VERSIONS_PAGE_SIZE versions (all of them, for most articles), oldest first as
  // before; `versionsNext` (and a Link header) leads to the ones before them, as GET /articles/:id/versions pages.
  api.get('/articles/:id', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    const { versions, next } = versionsPage(store, c.get('config').BASE_URL, article.id, API_VERSIONS_PAGE_SIZE, undefined);
    if (next !== null) c.header('Link', `<${next}>; rel="next"`);
    return c.json({
      // The same fields as the list's items (listArticles reads them in its query); versions are numbered without gaps.
      ...articleJson({ ...article, versionCount: versions.at(-1)?.number ?? 0, removedSince: store.openRemoval(article.id)?.removedAt ?? null }, siteWaitOf(store, article)),
      versions,
      versionsNext: next,
      removals: store.listRemovals(article.id).map(removalJson),
    });
  });

  // An article's versions a page at a time, newest pages first, each page oldest first: ?limit=<n> versions a page;
  // ?before=<version number>: the versions numbered below it, from `next` (a keyset: versions stored meanwhile shift
  // nothing). `next` and a Link header (RFC 8288) lead to the page before, down to version 1.
  api.get('/articles/:id/versions', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const limit = pageLimit(c.req.query('limit'), 'versions', API_VERSIONS_PAGE_SIZE, API_VERSIONS_MAX_PAGE_SIZE, 'follow "next" for the rest');
    const rawBefore = c.req.query('before');
    const before = rawBefore === undefined ? undefined : queryInt(rawBefore, 9);
    if (before === null || (before !== undefined && before < 1)) throw badRequest('before: expected a version number, as the "next" link gives');
    const page = versionsPage(c.get('store'), c.get('config').BASE_URL, article.id, limit, before);
    if (page.next !== null) c.header('Link', `<${page.next}>; rel="next"`);
    return c.json({ articleId: article.id, ...page });
  });

  // Every version stet stored, of every article, in the order it stored them: a log to follow. ?after=<id> (from
  // `next`) gives those stored after that one. `next` is always given, even on a short or empty page: a client
  // keeps it and asks it again later for what was stored since (the feeds' 50 items are no record).
  api.get('/versions', (c) => {
    const store = c.get('store');
    const limit = pageLimit(c.req.query('limit'), 'versions', API_VERSIONS_PAGE_SIZE, API_VERSIONS_MAX_PAGE_SIZE, 'follow "next" for the rest');
    const rawAfter = c.req.query('after');
    const afterId = rawAfter === undefined ? undefined : queryInt(rawAfter);
    if (afterId === null) throw badRequest('after: expected where a page ended, as the "next" link gives (a version id)');
    const rows = store.versionsStoredAfter({ limit, ...(afterId === undefined ? {} : { afterId }) });
    const resume = rows.at(-1)?.version.id ?? afterId;
    const base = c.get('config').BASE_URL;
    const next = `${base}/api/versions?${new URLSearchParams({ limit: String(limit), ...(resume === undefined ? {} : { after: String(resume) }) }).toString()}`;
    c.header('Link', `<${next}>; rel="next"`);
    return c.json({
      versions: rows.map((r) => ({
        articleId: r.article.id,
        articleUrl: r.article.url,
        ...versionJson(r.version, isStealthEdit({ latestModifiedAt: r.previousLatestModifiedAt }, r.version, r.updatedStampShownBefore)),
        diff: r.version.ordinal > 1 ? `${base}/api/articles/${r.article.id}/diff?from=${r.version.ordinal - 1}&to=${r.version.ordinal}` : null,
      })),
      next,
    });
  });

  api.get('/articles/:id/versions/:n', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    const n = parseInput(ordinalParam, c.req.param('n'), 'version number');
    const read = store.getVersionAndPrevious(article.id, n);
    if (!read) throw notFound(`version ${n} of article ${article.id}`);
    const { version, previous } = read;
    const stealth = previous ? isStealthEdit(previous, version, store.updatedStampShownBefore(article.id, n)) : false;
    return c.json({ articleId: article.id, ...versionJson({ ...version, paragraphCount: version.paragraphs.length }, stealth), paragraphs: version.paragraphs });
  });

  api.get('/articles/:id/diff', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const store = c.get('store');
    const latest = store.latestVersion(article.id);
    if (!latest) throw notFound(`versions of article ${article.id}`);
    const q = parseInput(
      z.object({ from: ordinalParam.default(1), to: ordinalParam.default(latest.ordinal) }),
      { from: c.req.query('from') || undefined, to: c.req.query('to') || undefined },
      'query',
    );
    const loaded = loadDiff(store, article.id, q.from, q.to);
    if (!loaded) throw versionsNotFound(store, article.id, q.from, q.to, `article ${article.id}`);
    return c.json({ articleId: article.id, from: q.from, to: q.to, diff: loaded.diff });
  });

  api.post('/articles/:id/check', async (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const monitor = monitorOr503(c.get('monitor'), 'checks are');
    return c.json(checkJson(await monitor.checkNow(article.id)));
  });

  // Pause or resume watching; the versions stay either way (DELETE removes them).
  api.patch('/articles/:id', async (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const body = parseInput(
      stateOrIntervalPatch,
      await jsonBody(c, '{"state": "paused"} or {"intervalMinutes": 15}'),
      'body',
    );
    const store = c.get('store');
    const now = Date.now();
    let updated: ArticleRow | undefined = article;
    if (body.intervalMinutes !== undefined) {
      updated = setCheckInterval(store, { articleId: article.id, intervalMinutes: body.intervalMinutes, now, maxIntervalMinutes: c.get('config').MAX_INTERVAL_MINUTES });
    }
    if (body.state !== undefined && updated) updated = store.setArticleState(article.id, body.state, now);
    if (!updated) throw notFound(`article ${article.id}`);
    if (updated.state === 'active') c.get('monitor')?.poke();
    return c.json(articleJson(updated, siteWaitOf(store, updated)));
  });

  api.delete('/articles/:id', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    c.get('store').deleteArticle(article.id);
    return c.body(null, 204);
  });

  return api;
}
