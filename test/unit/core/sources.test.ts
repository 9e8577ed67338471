/**
 * Sources (monitor/sources.ts): feeds and sitemaps that bring new articles
 * in, read against a real HTTP server on 127.0.0.1 that changes between
 * reads, with a fresh in-memory store and the test's clock.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../../src/db/store.ts';
import { RobotsCache } from '../../../src/fetch/politeness.ts';
import { Monitor } from '../../../src/monitor/scheduler.ts';
import { checkSource } from '../../../src/monitor/sources.ts';
import { setReadInterval, watchSource } from '../../../src/monitor/watch.ts';
import { html, until } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

const t = storeAndSite({ ALLOW_PRIVATE_NETWORKS: 'true', CHECK_INTERVAL_MINUTES: '30', SOURCE_INTERVAL_MINUTES: '15' }, { clockStart: T0 });
const { clock } = t;

interface Item {
  path: string;
  published?: number;
}

/** An RSS feed of `items` (newest first, as feeds list them), with an ETag that changes with its content. */
function rss(res: ServerResponse, origin: string, items: Item[], reqEtag?: string): void {
  const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>The Courier</title>${items
    .map((i) => `<item><title>Story ${i.path}</title><link>${origin}${i.path}</link>${i.published ? `<pubDate>${new Date(i.published).toUTCString()}</pubDate>` : ''}</item>`)
    .join('')}</channel></rss>`;
  const etag = `"${items.map((i) => i.path).join(',')}"`;
  if (reqEtag === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
}

async function feedSite(items: Item[]): Promise<{ source: SourceRow; items: Item[] }> {
  await t.serve((req, res) => (req.url === '/feed.xml' ? rss(res, t.site.origin, items, req.headers['if-none-match']) : html(res, '<p>story</p>')));
  const { source } = watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
  return { source, items };
}

const read = async (sourceId: number, ctx = t.checkContext()) => checkSource(ctx, t.store.getSource(sourceId)!);
const watchedPaths = () => t.store.listArticles().map((a) => new URL(a.url).pathname).sort();

describe('a feed brings its new articles into the watch list', () => {
  it('each new link is watched, due now, at the service check interval; the next read adds only what is new', async () => {
    const { source, items } = await feedSite([{ path: '/news/b', published: T0 - HOUR }, { path: '/news/a', published: T0 - 2 * HOUR }]);
    const first = await read(source.id);
    expect(first).toMatchObject({ outcome: 'listed', kind: 'feed', listed: 2, added: 2, error: null, nextCheckAt: T0 + 15 * MINUTE });
    expect(watchedPaths()).toEqual(['/news/a', '/news/b']);
    expect(t.store.listArticles().every((a) => a.intervalMinutes === 30 && a.nextCheckAt === T0)).toBe(true);
    expect(t.store.getSource(source.id)).toMatchObject({ kind: 'feed', title: 'The Courier', articlesAdded: 2, lastCheckedAt: T0, failureCount: 0 });

    clock.t += 15 * MINUTE;
    items.unshift({ path: '/news/c', published: clock.t - MINUTE });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 3, added: 1 });
    expect(watchedPaths()).toEqual(['/news/a', '/news/b', '/news/c']);
    expect(t.store.getSource(source.id)?.articlesAdded).toBe(3);
  });

  it('an article deleted from the watch list is not brought back while the feed still lists it', async () => {
    const { source, items } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    await read(source.id);
    t.store.deleteArticle(t.store.listArticles()[0]!.id);
    clock.t += 15 * MINUTE;
    items.unshift({ path: '/news/b', published: clock.t - MINUTE });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 2, added: 1 });
    expect(watchedPaths()).toEqual(['/news/b']);
  });

  it('an article deleted from the watch list is not brought back by another source listing it, nor by the same source removed and added again; watching it by hand clears that', async () => {
    const { source, items } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    await read(source.id);
    t.store.deleteArticle(t.store.listArticles()[0]!.id);
    t.store.deleteSource(source.id);
    const { source: again } = watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    items.unshift({ path: '/news/b', published: T0 - MINUTE });
    expect(await read(again.id)).toMatchObject({ outcome: 'listed', listed: 2, added: 1 });
    expect(watchedPaths()).toEqual(['/news/b']);
    t.store.addArticle({ url: `${t.site.origin}/news/a`, intervalMinutes: 30, now: T0 });
    expect(watchedPaths()).toEqual(['/news/a', '/news/b']);
  });

  it('a link already watched by hand is left as it is (its interval too) and not counted as added', async () => {
    const { source } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    t.store.addArticle({ url: `${t.site.origin}/news/a`, intervalMinutes: 5, now: T0 - HOUR });
    expect(await read(source.id)).toMatchObject({ added: 0 });
    expect(t.store.listArticles().map((a) => a.intervalMinutes)).toEqual([5]);
  });

  it('links the feed dates older than SOURCE_MAX_AGE_HOURS are not news: remembered, never watched, even once the limit is raised', async () => {
    const { source } = await feedSite([{ path: '/news/new', published: T0 - HOUR }, { path: '/news/old', published: T0 - 72 * HOUR }, { path: '/news/undated' }]);
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_AGE_HOURS: '48' }))).toMatchObject({ listed: 3, added: 2 });
    expect(watchedPaths()).toEqual(['/news/new', '/news/undated']);
    clock.t += 15 * MINUTE;
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_AGE_HOURS: '1000' }))).toMatchObject({ added: 0 });
  });

  it('at most SOURCE_MAX_NEW_ARTICLES per read, newest first; the rest come at the next read (unconditional: the feed did not change)', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ path: `/news/${i}`, published: T0 - (i + 1) * MINUTE }));
    const { source } = await feedSite(items);
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({ listed: 5, added: 2 });
    expect(watchedPaths()).toEqual(['/news/0', '/news/1']);
    clock.t += 15 * MINUTE;
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({ added: 2 });
    expect(watchedPaths()).toEqual(['/news/0', '/news/1', '/news/2', '/news/3']);
  });

  it('is read conditionally: an unchanged feed answers 304 and costs nothing', async () => {
    const { source } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    await read(source.id);
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'unchanged', added: 0, nextCheckAt: clock.t + 15 * MINUTE });
    expect(t.site.requests.at(-1)?.headers['if-none-match']).toBe('"/news/a"');
  });
});

describe('what a source may be', () => {
  it('a front page is replaced by the feed it announces (<link rel=alternate>)', async () => {
    await t.serve((req, res) => {
      if (req.url === '/') return html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Front</body></html>');
      if (req.url === '/feed.xml') return rss(res, t.site.origin, [{ path: '/news/a', published: T0 - HOUR }]);
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', kind: 'feed', added: 1 });
    // The source keeps the address it was given (adding the front page again finds it) and reads the feed from now on.
    expect(t.store.getSource(source.id)).toMatchObject({ url: `${t.site.origin}/`, feedUrl: `${t.site.origin}/feed.xml` });
    expect(watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 })).toMatchObject({ created: false, source: { id: source.id } });
    expect(watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 })).toMatchObject({ created: false, source: { id: source.id } });
    clock.t += 15 * MINUTE;
    await read(source.id);
    expect(t.site.requests.map((r) => r.path)).toEqual(['/', '/feed.xml', '/feed.xml']);
  });

  it("the feed a front page announces answering 429 with Retry-After: the read's failure carries it (its next read waits), as the page's own would", async () => {
    await t.serve((req, res) => {
      if (req.url === '/') return html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Front</body></html>');
      return void res.writeHead(429, { 'retry-after': '7200' }).end();
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    const result = await read(source.id);
    expect(result).toMatchObject({ outcome: 'failed', status: 429, retryAfterSeconds: 7200 });
    expect(result.nextCheckAt).toBeGreaterThanOrEqual(clock.t + 2 * HOUR);
  });

  it('a child sitemap answering 429 ends the read there: no other child is asked, and the failure carries the Retry-After', async () => {
    await t.serve((req, res) => {
      if (req.url === '/sitemap.xml') {
        return res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex>${[1, 2, 3].map((d) => `<sitemap><loc>${t.site.origin}/sitemap-${d}.xml</loc><lastmod>2026-11-2${6 + d}</lastmod></sitemap>`).join('')}</sitemapindex>`);
      }
      return void res.writeHead(429, { 'retry-after': '600' }).end();
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'failed', status: 429, retryAfterSeconds: 600 });
    expect(t.site.requests.map((r) => r.path)).toEqual(['/sitemap.xml', '/sitemap-3.xml']);
  });

  it('a sitemap index is read through its most recently changed child sitemaps; a child read for the first time brings in only what it dates as news', async () => {
    const extra: string[] = [];
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      if (req.url === '/sitemap.xml') {
        return xml(`<sitemapindex><sitemap><loc>${t.site.origin}/sitemap-2019.xml</loc><lastmod>2019-01-01</lastmod></sitemap>${[1, 2, 3].map((d) => `<sitemap><loc>${t.site.origin}/sitemap-nov-${d}.xml</loc><lastmod>2026-11-2${6 + d}</lastmod></sitemap>`).join('')}</sitemapindex>`);
      }
      const day = /sitemap-nov-(\d)\.xml/.exec(req.url ?? '')?.[1];
      if (day) {
        const undated = [`/news/nov-${day}`, ...(day === '3' ? extra : [])].map((p) => `<url><loc>${t.site.origin}${p}</loc></url>`);
        const dated = day === '3' ? `<url><loc>${t.site.origin}/news/dated-today</loc><lastmod>2026-11-29T10:00:00Z</lastmod></url>` : '';
        return xml(`<urlset>${dated}${undated.join('')}</urlset>`);
      }
      if (req.url === '/sitemap-2019.xml') return xml(`<urlset><url><loc>${t.site.origin}/news/2019</loc></url></urlset>`);
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    clock.t = Date.UTC(2026, 10, 29, 12);
    // First read: the undated links of children never read before may be years old; the dated one from today is news.
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', kind: 'sitemap-index', listed: 4, added: 1 });
    expect(watchedPaths()).toEqual(['/news/dated-today']);
    expect(t.site.requests.map((r) => r.path)).not.toContain('/sitemap-2019.xml');
    // A link that appears later in a child read before is new, dated or not.
    extra.push('/news/new-undated');
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ added: 1 });
    expect(watchedPaths()).toEqual(['/news/dated-today', '/news/new-undated']);
  });

  it('an unchanged sitemap index is no reason to skip its children: the index is read without validators, the new link found', async () => {
    let links = ['/news/a'];
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml', etag: '"same"' }).end(body);
      if (req.url === '/sitemap.xml') return req.headers['if-none-match'] === '"same"' ? res.writeHead(304).end() : xml(`<sitemapindex><sitemap><loc>${t.site.origin}/news-sitemap.xml</loc></sitemap></sitemapindex>`);
      if (req.url === '/news-sitemap.xml') return xml(`<urlset>${links.map((l) => `<url><loc>${t.site.origin}${l}</loc><lastmod>${new Date(clock.t).toISOString()}</lastmod></url>`).join('')}</urlset>`);
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ added: 1 });
    links = ['/news/b', '/news/a'];
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 1 });
    expect(watchedPaths()).toEqual(['/news/a', '/news/b']);
  });

  it('an old child sitemap whose lastmod is bumped (one corrected post) does not bring in its undated archive', async () => {
    const children = ['/sitemap-news.xml'];
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      if (req.url === '/sitemap.xml') return xml(`<sitemapindex>${children.map((c) => `<sitemap><loc>${t.site.origin}${c}</loc><lastmod>${new Date(clock.t).toISOString()}</lastmod></sitemap>`).join('')}</sitemapindex>`);
      if (req.url === '/sitemap-news.xml') return xml(`<urlset><url><loc>${t.site.origin}/news/today</loc><lastmod>${new Date(clock.t).toISOString()}</lastmod></url></urlset>`);
      if (req.url === '/sitemap-2015.xml') return xml(`<urlset>${Array.from({ length: 40 }, (_, i) => `<url><loc>${t.site.origin}/2015/${i}</loc></url>`).join('')}</urlset>`);
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ added: 1 });
    children.unshift('/sitemap-2015.xml');
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 41, added: 0 });
    expect(watchedPaths()).toEqual(['/news/today']);
  });

  it('a front page whose announced feed moved (404) is read again, and the feed it announces now is followed', async () => {
    let feed = '/feed-a.xml';
    await t.serve((req, res) => {
      if (req.url === '/') return html(res, `<html><head><link rel="alternate" type="application/rss+xml" href="${feed}"></head><body>Front</body></html>`);
      if (req.url === feed) return rss(res, t.site.origin, [{ path: `/news${feed.replace('.xml', '')}`, published: clock.t - MINUTE }]);
      if (req.url?.startsWith('/feed-')) return res.writeHead(404).end('gone');
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ added: 1 });
    feed = '/feed-b.xml';
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 1 });
    expect(t.store.getSource(source.id)?.feedUrl).toBe(`${t.site.origin}/feed-b.xml`);
  });

  it('a front page announcing a feed another source reads already is refused, naming that source (one read of a feed is enough)', async () => {
    const { source: feedSource } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    t.site.handler = (req, res) =>
      req.url === '/' ? html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>') : rss(res, t.site.origin, [{ path: '/news/a', published: T0 - HOUR }]);
    const { source: page } = watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(page.id)).toMatchObject({ outcome: 'failed', error: `duplicate: the page announces ${t.site.origin}/feed.xml, which source #${feedSource.id} already reads` });
  });

  it('a sitemap index that dates none of its children (WordPress core) is read round them, so a new post in its fifth child is found', async () => {
    const extra: string[] = [];
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      if (req.url === '/wp-sitemap.xml') return xml(`<sitemapindex>${[1, 2, 3, 4, 5].map((n) => `<sitemap><loc>${t.site.origin}/wp-sitemap-${n}.xml</loc></sitemap>`).join('')}</sitemapindex>`);
      const n = /wp-sitemap-(\d)\.xml/.exec(req.url ?? '')?.[1];
      if (n) return xml(`<urlset>${[`/old-${n}`, ...(n === '5' ? extra : [])].map((p) => `<url><loc>${t.site.origin}${p}</loc></url>`).join('')}</urlset>`);
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/wp-sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ added: 0 }); // children 1–3, first read: their undated links are not news
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ added: 0 }); // 4 and 5 (never read), then 1
    extra.push('/news/new-post');
    for (let reads = 0; reads < 3 && watchedPaths().length === 0; reads++) {
      clock.t += 15 * MINUTE;
      await read(source.id);
    }
    expect(watchedPaths()).toEqual(['/news/new-post']);
  });

  it('a sitemap that dates nothing brings in nothing on its first read (it may be an archive), then each link it adds later', async () => {
    let links = Array.from({ length: 60 }, (_, i) => `/archive/${i}`);
    await t.serve((req, res) =>
      req.url === '/sitemap.xml'
        ? res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset>${links.map((l) => `<url><loc>${t.site.origin}${l}</loc></url>`).join('')}</urlset>`)
        : html(res, '<p>story</p>'),
    );
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 60, added: 0 });
    links = ['/news/new', ...links];
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ listed: 61, added: 1 });
    expect(watchedPaths()).toEqual(['/news/new']);
  });

  it('a child sitemap that cannot be read is skipped, a gzipped one unpacked; the read fails only when no child can be read', async () => {
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body);
      if (req.url === '/sitemap.xml') {
        return xml(`<sitemapindex>${['/broken.xml', '/gz.xml.gz'].map((p, i) => `<sitemap><loc>${t.site.origin}${p}</loc><lastmod>2026-11-2${8 + i}</lastmod></sitemap>`).join('')}</sitemapindex>`);
      }
      if (req.url === '/gz.xml.gz') return res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(`<urlset><url><loc>${t.site.origin}/news/gz</loc><lastmod>${new Date(T0).toISOString()}</lastmod></url></urlset>`));
      if (req.url === '/broken.xml') return res.writeHead(500).end('oops');
      return html(res, '<p>story</p>');
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 1, added: 1 });
    expect(watchedPaths()).toEqual(['/news/gz']);
  });

  it('a sitemap index asks each child sitemap conditionally (ETag, Last-Modified of its last read): an unchanged child answers 304 and is not downloaded again', async () => {
    const links: Record<string, string[]> = { '/sitemap-a.xml': ['/news/a1'], '/sitemap-b.xml': ['/news/b1'] };
    let notModified = 0;
    await t.serve((req, res) => {
      if (req.url === '/sitemap.xml') return res.writeHead(200, { 'content-type': 'application/xml' }).end(`<sitemapindex>${Object.keys(links).map((c) => `<sitemap><loc>${t.site.origin}${c}</loc></sitemap>`).join('')}</sitemapindex>`);
      const child = links[req.url ?? ''];
      if (!child) return html(res, '<p>story</p>');
      // a with an ETag, b with a Last-Modified only: each validator its own way (RFC 9110 §13.1.1, §13.1.3).
      const etag = `"${child.join(',')}"`;
      const modified = new Date(T0 - 1000 * child.length).toUTCString();
      const unchanged = req.url === '/sitemap-a.xml' ? req.headers['if-none-match'] === etag : req.headers['if-modified-since'] === modified;
      if (unchanged) {
        notModified++;
        return res.writeHead(304).end();
      }
      const validator = req.url === '/sitemap-a.xml' ? { etag } : { 'last-modified': modified };
      return res
        .writeHead(200, { 'content-type': 'application/xml', ...validator })
        .end(`<urlset>${child.map((l) => `<url><loc>${t.site.origin}${l}</loc><lastmod>${new Date(clock.t).toISOString()}</lastmod></url>`).join('')}</urlset>`);
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    const childRequests = () => t.site.requests.filter((r) => r.path !== '/sitemap.xml');
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', kind: 'sitemap-index', added: 2 });
    expect(childRequests().map((r) => [r.headers['if-none-match'], r.headers['if-modified-since']])).toEqual([[undefined, undefined], [undefined, undefined]]);

    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 0 });
    expect(notModified).toBe(2);
    expect(childRequests().slice(2).map((r) => [r.path, r.headers['if-none-match'] ?? r.headers['if-modified-since']])).toEqual([
      ['/sitemap-a.xml', '"/news/a1"'],
      ['/sitemap-b.xml', new Date(T0 - 1000).toUTCString()],
    ]);

    // A changed child is downloaded and its new link watched; the other still answers 304.
    links['/sitemap-a.xml'] = ['/news/a2', '/news/a1'];
    clock.t += 15 * MINUTE;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 1 });
    expect(notModified).toBe(3);
    expect(watchedPaths()).toEqual(['/news/a1', '/news/a2', '/news/b1']);
  });

  it('a child sitemap that answers 304 for longer than links are remembered still lists its links: when it changes, only its new link is news', async () => {
    const DAY = 24 * HOUR;
    const links = ['/old/1', '/old/2', '/old/3'];
    await t.serve((req, res) => {
      const xml = (body: string, etag: string) => res.writeHead(200, { 'content-type': 'application/xml', etag }).end(body);
      if (req.url === '/sitemap.xml') return xml(`<sitemapindex><sitemap><loc>${t.site.origin}/sitemap-1.xml</loc></sitemap></sitemapindex>`, '"index"');
      if (req.url !== '/sitemap-1.xml') return html(res, '<p>story</p>');
      const etag = `"${links.length}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304).end();
      return xml(`<urlset>${links.map((l) => `<url><loc>${t.site.origin}${l}</loc></url>`).join('')}</urlset>`, etag);
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ added: 0 }); // a first read: undated links are not news
    // Unchanged for months, past SOURCE_LINK_MEMORY_DAYS (90) since it was last downloaded.
    for (const day of [40, 80, 120]) {
      clock.t = T0 + day * DAY;
      expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 0 });
      expect(t.site.requests.at(-1)).toMatchObject({ path: '/sitemap-1.xml', headers: { 'if-none-match': '"3"' } });
    }
    links.unshift('/news/new');
    clock.t = T0 + 130 * DAY;
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', added: 1 });
    expect(watchedPaths()).toEqual(['/news/new']);
  });

  it('a child sitemap whose new links wait for the next read (SOURCE_MAX_NEW_ARTICLES) is downloaded again then, not answered 304', async () => {
    await t.serve((req, res) => {
      const xml = (body: string) => res.writeHead(200, { 'content-type': 'application/xml', etag: '"same"' }).end(body);
      if (req.url === '/sitemap.xml') return xml(`<sitemapindex><sitemap><loc>${t.site.origin}/news-sitemap.xml</loc></sitemap></sitemapindex>`);
      if (req.url !== '/news-sitemap.xml') return html(res, '<p>story</p>');
      if (req.headers['if-none-match'] === '"same"') return res.writeHead(304).end();
      return xml(`<urlset>${[0, 1, 2, 3].map((i) => `<url><loc>${t.site.origin}/news/${i}</loc><lastmod>${new Date(T0 - i * MINUTE).toISOString()}</lastmod></url>`).join('')}</urlset>`);
    });
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({ added: 2 });
    clock.t += 15 * MINUTE;
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({ added: 2 });
    expect(t.site.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(watchedPaths()).toEqual(['/news/0', '/news/1', '/news/2', '/news/3']);
    // Nothing waits any more: from now on the child is asked conditionally.
    clock.t += 15 * MINUTE;
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({ added: 0 });
    expect(t.site.requests.at(-1)?.headers['if-none-match']).toBe('"same"');
  });

  it('a shorter interval moves the next read up; a longer one applies from the next read', async () => {
    const { source } = await feedSite([{ path: '/news/a', published: T0 - HOUR }]);
    await read(source.id); // next read at T0 + 15 minutes
    expect(setReadInterval(t.store, { sourceId: source.id, intervalMinutes: 5, now: T0 + MINUTE })?.nextCheckAt).toBe(T0 + 5 * MINUTE);
    expect(setReadInterval(t.store, { sourceId: source.id, intervalMinutes: 60, now: T0 + MINUTE })?.nextCheckAt).toBe(T0 + 5 * MINUTE);
  });

  it.each([
    ['an HTML page that announces no feed', (res: ServerResponse) => html(res, '<html><body><p>Just a page.</p></body></html>'), /^not-a-source: an HTML page that announces no feed/],
    ['a JSON document', (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}'), /^not-a-source: neither/],
    ['a 404', (res: ServerResponse) => res.writeHead(404).end('no'), /^http-status: HTTP 404/],
  ])('%s: a failed read, backing off, with the reason', async (_name, answer, error) => {
    await t.serve((_req, res) => answer(res));
    const { source } = watchSource(t.store, { url: `${t.site.origin}/feed`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    const result = await read(source.id);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(error);
    expect(t.store.getSource(source.id)).toMatchObject({ failureCount: 1, lastError: result.error });
    clock.t = result.nextCheckAt;
    const again = await read(source.id);
    expect(again.nextCheckAt - clock.t).toBe(2 * (result.nextCheckAt - T0)); // the interval, doubled per failure
    expect(t.store.getSource(source.id)?.failureCount).toBe(2);
  });

  it('robots.txt that disallows the feed is obeyed: nothing else is fetched', async () => {
    await t.serve((req, res) => (req.url === '/robots.txt' ? res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /feed') : rss(res, t.site.origin, [{ path: '/news/a' }])));
    const { source } = watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    const ctx = { ...t.checkContext(), robots: new RobotsCache({ userAgent: 'stet-test', timeoutMs: 5000, allowPrivateNetworks: true, now: () => clock.t }) };
    expect(await read(source.id, ctx)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^robots-disallowed/) });
    expect(t.site.requests.map((r) => r.path)).toEqual(['/robots.txt']);
  });

  it('a 503 with Retry-After is kept with the result, so the Monitor holds the site', async () => {
    await t.serve((_req, res) => res.writeHead(503, { 'retry-after': '600' }).end('busy'));
    const { source } = watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'failed', status: 503, retryAfterSeconds: 600 });
  });
});

