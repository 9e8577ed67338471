/**
 * The server-rendered pages (hono/jsx) and their form actions.
 */
import { Hono } from 'hono';
import type { ArticleCursor, RemovalRow, Store } from '../db/store.ts';
import { LONGEST_BASE_INTERVAL_MINUTES } from '../config.ts';
import { InvalidUrlError, setCheckInterval, watchArticle } from '../monitor/watch.ts';
import type { AppEnv } from './context.ts';
import { badRequest, HttpError, notFound } from './errors.ts';
import { ArticlePage, DeleteArticlePage, type Timeline } from './pages/article.tsx';
import { ArticlesPage, type ArticlesPageProps } from './pages/articles.tsx';
import { DiffPage, type DiffLayout } from './pages/diff.tsx';
import { HomePage } from './pages/home.tsx';
import { VersionPage } from './pages/version.tsx';
import { parseTimeAndId, queryInt } from './input.ts';
import { articleOr404, monitorOr503, sourceOr404 } from './lookup.ts';
import { activityCursor, activityPage, parseActivityCursor } from './activity.ts';
import { isStealthEdit, loadDiff, stealthEdits, versionsNotFound } from './revisions.ts';
import { siteWaitOf, siteWaits } from './site-waits.ts';
import { whenText } from './when.ts';

/** Revisions and removals on one page of the home page. */
const HOME_PAGE_SIZE = 50;

/** Versions on one page of an article's timeline (a live blog's 3,000 on one page were 1.6 MB and took the server 170 ms). */
export const TIMELINE_PAGE_SIZE = 100;

/** An article due this long ago and not yet checked is late: its site is behind (the watch list says so). */
export const BEHIND_BY_MS = 10 * 60_000;

/** Articles on one page of the watch list (with 5,000 on one page it was 1.9 MB and took Chromium most of a second). */
export const WATCH_LIST_PAGE_SIZE = 50;

const layoutOf = (value: string | undefined): DiffLayout => (value === 'side-by-side' ? 'side-by-side' : 'inline');

