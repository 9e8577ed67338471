/**
 * An article's versions through the API a page at a time (app.request on a
 * fresh in-memory store, STYLE 8): GET /api/articles/:id carries the newest
 * API_VERSIONS_PAGE_SIZE (all of them for most articles, as before), oldest
 * first, and `versionsNext`; GET /api/articles/:id/versions walks back from
 * there with `next` and a Link header (RFC 8288), each version once and
 * marked as the whole history marks it; /versions/:n agrees with the lists.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { API_VERSIONS_MAX_PAGE_SIZE, API_VERSIONS_PAGE_SIZE } from '../../../src/web/api.ts';
import { testApp } from '../../support/app.ts';
import { addVersion, watch, type PublisherStamps, liveBlog as liveBlogIn } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const BASE = 'https://stet.example';

const web = testApp({ BASE_URL: BASE });

interface VersionJson { number: number; stealthEdit: boolean; paragraphCount: number; changes: unknown }
interface VersionsPage { versions: VersionJson[]; next: string | null }
interface ArticleJson { versionCount: number; versions: VersionJson[]; versionsNext: string | null }

async function getJson<T>(path: string): Promise<{ body: T; link: string | null }> {
  const res = await web.request(path);
  expect(res.status).toBe(200);
  return { body: (await res.json()) as T, link: res.headers.get('link') };
}

/** Every page from `start`, following `next` to the end; each page's Link header is checked against `next`. */
async function walk(start: string): Promise<VersionsPage[]> {
  const pages: VersionsPage[] = [];
  for (let href: string | null = start; href !== null; ) {
    const { body, link }: { body: VersionsPage; link: string | null } = await getJson<VersionsPage>(href.replace(BASE, ''));
    expect(link).toBe(body.next === null ? null : `<${body.next}>; rel="next"`);
    pages.push(body);
    href = body.next;
    if (pages.length > 100) throw new Error(`paging does not end: ${href}`);
  }
  return pages;
}

const liveBlog = (count: number, stamps?: (n: number) => PublisherStamps): ArticleRow => liveBlogIn(web.store, T0, count, stamps, (n) => ['Intro.', `Update number ${n} came in.`]);

const numbers = (versions: VersionJson[]) => versions.map((v) => v.number);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('GET /api/articles/:id carries the newest versions, and the way to the rest', () => {
  it(`an article of ${API_VERSIONS_PAGE_SIZE} versions or fewer answers as before: every version, oldest first; versionsNext null and no Link header`, async () => {
    const article = liveBlog(5);
    const { body, link } = await getJson<ArticleJson>(`/api/articles/${article.id}`);
    expect(numbers(body.versions)).toEqual([1, 2, 3, 4, 5]);
    expect(body).toMatchObject({ versionCount: 5, versionsNext: null });
    expect(link).toBeNull();
  });

  it(`a longer one carries its newest ${API_VERSIONS_PAGE_SIZE}, still oldest first, its versionCount all of them, and versionsNext (also a Link header) to the ones before`, async () => {
    const count = 2 * API_VERSIONS_PAGE_SIZE + 30;
    const article = liveBlog(count);
    const { body, link } = await getJson<ArticleJson>(`/api/articles/${article.id}`);
    expect(numbers(body.versions)).toEqual(range(count - API_VERSIONS_PAGE_SIZE + 1, count));
    expect(body.versionCount).toBe(count);
    expect(body.versionsNext).toBe(`${BASE}/api/articles/${article.id}/versions?limit=${API_VERSIONS_PAGE_SIZE}&before=${count - API_VERSIONS_PAGE_SIZE + 1}`);
    expect(link).toBe(`<${body.versionsNext}>; rel="next"`);
    const before = await walk(body.versionsNext!);
    expect([...before.flatMap((p) => numbers(p.versions)), ...numbers(body.versions)].sort((a, b) => a - b)).toEqual(range(1, count));
    expect(before.map((p) => p.versions.length)).toEqual([API_VERSIONS_PAGE_SIZE, 30]);
  });
});

