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

/**
 * One listed item, dated by when stet published it: a revision when its
 * version was first seen, a removal when it was recorded (`confirmedAt`: the
 * second check that found the page gone), a return when the page answered
 * again. Not a removal's `removedAt` (the first 404, ten minutes or more
 * earlier): dated so, a removal was listed below every revision seen in
 * between and fell out of the newest 50 before anyone could see it.
 */
export type Activity =
  | { kind: 'revision'; at: number; revision: Revision }
  | { kind: 'removed' | 'restored'; at: number; event: RemovalEvent };

/**
 * The latest `limit` revisions and removal events, of one article or all,
 * newest first; with `before` (epoch ms), those dated before that time: the
 * next page of an older listing. Revisions that only retypeset (quotes,
 * dashes, spaces: the summary's `boring`) are left out: announced, they are
 * false alarms; the article's timeline and the API keep them.
 */
export function recentActivity(store: Store, options: { limit: number; articleId?: number; before?: number }): Activity[] {
  const before = options.before ?? Infinity;
  const items: Activity[] = store.recentRevisions({ ...options, skipTypographyOnly: true }).map((revision) => ({ kind: 'revision', at: revision.version.firstSeenAt, revision }));
  for (const event of store.recentRemovals(options)) {
    items.push({ kind: 'removed', at: event.removal.confirmedAt, event });
    if (event.removal.restoredAt !== null && event.removal.restoredAt < before) items.push({ kind: 'restored', at: event.removal.restoredAt, event });
  }
  // Newest first; at equal times a removal before the restoration that ends it.
  const rank = { revision: 0, restored: 1, removed: 2 } as const;
  return items.sort((a, b) => b.at - a.at || rank[a.kind] - rank[b.kind]).slice(0, options.limit);
}

/** Stored facts that identify a list of activity (for a feed's ETag). */
export function activityKeys(items: Activity[]): unknown[] {
  return items.map((i) =>
    i.kind === 'revision'
      ? [i.revision.article.id, i.revision.version.id, i.revision.version.fingerprint]
      : [i.kind, i.event.article.id, i.event.removal.id, i.at],
  );
}

/** What the page answered: "HTTP 410 Gone", or "a redirect (HTTP 301) to https://…/" for a page redirected away. */
export function goneAnswer(removal: Pick<RemovalRow, 'status' | 'redirectedTo'>): string {
  if (removal.redirectedTo !== null) return `a redirect (HTTP ${removal.status}) to ${removal.redirectedTo}`;
  return `HTTP ${removal.status} ${removal.status === 410 ? 'Gone' : removal.status === 404 ? 'Not Found' : ''}`.trim();
}

/** One line on a removal: "removed from the site (HTTP 410 Gone on checks minutes apart), gone since …", "back on the site, away since …". */
export function describeRemoval(removal: RemovalRow, kind: 'removed' | 'restored'): string {
  return kind === 'removed'
    ? `removed from the site (${goneAnswer(removal)} on checks minutes apart), gone since ${minuteUtc(removal.removedAt)}`
    : `back on the site, away since ${minuteUtc(removal.removedAt)}`;
}

/** "2026-01-15 09:03 UTC", as the pages show times. */
function minuteUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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
