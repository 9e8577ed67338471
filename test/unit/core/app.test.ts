/**
 * The web app through app.request() (STYLE 8), on a fresh in-memory store:
 * the API's error shape and statuses, the HTML form, CSRF, the CSP header,
 * and untrusted article text escaped on every page and feed.
 */
import { findAll, textContent } from 'domutils';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sha256Hex, type ArticleRow } from '../../../src/db/store.ts';
import { contentFingerprint } from '../../../src/monitor/fingerprint.ts';
import { stampText } from '../../../src/web/pages/layout.tsx';
import { formPost as form, jsonRequest as json } from '../../support/app.ts';
import { ORIGINAL, renderArticlePage } from '../../support/newsroom.ts';
import { elementsIn, textIn } from './support/html.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const web = storeAndSite({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });

/** Hostile article text: every field a publisher controls tries to become markup. */
const EVIL = {
  title: 'Breaking <script>alert("title")</script> & "quotes"',
  byline: '<img src=x onerror=alert("byline")>',
  paragraphs: [
    'First <script>alert("p1")</script> paragraph & more.',
    'Second </p><iframe src="https://evil.example"></iframe> paragraph.',
    'Third ]]><script>alert("cdata")</script> paragraph.',
  ],
};

function seedVersion(article: ArticleRow, at: number, content: { title: string; byline: string; paragraphs: string[] }) {
  const body = new TextEncoder().encode(`<html>${at}</html>`);
  return web.store.recordCheck(article.id, {
    kind: 'new-version', at, status: 200, durationMs: 1, nextCheckAt: at + 1_800_000, etag: null, lastModified: null,
    bodyHash: sha256Hex(body), body,
    version: {
      fingerprint: contentFingerprint(content), ...content, publishedAt: '2026-01-15T08:00:00Z', modifiedAt: '2026-01-15T08:00:00Z <b>stamp</b>',
      canonicalUrl: null, lang: 'en', diffSummary: null,
    },
  });
}

/** An article with two hostile versions (so there is a revision, a diff and a feed item). */
function seedHostileArticle(): ArticleRow {
  const { article } = web.store.addArticle({ url: 'https://news.example/story?a=1&b=%3Cscript%3E', intervalMinutes: 30, now: T0 });
  seedVersion(article, T0, EVIL);
  seedVersion(article, T0 + 60_000, { ...EVIL, title: `${EVIL.title} (updated)`, paragraphs: [EVIL.paragraphs[0]!, `${EVIL.paragraphs[1]} <script>alert("new")</script>`, EVIL.paragraphs[2]!] });
  web.store.recordCheck(article.id, { kind: 'failed', at: T0 + 120_000, status: 500, durationMs: 1, nextCheckAt: T0 + 240_000, error: 'http-status: <script>alert("error")</script>' });
  return web.store.getArticle(article.id)!;
}

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({ code: expect.any(String), message: expect.any(String) });
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

