/**
 * describeFailure (monitor/failure-words.ts): a source's failure as stored
 * opens with a code ("http-status: …", "not-a-source: …"), kept for logs
 * and the API; the CLI and the pages say it in words. The stored forms
 * below are the ones checkSource writes; the last cases read real
 * addresses on 127.0.0.1 so that a new wording of the stored text is caught.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { checkSource } from '../../../src/monitor/sources.ts';
import { describeFailure } from '../../../src/monitor/failure-words.ts';
import { watchSource } from '../../../src/monitor/watch.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

describe('a stored reason in words', () => {
  it.each([
    ['a 404 is what the server answered', 'http-status: HTTP 404 Not Found', 'the server answered 404 Not Found'],
    ['a 410 too', 'http-status: HTTP 410 Gone', 'the server answered 410 Gone'],
    ['a page that announces no feed says what to give instead',
      'not-a-source: an HTML page that announces no feed (<link rel="alternate" type="application/rss+xml">); give the address of its feed or sitemap',
      'the address is a web page that announces no feed; give the address of its feed or sitemap'],
    ['a document that is neither a feed nor a sitemap', 'not-a-source: neither an RSS, Atom or RDF feed nor a sitemap', 'the address is not a feed or sitemap (neither RSS, Atom, RDF nor a sitemap)'],
    ['a feed another source reads names that source, without the code',
      'duplicate: the page announces https://paper.example/feed.xml, which source #1 already reads',
      'the page announces https://paper.example/feed.xml, which source #1 already reads'],
    ['a timeout keeps how long stet waited', 'timeout: timed out after 10000 ms', 'the server did not answer in time (timed out after 10000 ms)'],
    ['robots.txt that disallows the feed names the line',
      'robots-disallowed: line 2 of https://paper.example/robots.txt disallows this URL for stet',
      "the site's robots.txt does not allow stet to read it (line 2 of https://paper.example/robots.txt disallows this URL for stet)"],
    ['a site down while robots.txt was asked for says so once',
      'dns: the site did not answer (https://paper.example/robots.txt unreachable, so all is disallowed (dns: getaddrinfo ENOTFOUND paper.example))',
      'the site did not answer (https://paper.example/robots.txt unreachable, so all is disallowed (dns: getaddrinfo ENOTFOUND paper.example))'],
    ['where it happened stays: the feed a page announces',
      'http-status: HTTP 404 Not Found (the feed https://paper.example/feed.xml the page announces)',
      'the server answered 404 Not Found (the feed https://paper.example/feed.xml the page announces)'],
    ['where it happened stays: the feed read instead of the address', 'http-status: HTTP 503 Service Unavailable (https://paper.example/feed.xml)', 'the server answered 503 Service Unavailable (https://paper.example/feed.xml)'],
    ['where it happened stays: a child sitemap', 'http-status: HTTP 500 Internal Server Error (the child sitemap https://paper.example/s-1.xml)', 'the server answered 500 Internal Server Error (the child sitemap https://paper.example/s-1.xml)'],
    ['a text it does not know is given back as stored', 'not a sitemap (the child sitemap https://paper.example/s-1.xml)', 'not a sitemap (the child sitemap https://paper.example/s-1.xml)'],
    ['an unknown code too', 'someday-code: something new', 'someday-code: something new'],
  ])('%s', (_rule, stored, words) => {
    expect(describeFailure(stored)).toBe(words);
  });
});

describe('what a read stores reads as words', () => {
  const t = storeAndSite();

  it.each([
    ['/page', 'the address is a web page that announces no feed; give the address of its feed or sitemap'],
    ['/items.json', 'the address is not a feed or sitemap (neither RSS, Atom, RDF nor a sitemap)'],
    ['/missing', 'the server answered 404 Not Found'],
    ['/front-with-dead-feed', /^the server answered 404 Not Found \(the feed http:\/\/127\.0\.0\.1:\d+\/dead\.xml the page announces\)$/],
    ['/busy', 'the server answered 503 Service Unavailable'],
  ])('%s', async (path, words) => {
    const site = await t.serve((req, res: ServerResponse) => {
      if (req.url === '/page') return html(res, '<html><body><p>Just a page.</p></body></html>');
      if (req.url === '/items.json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}');
      if (req.url === '/front-with-dead-feed') return html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/dead.xml"></head><body>x</body></html>');
      if (req.url === '/busy') return res.writeHead(503).end('later');
      return res.writeHead(404).end('no');
    });
    const now = Date.UTC(2026, 10, 29, 12);
    const { store } = t;
    const { source } = watchSource(store, { url: `${site.origin}${path}`, intervalMinutes: 15, articleIntervalMinutes: null, now });
    const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', FETCH_TIMEOUT_MS: '2000' });
    await checkSource({ store, config, now: () => now, random: () => 0.5 }, store.getSource(source.id)!);
    const stored = store.getSource(source.id)!.lastError!;
    expect(stored).toMatch(/^[a-z-]+: /); // the code stays stored
    expect(describeFailure(stored)).toMatch(words);
  });
});
