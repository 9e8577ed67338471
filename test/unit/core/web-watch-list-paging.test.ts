/**
 * Paging through the watch list (/articles, "Older articles", ?before=)
 * through app.request() on a fresh in-memory store (STYLE 8). The link
 * carries where the page ended as the last article's watch time and id (a
 * keyset cursor), so articles watched in one millisecond across a page
 * boundary are each listed once, and the source filter and BASE_URL's path
 * stay on every link.
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { WATCH_LIST_PAGE_SIZE } from '../../../src/web/pages.tsx';
import { elementsIn } from './support/html.ts';
import { watchMany as watchManyIn } from './support/watch-list.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const web = testApp({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });
const urlsOn = (page: string) => elementsIn(page, 'div').filter((d) => d.attribs['class'] === 'url').map((d) => textContent(d));
const linkTo = (page: string, text: string) => elementsIn(page, 'a').find((a) => textContent(a) === text)?.attribs['href'];

/** The article URLs of every page, following "Older articles" from `start` to the end; `prefix` is BASE_URL's path, taken off each link. */
async function pagesFrom(start: string, prefix = '', baseUrl?: string): Promise<{ urls: string[][]; links: string[] }> {
  const urls: string[][] = [];
  const links: string[] = [];
  for (let href: string | undefined = start; href; ) {
    const page = await (await web.app({ env: { BASE_URL: baseUrl } }).request(href)).text();
    urls.push(urlsOn(page));
    const older = linkTo(page, 'Older articles →');
    if (older !== undefined) {
      links.push(older);
      expect(older.startsWith(`${prefix}/articles?`)).toBe(true);
    }
    href = older?.slice(prefix.length);
    if (urls.length > 10) throw new Error(`paging does not end: ${href}`);
  }
  return { urls, links };
}

const watchMany = (count: number, slug?: string): string[] => watchManyIn(web.store, T0, count, slug);

describe('the watch list comes in pages, each article on exactly one', () => {
  it(`a first page of ${WATCH_LIST_PAGE_SIZE}, and "Older articles" gives the rest, newest first, each once`, async () => {
    const expected = watchMany(2 * WATCH_LIST_PAGE_SIZE + 17);
    const { urls } = await pagesFrom('/articles');
    expect(urls.map((u) => u.length)).toEqual([WATCH_LIST_PAGE_SIZE, WATCH_LIST_PAGE_SIZE, 17]);
    expect(urls.flat()).toEqual(expected);
  });

  it('articles watched in one millisecond across a page boundary are each listed once (the cursor names the article, not only its time)', async () => {
    for (let n = 0; n < WATCH_LIST_PAGE_SIZE + 10; n++) web.store.addArticle({ url: `https://news.example/same-${n}`, intervalMinutes: 30, now: T0 });
    const { urls } = await pagesFrom('/articles');
    expect(urls.map((u) => u.length)).toEqual([WATCH_LIST_PAGE_SIZE, 10]);
    expect(new Set(urls.flat()).size).toBe(WATCH_LIST_PAGE_SIZE + 10);
  });

  it('a full last page leads to one saying there is nothing older, with a link back to the newest', async () => {
    watchMany(WATCH_LIST_PAGE_SIZE);
    const first = await web.text('/articles');
    const older = linkTo(first, 'Older articles →')!;
    const last = await web.text(older);
    expect(urlsOn(last)).toEqual([]);
    expect(last).toContain('Nothing older.');
    expect(linkTo(last, '← Newest articles')).toBe('/articles');
    expect(linkTo(last, 'Older articles →')).toBeUndefined();
  });

  it('the first page has no link back to itself, and a short list no "Older articles"', async () => {
    watchMany(3);
    const page = await web.text('/articles');
    expect(urlsOn(page)).toHaveLength(3);
    expect(linkTo(page, '← Newest articles')).toBeUndefined();
    expect(linkTo(page, 'Older articles →')).toBeUndefined();
  });

  it('an article deleted meanwhile moves no other across the boundary (a keyset, not an offset)', async () => {
    const expected = watchMany(WATCH_LIST_PAGE_SIZE + 5);
    const first = await web.text('/articles');
    const older = linkTo(first, 'Older articles →')!;
    web.store.deleteArticle(web.store.listArticles({ limit: 1 })[0]!.id);
    expect(urlsOn(await web.text(older))).toEqual(expected.slice(WATCH_LIST_PAGE_SIZE));
  });

  it("a source's list pages alike, the filter kept on every link", async () => {
    const added = watchMany(WATCH_LIST_PAGE_SIZE + 3, 'from-feed');
    watchMany(20, 'by-hand');
    const { sourceId } = web.store.importSource(
      { url: 'https://news.example/feed.xml', feedUrl: null, kind: 'feed', title: 'Feed', state: 'active', intervalMinutes: 30, articleIntervalMinutes: null, createdAt: T0, links: added.map((url) => ({ url, added: true })) },
      T0,
    );
    const { urls, links } = await pagesFrom(`/articles?source=${sourceId}`);
    expect(urls.flat()).toEqual(added);
    expect(links.every((l) => new URL(l, 'https://x').searchParams.get('source') === String(sourceId))).toBe(true);
  });

  it("links carry BASE_URL's path", async () => {
    const expected = watchMany(WATCH_LIST_PAGE_SIZE + 1);
    const { urls, links } = await pagesFrom('/articles', '/stet', 'https://example.org/stet');
    expect(urls.flat()).toEqual(expected);
    expect(links).toHaveLength(1);
  });

  it.each(['yesterday', '123', '1-2-3', '-1'])('?before=%s is refused with 400, naming the parameter', async (before) => {
    const res = await web.request(`/articles?before=${before}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('before: expected where a page ended');
  });
});
