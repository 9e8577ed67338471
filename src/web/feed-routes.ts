/**
 * Feed routes: each gathers revisions from the store and calls a pure
 * serializer (STYLE 7).
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from './context.ts';
import { notFound } from './errors.ts';
import { toAtom, toJsonFeed, toRss, type FeedChannel, type FeedItem } from './feeds.ts';
import { revisionFeedItems } from './revisions.ts';

const FEED_SIZE = 50;

const FORMATS = {
  'feed.xml': { serialize: toRss, type: 'application/rss+xml; charset=utf-8' },
  'feed.atom': { serialize: toAtom, type: 'application/atom+xml; charset=utf-8' },
  'feed.json': { serialize: toJsonFeed, type: 'application/feed+json; charset=utf-8' },
} as const;

function send(c: Context<AppEnv>, file: keyof typeof FORMATS, channel: FeedChannel, items: FeedItem[]) {
  const format = FORMATS[file];
  return c.body(format.serialize(channel, items), 200, { 'content-type': format.type });
}

export function feedRoutes() {
  const feeds = new Hono<AppEnv>();
  for (const file of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
    feeds.get(`/${file}`, (c) => {
      const base = c.get('config').BASE_URL;
      const store = c.get('store');
      const items = revisionFeedItems(store, base, store.recentRevisions({ limit: FEED_SIZE }));
      return send(c, file, { title: 'stet: article revisions', link: `${base}/`, selfUrl: `${base}/${file}`, description: 'Every change stet has seen in the articles it watches.' }, items);
    });
    feeds.get(`/articles/:id{[0-9]+}/${file}`, (c) => {
      const base = c.get('config').BASE_URL;
      const store = c.get('store');
      const article = store.getArticle(Number(c.req.param('id')));
      if (!article) throw notFound(`article ${c.req.param('id')}`);
      const items = revisionFeedItems(store, base, store.recentRevisions({ limit: FEED_SIZE, articleId: article.id }));
      return send(c, file, {
        title: `stet: ${article.title ?? article.url}`,
        link: `${base}/articles/${article.id}`,
        selfUrl: `${base}/articles/${article.id}/${file}`,
        description: `Revisions of ${article.url}`,
      }, items);
    });
  }
  return feeds;
}