export function pageRoutes() {
  const pages = new Hono<AppEnv>();

  pages.get('/', (c) => {
    const store = c.get('store');
    // ?before=<where the previous page ended>: the next page of older activity ("Older revisions" at the foot of the page).
    const raw = c.req.query('before');
    const before = raw === undefined ? undefined : parseActivityCursor(raw);
    if (before === null) throw badRequest('before: expected where a page ended, as the "Older revisions" link gives (<epoch ms>-<kind>-<id>, or a time in milliseconds)');
    const { rows, more } = activityPage(store, { rows: HOME_PAGE_SIZE, ...(before === undefined ? {} : { before }) });
    const olderHref = more ? `/?before=${activityCursor(rows.at(-1)!.at(-1)!)}` : null;
    return c.render(<HomePage rows={rows} articleCount={store.countArticles()} olderHref={olderHref} paged={raw !== undefined} />);
  });

  // ?source=<id>: only the articles that source added (the sources page links here).
  // ?before=<where the previous page ended>: the next page of older articles ("Older articles" at the foot).
  pages.get('/articles', (c) => {
    const store = c.get('store');
    const raw = c.req.query('source');
    const rawBefore = c.req.query('before');
    const before = rawBefore === undefined ? undefined : parseArticleCursor(rawBefore);
    if (before === null) throw badRequest('before: expected where a page ended, as the "Older articles" link gives (<epoch ms>-<id>)');
    // ?deleted=<id>: where "Delete" leads. Said only while the database agrees (no such article), so a link made up
    // for an article still watched says nothing.
    const deleted = queryInt(c.req.query('deleted'));
    const notice = deleted !== null && store.wasArticleDeleted(deleted) ? `Deleted article #${deleted} with its versions; no source will bring it back.` : undefined;
    const schedulerOff = !c.get('config').SCHEDULER;
    // Sites falling behind their articles' intervals (one fetch a site at a time): said above the list, not found by paging it.
    const behind = schedulerOff ? [] : store.sitesBehind(Date.now(), BEHIND_BY_MS, 5);
    if (raw === undefined) return c.render(<ArticlesPage {...watchListPage(store, { before })} notice={notice} schedulerOff={schedulerOff} behind={behind} />);
    const source = sourceOr404(store, raw);
    return c.render(<ArticlesPage {...watchListPage(store, { sourceId: source.id, before })} source={source} schedulerOff={schedulerOff} behind={behind} />);
  });

  pages.post('/articles', async (c) => {
    const form = await c.req.parseBody();
    const url = typeof form.url === 'string' ? form.url : '';
    const store = c.get('store');
    try {
      const { article } = watchArticle(store, { url, intervalMinutes: c.get('config').CHECK_INTERVAL_MINUTES, now: Date.now(), allowPrivateNetworks: c.get('config').ALLOW_PRIVATE_NETWORKS });
      c.get('monitor')?.poke();
      return c.redirect(`/articles/${article.id}`, 303);
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
      c.status(422);
      return c.render(<ArticlesPage {...watchListPage(store, {})} error={error.message} url={url} schedulerOff={!c.get('config').SCHEDULER} />);
    }
  });

  // ?before=<version number>: the page of versions older than that one ("Older versions" at the foot of the list).
  pages.get('/articles/:id', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    const rawBefore = c.req.query('before');
    const before = rawBefore === undefined ? undefined : queryInt(rawBefore, 9);
    if (before === null || (before !== undefined && before < 1)) throw badRequest('before: expected a version number, as the "Older versions" link gives');
    const timeline = timelinePage(store, article.id, before);
    const removals = store.listRemovals(article.id);
    return c.render(
      <ArticlePage
        article={article}
        timeline={timeline}
        // The removals recorded after the versions this page shows (each removal on the page of the last version before it), and the one still open, whichever page.
        removals={removals.filter((r) => timeline.versions.length > 0 && r.versionOrdinal >= timeline.versions[0]!.ordinal && r.versionOrdinal <= timeline.versions.at(-1)!.ordinal)}
        away={removals.find((r) => r.restoredAt === null)}
        checks={store.listChecks(article.id, 20)}
        notice={checkNotice(c.req.query(), { latestOrdinal: timeline.latest?.ordinal ?? 0, removals, paused: article.state !== 'active' })}
        schedulerOff={!c.get('config').SCHEDULER}
        siteWaitsUntil={siteWaitOf(store, article)}
        samePage={store.samePageArticles(article)}
      />,
    );
  });

  pages.post('/articles/:id/check', async (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const monitor = monitorOr503(c.get('monitor'), 'checks are');
    const r = await monitor.checkNow(article.id);
    const removal = r.removal;
    // What the check found, carried in the address it redirects to (no sessions): the page says it.
    const query = new URLSearchParams({ checked: r.outcome });
    if (r.versionOrdinal) query.set('version', String(r.versionOrdinal));
    // Recorded as removed, or back online, and since when the page was gone (as `stet check` says).
    if (removal) query.set(removal.kind, String(removal.removedAt));
    // Held for a confirming check (a cut, a page gone once): from when one confirms it.
    if (r.confirmableFrom !== null) query.set('confirmable', String(r.confirmableFrom));
    // The stored pages read again, as this release reads them differently (monitor/reread.ts).
    if (r.rereadVersions > 0) query.set('reread', String(r.rereadVersions));
    return c.redirect(`/articles/${article.id}?${query.toString()}`, 303);
  });

  pages.post('/articles/:id/pause', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    c.get('store').setArticleState(article.id, 'paused', Date.now());
    return c.redirect(`/articles/${article.id}`, 303);
  });

  pages.post('/articles/:id/resume', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    c.get('store').setArticleState(article.id, 'active', Date.now());
    c.get('monitor')?.poke();
    return c.redirect(`/articles/${article.id}`, 303);
  });

  pages.post('/articles/:id/interval', async (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const form = await c.req.parseBody();
    const value = typeof form.intervalMinutes === 'string' ? form.intervalMinutes.trim() : '';
    const minutes = queryInt(value, 5);
    if (minutes === null || minutes < 1 || minutes > LONGEST_BASE_INTERVAL_MINUTES) {
      throw new HttpError(400, 'bad_interval', `the check interval is a whole number of minutes from 1 to ${LONGEST_BASE_INTERVAL_MINUTES} (a week)`);
    }
    setCheckInterval(c.get('store'), { articleId: article.id, intervalMinutes: minutes, now: Date.now(), maxIntervalMinutes: c.get('config').MAX_INTERVAL_MINUTES });
    c.get('monitor')?.poke();
    return c.redirect(`/articles/${article.id}`, 303);
  });

  // Deleting takes the whole history with it: the button leads here first (the CSP allows no script for a confirm()).
  pages.get('/articles/:id/delete', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    return c.render(<DeleteArticlePage article={article} versionCount={store.countVersions(article.id)} />);
  });

  pages.post('/articles/:id/delete', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    c.get('store').deleteArticle(article.id);
    return c.redirect(`/articles?deleted=${article.id}`, 303);
  });

  // One version in full, with the versions beside it and its diffs.
  pages.get('/articles/:id/versions/:n', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    const raw = c.req.param('n');
    const n = queryInt(raw, 9);
    if (n === null || n < 1) throw badRequest(`"${raw}" is not a version number (versions are numbered 1, 2, 3…)`);
    const read = store.getVersionAndPrevious(article.id, n);
    if (!read) throw versionsNotFound(store, article.id, n, n, 'this article');
    const latestOrdinal = store.listVersionSummaries(article.id, { limit: 1 })[0]!.ordinal;
    const stealth = read.previous ? isStealthEdit(read.previous, read.version, store.updatedStampShownBefore(article.id, n)) : false;
    // The newest timeline page lists the newest TIMELINE_PAGE_SIZE versions; an older one, those below ?before= (QA: the
    // link to version 5 of 118 pointed into the newest page, which does not list it).
    const timelineHref = n > latestOrdinal - TIMELINE_PAGE_SIZE ? `/articles/${article.id}` : `/articles/${article.id}?before=${n + 1}`;
    return c.render(<VersionPage article={article} version={read.version} latestOrdinal={latestOrdinal} stealth={stealth} timelineHref={timelineHref} />);
  });

  // The version pickers submit here; answer with the canonical diff URL.
  pages.get('/articles/:id/diff', (c) => {
    const article = articleOr404(c.get('store'), c.req.param('id'));
    const latest = c.get('store').latestVersion(article.id);
    if (!latest) throw notFound(`versions of article ${article.id}`);
    // Empty means the default (the original, the latest); anything else must be a version number.
    const version = (value: string | undefined, fallback: number): number => {
      if (value === undefined || value === '') return fallback;
      const ordinal = queryInt(value, 9);
      if (ordinal === null || ordinal < 1) throw new HttpError(400, 'bad_range', `"${value}" is not a version number (versions are numbered 1, 2, 3…)`);
      return ordinal;
    };
    const from = version(c.req.query('from'), 1);
    const to = version(c.req.query('to'), latest.ordinal);
    const changesOnly = c.req.query('changes') === 'only' ? '&changes=only' : '';
    return c.redirect(`/articles/${article.id}/diff/${from}..${to}?layout=${layoutOf(c.req.query('layout'))}${changesOnly}`, 303);
  });

  pages.get('/articles/:id/diff/:range', (c) => {
    const store = c.get('store');
    const article = articleOr404(store, c.req.param('id'));
    const match = /^(\d{1,9})\.\.(\d{1,9})$/.exec(c.req.param('range'));
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new HttpError(400, 'bad_range', 'a diff range looks like 1..3 (from version 1 to version 3; versions are numbered from 1)');
    const loaded = loadDiff(store, article.id, Number(match[1]), Number(match[2]));
    if (!loaded) throw versionsNotFound(store, article.id, Number(match[1]), Number(match[2]), 'this article');
    // Versions are numbered 1 to the latest without gaps: the latest's number bounds the pickers.
    const latestOrdinal = store.listVersionSummaries(article.id, { limit: 1 })[0]!.ordinal;
    const stampShownBefore = store.updatedStampShownBefore(article.id, loaded.from.ordinal + 1);
    return c.render(<DiffPage article={article} latestOrdinal={latestOrdinal} updatedStampShownBefore={stampShownBefore} loaded={loaded} layout={layoutOf(c.req.query('layout'))} changesOnly={c.req.query('changes') === 'only'} />);
  });

  return pages;
}

