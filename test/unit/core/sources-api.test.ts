/**
 * Sources through the HTTP surface (app.request, STYLE 8): the JSON API at
 * /api/sources and the /sources page with its form actions.
 */
import { describe, expect, it } from 'vitest';
import { formPost as form, jsonRequest } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';
import { html, type Site } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const web = storeAndSite({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', BASE_URL: 'https://stet.example', SOURCE_INTERVAL_MINUTES: '20' });
const appWithMonitor = () => web.appWithMonitor({ random: () => 0.5 });

const send = (method: string, body: unknown): RequestInit => jsonRequest(body, { method });

function feedSite(): Promise<Site> {
  return web.serve((req, res) => {
    if (req.url === '/feed.xml') {
      return res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<rss><channel><title>The Courier</title><item><title>A</title><link>${web.site.origin}/news/a</link><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`);
    }
    return html(res, '<p>story</p>');
  });
}

describe('/api/sources', () => {
  it('add (201, read at once; then 200 for the same URL), list, read now, pause, change the interval, delete (the articles stay)', async () => {
    const app = appWithMonitor();
    const { origin } = await feedSite();
    const created = await app.request('/api/sources', send('POST', { url: `${origin}/feed.xml#top` }));
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: number; url: string; intervalMinutes: number; kind: string | null; created: boolean };
    expect(source).toMatchObject({ url: `${origin}/feed.xml`, intervalMinutes: 20, kind: 'feed', created: true, read: { outcome: 'listed', listed: 1, added: 1, error: null } });
    expect((await app.request('/api/sources', send('POST', { url: `${origin}/feed.xml` }))).status).toBe(200);

    const read = await app.request(`/api/sources/${source.id}/read`, { method: 'POST' });
    expect(await read.json()).toMatchObject({ sourceId: source.id, outcome: 'listed', kind: 'feed', listed: 1, added: 0, error: null });
    expect(web.store.listArticles().map((a) => a.url)).toEqual([`${origin}/news/a`]);

    const listed = (await (await app.request('/api/sources')).json()) as { sources: unknown[] };
    expect(listed.sources).toEqual([expect.objectContaining({ id: source.id, kind: 'feed', title: 'The Courier', articlesAdded: 1, state: 'active' })]);

    // the articles it added: the watch list filtered by source, in the API and on the page the count links to
    web.store.addArticle({ url: 'https://elsewhere.example/by-hand', intervalMinutes: 30, now: Date.now() });
    const fromSource = (await (await app.request(`/api/articles?source=${source.id}`)).json()) as { articles: { url: string }[] };
    expect(fromSource.articles.map((a) => a.url)).toEqual([`${origin}/news/a`]);
    const sourcesPage = await (await app.request('/sources')).text();
    expect(elementsIn(sourcesPage, 'a').some((a) => a.attribs['href'] === `/articles?source=${source.id}`)).toBe(true);
    const filtered = await (await app.request(`/articles?source=${source.id}`)).text();
    expect(textIn(filtered)).toContain(`${origin}/news/a`);
    expect(textIn(filtered)).not.toContain('elsewhere.example');
    expect((await app.request('/api/articles?source=999')).status).toBe(404);

    // its article deleted: the count stays (the source did add one), said to be watched no more, and no link to an empty list (QA)
    const [added] = web.store.listArticles({ sourceId: source.id });
    web.store.deleteArticle(added!.id);
    const afterDelete = await (await app.request('/sources')).text();
    expect(textIn(afterDelete)).toMatch(/1\s*\(deleted since\)/);
    expect(elementsIn(afterDelete, 'a').some((a) => a.attribs['href'] === `/articles?source=${source.id}`)).toBe(false);
    expect(web.store.deletedFromSources().get(source.id)).toBe(1);
    // watched again by hand: no longer deleted
    web.store.addArticle({ url: added!.url, intervalMinutes: 30, now: Date.now() });
    expect(web.store.deletedFromSources().get(source.id)).toBeUndefined();

    const paused = await app.request(`/api/sources/${source.id}`, send('PATCH', { state: 'paused', intervalMinutes: 60 }));
    expect(await paused.json()).toMatchObject({ state: 'paused', intervalMinutes: 60, nextCheckAt: null });

    expect((await app.request(`/api/sources/${source.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/sources/${source.id}`)).status).toBe(404);
    expect(web.store.listArticles()).toHaveLength(2);
  });

  it.each([
    ['a URL that is not http(s)', send('POST', { url: 'ftp://news.example/feed' }), 422, 'invalid_url'],
    ['no URL', send('POST', { interval: 5 }), 400, 'bad_request'],
    ['an interval out of range', send('POST', { url: 'https://news.example/feed', intervalMinutes: 0 }), 400, 'bad_request'],
    ['not JSON', { method: 'POST', body: 'url=https://news.example/feed', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 400, 'invalid_json'],
  ])('refuses %s with {error: {code, message}}', async (_name, init, status, code) => {
    const response = await web.request('/api/sources', init);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    expect(web.store.listSources()).toEqual([]);
  });

  it('without a Monitor nothing is read at once: 201 with kind null, read on the schedule of the process that has one', async () => {
    const created = await web.request('/api/sources', send('POST', { url: 'https://news.example/feed.xml' }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ kind: null, created: true, lastCheckedAt: null });
  });

  it('a new source whose first read fails for a while (503) is kept: 201, with the failed read and when it is read again', async () => {
    const app = appWithMonitor();
    const site = await web.serve((_req, res) => res.writeHead(503).end('later'));
    const created = await app.request('/api/sources', send('POST', { url: `${site.origin}/feed.xml` }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ failureCount: 1, lastError: expect.stringMatching(/503/), read: { outcome: 'failed', status: 503, nextCheckAt: expect.any(String) } });
    expect(web.store.listSources()).toHaveLength(1);
  });

  it.each([
    ['an HTML page that announces no feed', '/page', 'not_a_source', /was not added: the address is a web page that announces no feed; give the address of its feed or sitemap/],
    ['a 404', '/missing.xml', 'source_gone', /was not added: the server answered 404 Not Found/],
    ['a front page whose feed another source reads', '/', 'duplicate_source', /was not added: the page announces .*\/feed\.xml, which source #1 already reads/],
  ])('a new source that is no source at all is refused (422) and not kept: %s', async (_name, path, code, words) => {
    const app = appWithMonitor();
    const site = await web.serve((req, res) => {
      if (req.url === '/feed.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><title>The Courier</title></channel></rss>');
      if (req.url === '/') return html(res, '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>front</body></html>');
      if (req.url === '/page') return html(res, '<html><body><p>just a page</p></body></html>');
      return res.writeHead(404).end('no');
    });
    expect((await app.request('/api/sources', send('POST', { url: `${site.origin}/feed.xml` }))).status).toBe(201);
    const refused = await app.request('/api/sources', send('POST', { url: `${site.origin}${path}` }));
    expect(refused.status).toBe(422);
    // The message in words, as the form says it; the error's code is the machine-readable part.
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error).toMatchObject({ code, message: expect.stringMatching(words) });
    expect(error.message).not.toMatch(/not-a-source|http-status|duplicate:/);
    expect(web.store.listSources().map((s) => s.url)).toEqual([`${site.origin}/feed.xml`]);

    // The form says the same in words (no stored code), shown again with the address typed, and keeps nothing either.
    const page = await app.request('/sources', form({ url: `${site.origin}${path}` }));
    expect(page.status).toBe(422);
    const text = textIn(await page.text());
    expect(text).toMatch(words);
    expect(text).not.toMatch(/not-a-source|http-status|duplicate:/);
    expect(elementsIn(await (await app.request('/sources', form({ url: `${site.origin}${path}` }))).text(), 'input').find((i) => i.attribs['name'] === 'url')?.attribs['value']).toBe(`${site.origin}${path}`);
    expect(web.store.listSources()).toHaveLength(1);
  });

  it('a read asked of a process without a Monitor is 503; an unknown or malformed id is 404 / 400', async () => {
    const app = web.app();
    const { source } = web.store.addSource({ url: 'https://news.example/feed', intervalMinutes: 15, articleIntervalMinutes: null, now: Date.now() });
    expect((await app.request(`/api/sources/${source.id}/read`, { method: 'POST' })).status).toBe(503);
    expect((await app.request('/api/sources/999')).status).toBe(404);
    expect((await app.request('/api/sources/1e0')).status).toBe(400);
    expect((await app.request(`/api/sources/${source.id}`, send('PATCH', {}))).status).toBe(400);
  });
});

describe('/sources page', () => {
  it('lists sources with their state and escapes what the feed says about itself', async () => {
    const { source } = web.store.addSource({ url: 'https://news.example/feed', intervalMinutes: 15, articleIntervalMinutes: null, now: Date.now() });
    web.store.recordSourceListing(source.id, {
      at: Date.now(), nextCheckAt: Date.now() + 900_000, url: source.url, kind: 'feed', title: 'Courier <script>alert(1)</script>',
      etag: null, lastModified: null, watch: ['https://news.example/a'], seen: [], listed: ['https://news.example/a'], articleIntervalMinutes: 30,
    });
    const page = await web.text('/sources');
    expect(elementsIn(page, 'script')).toEqual([]);
    expect(textIn(page)).toContain('Courier <script>alert(1)</script>');
    expect(textIn(page)).toMatch(/https:\/\/news\.example\/feed\s*feed/);
    expect(textIn(page)).toMatch(/Sources.*reads it every 20 minutes/s);
  });

  it.each([
    ['paused', 'It is paused, so it is not read: Resume in its row reads it again.'],
    ['failing', 'It is failing: every read refused it (the reason and since when are in its row), so it is no longer read; Resume in its row reads it again.'],
  ] as const)('adding the address of a %s source again says so in words, and that Resume reads it again (as stet source add does)', async (state, words) => {
    const { source } = web.store.addSource({ url: 'https://news.example/feed.xml', intervalMinutes: 15, articleIntervalMinutes: null, now: Date.now() });
    if (state === 'paused') web.store.setSourceState(source.id, 'paused', Date.now());
    else web.store.recordSourceRefusal(source.id, { at: Date.now(), error: 'http-status: HTTP 404 Not Found', nextCheckAt: Date.now(), isRefusedForGood: () => true });
    expect(web.store.getSource(source.id)?.state).toBe(state);
    const app = web.app();
    const again = await app.request('/sources', form({ url: 'https://news.example/feed.xml' }));
    expect(again.headers.get('location')).toBe(`/sources?existing=${source.id}#source-${source.id}`);
    expect(textIn(await (await app.request(again.headers.get('location')!)).text())).toContain(
      `That address is already source #${source.id} (as given, or as the feed its page announces). ${words}`,
    );
    // An active one is only pointed at.
    web.store.setSourceState(source.id, 'active', Date.now());
    expect(textIn(await (await app.request(again.headers.get('location')!)).text())).toMatch(/already source #\d+ \(as given, or as the feed its page announces\)\.(?! It is)/);
  });

  it('a new source whose first read fails for a while is kept, and the page says it will be read again', async () => {
    const app = appWithMonitor();
    const site = await web.serve((_req, res) => res.writeHead(503).end('later'));
    const added = await app.request('/sources', form({ url: `${site.origin}/feed.xml` }));
    expect(added.status).toBe(303);
    const id = web.store.listSources()[0]!.id;
    expect(added.headers.get('location')).toBe(`/sources?added=${id}&failed#source-${id}`);
    const page = textIn(await (await app.request(added.headers.get('location')!)).text());
    expect(page).toContain(`Source #${id} is added, but its first read failed (the reason is in its row); stet reads it again on its schedule.`);
    // Its row says the last read failed; "failing" is only the state of a source no longer read.
    expect(page).toMatch(/active\s*last read failed: /);
    expect(page).not.toMatch(/failing/);
  });

  it('the form adds a source and is read at once by the Monitor; a bad URL is shown again with the reason (422)', async () => {
    const app = appWithMonitor();
    const { origin } = await feedSite();
    const added = await app.request('/sources', form({ url: `${origin}/feed.xml` }));
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toMatch(/^\/sources#source-\d+$/);
    const again = await app.request('/sources', form({ url: `${origin}/feed.xml` }));
    expect(textIn(await (await app.request(again.headers.get('location')!)).text())).toMatch(/That address is already source #\d+/);
    const bad = await app.request('/sources', form({ url: 'news.example/feed' }));
    expect(bad.status).toBe(422);
    expect(textIn(await bad.text())).toContain('did you mean https://news.example/feed?');

    const id = web.store.listSources()[0]!.id;
    expect(web.store.getSource(id)).toMatchObject({ kind: 'feed', articlesAdded: 1 }); // read before the answer
    const readNow = await app.request(`/sources/${id}/read`, form({}));
    expect(readNow.status).toBe(303);
    expect(textIn(await (await app.request(readNow.headers.get('location')!)).text())).toContain(`Read source #${id}: 1 link, 0 new articles watched.`);
    expect(web.store.getSource(id)).toMatchObject({ kind: 'feed', articlesAdded: 1 });
    await app.request(`/sources/${id}/pause`, form({}));
    expect(web.store.getSource(id)?.state).toBe('paused');
    await app.request(`/sources/${id}/resume`, form({}));
    expect(web.store.getSource(id)?.state).toBe('active');
    await app.request(`/sources/${id}/remove`, form({}));
    expect(web.store.listSources()).toEqual([]);
    expect(web.store.listArticles()).toHaveLength(1);
  });
});
