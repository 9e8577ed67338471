/**
 * A site's Retry-After (a 429 or 503 with it) holds every article of the
 * site, whatever their own next-check times say: the watch list and the
 * article page show when the site may be checked again (QA: they read
 * "04:26" while the site was held to 04:27:34). A Crawl-delay between checks
 * is no such wait. A fresh in-memory store and app.request (STYLE 8).
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { jsonRequest, testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';

const MINUTE = 60_000;

const web = testApp();

function nextCheckCells(page: string): string[] {
  return elementsIn(page, 'td')
    .filter((td) => td.attribs['data-label'] === 'Next check')
    .map((td) => textContent(td).replace(/\s+/g, ' ').trim());
}

describe('a site that asked stet to wait', () => {
  it('its articles say not before the end of its Retry-After, on the watch list and their page; other sites as before', async () => {
    const now = Date.now();
    const { article: held } = web.store.addArticle({ url: 'https://held.example/story', intervalMinutes: 30, now: now - 2 * MINUTE });
    web.store.addArticle({ url: 'https://free.example/story', intervalMinutes: 30, now: now - 2 * MINUTE });
    const until = now + 2 * MINUTE;
    web.store.holdHost('held.example', until, until);
    const wait = /^not before \d{4}-\d\d-\d\d \d\d:\d\d.*: the site asked stet to wait \(Retry-After\)$/;
    const cells = nextCheckCells(await web.page('/articles'));
    expect(cells.filter((c) => wait.test(c))).toHaveLength(1);
    expect(cells.filter((c) => !wait.test(c))).toHaveLength(1);
    expect(textIn(await web.page(`/articles/${held.id}`))).toMatch(/Next check\s*not before .*the site asked stet to wait \(Retry-After\)/);
  });

  it('the API says it too: nextCheckAt not before the end of the wait, and siteWaitsUntil (a review: the API gave the article’s own earlier time)', async () => {
    const now = Date.now();
    const { article: held } = web.store.addArticle({ url: 'https://held.example/story', intervalMinutes: 30, now: now - 2 * MINUTE });
    const { article: free } = web.store.addArticle({ url: 'https://free.example/story', intervalMinutes: 30, now: now - 2 * MINUTE });
    const until = now + 2 * MINUTE;
    web.store.holdHost('held.example', until, until);
    const one = await web.json<{ nextCheckAt: string; siteWaitsUntil: string | null }>(`/api/articles/${held.id}`);
    expect(one).toMatchObject({ nextCheckAt: new Date(until).toISOString(), siteWaitsUntil: new Date(until).toISOString() });
    const list = await web.json<{ articles: { id: number; nextCheckAt: string; siteWaitsUntil: string | null }[] }>('/api/articles');
    expect(list.articles.find((a) => a.id === held.id)).toMatchObject({ nextCheckAt: new Date(until).toISOString(), siteWaitsUntil: new Date(until).toISOString() });
    expect(list.articles.find((a) => a.id === free.id)).toMatchObject({ nextCheckAt: new Date(free.nextCheckAt).toISOString(), siteWaitsUntil: null });
    // every answer that carries the article says it (a QA pass: POST of a URL already watched, and PATCH, did not)
    const waiting = { nextCheckAt: new Date(until).toISOString(), siteWaitsUntil: new Date(until).toISOString() };
    const app = web.app();
    const posted = await app.request('/api/articles', jsonRequest({ url: held.url }));
    expect(await posted.json()).toMatchObject({ id: held.id, created: false, ...waiting });
    const patched = await app.request(`/api/articles/${held.id}`, { ...jsonRequest({ intervalMinutes: 2 }), method: 'PATCH' });
    expect(await patched.json()).toMatchObject(waiting);
  });

  it('a Crawl-delay hold, or a Retry-After that ended, says nothing of it', async () => {
    const now = Date.now();
    web.store.addArticle({ url: 'https://slow.example/story', intervalMinutes: 30, now });
    web.store.holdHost('slow.example', now + MINUTE);
    web.store.addArticle({ url: 'https://over.example/story', intervalMinutes: 30, now });
    web.store.holdHost('over.example', now - MINUTE, now - MINUTE);
    expect(nextCheckCells(await web.page('/articles')).filter((c) => c.includes('Retry-After'))).toEqual([]);
  });
});