/** A `?before=` value of the watch list (and of GET /api/articles): `<createdAt epoch ms>-<id>` (articleCursor); null when it is not one. */
export function parseArticleCursor(raw: string): ArticleCursor | null {
  const cursor = parseTimeAndId(raw);
  return cursor && { createdAt: cursor.at, id: cursor.id };
}

/** The cursor after `article`, as the "Older articles" link (and the API's `next`) carries it. */
export function articleCursor(article: ArticleCursor): string {
  return `${article.createdAt}-${article.id}`;
}

/**
 * One page of the watch list (of one source's articles, with `sourceId`)
 * and the links around it, which keep the source filter: "Older articles"
 * when the page is full, the newest page when this is not it.
 */
function watchListPage(store: Store, options: { sourceId?: number; before?: ArticleCursor | undefined }): Pick<ArticlesPageProps, 'articles' | 'olderHref' | 'newestHref' | 'siteWaits'> {
  const { sourceId, before } = options;
  const articles = store.listArticles({ limit: WATCH_LIST_PAGE_SIZE, ...(sourceId === undefined ? {} : { sourceId }), ...(before === undefined ? {} : { before }) });
  const link = (cursor?: ArticleCursor) => {
    const query = new URLSearchParams();
    if (sourceId !== undefined) query.set('source', String(sourceId));
    if (cursor) query.set('before', articleCursor(cursor));
    return query.size === 0 ? '/articles' : `/articles?${query.toString()}`;
  };
  return {
    articles,
    siteWaits: siteWaits(store, articles),
    olderHref: articles.length === WATCH_LIST_PAGE_SIZE ? link(articles.at(-1)) : null,
    newestHref: before === undefined ? null : link(),
  };
}

