/**
 * GET /api/versions: every version stet stored, of every article, in the
 * order it stored them, a page at a time, with a `next` to follow now and to
 * keep for later (app.request on a fresh in-memory store, STYLE 8): what a
 * researcher polls to keep a copy of the record without reading every
 * article again.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { addVersion, confirmCut } from './support/versions.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const BASE = 'https://stet.example';

const web = testApp({ BASE_URL: BASE });
let a: ArticleRow;
let b: ArticleRow;
beforeEach(() => {
  a = web.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 }).article;
  b = web.store.addArticle({ url: 'https://other.example/b', intervalMinutes: 30, now: T0 }).article;
});

interface Item { articleId: number; articleUrl: string; number: number; recordedAt: string; stealthEdit: boolean; diff: string | null; changes: unknown }
interface Page { versions: Item[]; next: string }

async function get(path: string): Promise<Page> {
  const res = await web.request(path);
  expect(res.status).toBe(200);
  const page = (await res.json()) as Page;
  expect(res.headers.get('link')).toBe(`<${page.next}>; rel="next"`);
  return page;
}

/** Follows `next` from `start` until a page comes back empty; the items, and the `next` of that empty page. */
async function follow(start: string): Promise<{ items: Item[]; keep: string }> {
  const items: Item[] = [];
  let path = start;
  for (let pages = 0; pages < 50; pages++) {
    const page = await get(path);
    if (page.versions.length === 0) return { items, keep: page.next };
    items.push(...page.versions);
    path = page.next.slice(BASE.length);
  }
  throw new Error('the log does not end');
}

const content = (paragraphs: string[]) => ({ title: 'Story', byline: '', paragraphs });

describe('GET /api/versions', () => {
  it('lists every version once, first versions too, in the order stet stored them, across articles and pages; the last `next` gives only what is stored later, whatever time it carries', async () => {
    addVersion(web.store, a, T0 + 1 * MINUTE, content(['One.']));
    addVersion(web.store, b, T0 + 2 * MINUTE, content(['Uno.']));
    addVersion(web.store, a, T0 + 3 * MINUTE, content(['One.', 'Two.']));
    // a cut first seen at +4 and stored when confirmed at +15: listed when stored, after b's version 2 at +10
    addVersion(web.store, b, T0 + 10 * MINUTE, content(['Uno.', 'Dos.']));
    confirmCut(web.store, a, T0 + 4 * MINUTE, T0 + 15 * MINUTE, content(['Two.']));
    for (let k = 0; k < 3; k++) addVersion(web.store, b, T0 + (20 + k) * MINUTE, content(['Uno.', 'Dos.', `Tres ${k}.`]));

    const { items, keep } = await follow('/api/versions?limit=2');
    expect(items.map((v) => [v.articleId === a.id ? 'a' : 'b', v.number])).toEqual([['a', 1], ['b', 1], ['a', 2], ['b', 2], ['a', 3], ['b', 3], ['b', 4], ['b', 5]]);
    expect(items[0]).toMatchObject({ articleUrl: 'https://news.example/a', diff: null, changes: null });
    expect(items[2]!.diff).toBe(`${BASE}/api/articles/${a.id}/diff?from=1&to=2`);
    expect(new Set(items.map((v) => v.recordedAt)).size).toBe(items.length);

    addVersion(web.store, a, T0 + 30 * MINUTE, content(['Two.', 'Three.']));
    // stored now with a time from before (as `stet import` keeps an export's times, QA): still after the kept place
    const imported = web.store.addArticle({ url: 'https://news.example/imported', intervalMinutes: 30, now: T0 }).article;
    addVersion(web.store, imported, T0 - 60 * MINUTE, content(['Old.']));
    const later = await follow(keep.slice(BASE.length));
    expect(later.items.map((v) => [v.articleId, v.number])).toEqual([[a.id, 4], [imported.id, 1]]);
  });

  it('versions stored in the same millisecond come each once across pages', async () => {
    for (let k = 0; k < 5; k++) addVersion(web.store, k % 2 ? a : b, T0 + MINUTE, content([`Text ${k}.`]));
    const { items } = await follow('/api/versions?limit=2');
    expect(items).toHaveLength(5);
  });

  it('an empty log still gives a `next` to keep', async () => {
    const page = await get('/api/versions');
    expect(page).toEqual({ versions: [], next: `${BASE}/api/versions?limit=100` });
    addVersion(web.store, a, T0 + MINUTE, content(['One.']));
    expect((await get(page.next.slice(BASE.length))).versions).toHaveLength(1);
  });

  it.each([['after=yesterday'], ['after=1-2'], ['after=-1'], ['limit=0'], ['limit=1001'], ['limit=ten']])('refuses ?%s with 400 and what it expects', async (query) => {
    const res = await web.request(`/api/versions?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^(after|limit): expected /);
  });
});
