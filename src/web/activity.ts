/**
 * What the home page and the feeds list: revisions, and the times a watched
 * page went away and came back (store removals), newest first. A pulled
 * story is the largest edit of all; a reader of the feed hears of it like
 * any other change.
 */
import type { RemovalEvent, RemovalRow, Revision, Store } from '../db/store.ts';
import { escapeHtml } from '../diff/render.ts';
import type { FeedItem } from './feeds.ts';
import { articleFeedKey, revisionFeedItems } from './revisions.ts';
import { whenText } from './when.ts';

/**
 * One listed item, dated by when stet published it: a revision when its
 * version was stored (`recordedAt`: for a drastic cut, the second check that
 * found the article cut down), a removal when it was recorded (`confirmedAt`:
 * the second check that found the page gone), a return when the page
 * answered again. Not when either was first seen (a cut's `firstSeenAt`, a
 * removal's `removedAt`, ten minutes or more earlier): dated so, it was
 * listed below every revision stored in between, fell out of the newest 50
 * before anyone could see it, and a feed reader's ETag still matched.
 */
export type Activity =
  | { kind: 'revision'; at: number; revision: Revision }
  | { kind: 'removed' | 'restored'; at: number; event: RemovalEvent };

/** An item's place in every listing (newestFirst). */
interface Position {
  at: number;
  kind: Activity['kind'];
  /** The row that tells items of one time and kind apart: the version, or the removal. */
  id: number;
}

/**
 * Where a page of activity ended, for the next page: the last item listed,
 * named by its time, kind and id, so that items sharing its millisecond are
 * told apart (with the time alone, those after a page boundary within one
 * millisecond were never listed). A time alone, from an old `?before=<ms>`
 * link, stands before everything at that time.
 */
export type ActivityCursor = Position | { at: number; kind?: undefined };

// At one time: revisions, then a page back before the removal that it ends.
const RANK = { revision: 0, restored: 1, removed: 2 } as const;

/** The order of every listing, newest first, and total: time, then kind, then the newer row first. */
function newestFirst(a: Position, b: Position): number {
  return b.at - a.at || RANK[a.kind] - RANK[b.kind] || b.id - a.id;
}

function positionOf(item: Activity): Position {
  return { at: item.at, kind: item.kind, id: item.kind === 'revision' ? item.revision.version.id : item.event.removal.id };
}

/** Whether `item` comes after the cursor, so on the page that starts there. */
function isAfter(item: Activity, cursor: ActivityCursor): boolean {
  return cursor.kind === undefined ? item.at < cursor.at : newestFirst(cursor, positionOf(item)) < 0;
}

/** The cursor after `item`, as the "Older revisions" link carries it: `<epoch ms>-<kind>-<id>` (parseActivityCursor reads it back). */
export function activityCursor(item: Activity): string {
  const { at, kind, id } = positionOf(item);
  return `${at}-${kind}-${id}`;
}

/** A `?before=` value: `<epoch ms>-<kind>-<id>` (activityCursor), or an epoch ms alone as older links give; null when it is neither. */
export function parseActivityCursor(raw: string): ActivityCursor | null {
  const match = /^(\d{1,15})(?:-(revision|restored|removed)-(\d{1,15}))?$/.exec(raw);
  if (!match) return null;
  const at = Number(match[1]);
  return match[2] === undefined ? { at } : { at, kind: match[2] as Position['kind'], id: Number(match[3]) };
}

/**
 * The latest `limit` revisions and removal events, of one article or all,
 * newest first; with `before`, those after that cursor (activityCursor): the
 * next page of an older listing. Revisions that only retypeset (quotes,
 * dashes, spaces: the summary's `boring`) are left out: announced, they are
 * false alarms; the article's timeline and the API keep them.
 */
