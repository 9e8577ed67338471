/**
 * GET /api/articles a page at a time (app.request on a fresh in-memory store,
 * STYLE 8): ?limit= and the keyset cursor ?before= of the web watch list,
 * `next` and a Link header (RFC 8288) to walk the whole list, each article
 * exactly once; and GET /api/articles/:id with the list items' versionCount
 * and removedSince.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { API_ARTICLES_MAX_PAGE_SIZE, API_ARTICLES_PAGE_SIZE } from '../../../src/web/api.ts';
import { addVersion } from './support/versions.ts';
import { watchMany as watchManyIn } from './support/watch-list.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const web = testApp({ BASE_URL: 'https://stet.example' });

interface Page {
  articles: { id: number; url: string; versionCount: number; removedSince: string | null }[];
  next: string | null;
}

/** Every page from `start`, following `next` (an absolute URL under BASE_URL) to the end; each page's Link header is checked against `next`. */
async function walk(start: string, baseUrl?: string): Promise<Page[]> {
  const pages: Page[] = [];
  for (let href: string | null = start; href !== null; ) {
    const res = await web.app({ env: { BASE_URL: baseUrl } }).request(href);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(res.headers.get('link')).toBe(page.next === null ? null : `<${page.next}>; rel="next"`);
    pages.push(page);
    href = page.next;
    if (pages.length > 50) throw new Error(`paging does not end: ${href}`);
  }
  return pages;
}

const watchMany = (count: number, slug?: string): string[] => watchManyIn(web.store, T0, count, slug);

describe('GET /api/articles comes in pages, each article on exactly one', () => {
  it(`${API_ARTICLES_PAGE_SIZE} a page by default; following "next" lists every article once, newest first, and the last page has no "next"`, async () => {
    const expected = watchMany(2 * API_ARTICLES_PAGE_SIZE + 17);
    const pages = await walk('/api/articles');
    expect(pages.map((p) => p.articles.length)).toEqual([API_ARTICLES_PAGE_SIZE, API_ARTICLES_PAGE_SIZE, 17]);
    expect(pages.flatMap((p) => p.articles.map((a) => a.url))).toEqual(expected);
    expect(pages.at(-1)!.next).toBeNull();
  });

  it('?limit= sets the page size, kept on every "next"; a list that ends with a full page has no "next" to an empty one', async () => {
    const expected = watchMany(30);
    const pages = await walk('/api/articles?limit=10');
    expect(pages.map((p) => p.articles.length)).toEqual([10, 10, 10]);
    expect(pages.flatMap((p) => p.articles.map((a) => a.url))).toEqual(expected);
    expect(new URL(pages[0]!.next!).searchParams.get('limit')).toBe('10');
  });

  it('articles watched in one millisecond across a page boundary are each listed once (the cursor names the article, not only its time)', async () => {
    for (let n = 0; n < 25; n++) web.store.addArticle({ url: `https://news.example/same-${n}`, intervalMinutes: 30, now: T0 });
    const pages = await walk('/api/articles?limit=7');
    expect(pages.map((p) => p.articles.length)).toEqual([7, 7, 7, 4]);
    expect(new Set(pages.flatMap((p) => p.articles.map((a) => a.id))).size).toBe(25);
  });

  it('an article deleted meanwhile moves no other across the boundary (a keyset, not an offset)', async () => {
    const expected = watchMany(15);
    const first = (await web.json('/api/articles?limit=10')) as Page;
    web.store.deleteArticle(first.articles[0]!.id);
    const second = (await web.json(first.next!)) as Page;
    expect(second.articles.map((a) => a.url)).toEqual(expected.slice(10));
  });

  it('?limit=1 and ?limit=1000 are the bounds; an empty ?limit= is the default', async () => {
    watchMany(3);
    expect(((await web.json('/api/articles?limit=1')) as Page).articles).toHaveLength(1);
    expect(((await web.json(`/api/articles?limit=${API_ARTICLES_MAX_PAGE_SIZE}`)) as Page)).toMatchObject({ next: null });
    expect(((await web.json('/api/articles?limit=')) as Page).articles).toHaveLength(3);
  });

  it.each(['0', '1001', '-1', 'ten', '1e2', '0x10', '2.5', ' 5', '99999'])('?limit=%s is refused with 400, saying what a limit is', async (limit) => {
    const res = await web.request(`/api/articles?limit=${encodeURIComponent(limit)}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/^limit: expected a whole number of articles a page from 1 to 1000 \(100 without it\)/);
  });

  it.each(['yesterday', '123', '1-2-3', '-1', ''])('?before=%s is refused with 400, naming the parameter', async (before) => {
    const res = await web.request(`/api/articles?before=${before}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^before: expected where a page ended, as the "next" link gives/);
  });

  it("?source=<id> pages through that source's articles alike, the filter kept on every \"next\"; an unknown source is 404", async () => {
    const added = watchMany(12, 'from-feed');
    watchMany(20, 'by-hand');
    const { sourceId } = web.store.importSource(
      { url: 'https://news.example/feed.xml', feedUrl: null, kind: 'feed', title: 'Feed', state: 'active', intervalMinutes: 30, articleIntervalMinutes: null, createdAt: T0, links: added.map((url) => ({ url, added: true })) },
      T0,
    );
    const pages = await walk(`/api/articles?source=${sourceId}&limit=5`);
    expect(pages.flatMap((p) => p.articles.map((a) => a.url))).toEqual(added);
    expect(pages.slice(0, -1).every((p) => new URL(p.next!).searchParams.get('source') === String(sourceId))).toBe(true);
    expect((await web.request('/api/articles?source=99')).status).toBe(404);
  });

  it("\"next\" is an absolute URL under BASE_URL, its path prefix too, and leads on from there", async () => {
    const expected = watchMany(3);
    const pages = await walk('/api/articles?limit=2', 'https://example.org/stet');
    expect(pages[0]!.next).toMatch(/^https:\/\/example\.org\/stet\/api\/articles\?limit=2&before=\d+-\d+$/);
    expect(pages.flatMap((p) => p.articles.map((a) => a.url))).toEqual(expected);
  });
});