describe('the Monitor reads due sources', () => {
  it('a scheduled tick reads a due source, then checks the articles it brought in', async () => {
    const { source } = await feedSite([{ path: '/news/a', published: Date.now() - HOUR }]);
    const monitor = new Monitor({ ...t.checkContext(), now: Date.now }, { concurrency: 2, tickMs: 3_600_000 });
    t.store.setSourceState(source.id, 'paused', Date.now());
    t.store.setSourceState(source.id, 'active', Date.now()); // due now, on the real clock
    monitor.start();
    try {
      await until(() => t.store.listArticles().some((a) => a.lastCheckedAt !== null));
      expect(t.store.getSource(source.id)?.articlesAdded).toBe(1);
      expect(t.site.requests.map((r) => r.path)).toEqual(['/feed.xml', '/news/a']);
    } finally {
      await monitor.stop();
    }
  });
  it('sources and articles of one site take turns: five due feeds do not keep its due article waiting', async () => {
    await t.serve((req, res) => (req.url?.startsWith('/feed') ? rss(res, t.site.origin, []) : html(res, '<p>story</p>')));
    for (let i = 0; i < 5; i++) watchSource(t.store, { url: `${t.site.origin}/feed-${i}.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: Date.now() });
    t.store.addArticle({ url: `${t.site.origin}/news/waiting`, intervalMinutes: 30, now: Date.now() });
    const monitor = new Monitor({ ...t.checkContext(), now: Date.now }, { concurrency: 1, tickMs: 3_600_000 });
    monitor.start();
    try {
      await until(() => t.site.requests.length >= 6);
      expect(t.site.requests.findIndex((r) => r.path === '/news/waiting')).toBeLessThanOrEqual(1);
    } finally {
      await monitor.stop();
    }
  });
});

describe('a read that lists links says why those it does not watch were not watched (notWatched)', () => {
  it('listed before, already on the watch list, older than SOURCE_MAX_AGE_HOURS, past SOURCE_MAX_NEW_ARTICLES: each counted', async () => {
    const { source, items } = await feedSite([
      { path: '/news/d', published: T0 - HOUR },
      { path: '/news/c', published: T0 - 2 * HOUR },
      { path: '/news/b', published: T0 - 3 * HOUR },
      { path: '/news/old', published: T0 - 49 * HOUR },
    ]);
    t.store.addArticle({ url: `${t.site.origin}/news/c`, intervalMinutes: 30, now: T0 });
    expect(await read(source.id, t.checkContext({ SOURCE_MAX_NEW_ARTICLES: '2' }))).toMatchObject({
      listed: 4,
      added: 1,
      notWatched: { listedBefore: 0, alreadyWatched: 1, tooOld: 1, undatedOnFirstRead: 0, waiting: 1 },
      warning: null,
    });
    items.unshift({ path: '/news/e', published: T0 - 49 * HOUR });
    expect(await read(source.id)).toMatchObject({ listed: 5, added: 1, notWatched: { listedBefore: 3, alreadyWatched: 0, tooOld: 1, waiting: 0 } });
  });

  it("a sitemap's undated links on its first read are counted as such", async () => {
    await t.serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${t.site.origin}/a</loc></url><url><loc>${t.site.origin}/b</loc></url></urlset>`),
    );
    const { source } = watchSource(t.store, { url: `${t.site.origin}/sitemap.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    expect(await read(source.id)).toMatchObject({ outcome: 'listed', listed: 2, added: 0, notWatched: { undatedOnFirstRead: 2, listedBefore: 0 } });
  });
});

describe('a feed or sitemap cut off before its end (its root element never closed) that lists nothing: read, with a warning', () => {
  for (const [name, body] of [
    ['an RSS feed', '<?xml version="1.0"?><rss version="2.0"><channel><title>The Courier</title><item><title>Sto'],
    ['a sitemap', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><lo'],
  ] as const) {
    it(`${name}: listed (not refused: a feed may have no items), 0 links, the warning says it is cut off`, async () => {
      await t.serve((_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body));
      const { source } = watchSource(t.store, { url: `${t.site.origin}/src.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
      const result = await read(source.id);
      expect(result).toMatchObject({ outcome: 'listed', refusal: null, listed: 0, added: 0, error: null });
      expect(result.warning).toMatch(/^the (feed|sitemap) is cut off or malformed \(its root element <[^>]+> is never closed\): 0 links read$/);
    });
  }

  it('a whole feed with no items, and a cut-off feed that lists items before it breaks off, have no warning', async () => {
    const bodies = {
      '/empty.xml': '<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
      '/partial.xml': `<rss version="2.0"><channel><item><link>http://127.0.0.1/news/a</link></item><item><title>Sto`,
    };
    await t.serve((req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bodies[req.url as keyof typeof bodies]));
    for (const path of Object.keys(bodies)) {
      const { source } = watchSource(t.store, { url: `${t.site.origin}${path}`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
      expect(await read(source.id)).toMatchObject({ outcome: 'listed', warning: null });
    }
  });
});
