/**
 * The sources page says how many of the articles a source added were
 * deleted from the watch list since (QA: "1" linked to an empty list), counted
 * from the deletions, not from the links remembered (a review: a link a feed
 * stops listing is forgotten after 90 days while its article stays watched).
 * A fresh in-memory store and app.request (STYLE 8).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const web = testApp();

function sourceAdding(urls: string[]) {
  const { source } = web.store.addSource({ url: 'https://paper.example/feed.xml', intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
  web.store.recordSourceListing(source.id, {
    at: T0, nextCheckAt: T0 + 15 * 60_000, url: source.url, kind: 'feed', title: 'Paper', etag: null, lastModified: null,
    watch: urls, seen: [], listed: urls, articleIntervalMinutes: 30,
  });
  return source;
}

describe('a source whose articles were deleted since', () => {
  it('says how many, linking to the rest; none left: no link', async () => {
    const source = sourceAdding(['https://paper.example/a', 'https://paper.example/b']);
    const cell = async () => {
      const page = await web.page('/sources');
      return { text: textIn(page).replace(/\s+/g, ' '), linked: elementsIn(page, 'a').some((a) => a.attribs['href'] === `/articles?source=${source.id}`) };
    };
    expect(await cell()).toMatchObject({ linked: true });
    const [b, a] = web.store.listArticles({ sourceId: source.id });
    web.store.deleteArticle(a!.id);
    expect(await cell()).toMatchObject({ text: expect.stringMatching(/2 \(1 deleted since\)/), linked: true });
    web.store.deleteArticle(b!.id);
    expect(await cell()).toMatchObject({ text: expect.stringMatching(/2 \(deleted since\)/), linked: false });
  });
});