export function recentActivity(store: Store, options: { limit: number; articleId?: number; before?: ActivityCursor }): Activity[] {
  const { limit, articleId, before } = options;
  const scope = articleId === undefined ? {} : { articleId };
  // The store's `before` is a time alone, strictly before it: everything older than the cursor's millisecond…
  const items = activityBefore(store, { limit, ...scope, ...(before === undefined ? {} : { before: before.at }) });
  // …and, for a cursor that names an item, the rest of its own millisecond.
  if (before?.kind !== undefined) items.push(...activityAt(store, before.at, scope).filter((item) => isAfter(item, before)));
  return items.sort((a, b) => newestFirst(positionOf(a), positionOf(b))).slice(0, limit);
}

/** The latest `limit` items dated strictly before `before` (epoch ms), or the latest of all, in no particular order. */
function activityBefore(store: Store, options: { limit: number; articleId?: number; before?: number }): Activity[] {
  return [
    ...revisionItems(store.recentRevisions({ ...options, skipTypographyOnly: true })),
    ...removalItems(store.recentRemovals(options), options.before ?? Infinity),
  ];
}

/**
 * Every item dated exactly `at`, however many: the store lists rows up to
 * `at` newest first, so those of `at` come first; it is asked for more until
 * an older row comes back, or nothing more does.
 */
function activityAt(store: Store, at: number, scope: { articleId?: number }): Activity[] {
  const upTo = { ...scope, before: at + 1 };
  const revisions = rowsUntilOlder((limit) => store.recentRevisions({ limit, ...upTo, skipTypographyOnly: true }), (r) => r.version.recordedAt, at);
  // A removal's latest event up to `at`, as the store orders them: the page back, else the removal recorded.
  const removals = rowsUntilOlder((limit) => store.recentRemovals({ limit, ...upTo }), ({ removal: r }) => (r.restoredAt !== null && r.restoredAt <= at ? r.restoredAt : r.confirmedAt), at);
  return [...revisionItems(revisions), ...removalItems(removals, at + 1)].filter((item) => item.at === at);
}

function rowsUntilOlder<T>(query: (limit: number) => T[], timeOf: (row: T) => number, at: number): T[] {
  for (let limit = 64; ; limit *= 4) {
    const rows = query(limit);
    if (rows.length < limit || timeOf(rows.at(-1)!) < at) return rows;
  }
}

function revisionItems(revisions: Revision[]): Activity[] {
  return revisions.map((revision) => ({ kind: 'revision', at: revision.version.recordedAt, revision }));
}

/** A removal's events dated before `before`: the removal when recorded, and the page back if it came back by then. */
function removalItems(events: RemovalEvent[], before: number): Activity[] {
  return events.flatMap((event): Activity[] => [
    { kind: 'removed', at: event.removal.confirmedAt, event },
    ...(event.removal.restoredAt !== null && event.removal.restoredAt < before ? [{ kind: 'restored' as const, at: event.removal.restoredAt, event }] : []),
  ]);
}

/**
 * The listing in rows: each removal alone, and consecutive revisions of one
 * article together (a live page checked every few minutes would fill the
 * page): the newest shown, the ones before it folded beneath. Every item keeps
 * its own row and link. The home page pages by rows (activityPage).
 */
export function activityRows(activity: Activity[]): Activity[][] {
  const rows: Activity[][] = [];
  for (const item of activity) {
    const last = rows.at(-1)?.[0];
    if (item.kind === 'revision' && last?.kind === 'revision' && last.revision.article.id === item.revision.article.id) rows.at(-1)!.push(item);
    else rows.push([item]);
  }
  return rows;
}

/**
 * A page of the home page: `rows` rows of activity before the cursor (a live
 * page's run of revisions is one row, however long), read from at most
 * `rows` × ITEMS_PER_ROW items; `more` when older activity follows (a run cut
 * by that limit goes on on the next page).
 */
export function activityPage(store: Store, options: { rows: number; before?: ActivityCursor }): { rows: Activity[][]; more: boolean } {
  const limit = options.rows * ITEMS_PER_ROW;
  // One item more than is shown, to know whether anything older follows.
  const read = recentActivity(store, { limit: limit + 1, ...(options.before === undefined ? {} : { before: options.before }) });
  const rows = activityRows(read.slice(0, limit));
  if (rows.length > options.rows) return { rows: rows.slice(0, options.rows), more: true };
  return { rows, more: read.length > limit };
}