/**
 * One page of an article's timeline: the newest TIMELINE_PAGE_SIZE versions
 * numbered below `before` (all the newest without it), oldest first, each
 * with its stealth-edit mark as the whole history marks it, the latest
 * version (the page's facts, and the count), and the links around it:
 * "Older versions" when older ones exist, the newest page when this is not it.
 */
function timelinePage(store: Store, articleId: number, before: number | undefined): Timeline {
  // One more than shown: the version before the page's oldest, which its stealth mark compares with, and whether there are older ones.
  const read = store.listVersionSummaries(articleId, { limit: TIMELINE_PAGE_SIZE + 1, ...(before === undefined ? {} : { before }) });
  const versions = read.slice(0, TIMELINE_PAGE_SIZE).reverse();
  const oldest = versions[0];
  const stealth = stealthEdits(versions, { previous: read[TIMELINE_PAGE_SIZE], updatedStampShownBefore: oldest !== undefined && store.updatedStampShownBefore(articleId, oldest.ordinal) });
  return {
    versions,
    stealth,
    latest: before === undefined ? versions.at(-1) : store.listVersionSummaries(articleId, { limit: 1 })[0],
    olderHref: read.length > TIMELINE_PAGE_SIZE ? `/articles/${articleId}?before=${oldest!.ordinal}` : null,
    newestHref: before === undefined ? null : `/articles/${articleId}`,
  };
}

/**
 * What "Check now" found, in words, from what its redirect carries: the
 * outcome, the version stored, a removal recorded or ended (`removed` /
 * `restored`: when the page was first found gone) and, for a change or a
 * removal waiting for its confirming check, from when one confirms it
 * (`confirmable`), how many versions' stored pages were read again (`reread`); undefined without an outcome.
 * Anyone can make such a link, so what the article's rows can confirm is said
 * only when they do: a version stored is one of this article's (the first, or
 * a later one for a new version), else no notice at all; a removal recorded
 * or ended is one of its removals, else that sentence is left out.
 */
function checkNotice(query: Record<string, string>, article: { latestOrdinal: number; removals: RemovalRow[]; paused: boolean }): string | undefined {
  const ordinal = queryInt(query.version, 9);
  // Versions are numbered 1 to the latest without gaps.
  const stored = ordinal !== null && ordinal >= 1 && ordinal <= article.latestOrdinal;
  const confirmable = queryInt(query.confirmable);
  const removedAt = queryInt(query.removed);
  const restoredAt = queryInt(query.restored);
  const removed = removedAt !== null && article.removals.some((r) => r.removedAt === removedAt) ? removedAt : null;
  const restored = restoredAt !== null && article.removals.some((r) => r.removedAt === restoredAt && r.restoredAt !== null) ? restoredAt : null;
  let found: string;
  switch (query.checked) {
    case 'first-version':
      if (!stored || ordinal !== 1) return undefined;
      found = `Checked: the first version is stored (version ${ordinal}).`;
      break;
    case 'new-version':
      if (!stored || ordinal < 2) return undefined;
      found = `Checked: the article changed; a new version is stored (version ${ordinal}).`;
      break;
    case 'unchanged': case 'same-bytes': case 'not-modified': found = 'Checked: no change.'; break;
    case 'stamp-only': found = 'Checked: only the publisher\'s "updated" stamp moved.'; break;
    case 'unconfirmed':
      found = confirmable === null
        ? 'Checked: most of the article\'s text is gone or replaced; stet looks again in a few minutes before storing that.'
        : `Checked: most of the article's text is gone or replaced, which a passing glitch (a consent or error page) also does; stet stores that as a version if a check from ${whenText(confirmable)} on still finds it so.`;
      break;
    case 'failed': found = 'Checked: the check failed; the reason is below.'; break;
    default: return undefined;
  }
  if (removed !== null) found += ` The page is recorded as removed from the site, gone since ${whenText(removed)}.`;
  else if (restored !== null) found += ` The page is back online after its removal on ${whenText(restored)}.`;
  else if (query.checked === 'failed' && confirmable !== null) found += ` It is recorded as removed if a check from ${whenText(confirmable)} on still finds it gone.`;
  // A paused article has no next check: one asked for settles it (as `stet check` says; a review).
  if (article.paused && confirmable !== null && (query.checked === 'unconfirmed' || (query.checked === 'failed' && removed === null && restored === null))) {
    found += ' Watching is paused: "Check now" from then on, or "Resume watching", settles it.';
  }
  const reread = queryInt(query.reread, 9);
  if (reread !== null && reread > 0) {
    found += ` This release of stet reads the ${reread === 1 ? 'page it kept' : 'pages it kept'} differently: it read ${reread === 1 ? 'the latest version' : `${reread} versions`} again and compared with that reading.`;
  }
  return found;
}
