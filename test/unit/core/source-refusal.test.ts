/**
 * SourceCheckResult.refusal (monitor/sources.ts): a failed read says whether
 * the address is no source at all (so a source added with a read at once is
 * refused, not kept to fail for ever) or failed for a while (kept, retried).
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import type { CheckContext } from '../../../src/monitor/check.ts';
import { checkSource } from '../../../src/monitor/sources.ts';
import { watchSource } from '../../../src/monitor/watch.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const t = storeAndSite();

const context = (): CheckContext => ({
  store: t.store,
  config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', FETCH_TIMEOUT_MS: '1000' }),
  now: () => T0,
  random: () => 0.5,
});
const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>The Courier</title></channel></rss>';

async function readAt(path: string) {
  const { source } = watchSource(t.store, { url: `${t.site.origin}${path}`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
  return checkSource(context(), t.store.getSource(source.id)!);
}

describe('a failed read says when the address is no source at all', () => {
  it.each([
    ['an HTML page that announces no feed', '/page', 'no-feed-announced'],
    ['a document that is neither a feed nor a sitemap (JSON)', '/items.json', 'not-a-feed'],
    ['404 Not Found', '/missing', 'gone'],
    ['410 Gone', '/gone', 'gone'],
    ['a page whose announced feed answers 404', '/front-with-dead-feed', 'gone'],
  ] as const)('%s: refusal %s', async (_name, path, refusal) => {
    await t.serve((req, res: ServerResponse) => {
      if (req.url === '/page') return html(res, '<html><body><p>Just a page.</p></body></html>');
      if (req.url === '/items.json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
      if (req.url === '/gone') return res.writeHead(410).end('gone');
      if (req.url === '/front-with-dead-feed') return html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/dead.xml"></head><body>x</body></html>');
      return res.writeHead(404).end('no');
    });
    expect(await readAt(path)).toMatchObject({ outcome: 'failed', refusal });
  });

  it('a front page announcing a feed another source reads: duplicate-feed, naming that source', async () => {
    await t.serve((req, res: ServerResponse) =>
      req.url === '/feed.xml'
        ? res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED)
        : html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>x</body></html>'),
    );
    expect(await readAt('/feed.xml')).toMatchObject({ outcome: 'listed', refusal: null });
    expect(await readAt('/')).toMatchObject({ outcome: 'failed', refusal: 'duplicate-feed', error: expect.stringMatching(/which source #1 already reads/) });
  });

  it.each([
    ['503 Service Unavailable', 503],
    ['429 Too Many Requests', 429],
    ['500 Internal Server Error', 500],
  ])('%s is a failure for a while: no refusal', async (_name, status) => {
    await t.serve((_req, res: ServerResponse) => res.writeHead(status, { 'retry-after': '60' }).end('later'));
    expect(await readAt('/feed.xml')).toMatchObject({ outcome: 'failed', refusal: null });
  });
});