describe('GET /api/articles/:id has the fields of the list items', () => {
  it('versionCount and removedSince, as the list gives them: null while the page is there, since when while it is away', async () => {
    const { article } = web.store.addArticle({ url: 'https://news.example/pulled', intervalMinutes: 30, now: T0 });
    addVersion(web.store, article, T0 + MINUTE, { title: 'Pulled', byline: '', paragraphs: ['One.'] });
    addVersion(web.store, article, T0 + 2 * MINUTE, { title: 'Pulled', byline: '', paragraphs: ['One.', 'Two.'] });
    const one = async () => (await web.json(`/api/articles/${article.id}`)) as Page['articles'][number];
    const listed = async () => ((await web.json('/api/articles')) as Page).articles[0]!;

    expect(await one()).toMatchObject({ versionCount: 2, removedSince: null });
    const gone = (minutes: number, removedAtMinutes?: number) =>
      web.store.recordCheck(article.id, {
        kind: 'failed', at: T0 + minutes * MINUTE, status: 410, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: 'http-status: HTTP 410',
        ...(removedAtMinutes === undefined ? {} : { removal: { removedAt: T0 + removedAtMinutes * MINUTE } }),
      });
    gone(30);
    gone(40, 30);
    const away = await one();
    expect(away).toMatchObject({ versionCount: 2, removedSince: new Date(T0 + 30 * MINUTE).toISOString() });
    const { versions: _versions, versionsNext: _versionsNext, removals: _removals, ...fields } = away as typeof away & { versions: unknown; versionsNext: unknown; removals: unknown };
    expect(fields).toEqual(await listed());
  });
});