describe('JSON API: errors are {error: {code, message}} with the right status', () => {
  const cases: [string, string, RequestInit | undefined, number, string][] = [
    ['an id that is not a number', '/api/articles/abc', undefined, 400, 'bad_request'],
    ['an id of zero', '/api/articles/0', undefined, 400, 'bad_request'],
    ['a fractional id', '/api/articles/1.5', undefined, 400, 'bad_request'],
    ['an id in exponent notation (not the canonical form of any id)', '/api/articles/1e0', undefined, 400, 'bad_request'],
    ['a hexadecimal id', '/api/articles/0x1', undefined, 400, 'bad_request'],
    ['an id beyond the safe integers', '/api/articles/99999999999999999999', undefined, 400, 'bad_request'],
    ['an unknown article', '/api/articles/999', undefined, 404, 'not_found'],
    ['versions of an unknown article', '/api/articles/999/versions/1', undefined, 404, 'not_found'],
    ['a diff of an unknown article', '/api/articles/999/diff', undefined, 404, 'not_found'],
    ['the bare /api', '/api', undefined, 404, 'not_found'],
    ['deleting an unknown article', '/api/articles/999', { method: 'DELETE' }, 404, 'not_found'],
    ['a route that does not exist', '/api/nothing/here', undefined, 404, 'not_found'],
    ['a body that is not JSON', '/api/articles', json('url=https://news.example/a'), 400, 'invalid_json'],
    ['an empty body', '/api/articles', json(''), 400, 'invalid_json'],
    ['a JSON body without url', '/api/articles', json({}), 400, 'bad_request'],
    ['a url that is not a string', '/api/articles', json({ url: 42 }), 400, 'bad_request'],
    ['an interval below a minute', '/api/articles', json({ url: 'https://news.example/a', intervalMinutes: 0 }), 400, 'bad_request'],
    ['an interval that is not whole', '/api/articles', json({ url: 'https://news.example/a', intervalMinutes: 1.5 }), 400, 'bad_request'],
    ['a field the API does not know (it would be ignored: {"state": "paused"} made an active article)', '/api/articles', json({ url: 'https://news.example/a', state: 'paused' }), 400, 'bad_request'],
    ['an ftp: URL', '/api/articles', json({ url: 'ftp://news.example/a' }), 422, 'invalid_url'],
    ['a javascript: URL', '/api/articles', json({ url: 'javascript:alert(1)' }), 422, 'invalid_url'],
    ['a URL with credentials', '/api/articles', json({ url: 'https://me:pw@news.example/a' }), 422, 'invalid_url'],
    ['not a URL', '/api/articles', json({ url: 'news dot example' }), 422, 'invalid_url'],
    // as the form answers it (QA: it was 400 bad_request, "Too small")
    ['an empty URL', '/api/articles', json({ url: '' }), 422, 'invalid_url'],
    ['an empty source URL', '/api/sources', json({ url: '' }), 422, 'invalid_url'],
    // not percent-encoded into an address nobody named (QA)
    ['a URL with a space inside', '/api/articles', json({ url: 'https://news.example/a b' }), 422, 'invalid_url'],
    ['two URLs in one', '/api/articles', json({ url: 'https://news.example/a\thttps://news.example/b' }), 422, 'invalid_url'],
    ['a JSON body sent as text/plain (what a cross-site page can send without a preflight)', '/api/articles', { method: 'POST', body: JSON.stringify({ url: 'https://news.example/a' }), headers: { 'content-type': 'text/plain' } }, 400, 'invalid_json'],
    ['a JSON body sent as a form', '/api/articles', { method: 'POST', body: JSON.stringify({ url: 'https://news.example/a' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 400, 'invalid_json'],
  ];
  it.each(cases)('%s', async (_name, path, init, status, code) => {
    const app = web.app();
    const res = await app.request(path, init);
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(web.store.listArticles()).toEqual([]);
  });

  it('versions and diffs of a known article: 400 for a bad number, 404 for a missing version', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const expectError = async (path: string, status: number, code: string) => {
      const res = await app.request(path);
      expect(res.status, path).toBe(status);
      expect((await errorOf(res)).code, path).toBe(code);
    };
    await expectError(`/api/articles/${article.id}/diff`, 404, 'not_found');
    seedVersion(article, T0, { title: 'T', byline: 'B', paragraphs: ['one'] });
    await expectError(`/api/articles/${article.id}/versions/2`, 404, 'not_found');
    await expectError(`/api/articles/${article.id}/versions/abc`, 400, 'bad_request');
    await expectError(`/api/articles/${article.id}/versions/0`, 400, 'bad_request');
    // in words, as for any other bad number (QA: zod's own "Too small: expected number to be >0")
    expect((await errorOf(await app.request(`/api/articles/${article.id}/versions/0`))).message).toBe('version number: expected a positive whole number');
    await expectError(`/api/articles/${article.id}/diff?from=1&to=9`, 404, 'not_found');
    await expectError(`/api/articles/${article.id}/diff?from=x`, 400, 'bad_request');
    // backwards is a diff too, as on the pages (/diff/2..1)
    seedVersion(article, T0 + 60_000, { title: 'T', byline: 'B', paragraphs: ['two'] });
    const backwards = await app.request(`/api/articles/${article.id}/diff?from=2&to=1`);
    expect(backwards.status).toBe(200);
    expect(await backwards.json()).toMatchObject({ from: 2, to: 1, diff: { blocks: [{ op: 'removed', text: 'two' }, { op: 'added', text: 'one' }] } });
  });

  it('a diff with a version that is not there says which one, and which the article has (not "version 1 or 9")', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    seedVersion(article, T0, { title: 'T', byline: 'B', paragraphs: ['one'] });
    const message = async (path: string) => (await errorOf(await app.request(path))).message;
    expect(await message(`/api/articles/${article.id}/diff?from=1&to=9`)).toBe(`version 9 of article ${article.id} not found (it has version 1 only)`);
    seedVersion(article, T0 + 60_000, { title: 'T', byline: 'B', paragraphs: ['two'] });
    expect(await message(`/api/articles/${article.id}/diff?from=9&to=2`)).toBe(`version 9 of article ${article.id} not found (it has versions 1 to 2)`);
    expect(await message(`/api/articles/${article.id}/diff?from=7&to=9`)).toBe(`versions 7 and 9 of article ${article.id} not found (it has versions 1 to 2)`);
    expect(textIn(await (await app.request(`/articles/${article.id}/diff/1..9`)).text())).toContain('version 9 of this article not found (it has versions 1 to 2)');
  });

  it('the diff pages say the same: 400 for a version that cannot be (x, 0), 404 for one that is not there yet, defaults only for what is left empty', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    seedVersion(article, T0, { title: 'T', byline: 'B', paragraphs: ['one'] });
    seedVersion(article, T0 + 60_000, { title: 'T', byline: 'B', paragraphs: ['two'] });
    for (const path of ['diff?from=x&to=2', 'diff?from=1&to=0', 'diff?to=-1', 'diff/0..1', 'diff/1..0']) {
      expect((await app.request(`/articles/${article.id}/${path}`)).status, path).toBe(400);
    }
    expect((await app.request(`/articles/${article.id}/diff/1..9`)).status).toBe(404);
    const defaults = await app.request(`/articles/${article.id}/diff?from=&to=`);
    expect(defaults.status).toBe(303);
    expect(defaults.headers.get('location')).toBe(`/articles/${article.id}/diff/1..2?layout=inline`);
  });

  it('checking without a monitor is 503 no_monitor (a read-only process); an unknown article is still 404', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const res = await app.request(`/api/articles/${article.id}/check`, { method: 'POST' });
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('no_monitor');
    const unknown = await app.request('/api/articles/999/check', { method: 'POST' });
    expect(unknown.status).toBe(404);
  });
});

