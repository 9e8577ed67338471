/**
 * stet under a path prefix behind a reverse proxy (BASE_URL
 * `https://news.example.org/stet/`), through app.request() on a fresh
 * in-memory store (STYLE 8): every link, form action, asset and redirect the
 * pages emit carries the prefix; the routes answer with the prefix stripped
 * by the proxy or kept; feeds' absolute links and the CSRF check stay right;
 * and at the root of a host (the default) nothing changes.
 */
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { sha256Hex, type ArticleRow } from '../../../src/db/store.ts';
import type { Monitor } from '../../../src/monitor/scheduler.ts';
import { contentFingerprint } from '../../../src/monitor/fingerprint.ts';
import { ROOT_SEGMENTS, stripBasePath } from '../../../src/web/base-path.ts';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const PUBLIC = 'https://news.example.org';

const web = testApp();
let story: ArticleRow;
/** The id the next article watched gets. */
let nextId: number;

beforeEach(() => {
  story = web.store.addArticle({ url: 'https://paper.example/story', intervalMinutes: 30, now: T0 }).article;
  // 50 other stories edited once each, then 51 versions of the story (one row of the home page: one article's run,
  // the newest): 51 rows, so the home page (50 rows) links to the older ones.
  for (let n = 1; n <= 50; n++) {
    const other = web.store.addArticle({ url: `https://paper.example/other-${n}`, intervalMinutes: 30, now: T0 }).article;
    addVersion(other, T0 + n * MINUTE, ['First.']);
    addVersion(other, T0 + n * MINUTE + 1, ['First, edited.']);
    nextId = other.id + 1;
  }
  for (let n = 1; n <= 51; n++) addVersion(story, T0 + (60 + n) * MINUTE, [`Paragraph, take ${n}.`]);
  web.store.addSource({ url: 'https://paper.example/feed.xml', intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
});
function addVersion(article: ArticleRow, at: number, paragraphs: string[]) {
  const content = { title: 'Story', byline: 'B', paragraphs };
  const body = new TextEncoder().encode(`<html>${at}</html>`);
  web.store.recordCheck(article.id, {
    kind: 'new-version', at, status: 200, durationMs: 1, nextCheckAt: at + 30 * MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(body), body,
    version: { fingerprint: contentFingerprint(content), ...content, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: 'en', diffSummary: null },
  });
}

/** A Monitor that answers "Check now" and "Read now" without fetching anything. */
const fakeMonitor = {
  poke() {},
  checkNow: async () => ({ outcome: 'unchanged', versionOrdinal: null, confirmableFrom: null }),
  readSourceNow: async () => ({ outcome: 'unchanged', listed: 0, added: 0 }),
} as unknown as Monitor;

const app = (baseUrl: string, monitor?: Monitor) => web.app({ env: { BASE_URL: baseUrl }, monitor });

/** Every address a page asks the browser to follow or load: links, stylesheets, form actions. */
function addressesIn(html: string): { tag: string; address: string }[] {
  const attr = { a: 'href', link: 'href', form: 'action', script: 'src', img: 'src' } as const;
  return Object.entries(attr).flatMap(([tag, name]) =>
    elementsIn(html, tag).flatMap((e) => (e.attribs[name] === undefined ? [] : [{ tag, address: e.attribs[name] }])),
  );
}

/** stet's own addresses on a page: not the publisher's (absolute) and not an anchor on the same page. */
const ownAddresses = (html: string) => addressesIn(html).filter(({ address }) => !/^https?:/.test(address) && !address.startsWith('#'));

/** Every page a reader can reach, and the error pages. */
async function pages(baseUrl: string, requestPrefix: string) {
  const a = app(baseUrl);
  const get = (path: string) => a.request(requestPrefix + path);
  const home = await (await get('/')).text();
  const older = elementsIn(home, 'a').find((e) => e.attribs['class'] === undefined && /\?before=\d+-revision-\d+$/.test(e.attribs['href'] ?? ''))!.attribs['href']!;
  const paths = [
    '/', older.replace(/^.*\/\?/, '/?'), '/articles', '/articles?source=1', '/articles?deleted=9', `/articles/${story.id}`, `/articles/${story.id}/delete`,
    `/articles/${story.id}/diff/1..2`, `/articles/${story.id}/diff/1..51?layout=side-by-side&changes=only`, '/sources',
    '/no/such/page', '/articles/abc',
  ];
  return Promise.all(paths.map(async (path) => ({ path, res: await get(path) })));
}

describe('under a path prefix (BASE_URL https://news.example.org/stet/)', () => {
  const BASE = `${PUBLIC}/stet/`;

  it.each([
    ['the proxy strips the prefix', ''],
    ['the proxy keeps the prefix', '/stet'],
  ])('%s: every page answers, and every link, form action and stylesheet on it starts with /stet/', async (_name, requestPrefix) => {
    for (const { path, res } of await pages(BASE, requestPrefix)) {
      expect(res.status, path).toBe(path === '/no/such/page' ? 404 : path === '/articles/abc' ? 400 : 200);
      const html = await res.text();
      const own = ownAddresses(html);
      expect(own.length, path).toBeGreaterThan(5);
      for (const { tag, address } of own) expect(address, `${path}: <${tag}>`).toMatch(/^\/stet\//);
      expect(own, path).toContainEqual({ tag: 'link', address: '/stet/static/style.css' });
      expect(own, path).toContainEqual({ tag: 'a', address: '/stet/' });
    }
  });

  it('each link the pages emit, followed as the browser sends it through a proxy that keeps the prefix, finds its page', async () => {
    const links = new Set<string>();
    for (const { res } of await pages(BASE, '')) for (const { tag, address } of ownAddresses(await res.text())) if (tag !== 'form') links.add(address.replace(/#.*$/, ''));
    expect(links).toContain(`/stet/articles/${story.id}/feed.xml`);
    expect(links).toContain(`/stet/articles/${story.id}/diff/50..51`);
    for (const link of links) expect((await app(BASE).request(link)).status, link).toBe(200);
  });

  it('the article and diff pages point their forms at the prefixed routes', async () => {
    const article = ownAddresses(await (await app(BASE).request(`/articles/${story.id}`)).text()).filter((x) => x.tag === 'form').map((x) => x.address);
    expect(article).toEqual([`/stet/articles/${story.id}/interval`, `/stet/articles/${story.id}/check`, `/stet/articles/${story.id}/pause`]);
    const diff = ownAddresses(await (await app(BASE).request(`/articles/${story.id}/diff/1..2`)).text()).filter((x) => x.tag === 'form').map((x) => x.address);
    expect(diff).toEqual([`/stet/articles/${story.id}/diff`]);
  });

  describe.each([
    ['stripped', ''],
    ['kept', '/stet'],
  ])('redirects after a form (prefix %s by the proxy) lead back under the prefix', (_name, requestPrefix) => {
    const send = (path: string, form: Record<string, string> = {}, method = 'POST') =>
      app(BASE, fakeMonitor).request(requestPrefix + path, {
        method,
        ...(method === 'POST' ? { body: new URLSearchParams(form) } : {}),
        // The browser's Origin is the public one: the proxy's, not the app's.
        headers: { origin: PUBLIC },
      });
    const cases: [string, () => string, Record<string, string>, () => string][] = [
      ['watch', () => '/articles', { url: 'https://paper.example/other' }, () => `/stet/articles/${nextId}`],
      ['check now', () => `/articles/${story.id}/check`, {}, () => `/stet/articles/${story.id}?checked=unchanged`],
      ['pause', () => `/articles/${story.id}/pause`, {}, () => `/stet/articles/${story.id}`],
      ['resume', () => `/articles/${story.id}/resume`, {}, () => `/stet/articles/${story.id}`],
      ['interval', () => `/articles/${story.id}/interval`, { intervalMinutes: '60' }, () => `/stet/articles/${story.id}`],
      ['delete', () => `/articles/${story.id}/delete`, {}, () => `/stet/articles?deleted=${story.id}`],
      ['add a source already there', () => '/sources', { url: 'https://paper.example/feed.xml' }, () => '/stet/sources?existing=1#source-1'],
      ['read a source now', () => '/sources/1/read', {}, () => '/stet/sources?read=1&unchanged#source-1'],
      ['pause a source', () => '/sources/1/pause', {}, () => '/stet/sources#source-1'],
      ['resume a source', () => '/sources/1/resume', {}, () => '/stet/sources#source-1'],
      ['remove a source', () => '/sources/1/remove', {}, () => '/stet/sources'],
    ];
    it.each(cases)('%s', async (_what, path, form, location) => {
      const res = await send(path(), form);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(location());
    });

    it('the version pickers (a GET form) redirect to the prefixed diff', async () => {
      const res = await send(`/articles/${story.id}/diff?from=1&to=3`, {}, 'GET');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/stet/articles/${story.id}/diff/1..3?layout=inline`);
    });
  });

  it('a write from another site is still refused, on an error page that links under the prefix', async () => {
    const res = await app(BASE).request(`/stet/articles/${story.id}/pause`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(ownAddresses(await res.text())).toContainEqual({ tag: 'a', address: '/stet/' });
    expect(web.store.getArticle(story.id)!.state).toBe('active');
    const ours = await app(BASE).request(`/stet/articles/${story.id}/pause`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(ours.status).toBe(303);
  });

  it.each([
    ['a space, percent-encoded', 'https://news.example.org/my stet/', '/my%20stet'],
    ['a letter outside ASCII', 'https://news.example.org/ståt/', '/st%C3%A5t'],
  ])('a prefix with %s: the pages link under it as encoded, and the routes answer under it', async (_name, baseUrl, sent) => {
    const html = await (await app(baseUrl).request(`${sent}/articles/${story.id}`)).text();
    expect(ownAddresses(html)).toContainEqual({ tag: 'link', address: `${sent}/static/style.css` });
    expect(ownAddresses(html)).toContainEqual({ tag: 'a', address: `${sent}/articles` });
    expect((await app(baseUrl).request(`${sent}/static/style.css`)).status).toBe(200);
  });

  it('the prefix without its slash is the home page; /stetson is not under /stet', async () => {
    expect((await app(BASE).request('/stet')).status).toBe(200);
    expect((await app(BASE).request('/stetson')).status).toBe(404);
  });

  it('the feeds link to the public addresses under the prefix', async () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
    for (const path of ['/feed.xml', '/stet/feed.xml']) {
      const channel = xml.parse(await (await app(BASE).request(path)).text()).rss.channel as { link: string; item: { link: string }[] };
      expect(channel.link).toBe(`${PUBLIC}/stet/`);
      expect(channel.item[0]!.link).toBe(`${PUBLIC}/stet/articles/${story.id}/diff/50..51`);
    }
  });

  it('the JSON API answers with or without the prefix, and its 404 stays JSON', async () => {
    const plain = await (await app(BASE).request(`/api/articles/${story.id}`)).json();
    expect(await (await app(BASE).request(`/stet/api/articles/${story.id}`)).json()).toEqual(plain);
    const missing = await app(BASE).request('/stet/api/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

describe('at the root of the host (the default): the pages are as before', () => {
  it.each([['https://stet.example'], ['https://stet.example/']])('BASE_URL %s: every own address is a root path', async (base) => {
    for (const { path, res } of await pages(base, '')) {
      const own = ownAddresses(await res.text());
      for (const { address } of own) expect(address, path).toMatch(/^\/(?!\/|stet)/);
      expect(own, path).toContainEqual({ tag: 'link', address: '/static/style.css' });
      expect(own, path).toContainEqual({ tag: 'a', address: '/' });
    }
  });

  it('a redirect goes to the root path', async () => {
    const res = await app('https://stet.example').request(`/articles/${story.id}/pause`, { method: 'POST' });
    expect(res.headers.get('location')).toBe(`/articles/${story.id}`);
  });
});

describe('the prefix is taken off a request path only when it is a whole segment', () => {
  it.each([
    ['/stet/articles/1', '/stet', '/articles/1'],
    ['/stet/', '/stet', '/'],
    ['/stet', '/stet', '/'],
    ['/articles/1', '/stet', '/articles/1'],
    ['/stetson/x', '/stet', '/stetson/x'],
    ['/a/b/feed.xml', '/a/b', '/feed.xml'],
    ['/stet/articles/1', '', '/stet/articles/1'],
  ])('%s under %j → %s', (path, basePath, expected) => {
    expect(stripBasePath(path, basePath)).toBe(expected);
  });
});

describe('BASE_URL paths that cannot be a prefix are refused at start-up, naming BASE_URL', () => {
  it.each([
    ['one of stet\'s own paths: /api/… would mean the API or a page', 'https://news.example.org/api/', /BASE_URL=.*may not start with \/api/],
    ['/articles likewise', 'https://news.example.org/articles', /may not start with \/articles/],
    ['a query', 'https://news.example.org/stet/?x=1', /no query/],
    ['a fragment', 'https://news.example.org/stet/#top', /fragment/],
  ])('%s', (_name, value, message) => {
    expect(() => parseConfig({ BASE_URL: value })).toThrow(message);
  });

  it('a prefix that only begins like one of them is fine (/articles-archive)', () => {
    expect(parseConfig({ BASE_URL: 'https://news.example.org/articles-archive/' }).BASE_URL).toBe('https://news.example.org/articles-archive');
  });

  it('the list of stet\'s own root paths is exactly the first segments of its routes', () => {
    const firstSegments = new Set(app('https://stet.example').routes.map((r) => r.path.split('/')[1]!.replace(/\{.*$/, '')).filter((s) => s !== '' && s !== '*'));
    expect([...firstSegments].sort()).toEqual([...ROOT_SEGMENTS].sort());
  });
});
