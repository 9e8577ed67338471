/**
 * describeFailure (monitor/failure-words.ts) on an article check's failure:
 * as stored it opens with a code ("http-status: …", "redirected-away: …"),
 * kept for logs, `stet list --json` and the API; the CLI and the pages say
 * it in words, as for a source's read, with the stored text as the pages'
 * tooltip. The stored forms below are the ones checkArticle
 * writes; the middle cases run real checks on 127.0.0.1 so that a new
 * wording of the stored text is caught. Not "failing" either: that word
 * names a source no longer read, and an article is checked again.
 */
import type { ServerResponse } from 'node:http';
import { textContent } from 'domutils';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import type { ArticleRow } from '../../../src/db/store.ts';
import { checkArticle } from '../../../src/monitor/check.ts';
import { describeFailure } from '../../../src/monitor/failure-words.ts';
import { testApp } from '../../support/app.ts';
import { ORIGINAL, renderArticlePage } from '../../support/newsroom.ts';
import { elementsIn, textIn } from './support/html.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

describe('a stored reason in words', () => {
  it.each([
    ['a 404 is what the server answered', 'http-status: HTTP 404 Not Found', 'the server answered 404 Not Found'],
    ['a 410 too', 'http-status: HTTP 410 Gone', 'the server answered 410 Gone'],
    ['a 304 with nothing kept to compare', 'http-status: 304 Not Modified without a stored version', 'the server answered 304 Not Modified without a stored version'],
    ['an address now leading above the article says where, without the code',
      'redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article',
      'the address now redirects (HTTP 301) to https://news.example/, a page above the article'],
    ['a page with no article text', 'empty-extraction: no article text found on the page', 'no article text found on the page'],
    ['checks of other processes racing this one', 'conflict: other checks kept recording versions of this article meanwhile', 'other checks kept recording versions of this article meanwhile'],
    ['an address stet does not read',
      'blocked-address: 127.0.0.1 is loopback (RFC 1122 §3.2.1.3) (set ALLOW_PRIVATE_NETWORKS=true to allow non-public addresses)',
      'stet does not read this address: 127.0.0.1 is loopback (RFC 1122 §3.2.1.3) (set ALLOW_PRIVATE_NETWORKS=true to allow non-public addresses)'],
    ['a timeout keeps how long stet waited', 'timeout: timed out after 10000 ms', 'the server did not answer in time (timed out after 10000 ms)'],
    ['robots.txt that disallows the page names the line',
      'robots-disallowed: line 2 of https://news.example/robots.txt disallows this URL for stet',
      "the site's robots.txt does not allow stet to read it (line 2 of https://news.example/robots.txt disallows this URL for stet)"],
    ['a crash', 'internal: boom', 'stet could not read it, because of a bug (boom)'],
    ['an unknown code is given back as stored', 'someday-code: something new', 'someday-code: something new'],
  ])('%s', (_rule, stored, words) => {
    expect(describeFailure(stored)).toBe(words);
  });
});

describe('what a check stores reads as words', () => {
  const t = storeAndSite();

  it.each([
    ['/missing', 'the server answered 404 Not Found'],
    ['/busy', 'the server answered 503 Service Unavailable'],
    ['/empty', 'no article text found on the page'],
    ['/moved', /^the address now redirects \(HTTP 301\) to http:\/\/127\.0\.0\.1:\d+\/, a page above the article$/],
  ])('%s', async (path, words) => {
    const site = await t.serve((req, res: ServerResponse) => {
      if (req.url === '/') return html(res, '<html><head><title>Front page</title></head><body><h1>Today</h1><a href="/a">A</a> <a href="/b">B</a></body></html>');
      if (req.url === '/moved' && kept) return res.writeHead(301, { location: '/' }).end();
      if (req.url === '/moved') return html(res, renderArticlePage(ORIGINAL));
      if (req.url === '/empty') return html(res, '<html><head><title>Story</title></head><body><div id="__next"></div></body></html>');
      if (req.url === '/busy') return res.writeHead(503).end('later');
      return res.writeHead(404).end('no');
    });
    let kept = false;
    const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', FETCH_TIMEOUT_MS: '2000' });
    const { store } = t;
    const article = store.addArticle({ url: `${site.origin}${path}`, intervalMinutes: 30, now: T0 });
    const ctx = { store, config, now: () => T0, random: () => 0.5 };
    // A redirect counts as the article going away only once a version is kept.
    if (path === '/moved') {
      await checkArticle(ctx, store.getArticle(article.article.id)!);
      kept = true;
    }
    const result = await checkArticle(ctx, store.getArticle(article.article.id)!);
    const stored = store.getArticle(article.article.id)!.lastError!;
    expect(result.error).toBe(stored);
    expect(stored).toMatch(/^[a-z-]+: /); // the code stays stored
    expect(describeFailure(stored)).toMatch(words);
  });
});

describe('the pages say why a check failed in words, and do not call the article failing', () => {
  const web = testApp({ BASE_URL: 'https://stet.example' });
  let article: ArticleRow;
  beforeEach(() => {
    article = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: T0 }).article;
  });

  const failed = (at: number, error: string) => web.store.recordCheck(article.id, { kind: 'failed', at, status: 404, durationMs: 1, nextCheckAt: at + 30 * MINUTE, error });
  const errorsOn = (page: string) => elementsIn(page, 'div').concat(elementsIn(page, 'dd')).filter((e) => e.attribs['class'] === 'error');

  it('/articles: "last check failed: …", then "last 2 checks failed: …", the stored reason as the tooltip', async () => {
    failed(T0, 'http-status: HTTP 404 Not Found');
    let page = await web.text('/articles');
    expect(errorsOn(page).map((e) => [textContent(e), e.attribs['title']])).toEqual([['last check failed: the server answered 404 Not Found', 'http-status: HTTP 404 Not Found']]);
    failed(T0 + MINUTE, 'http-status: HTTP 404 Not Found');
    page = await web.text('/articles');
    expect(errorsOn(page).map((e) => textContent(e))).toEqual(['last 2 checks failed: the server answered 404 Not Found']);
    expect(textIn(page)).not.toMatch(/failing|http-status/);
  });

  it('/articles keeps a long reason to one line, in words', async () => {
    failed(T0, `redirected-away: the address now redirects (HTTP 301) to https://news.example/${'section/'.repeat(12)}, a page above the article`);
    const [line] = errorsOn(await web.text('/articles')).map((e) => textContent(e));
    expect(line).toMatch(/^last check failed: the address now redirects \(HTTP 301\) to https:\/\/news\.example\/section\/.*…$/);
    expect(line!.length).toBeLessThanOrEqual('last check failed: '.length + 80);
  });

  it('the article page: the last error and each failed check in words, the stored reason as the tooltip; the API keeps it as stored', async () => {
    failed(T0, 'http-status: HTTP 503 Service Unavailable');
    failed(T0 + MINUTE, 'redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article');
    const page = await web.text(`/articles/${article.id}`);
    expect(errorsOn(page).map((e) => [textContent(e), e.attribs['title']])).toEqual([
      // the newest check first
      ['the address now redirects (HTTP 301) to https://news.example/, a page above the article', 'redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article'],
      ['the server answered 503 Service Unavailable', 'http-status: HTTP 503 Service Unavailable'],
      ['the address now redirects (HTTP 301) to https://news.example/, a page above the article (last 2 checks failed)', 'redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article'],
    ]);
    expect(textIn(page)).not.toMatch(/failing|http-status|redirected-away/);
    const api = (await web.json(`/api/articles/${article.id}`)) as { lastError: string };
    expect(api.lastError).toBe('redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article');
  });
});
