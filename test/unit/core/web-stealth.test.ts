/**
 * The stealth-edit mark on every page, feed and the API, through
 * app.request() on a fresh in-memory store (STYLE 8): only on pages that
 * disclose updates with an "updated" stamp.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { addVersion as addVersionTo, watch as watchIn, type Content, type PublisherStamps } from './support/versions.ts';
import { rssItemsIn, textIn } from './support/html.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const web = testApp({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });

const addVersion = (article: ArticleRow, at: number, content: Content, publisher?: PublisherStamps) => addVersionTo(web.store, article, at, content, publisher);
const watch = (url: string, at = T0): ArticleRow => watchIn(web.store, url, at);

const rssItems = async (path: string) => rssItemsIn(await web.text(path));

describe('stealth edits: only on pages that disclose updates', () => {
  const v1 = { title: 'Story', byline: 'B', paragraphs: ['One.'] };
  const v2 = { ...v1, paragraphs: ['One, edited.'] };
  const apiFlags = async (article: ArticleRow) =>
    ((await web.json(`/api/articles/${article.id}`)) as { versions: { stealthEdit: boolean }[] }).versions.map((v) => v.stealthEdit);

  it('a page with a published date and never an updated stamp: no version is flagged, anywhere', async () => {
    const article = watch('https://news.example/no-updated-stamp');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15' });
    expect(await apiFlags(article)).toEqual([false, false]);
    expect(textIn(await web.text('/'))).not.toContain('stealth edit');
    expect(textIn(await web.text(`/articles/${article.id}`))).not.toContain('stealth edit');
    expect(textIn(await web.text(`/articles/${article.id}/diff/1..2`))).not.toContain('stealth edit');
    expect((await rssItems(`/articles/${article.id}/feed.xml`))[0]!.description).not.toContain('stealth edit');
  });

  it('a page whose updated stamp stayed put: flagged, everywhere', async () => {
    const article = watch('https://news.example/stamp-stayed');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    expect(await apiFlags(article)).toEqual([false, true]);
    expect(((await web.json(`/api/articles/${article.id}/versions/2`)) as { stealthEdit: boolean }).stealthEdit).toBe(true);
    expect(textIn(await web.text('/'))).toContain('stealth edit');
    expect(textIn(await web.text(`/articles/${article.id}`))).toContain('stealth edit');
    expect(textIn(await web.text(`/articles/${article.id}/diff/1..2`))).toContain('stealth edit');
    expect((await rssItems(`/articles/${article.id}/feed.xml`))[0]!.description).toContain('stealth edit');
  });

  it('a page that showed an updated stamp once and then edited without one: the later edit is flagged (the site did disclose updates)', async () => {
    const article = watch('https://news.example/stamp-dropped');
    addVersion(article, T0, v1, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15T08:00:00Z' });
    addVersion(article, T0 + MINUTE, v2, { publishedAt: '2026-01-15' }); // the stamp went with this edit: a visible change
    addVersion(article, T0 + 2 * MINUTE, { ...v1, paragraphs: ['One, edited again.'] }, { publishedAt: '2026-01-15' });
    expect(await apiFlags(article)).toEqual([false, false, true]);
    expect((await rssItems(`/articles/${article.id}/feed.xml`)).map((i) => i.description.includes('stealth edit'))).toEqual([true, false]);
    expect(textIn(await web.text(`/articles/${article.id}/diff/2..3`))).toContain('stealth edit');
    expect(textIn(await web.text(`/articles/${article.id}/diff/1..2`))).not.toContain('stealth edit');
  });
});
