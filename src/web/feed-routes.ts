/**
 * Feed routes: each gathers revisions and removals (activity.ts) and calls a pure
 * serializer (STYLE 7). Feed readers poll often and the items change only
 * when a new version lands (or a newer stet reads the stored pages again,
 * monitor/reread.ts: the version's `rereadAt`), so each answer carries a strong ETag derived from
 * the items it lists (RFC 9110 §8.8.3); a matching If-None-Match gets a
 * 304 before any diff is computed.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { activityFeedItems, activityKeys, recentActivity, type Activity } from './activity.ts';
import type { AppEnv } from './context.ts';
import { articleOr404 } from './lookup.ts';
import { toAtom, toJsonFeed, toRss, type FeedChannel } from './feeds.ts';
import { articleFeedKey } from './revisions.ts';

/** The id of the feed of every article (Atom <id>); one article's is `urn:stet:<key>`, the key its items' GUIDs start with. */
const ALL_ARTICLES_FEED_ID = 'urn:stet:all';

const FEED_SIZE = 50;

const FORMATS = {
  'feed.xml': { serialize: toRss, type: 'application/rss+xml; charset=utf-8' },
  'feed.atom': { serialize: toAtom, type: 'application/atom+xml; charset=utf-8' },
  'feed.json': { serialize: toJsonFeed, type: 'application/feed+json; charset=utf-8' },
} as const;
type FeedFile = keyof typeof FORMATS;

function send(c: Context<AppEnv>, file: FeedFile, channel: FeedChannel, activity: Activity[]) {
  const format = FORMATS[file];
  const base = c.get('config').BASE_URL;
  const etag =
    '"' +
    createHash('sha256')
      .update(JSON.stringify([file, base, channel.id, channel.title, channel.since?.getTime() ?? null, activityKeys(activity)]))
      .digest('base64url')
      .slice(0, 27) +
    '"';
  const headers = { etag, 'cache-control': 'no-cache' };
  const ifNoneMatch = c.req.header('if-none-match');
  // "*" matches any current representation (RFC 9110 §13.1.2), and a feed always has one.
  if (ifNoneMatch && (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))) return c.body(null, 304, headers);
  const items = activityFeedItems(c.get('store'), base, activity);
  return c.body(format.serialize(channel, items), 200, { ...headers, 'content-type': format.type });
}

export function feedRoutes() {
  const feeds = new Hono<AppEnv>();
  for (const file of Object.keys(FORMATS) as FeedFile[]) {
    feeds.get(`/${file}`, (c) => {
      const base = c.get('config').BASE_URL;
      const activity = recentActivity(c.get('store'), { limit: FEED_SIZE });
      // Dated by its items; with none yet (only then is the list read), by the first article watched.
      const firstWatched = activity.length === 0 ? c.get('store').firstWatchedAt() : null;
      return send(c, file, {
        id: ALL_ARTICLES_FEED_ID,
        title: 'stet: article revisions',
        link: `${base}/`,
        selfUrl: `${base}/${file}`,
        description: 'Every change stet has seen in the articles it watches, and every page that went away.',
        since: firstWatched === null ? null : new Date(firstWatched),
      }, activity);
    });
    feeds.get(`/articles/:id{[0-9]+}/${file}`, (c) => {
      const base = c.get('config').BASE_URL;
      const store = c.get('store');
      const article = articleOr404(store, c.req.param('id'));
      const activity = recentActivity(store, { limit: FEED_SIZE, articleId: article.id });
      return send(c, file, {
        id: `urn:stet:${articleFeedKey(article)}`,
        title: `stet: ${article.title ?? article.url}`,
        link: `${base}/articles/${article.id}`,
        selfUrl: `${base}/articles/${article.id}/${file}`,
        description: `Revisions of ${article.url}`,
        // Before its first revision: when it was first watched, not 1970.
        since: new Date(article.createdAt),
      }, activity);
    });
  }
  return feeds;
}