describe('GET /api/articles/:id/versions comes in pages, each version on exactly one', () => {
  it('newest page first, each page oldest first; following "next" reaches version 1 and the last page has no "next"; ?limit= is kept on every "next"', async () => {
    const article = liveBlog(23);
    const pages = await walk(`/api/articles/${article.id}/versions?limit=7`);
    expect(pages.map((p) => numbers(p.versions))).toEqual([range(17, 23), range(10, 16), range(3, 9), [1, 2]]);
    expect(pages.slice(0, -1).every((p) => new URL(p.next!).searchParams.get('limit') === '7')).toBe(true);
  });

  it('a version stored while a client pages back shifts nothing: "next" names a version number', async () => {
    const article = liveBlog(6);
    const first = (await getJson<VersionsPage>(`/api/articles/${article.id}/versions?limit=3`)).body;
    addVersion(web.store, article, T0 + 60 * MINUTE, { title: 'Live', byline: 'Desk', paragraphs: ['Intro.', 'A late update.'] });
    expect(numbers((await getJson<VersionsPage>(first.next!.replace(BASE, ''))).body.versions)).toEqual([1, 2, 3]);
  });

  it('every version\'s stealthEdit is the same on any page as in one page of the whole history (a page\'s oldest judged against the page before)', async () => {
    // Version 1 shows a stamp; version 2 keeps it (stealth); 3 drops it (visible); every later edit without one (stealth), but 40 shows a new
    // one and 41 drops it again (both visible).
    const article = liveBlog(60, (n) => (n <= 2 ? { modifiedAt: '2026-01-15T08:00:00Z' } : n === 40 ? { modifiedAt: '2026-01-15T10:00:00Z' } : {}));
    const whole = (await getJson<VersionsPage>(`/api/articles/${article.id}/versions?limit=${API_VERSIONS_MAX_PAGE_SIZE}`)).body.versions;
    expect(whole.filter((v) => !v.stealthEdit).map((v) => v.number)).toEqual([1, 3, 40, 41]);
    for (const limit of [2, 7]) {
      const paged = (await walk(`/api/articles/${article.id}/versions?limit=${limit}`)).flatMap((p) => p.versions).sort((a, b) => a.number - b.number);
      expect(paged).toEqual(whole);
    }
  });

  it('a bad ?limit= or ?before= is a 400, an unknown article a 404; an article without versions has an empty list', async () => {
    const article = liveBlog(2);
    for (const query of ['limit=0', `limit=${API_VERSIONS_MAX_PAGE_SIZE + 1}`, 'limit=x', 'before=0', 'before=x', 'before=']) {
      expect((await web.request(`/api/articles/${article.id}/versions?${query}`)).status).toBe(400);
    }
    expect((await web.request('/api/articles/99/versions')).status).toBe(404);
    const none = watch(web.store, 'https://news.example/not-yet', T0);
    expect((await getJson<VersionsPage>(`/api/articles/${none.id}/versions`)).body).toEqual({ articleId: none.id, versions: [], next: null });
  });
});

describe('GET /api/articles/:id/versions/:n', () => {
  it('says of version n what the lists say (its stealthEdit judged against the versions before it), with its paragraphs', async () => {
    const article = liveBlog(8, (n) => (n === 1 ? { modifiedAt: '2026-01-15T08:00:00Z' } : {}));
    const listed = (await getJson<VersionsPage>(`/api/articles/${article.id}/versions`)).body.versions;
    for (const n of [1, 2, 7]) {
      const { body } = await getJson<VersionJson & { articleId: number; paragraphs: string[] }>(`/api/articles/${article.id}/versions/${n}`);
      const { articleId, paragraphs, ...version } = body;
      expect(articleId).toBe(article.id);
      expect(version).toEqual(listed[n - 1]);
      expect(paragraphs).toEqual(['Intro.', `Update number ${n} came in.`]);
    }
    expect(listed.map((v) => v.stealthEdit)).toEqual([false, false, true, true, true, true, true, true]);
    expect((await web.request(`/api/articles/${article.id}/versions/9`)).status).toBe(404);
  });
});
