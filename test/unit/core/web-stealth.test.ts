/**
 * The stealth-edit mark on every page, feed and the API, through
 * app.request() on a fresh in-memory store (STYLE 8): only on pages that
 * disclose updates with an "updated" stamp.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store, type ArticleRow } from '../../../src/db/store.ts';
import { createApp } from '../../../src/web/app.tsx';
import { addVersion as addVersionTo, watch as watchIn, type Content, type PublisherStamps } from './support/versions.ts';
import { rssItemsIn, textIn } from './support/html.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

let store: Store;
let config: Config;

beforeEach(() => {
  store = new Store(openDatabase(':memory:'));
  config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });
});
afterEach(() => {
  store.close();
});

const app = (base = 'https://stet.example') => createApp({ store, config: { ...config, BASE_URL: base } });

const addVersion = (article: ArticleRow, at: number, content: Content, publisher?: PublisherStamps) => addVersionTo(store, article, at, content, publisher);
const watch = (url: string, at = T0): ArticleRow => watchIn(store, url, at);

const rssItems = async (path: string, base?: string) => rssItemsIn(await (await app(base).request(path)).text());

describe('stealth edits: only on pages that disclose updates', () => {
  const v1 = { title: 'Story', byline: 'B', paragraphs: ['One.'] };
  const v2 = { ...v1, paragraphs: ['One, edited.'] };
  const apiFlags = async (article: ArticleRow) =>
    ((await (await app().request(`/api/articles/${article.id}`)).json()) as { versions: { stealthEdit: boolean }[] }).versions.map((v) => v.stealthEdit);

  it('a page with a published date and never an updated stamp: no version is flagged, anywhere', async () => {
    const article = watch('https://news.example/no-updated-stamp');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15' });
    expect(await apiFlags(article)).toEqual([false, false]);
    expect(textIn(await (await app().request('/')).text())).not.toContain('stealth edit');
    expect(textIn(await (await app().request(`/articles/${article.id}`)).text())).not.toContain('stealth edit');
    expect(textIn(await (await app().request(`/articles/${article.id}/diff/1..2`)).text())).not.toContain('stealth edit');
    expect((await rssItems(`/articles/${article.id}/feed.xml`))[0]!.description).not.toContain('stealth edit');
  });

  it('a page whose updated stamp stayed put: flagged, everywhere', async () => {
    const article = watch('https://news.example/stamp-stayed');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    expect(await apiFlags(article)).toEqual([false, true]);
    expect(((await (await app().request(`/api/articles/${article.id}/versions/2`)).json()) as { stealthEdit: boolean }).stealthEdit).toBe(true);
    expect(textIn(await (await app().request('/')).text())).toContain('stealth edit');
    expect(textIn(await (await app().request(`/articles/${article.id}`)).text())).toContain('stealth edit');
    expect(textIn(await (await app().request(`/articles/${article.id}/diff/1..2`)).text())).toContain('stealth edit');
    expect((await rssItems(`/articles/${article.id}/feed.xml`))[0]!.description).toContain('stealth edit');
  });

  it('a page that showed an updated stamp once and then edited without one: the later edit is flagged (the site did disclose updates)', async () => {
    const article = watch('https://news.example/stamp-dropped');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15' }); // the stamp went with this edit: a visible change
    addVersion(article, T0 + 2 * MINUTE, { ...v1, paragraphs: ['One, edited again.'] }, { publishedAt: '2026-01-15' });
    expect(await apiFlags(article)).toEqual([false, false, true]);
    expect((await rssItems(`/articles/${article.id}/feed.xml`)).map((i) => i.description.includes('stealth edit'))).toEqual([true, false]);
    expect(textIn(await (await app().request(`/articles/${article.id}/diff/2..3`)).text())).toContain('stealth edit');
    expect(textIn(await (await app().request(`/articles/${article.id}/diff/1..2`)).text())).not.toContain('stealth edit');
  });
});
