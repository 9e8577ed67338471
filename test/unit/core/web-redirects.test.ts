/**
 * Redirects under BASE_URL's path prefix, through app.request() on a fresh
 * in-memory store (STYLE 8): the routes redirect to stet's own paths and one
 * middleware puts the prefix in front (base-path.ts prefixLocation), so every
 * route of the app is walked and every redirect it answers must land under
 * the prefix, a route added later included.
 */
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import type { Store } from '../../../src/db/store.ts';
import type { CheckResult } from '../../../src/monitor/check.ts';
import type { Monitor } from '../../../src/monitor/scheduler.ts';
import { createApp } from '../../../src/web/app.tsx';
import { prefixLocation } from '../../../src/web/base-path.ts';
import type { AppEnv } from '../../../src/web/context.ts';
import { memoryStore } from '../../support/app.ts';
import { addVersion, watch } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const PUBLIC = 'https://news.example.org';

/** A Monitor that answers "Check now" and "Read now" (a new source's first read too) without fetching anything. */
const fakeMonitor = {
  poke() {},
  // a whole CheckResult: a part of one made the API's answer throw (a 500 the walk did not look at; QA)
  checkNow: async (articleId: number): Promise<CheckResult> => ({
    articleId, outcome: 'new-version', versionOrdinal: 3, status: 200, durationMs: 1, error: null, nextCheckAt: T0 + 3_600_000, state: 'active',
    changes: null, retryAfterSeconds: null, removal: null, confirmableFrom: null, rereadVersions: 0,
  }),
  readSourceNow: async () => ({ outcome: 'unchanged', refusal: null, listed: 0, added: 0 }),
} as unknown as Monitor;

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A fresh app on a fresh store holding article 1 (two versions) and source 1: each request may delete what it names. */
function freshApp(baseUrl: string) {
  const store = memoryStore();
  stores.push(store);
  const article = watch(store, 'https://paper.example/story', T0);
  addVersion(store, article, T0, { title: 'Story', byline: 'B', paragraphs: ['One.'] });
  addVersion(store, article, T0 + 60_000, { title: 'Story', byline: 'B', paragraphs: ['One, edited.'] });
  store.addSource({ url: 'https://paper.example/feed.xml', intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
  return createApp({ store, config: parseConfig({ BASE_URL: baseUrl }), monitor: fakeMonitor });
}

/** Every route the app has (method and pattern), read from the app itself. */
function routesOf(app: ReturnType<typeof freshApp>): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method) && !r.path.includes('*'))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

/** A route's pattern with its parameters filled in: article or source 1, versions 1..2. */
const concrete = (path: string) =>
  path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => (name === 'range' ? '1..2' : '1'));

/**
 * Sends each route what its form would (a new address to watch or read, an
 * interval) and, when it redirects, follows the Location as the browser
 * sends it through a proxy that keeps the prefix.
 */
async function walk(baseUrl: string, requestPrefix: string) {
  const answers: { route: string; status: number; location: string | null; followed: number | null }[] = [];
  for (const { method, path } of routesOf(freshApp(baseUrl))) {
    const app = freshApp(baseUrl);
    const res = await app.request(requestPrefix + concrete(path), {
      method,
      ...(method === 'GET' ? {} : { body: new URLSearchParams({ url: 'https://paper.example/new', intervalMinutes: '60' }) }),
      // The browser's Origin is BASE_URL's: the proxy's, not the app's.
      headers: { origin: new URL(baseUrl).origin },
    });
    const location = res.headers.get('location');
    answers.push({ route: `${method} ${path}`, status: res.status, location, followed: location === null ? null : (await app.request(location)).status });
  }
  return answers;
}

/** The routes that answer a form with a redirect (303 See Other) today; the walk must reach each of them. */
const REDIRECTING = [
  'GET /articles/:id/diff',
  'POST /articles',
  'POST /articles/:id/check',
  'POST /articles/:id/pause',
  'POST /articles/:id/resume',
  'POST /articles/:id/interval',
  'POST /articles/:id/delete',
  'POST /sources',
  'POST /sources/:id/read',
  'POST /sources/:id/pause',
  'POST /sources/:id/resume',
  'POST /sources/:id/remove',
];

describe('a redirect from every route carries the BASE_URL prefix (https://news.example.org/stet/)', () => {
  it.each([
    ['the proxy strips the prefix', ''],
    ['the proxy keeps the prefix', '/stet'],
  ])('%s: each redirect leads under /stet/, once', async (_name, requestPrefix) => {
    const answers = await walk(`${PUBLIC}/stet/`, requestPrefix);
    const redirects = answers.filter((a) => a.status >= 300 && a.status < 400);
    expect(redirects.map((r) => r.route)).toEqual(expect.arrayContaining(REDIRECTING));
    for (const { route, status, location } of redirects) {
      expect(status, route).toBe(303);
      expect(location, route).toMatch(/^\/stet\/(?!stet\/)/);
    }
    // Nothing else carries a Location the middleware could have touched, and no route fails.
    expect(answers.filter((a) => a.location !== null && (a.status < 300 || a.status >= 400))).toEqual([]);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });

  it('each lands on a page that answers', async () => {
    for (const { route, location, followed } of (await walk(`${PUBLIC}/stet/`, '')).filter((a) => a.location !== null)) expect(followed, `${route} → ${location}`).toBe(200);
  });

  it('at the root of the host (the default), each redirect is the root path it was', async () => {
    const redirects = (await walk('https://stet.example', '')).filter((a) => a.location !== null);
    expect(redirects.map((r) => r.route)).toEqual(expect.arrayContaining(REDIRECTING));
    for (const { route, location } of redirects) expect(location, route).toMatch(/^\/(?![/\\]|stet)/);
  });
});

describe('no handler wraps its redirect by hand', () => {
  it('the app gives handlers the store, the config and the monitor, and no href (the prefix is the middleware\'s alone)', async () => {
    // The deprecated c.var.href returned its path unchanged once the middleware prefixed every Location; its last caller is gone.
    expectTypeOf<keyof AppEnv['Variables']>().toEqualTypeOf<'store' | 'config' | 'monitor'>();
    const app = freshApp(`${PUBLIC}/stet/`);
    app.get('/variables', (c) => c.json(Object.keys(c.var).sort()));
    expect(await (await app.request('/stet/variables')).json()).toEqual(['config', 'monitor', 'store']);
  });
});

describe('prefixLocation: only a root-relative Location gets the prefix (RFC 3986 §4.2 absolute-path reference)', () => {
  it.each([
    ['one of stet\'s paths', '/articles/1?checked=unchanged#v2', '/stet', '/stet/articles/1?checked=unchanged#v2'],
    ['the home page', '/', '/stet', '/stet/'],
    ['an encoded prefix, as BASE_URL sends it', '/sources', '/my%20stet', '/my%20stet/sources'],
    ['at the root of the host: nothing to add', '/articles/1', '', '/articles/1'],
    ['an absolute URL', 'https://paper.example/story', '/stet', 'https://paper.example/story'],
    ['a network-path reference (another host)', '//paper.example/story', '/stet', '//paper.example/story'],
    ['"/\\" read by browsers as "//" (WHATWG URL)', '/\\paper.example/story', '/stet', '/\\paper.example/story'],
    ['a relative path', 'diff/1..2', '/stet', 'diff/1..2'],
    ['a query alone', '?layout=inline', '/stet', '?layout=inline'],
  ])('%s: %s under %j → %s', (_name, location, basePath, expected) => {
    expect(prefixLocation(location, basePath)).toBe(expected);
  });
});