describe('JSON API: the happy paths', () => {
  it('watching is idempotent: 201 created, then 200 with the same id; the URL is normalized', async () => {
    const app = web.app();
    const first = await app.request('/api/articles', json({ url: 'https://News.example/a?utm_source=x#top' }));
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: number; url: string; created: boolean };
    expect(created).toMatchObject({ url: 'https://news.example/a', created: true, state: 'active', intervalMinutes: 30 });
    const again = await app.request('/api/articles', json({ url: 'https://news.example/a' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: created.id, created: false });
    expect(((await (await app.request('/api/articles')).json()) as { articles: unknown[] }).articles).toHaveLength(1);
  });

  it('a JSON media type with parameters or a +json suffix is JSON', async () => {
    const app = web.app();
    expect((await app.request('/api/articles', json({ url: 'https://news.example/a' }, { headers: { 'content-type': 'application/json; charset=utf-8' } }))).status).toBe(201);
  });

  it('a check through a real Monitor answers with its outcome', async () => {
    const site = await web.serve((_req, res) => html(res, renderArticlePage(ORIGINAL)));
    const app = web.appWithMonitor();
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    const res = await app.request(`/api/articles/${id}/check`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ articleId: id, outcome: 'first-version', version: 1, status: 200, error: null, confirmableFrom: null, state: 'active', nextCheckAt: expect.any(String) });
  });

  it('a check of a paused article says it is paused and announces no next check (QA: one that never came)', async () => {
    const site = await web.serve((_req, res) => html(res, renderArticlePage(ORIGINAL)));
    const app = web.appWithMonitor();
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    await app.request(`/api/articles/${id}`, { ...json({ state: 'paused' }), method: 'PATCH' });
    const res = await app.request(`/api/articles/${id}/check`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ articleId: id, outcome: 'first-version', state: 'paused', nextCheckAt: null });
    expect(web.store.getArticle(id)).toMatchObject({ state: 'paused' });
  });

  it('a check that finds a kept page gone answers from when a check would record the removal (confirmableFrom)', async () => {
    const state = { status: 200 };
    const site = await web.serve((_req, res) => (state.status === 200 ? html(res, renderArticlePage(ORIGINAL)) : res.writeHead(state.status).end()));
    const app = web.appWithMonitor();
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    await app.request(`/api/articles/${id}/check`, { method: 'POST' });
    state.status = 404;
    const body = (await (await app.request(`/api/articles/${id}/check`, { method: 'POST' })).json()) as { outcome: string; confirmableFrom: string };
    expect(body).toMatchObject({ outcome: 'failed', status: 404, removal: null });
    expect(body.confirmableFrom).toBe(new Date(web.store.listChecks(id, 1)[0]!.at + 5 * 60_000).toISOString());
  });

  it('a failed check passes on the server’s Retry-After (retryAfterSeconds), and a check by hand while it runs is refused with 503 host_held', async () => {
    const site = await web.serve((_req, res) => res.writeHead(503, { 'retry-after': '120' }).end());
    const app = web.appWithMonitor();
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    expect(await (await app.request(`/api/articles/${id}/check`, { method: 'POST' })).json()).toMatchObject({ outcome: 'failed', status: 503, retryAfterSeconds: 120 });
    const held = await app.request(`/api/articles/${id}/check`, { method: 'POST' });
    expect(held.status).toBe(503);
    expect(await held.json()).toMatchObject({ error: { code: 'host_held' } });
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(100);
  });

  it('a check says when it recorded the page as removed, and when it found it back online (QA: the API said neither)', async () => {
    const state = { status: 200 };
    const site = await web.serve((_req, res) => (state.status === 200 ? html(res, renderArticlePage(ORIGINAL)) : res.writeHead(state.status).end()));
    const clock = { t: Date.now() };
    const app = web.appWithMonitor({ now: () => clock.t });
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    const check = async () => (await (await app.request(`/api/articles/${id}/check`, { method: 'POST' })).json()) as { outcome: string; removal: unknown };
    await check();
    state.status = 410;
    const first = clock.t + 60_000;
    clock.t = first;
    expect(await check()).toMatchObject({ outcome: 'failed', removal: null });
    clock.t += 6 * 60_000;
    expect(await check()).toMatchObject({ outcome: 'failed', removal: { kind: 'removed', removedAt: new Date(first).toISOString() } });
    state.status = 200;
    clock.t += 60_000;
    expect(await check()).toMatchObject({ outcome: 'unchanged', removal: { kind: 'restored', removedAt: new Date(first).toISOString() } });
  });

  it('an article deleted while its check runs: the check answers 404, not a 500', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const site = await web.serve(async (_req, res) => {
      await held;
      html(res, renderArticlePage(ORIGINAL));
    });
    const app = web.appWithMonitor();
    const { id } = (await (await app.request('/api/articles', json({ url: `${site.origin}/news/1` }))).json()) as { id: number };
    const checking = app.request(`/api/articles/${id}/check`, { method: 'POST' });
    while (site.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await app.request(`/api/articles/${id}`, { method: 'DELETE' })).status).toBe(204);
    release();
    const res = await checking;
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });

  it('a check from the article page through a real Monitor redirects back to the timeline, which says what it found', async () => {
    const site = await web.serve((_req, res) => html(res, renderArticlePage(ORIGINAL)));
    const app = web.appWithMonitor();
    const { article } = web.store.addArticle({ url: `${site.origin}/news/1`, intervalMinutes: 30, now: Date.now() });
    // before the first check has finished, the next check is not a time to wait for
    expect(textIn(await (await app.request(`/articles/${article.id}`)).text())).toContain('Next checkfirst check under way');
    const res = await app.request(`/articles/${article.id}/check`, form({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/articles/${article.id}?checked=first-version&version=1`);
    expect(web.store.listVersions(article.id)).toHaveLength(1);
    expect(textIn(await (await app.request(res.headers.get('location')!)).text())).toContain('Checked: the first version is stored (version 1).');
  });

  it('"Check now" says what the check did to a removal, as `stet check` does: a page gone once (when a check would record it), recorded as removed, back online', async () => {
    const state = { status: 200 };
    const site = await web.serve((_req, res) => (state.status === 200 ? html(res, renderArticlePage(ORIGINAL)) : res.writeHead(state.status).end()));
    const app = web.appWithMonitor();
    const { article } = web.store.addArticle({ url: `${site.origin}/news/1`, intervalMinutes: 30, now: Date.now() - 20 * 60_000 });
    const checkNow = async () => {
      const res = await app.request(`/articles/${article.id}/check`, form({}));
      expect(res.status).toBe(303);
      return textIn(await (await app.request(res.headers.get('location')!)).text());
    };
    const minute = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
    await checkNow();
    web.store.db.$client.prepare('update checks set at = ?').run(Date.now() - 8 * 60_000);

    state.status = 410;
    const once = await checkNow();
    const first = web.store.listChecks(article.id, 1)[0]!.at;
    expect(once).toContain(`Checked: the check failed; the reason is below. It is recorded as removed if a check from ${minute(first + 5 * 60_000)} UTC on still finds it gone.`);

    // the first sighting, six minutes ago, as the check then would have recorded it
    const goneAt = Date.now() - 6 * 60_000;
    web.store.db.$client.prepare("update checks set at = ? where outcome = 'failed'").run(goneAt);
    expect(await checkNow()).toContain(`Checked: the check failed; the reason is below. The page is recorded as removed from the site, gone since ${minute(goneAt)} UTC.`);
    expect(web.store.openRemoval(article.id)).toBeDefined();

    state.status = 200;
    expect(await checkNow()).toContain(`Checked: no change. The page is back online after its removal on ${minute(goneAt)} UTC.`);
    expect(web.store.openRemoval(article.id)).toBeUndefined();
  });

  it('DELETE answers 204, then the article is gone', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    expect((await app.request(`/api/articles/${article.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/articles/${article.id}`)).status).toBe(404);
  });

  it('article text travels as JSON strings, unchanged', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const res = await app.request(`/api/articles/${article.id}/versions/1`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ title: EVIL.title, byline: EVIL.byline, paragraphs: EVIL.paragraphs });
  });
});

describe('the HTML form (POST /articles)', () => {
  it('a bad URL re-renders the form with the error and the URL typed, as 422, writing nothing', async () => {
    const app = web.app();
    const typed = 'ftp://news.example/"><script>alert(1)</script>';
    const res = await app.request('/articles', form({ url: typed }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('only http and https');
    expect(elementsIn(page, 'script')).toEqual([]);
    const input = elementsIn(page, 'input').find((e) => e.attribs.name === 'url');
    expect(input?.attribs.value).toBe(typed);
    expect(web.store.listArticles()).toEqual([]);
  });

  it('a good URL redirects (303 See Other) to the new article\'s page', async () => {
    const app = web.app();
    const res = await app.request('/articles', form({ url: 'https://news.example/a' }));
    expect(res.status).toBe(303);
    const [article] = web.store.listArticles();
    expect(res.headers.get('location')).toBe(`/articles/${article?.id}`);
  });

  it('a missing url field is a 422 with the form, not a crash', async () => {
    const app = web.app();
    const res = await app.request('/articles', form({}));
    expect(res.status).toBe(422);
  });

  const crossSite: [string, string, Record<string, string>][] = [
    ['adding from another site\'s Origin', '/articles', { origin: 'https://evil.example' }],
    ['adding with Sec-Fetch-Site: cross-site and no Origin', '/articles', { 'sec-fetch-site': 'cross-site' }],
    ['a look-alike origin (another port)', '/articles', { origin: 'http://localhost:8080' }],
  ];
  it.each(crossSite)('cross-site form posts are refused (403): %s', async (_name, path, headers) => {
    const app = web.app();
    const res = await app.request(path, form({ url: 'https://news.example/a' }, headers));
    expect(res.status).toBe(403);
    expect(web.store.listArticles()).toEqual([]);
  });

  it('cross-site posts cannot delete an article or trigger a check', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    for (const action of ['delete', 'check']) {
      const res = await app.request(`/articles/${article.id}/${action}`, form({}, { origin: 'https://evil.example' }));
      expect(res.status, action).toBe(403);
    }
    expect(web.store.getArticle(article.id)).toBeDefined();
  });

  it('a request body over 64 KB is refused with 413 before it is read', async () => {
    const app = web.app();
    const res = await app.request('/api/articles', json({ url: `https://news.example/${'a'.repeat(70_000)}` }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_large');
    expect(web.store.listArticles()).toEqual([]);
  });

  it('the JSON API refuses writes from another site too, even bodiless ones (no CORS preflight protects them)', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const res = await app.request(`/api/articles/${article.id}/check`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('cross_site');
    const del = await app.request(`/api/articles/${article.id}`, { method: 'DELETE', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(del.status).toBe(403);
    expect(web.store.getArticle(article.id)).toBeDefined();
  });

  it('a same-origin form post whose Origin is "null" (a strict referrer policy) is ours by its Fetch Metadata', async () => {
    const app = web.app();
    const res = await app.request('/articles', form({ url: 'https://news.example/a' }, { origin: 'null', 'sec-fetch-site': 'same-origin' }));
    expect(res.status).toBe(303);
  });

  it('behind a reverse proxy, a form posted from BASE_URL\'s origin is ours', async () => {
    const app = web.app();
    // app.request() addresses http://localhost/, as an internal proxy hop would; the browser's Origin is the public BASE_URL.
    const res = await app.request('/articles', form({ url: 'https://news.example/a' }, { origin: 'https://stet.example' }));
    expect(res.status).toBe(303);
    expect(web.store.listArticles()).toHaveLength(1);
  });

  it('the same-origin delete button works', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const res = await app.request(`/articles/${article.id}/delete`, form({}));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/articles?deleted=${article.id}`);
    expect(web.store.getArticle(article.id)).toBeUndefined();
    expect(textIn(await (await app.request(res.headers.get('location')!)).text())).toContain(`Deleted article #${article.id} with its versions`);
  });
});

describe('the Content-Security-Policy header', () => {
  it.each([
    ['/', 200], ['/articles', 200], ['/articles/1', 200], ['/articles/1/diff/1..2', 200],
    ['/articles/999', 404], ['/no/such/page', 404], ['/articles/1/diff/one..two', 400],
    ['/api/articles', 200], ['/api/articles/abc', 400], ['/feed.xml', 200], ['/static/style.css', 200],
  ] as const)('GET %s (%s) carries a strict CSP', async (path, status) => {
    const app = web.app();
    seedHostileArticle();
    const res = await app.request(path);
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it.each([['/'], ['/articles'], ['/articles/1'], ['/articles/1/diff/1..2'], ['/articles/1/diff/1..2?layout=side-by-side']])(
    '%s uses no inline style or script, which that CSP would block', async (path) => {
      const app = web.app();
      seedHostileArticle();
      const page = await (await app.request(path)).text();
      expect(elementsIn(page, 'style')).toEqual([]);
      expect(elementsIn(page, 'script')).toEqual([]);
      expect(findAll((e) => e.attribs.style !== undefined, parseDocument(page).children)).toEqual([]);
    },
  );

  it('the 422 form page carries it too', async () => {
    const res = await web.request('/articles', form({ url: 'nope' }));
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('untrusted article text is escaped', () => {
  /** What a browser would build from the page: no element the publisher injected, and the text still readable. */
  function expectInert(page: string, where: string) {
    for (const tag of ['script', 'iframe', 'img']) expect(elementsIn(page, tag), `${where}: <${tag}>`).toEqual([]);
    expect(page, where).not.toMatch(/<script|<iframe|<img|onerror=/i);
  }

  it.each([
    ['the timeline', (id: number) => `/articles/${id}`],
    ['the diff page (inline)', (id: number) => `/articles/${id}/diff/1..2`],
    ['the diff page (side by side)', (id: number) => `/articles/${id}/diff/1..2?layout=side-by-side`],
    ['the home page', () => '/'],
    ['the watch list', () => '/articles'],
  ])('on %s', async (where, path) => {
    const app = web.app();
    const article = seedHostileArticle();
    const res = await app.request(path(article.id));
    expect(res.status).toBe(200);
    const page = await res.text();
    expectInert(page, where);
    expect(textIn(page), where).toContain('Breaking <script>alert("title")</script>');
  });

  it('the diff page shows the paragraphs as text', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const text = textIn(await (await app.request(`/articles/${article.id}/diff/1..2`)).text());
    expect(text).toContain('First <script>alert("p1")</script> paragraph & more.');
    expect(text).toContain('<script>alert("new")</script>');
  });

  it('the timeline shows the recorded error as text', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const page = await (await app.request(`/articles/${article.id}`)).text();
    // In words (the stored reason is the tooltip), and as text either way.
    expect(textIn(page)).toContain('the server answered <script>alert("error")</script>');
    expect(elementsIn(page, 'dd').find((e) => e.attribs['class'] === 'error')?.attribs['title']).toBe('http-status: <script>alert("error")</script>');
    expect(elementsIn(page, 'script')).toEqual([]);
  });

  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
  const list = <T,>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

  it.each([
    ['RSS', (id: number) => `/articles/${id}/feed.xml`],
    ['RSS (all articles)', () => '/feed.xml'],
    ['Atom', (id: number) => `/articles/${id}/feed.atom`],
    ['JSON Feed', (id: number) => `/articles/${id}/feed.json`],
  ])('in the %s feed: the diff HTML builds no injected element', async (format, path) => {
    const app = web.app();
    const article = seedHostileArticle();
    const res = await app.request(path(article.id));
    expect(res.status).toBe(200);
    const body = await res.text();
    let contents: string[];
    if (format === 'JSON Feed') {
      contents = (JSON.parse(body) as { items: { content_html: string }[] }).items.map((i) => i.content_html);
    } else if (format === 'Atom') {
      const feed = xml.parse(body).feed;
      expect(feed.script).toBeUndefined();
      contents = list(feed.entry).map((e: { content: { '#text': string } }) => e.content['#text']);
    } else {
      const channel = xml.parse(body).rss.channel;
      expect(channel.script).toBeUndefined();
      contents = list(channel.item).map((i: Record<string, unknown>) => {
        expect(i.script).toBeUndefined();
        return String(i['content:encoded']);
      });
    }
    expect(contents).toHaveLength(1);
    for (const content of contents) {
      expectInert(content, format);
      expect(textIn(content)).toContain('<script>alert("new")</script>');
    }
  });
});

describe('feeds answer conditional requests (RFC 9110 §13.1.2)', () => {
  it.each([['/feed.xml'], ['/feed.atom'], ['/feed.json'], ['/articles/1/feed.xml']])('%s: 304 to its own ETag, 200 with a new ETag after a new version', async (path) => {
    const app = web.app();
    const article = seedHostileArticle();
    const first = await app.request(path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await app.request(path, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // A weak validator matches too: If-None-Match uses the weak comparison.
    expect((await app.request(path, { headers: { 'if-none-match': `"x", W/${etag}` } })).status).toBe(304);
    // "*" matches any current representation (§13.1.2)
    expect((await app.request(path, { headers: { 'if-none-match': '*' } })).status).toBe(304);

    seedVersion(article, T0 + 10 * 60_000, { ...EVIL, paragraphs: ['A third version.'] });
    const changed = await app.request(path, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('the three formats have different ETags (they are different representations)', async () => {
    const app = web.app();
    seedHostileArticle();
    const tags = await Promise.all(['/feed.xml', '/feed.atom', '/feed.json'].map(async (p) => (await app.request(p)).headers.get('etag')));
    expect(new Set(tags).size).toBe(3);
  });
});

describe('feeds with nothing to list yet', () => {
  it('are dated by the article first watched (RSS lastBuildDate, Atom updated), not 1970, and their ETag follows that date', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const xml = new XMLParser({ parseTagValue: false });
    const rss = async (path: string) => xml.parse(await (await app.request(path)).text()).rss.channel.lastBuildDate as string;
    const atom = async (path: string) => xml.parse(await (await app.request(path)).text()).feed.updated as string;
    expect(await rss(`/articles/${article.id}/feed.xml`)).toBe(new Date(T0).toUTCString());
    expect(await atom(`/articles/${article.id}/feed.atom`)).toBe(new Date(T0).toISOString());
    expect(await atom('/feed.atom')).toBe(new Date(T0).toISOString());

    // the first of the watched articles dates the feed of all: one watched earlier changes it, and its ETag
    const etag = (await app.request('/feed.atom')).headers.get('etag')!;
    web.store.addArticle({ url: 'https://news.example/b', intervalMinutes: 30, now: T0 - 60_000 });
    expect(await atom('/feed.atom')).toBe(new Date(T0 - 60_000).toISOString());
    expect((await app.request('/feed.atom', { headers: { 'if-none-match': etag } })).status).toBe(200);
  });
});

describe('pages with nothing to show yet', () => {
  it('the home page, the watch list and a timeline without versions render', async () => {
    const app = web.app();
    expect((await app.request('/')).status).toBe(200);
    expect(textIn(await (await app.request('/articles')).text())).toContain('Nothing watched yet');
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const res = await app.request(`/articles/${article.id}`);
    expect(res.status).toBe(200);
    expect(textIn(await res.text())).toContain('No version yet');
    expect((await app.request(`/articles/${article.id}/diff/1..2`)).status).toBe(404);
  });
});

describe("publisher stamps are shown on the publisher's clock", () => {
  it.each([
    ['a bare day', '2019-01-31', '2019-01-31'],
    ['a time with an offset', '2019-01-31T15:13:00-05:00', '2019-01-31 15:13 −05:00'],
    ['a time east of UTC', '2019-01-31T15:13+05:30', '2019-01-31 15:13 +05:30'],
    ['a time in UTC', '2019-01-31T20:13:00.000Z', '2019-01-31 20:13 UTC'],
    ['a time without a zone', '2019-01-31T15:13:00', '2019-01-31 15:13 (no zone given)'],
    ['anything else, verbatim', 'last Tuesday', 'last Tuesday'],
  ])('%s', (_name, value, shown) => {
    expect(stampText(value)).toBe(shown);
  });

  it('the timeline and the diff page show them so, with the stamp itself in datetime', async () => {
    const app = web.app();
    const { article } = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const content = { title: 'T', byline: 'B', paragraphs: ['One.'] };
    for (const [i, modifiedAt] of ['2019-01-31T00:29:00-05:00', '2019-01-31T15:13:00-05:00'].entries()) {
      web.store.recordCheck(article.id, {
        kind: 'new-version', at: T0 + i, status: 200, durationMs: 1, nextCheckAt: T0 + 1_800_000, etag: null, lastModified: null, bodyHash: `h${i}`, body: new Uint8Array([i]),
        version: { fingerprint: `f${i}`, ...content, paragraphs: [`One ${i}.`], publishedAt: '2019-01-31T00:29:00-05:00', modifiedAt, canonicalUrl: null, lang: 'en', diffSummary: null },
      });
    }
    for (const path of [`/articles/${article.id}`, `/articles/${article.id}/diff/1..2`]) {
      const page = await (await app.request(path)).text();
      expect(textIn(page), path).toContain('2019-01-31 15:13 −05:00');
      expect(textIn(page), path).not.toContain('T15:13');
      expect(elementsIn(page, 'time').map((t) => t.attribs['datetime']), path).toContain('2019-01-31T15:13:00-05:00');
    }
  });
});

describe('pausing and resuming keep the history; deleting asks first', () => {
  it('PATCH {state: "paused"} stops scheduled checks; {state: "active"} makes the article due now', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const paused = await app.request(`/api/articles/${article.id}`, { ...json({ state: 'paused' }), method: 'PATCH' });
    expect(paused.status).toBe(200);
    expect(await paused.json()).toMatchObject({ id: article.id, state: 'paused', nextCheckAt: null });
    expect(web.store.findDueArticles(Date.now() + 365 * 86_400_000, 10)).toEqual([]);
    expect(web.store.listVersions(article.id)).toHaveLength(2);

    const before = Date.now();
    const resumed = await app.request(`/api/articles/${article.id}`, { ...json({ state: 'active' }), method: 'PATCH' });
    expect(await resumed.json()).toMatchObject({ state: 'active', nextCheckAt: expect.any(String) });
    expect(web.store.getArticle(article.id)!.nextCheckAt).toBeGreaterThanOrEqual(before);
    expect(web.store.findDueArticles(Date.now() + 1, 10).map((a) => a.id)).toEqual([article.id]);
  });

  it('PATCH refuses other states, other fields and non-JSON bodies with 400, and unknown articles with 404', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    for (const body of [{ state: 'gone' }, { state: 'paused', url: 'https://x.example/' }, {}, { intervalMinutes: 0 }, { intervalMinutes: 10_081 }, { intervalMinutes: 2.5 }, { state: 'paused', intervalMinutes: 'often' }]) {
      const res = await app.request(`/api/articles/${article.id}`, { ...json(body), method: 'PATCH' });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const text = await app.request(`/api/articles/${article.id}`, { method: 'PATCH', body: 'state=paused', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(400);
    expect((await app.request('/api/articles/999', { ...json({ state: 'paused' }), method: 'PATCH' })).status).toBe(404);
    expect(web.store.getArticle(article.id)).toMatchObject({ state: 'active', intervalMinutes: 30 });
  });

  it('PATCH {intervalMinutes} changes how often an article is checked; a shorter interval moves the next check up, never later', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const patch = (body: unknown) => app.request(`/api/articles/${article.id}`, { ...json(body), method: 'PATCH' });
    // checked a minute ago, next check in a day
    const lastChecked = Date.now() - 60_000;
    web.store.recordCheck(article.id, { kind: 'unchanged', at: lastChecked, status: 200, durationMs: 1, nextCheckAt: lastChecked + 86_400_000, etag: null, lastModified: null, bodyHash: null });

    const longer = await patch({ intervalMinutes: 60 });
    expect(await longer.json()).toMatchObject({ intervalMinutes: 60 });
    expect(web.store.getArticle(article.id)!.nextCheckAt).toBe(lastChecked + 86_400_000); // a longer interval applies from the next check on

    const shorter = await patch({ intervalMinutes: 5 });
    expect(shorter.status).toBe(200);
    expect(await shorter.json()).toMatchObject({ intervalMinutes: 5 });
    expect(web.store.getArticle(article.id)!.nextCheckAt).toBeLessThan(lastChecked + 86_400_000);
    expect(web.store.getArticle(article.id)!.nextCheckAt).toBeGreaterThan(lastChecked);

    const before = web.store.getArticle(article.id)!.nextCheckAt;
    expect(await (await patch({ intervalMinutes: 240, state: 'paused' })).json()).toMatchObject({ intervalMinutes: 240, state: 'paused' });
    expect(web.store.getArticle(article.id)!.nextCheckAt).toBe(before);
  });

  it('the article page sets the check interval through a same-origin form; a bad number is a 400 that changes nothing', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const page = await (await app.request(`/articles/${article.id}`)).text();
    expect(page).toContain(`action="/articles/${article.id}/interval"`);
    const ok = await app.request(`/articles/${article.id}/interval`, form({ intervalMinutes: '15' }));
    expect(ok.status).toBe(303);
    expect(web.store.getArticle(article.id)!.intervalMinutes).toBe(15);
    for (const bad of ['0', '10081', 'often', '']) {
      expect((await app.request(`/articles/${article.id}/interval`, form({ intervalMinutes: bad }))).status, bad).toBe(400);
    }
    expect((await app.request(`/articles/${article.id}/interval`, form({ intervalMinutes: '5' }, { origin: 'https://evil.example' }))).status).toBe(403);
    expect(web.store.getArticle(article.id)!.intervalMinutes).toBe(15);
  });

  it('the article page pauses and resumes through same-origin forms; a cross-site post is refused', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    expect((await app.request(`/articles/${article.id}/pause`, form({}, { origin: 'https://evil.example' }))).status).toBe(403);
    expect(web.store.getArticle(article.id)!.state).toBe('active');

    const res = await app.request(`/articles/${article.id}/pause`, form({}));
    expect(res.status).toBe(303);
    expect(web.store.getArticle(article.id)!.state).toBe('paused');
    const page = await (await app.request(`/articles/${article.id}`)).text();
    expect(elementsIn(page, 'form').map((f) => f.attribs.action)).toContain(`/articles/${article.id}/resume`);
    expect(textIn(page)).toContain('no scheduled checks until resumed');

    await app.request(`/articles/${article.id}/resume`, form({}));
    expect(web.store.getArticle(article.id)!.state).toBe('active');
  });

  it('"Delete…" leads to a confirmation page; only its form deletes', async () => {
    const app = web.app();
    const article = seedHostileArticle();
    const timeline = await (await app.request(`/articles/${article.id}`)).text();
    expect(elementsIn(timeline, 'form').map((f) => f.attribs.action)).not.toContain(`/articles/${article.id}/delete`);
    expect(elementsIn(timeline, 'a').map((a) => a.attribs.href)).toContain(`/articles/${article.id}/delete`);

    const confirm = await app.request(`/articles/${article.id}/delete`);
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    expect(textIn(page)).toContain('with its 2 versions');
    expect(elementsIn(page, 'form').map((f) => f.attribs.action)).toEqual([`/articles/${article.id}/delete`, `/articles/${article.id}/pause`]);
    expect(web.store.getArticle(article.id)).toBeDefined();
  });
});

describe('a page that went away: on the timeline, the lists, the API and every feed', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
  const list = <T,>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
  /** A failed check with the page gone; `removedAt` when it confirms a removal (as check.ts decides). */
  const gone = (article: ArticleRow, at: number, status: number, removedAt?: number) =>
    web.store.recordCheck(article.id, {
      kind: 'failed', at, status, durationMs: 1, nextCheckAt: at + 600_000, error: `http-status: HTTP ${status}`, ...(removedAt === undefined ? {} : { removal: { removedAt } }),
    });
  const removedAt = T0 + 180_000;
  const restoredAt = T0 + 300_000;

  it('a removal, then the page back: two items in every feed (stable GUIDs), shown as text on every page', async () => {
    const app = web.app();
    const article = seedHostileArticle(); // versions 1 and 2, then a failed check
    const before = (await app.request(`/articles/${article.id}/feed.xml`)).headers.get('etag')!;
    gone(article, removedAt, 410);
    expect((await app.request(`/articles/${article.id}/feed.xml`, { headers: { 'if-none-match': before } })).status).toBe(304); // one 410: nothing to say yet
    gone(article, removedAt + 60_000, 410, removedAt);
    expect((await app.request(`/articles/${article.id}/feed.xml`, { headers: { 'if-none-match': before } })).status).toBe(200);

    const rss = list(xml.parse(await (await app.request(`/articles/${article.id}/feed.xml`)).text()).rss.channel.item) as Record<string, unknown>[];
    expect(rss.map((i) => i.title)).toEqual([`Removed: ${EVIL.title} (updated)`, `Updated: ${EVIL.title} (updated)`]);
    expect(rss[0]).toMatchObject({
      guid: { '#text': `urn:stet:${sha256Hex(article.url).slice(0, 16)}:removal:${removedAt}`, '@isPermaLink': 'false' },
      link: `https://stet.example/articles/${article.id}#removal-1`,
      pubDate: new Date(removedAt + 60_000).toUTCString(), // published when the second check confirmed it
    });
    const removedHtml = String(rss[0]!['content:encoded']);
    expect(elementsIn(removedHtml, 'script')).toEqual([]);
    expect(textIn(removedHtml)).toContain('answered HTTP 410 Gone');
    expect(textIn(removedHtml)).toContain('the last was version 2');

    const page = await (await app.request(`/articles/${article.id}`)).text();
    expect(elementsIn(page, 'script')).toEqual([]);
    expect(textIn(page)).toContain('Removed from the site');
    expect(textIn(page)).toContain('HTTP 410 Gone since 2026-01-15 09:03 UTC');
    expect(textIn(page)).toContain('still away');
    expect(textIn(await (await app.request('/articles')).text())).toContain('removed since 2026-01-15 09:03 UTC');
    expect(textIn(await (await app.request('/')).text())).toContain(`Removed: ${EVIL.title} (updated)`);
    const api = (await (await app.request(`/api/articles/${article.id}`)).json()) as { removals: unknown[] };
    expect(api.removals).toEqual([
      { removedAt: new Date(removedAt).toISOString(), confirmedAt: new Date(removedAt + 60_000).toISOString(), status: 410, redirectedTo: null, lastVersion: 2, restoredAt: null },
    ]);
    const listing = (await (await app.request('/api/articles')).json()) as { articles: { removedSince: string | null }[] };
    expect(listing.articles[0]?.removedSince).toBe(new Date(removedAt).toISOString());

    // the page comes back: a second item; the first one keeps its GUID
    const etag = (await app.request('/feed.json')).headers.get('etag')!;
    web.store.recordCheck(article.id, { kind: 'unchanged', at: restoredAt, status: 200, durationMs: 1, nextCheckAt: restoredAt + 1_800_000, etag: null, lastModified: null, bodyHash: null });
    const after = await app.request('/feed.json', { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const items = (JSON.parse(await after.text()) as { items: { id: string; title: string; date_published: string }[] }).items;
    expect(items.map((i) => [i.id, i.title, i.date_published])).toEqual([
      [`urn:stet:${sha256Hex(article.url).slice(0, 16)}:removal:${removedAt}:restored`, `Back online: ${EVIL.title} (updated)`, new Date(restoredAt).toISOString()],
      [`urn:stet:${sha256Hex(article.url).slice(0, 16)}:removal:${removedAt}`, `Removed: ${EVIL.title} (updated)`, new Date(removedAt + 60_000).toISOString()],
      [expect.stringMatching(new RegExp(`^urn:stet:${sha256Hex(article.url).slice(0, 16)}:version:2:`)), `Updated: ${EVIL.title} (updated)`, new Date(T0 + 60_000).toISOString()],
    ]);
    const atom = list(xml.parse(await (await app.request('/feed.atom')).text()).feed.entry) as { id: string }[];
    expect(atom.map((e) => e.id)).toEqual(items.map((i) => i.id));
    expect(textIn(await (await app.request(`/articles/${article.id}`)).text())).not.toContain('still away');
  });
});

describe('small things a browser asks for', () => {
  it('/favicon.ico answers 204 (no icon, and no 404 on every page view)', async () => {
    const res = await web.request('/favicon.ico');
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toMatch(/max-age=/);
  });
});

describe('feed item titles say what changed', () => {
  it('"Updated: <headline> — <what changed>", so a reader listing titles alone can tell revisions apart', async () => {
    const { article } = web.store.addArticle({ url: 'https://news.example/titles', intervalMinutes: 30, now: T0 });
    const content = { title: 'Mayor resigns', byline: 'B', paragraphs: ['One.', 'Two.'] };
    seedVersion(article, T0, content);
    const body = new TextEncoder().encode('<html>2</html>');
    web.store.recordCheck(article.id, {
      kind: 'new-version', at: T0 + 60_000, status: 200, durationMs: 1, nextCheckAt: T0 + 1_860_000, etag: null, lastModified: null, bodyHash: sha256Hex(body), body,
      version: {
        fingerprint: 'f2', ...content, paragraphs: ['One.', 'Two, changed.'], publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: 'en',
        diffSummary: { unchanged: 1, changed: 1, added: 0, removed: 0, moved: 0, split: 0, merged: 0, boring: false, titleChanged: false, bylineChanged: false },
      },
    });
    const items = (JSON.parse(await web.text(`/articles/${article.id}/feed.json`)) as { items: { title: string }[] }).items;
    expect(items.map((i) => i.title)).toEqual(['Updated: Mayor resigns — 1 paragraph changed']);
  });
});

describe('the home page pages through older activity', () => {
  it('50 rows a page, newest first, with an "Older revisions" link to the rest; each names its site', async () => {
    const app = web.app();
    // Two stories taking turns: every revision is a row of its own.
    const articles = [web.store.addArticle({ url: 'https://xn--r8jz45g.example/story', intervalMinutes: 30, now: T0 }).article, web.store.addArticle({ url: 'https://other.example/story', intervalMinutes: 30, now: T0 }).article];
    for (let v = 0; v <= 57; v++) seedVersion(articles[v % 2]!, T0 + v * 60_000, { title: `Story ${v}`, byline: 'B', paragraphs: [`Paragraph ${v}.`] });
    const first = await (await app.request('/')).text();
    const titles = (page: string) => elementsIn(page, 'a').filter((a) => a.attribs['class'] === 'title').map((a) => textContent(a));
    expect(titles(first)).toHaveLength(50);
    expect(titles(first)[0]).toBe('Story 57');
    expect(textIn(first)).toContain('例え.example · version 29');
    const older = elementsIn(first, 'a').find((a) => textContent(a) === 'Older revisions →')!.attribs['href']!;
    const second = await (await app.request(older)).text();
    expect(titles(second)).toEqual(['Story 7', 'Story 6', 'Story 5', 'Story 4', 'Story 3', 'Story 2']);
    expect(elementsIn(second, 'a').some((a) => textContent(a) === 'Older revisions →')).toBe(false);
    expect((await app.request('/?before=yesterday')).status).toBe(400);
  });

  it('a live page\'s revisions are one row however many: the rows of other stories are not pushed off the first page', async () => {
    const app = web.app();
    const other = web.store.addArticle({ url: 'https://other.example/story', intervalMinutes: 30, now: T0 }).article;
    seedVersion(other, T0, { title: 'Other', byline: 'B', paragraphs: ['One.'] });
    seedVersion(other, T0 + 60_000, { title: 'Other', byline: 'B', paragraphs: ['One, edited.'] });
    const live = web.store.addArticle({ url: 'https://news.example/live', intervalMinutes: 30, now: T0 }).article;
    for (let v = 0; v <= 80; v++) seedVersion(live, T0 + (2 + v) * 60_000, { title: 'Live', byline: 'B', paragraphs: [`Entry ${v}.`] });
    const first = await (await app.request('/')).text();
    const titles = elementsIn(first, 'a').filter((a) => a.attribs['class'] === 'title').map((a) => textContent(a));
    expect(titles).toHaveLength(81);
    expect(titles.at(-1)).toBe('Other');
    expect(elementsIn(first, 'a').some((a) => textContent(a) === 'Older revisions →')).toBe(false);
  });
});