/** Items read for a row of the home page, at most, on average: ten revisions of one live page fold into one. */
const ITEMS_PER_ROW = 10;

/** Stored facts that identify a list of activity (for a feed's ETag). */
export function activityKeys(items: Activity[]): unknown[] {
  return items.map((i) =>
    i.kind === 'revision'
      ? [i.revision.article.id, i.revision.version.id, i.revision.version.fingerprint, i.revision.version.rereadAt]
      : [i.kind, i.event.article.id, i.event.removal.id, i.at],
  );
}

/** What the page answered: "HTTP 410 Gone", or "a redirect (HTTP 301) to https://…/" for a page redirected away. */
export function goneAnswer(removal: Pick<RemovalRow, 'status' | 'redirectedTo'>): string {
  if (removal.redirectedTo !== null) return `a redirect (HTTP ${removal.status}) to ${removal.redirectedTo}`;
  // A "not found" page served as a page (monitor/gone.ts notFoundPageTitle).
  if (removal.status !== null && removal.status < 300) return `a "not found" page (HTTP ${removal.status})`;
  return `HTTP ${removal.status} ${removal.status === 410 ? 'Gone' : removal.status === 404 ? 'Not Found' : ''}`.trim();
}

/** One line on a removal: "removed from the site (HTTP 410 Gone on checks minutes apart), gone since …", "back on the site, away since …". */
export function describeRemoval(removal: RemovalRow, kind: 'removed' | 'restored'): string {
  return kind === 'removed'
    ? `removed from the site (${goneAnswer(removal)} on checks minutes apart), gone since ${whenText(removal.removedAt)}`
    : `back on the site, away since ${whenText(removal.removedAt)}`;
}


/**
 * A removal's feed GUID: stored facts only (the article's URL, when the page
 * went away, which event), so it never changes between fetches, when
 * BASE_URL does, or when the database moves by export and import (row ids
 * do; removedAt travels to the millisecond).
 */
export function removalGuid(event: RemovalEvent, kind: 'removed' | 'restored'): string {
  const base = `urn:stet:${articleFeedKey(event.article)}:removal:${event.removal.removedAt}`;
  return kind === 'removed' ? base : `${base}:restored`;
}

function removalFeedItem(baseUrl: string, event: RemovalEvent, kind: 'removed' | 'restored', at: number): FeedItem {
  const { article, removal } = event;
  const name = article.title ?? article.url;
  const link = `${baseUrl}/articles/${article.id}`;
  const url = `<a href="${escapeHtml(article.url)}">${escapeHtml(article.url)}</a>`;
  const last = `<a href="${escapeHtml(`${link}#v${removal.versionOrdinal}`)}">version ${removal.versionOrdinal}</a>`;
  const contentHtml =
    kind === 'removed'
      ? `<p>The page ${url} answered ${escapeHtml(goneAnswer(removal))} when stet checked it at ${new Date(removal.removedAt).toISOString()} ` +
        `and again at ${new Date(removal.confirmedAt).toISOString()}. stet keeps every version it saw; the last was ${last}. ` +
        `It goes on checking and will say so if the page comes back.</p>`
      : `<p>The page ${url}, away since ${new Date(removal.removedAt).toISOString()}, answered again at ${new Date(at).toISOString()}. ` +
        `If its text changed meanwhile, the change is a new version after ${last}.</p>`;
  return {
    guid: removalGuid(event, kind),
    title: `${kind === 'removed' ? 'Removed' : 'Back online'}: ${name}`,
    link: `${link}#removal-${removal.id}`,
    externalUrl: article.url,
    date: new Date(at),
    summary: describeRemoval(removal, kind),
    contentHtml,
  };
}

export function activityFeedItems(store: Store, baseUrl: string, items: Activity[]): FeedItem[] {
  return items.flatMap((i) =>
    i.kind === 'revision' ? revisionFeedItems(store, baseUrl, [i.revision]) : [removalFeedItem(baseUrl, i.event, i.kind, i.at)],
  );
}
