/**
 * Paging through the home page ("Older revisions", ?before=) when items
 * share a millisecond, through app.request() on a fresh in-memory store
 * (STYLE 8). The link carries where the page ended as time, kind and id, so
 * a page boundary between two items of one millisecond loses neither;
 * a link of the old form (?before=<epoch ms>) still lists what it did.
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';
import { addVersion, confirmCut, watch } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
/** The millisecond many items share. */
const T = T0 + 120 * MINUTE;

const web = testApp({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });
const titlesOn = (page: string) => elementsIn(page, 'a').filter((a) => a.attribs['class'] === 'title').map((a) => textContent(a));
const olderLink = (page: string) => elementsIn(page, 'a').find((a) => textContent(a) === 'Older revisions →')?.attribs['href'];

/** The titles of every page, following "Older revisions" from `start` to the end. */
async function pagesFrom(start: string): Promise<string[][]> {
  const pages: string[][] = [];
  for (let href: string | undefined = start; href; ) {
    const page = await web.text(href);
    pages.push(titlesOn(page));
    href = olderLink(page);
    if (pages.length > 10) throw new Error(`paging does not end: ${href}`);
  }
  return pages;
}

/** An article with its first version at T0 and a revision titled `title` at `at`. */
function revised(slug: string, title: string, at: number): ArticleRow {
  const article = watch(web.store, `https://news.example/${slug}`, T0);
  addVersion(web.store, article, T0, { title: `${title} (original)`, byline: 'B', paragraphs: ['First.'] });
  addVersion(web.store, article, at, { title, byline: 'B', paragraphs: ['Edited.'] });
  return article;
}

/** Two failed checks: the page went away at `removedAt`, recorded at `confirmedAt`. */
function pulled(article: ArticleRow, removedAt: number, confirmedAt: number) {
  const failed = { kind: 'failed', status: 404, durationMs: 1, error: 'http-status: HTTP 404' } as const;
  web.store.recordCheck(article.id, { ...failed, at: removedAt, nextCheckAt: removedAt + 10 * MINUTE });
  web.store.recordCheck(article.id, { ...failed, at: confirmedAt, nextCheckAt: confirmedAt + 10 * MINUTE, removal: { removedAt } });
}

function back(article: ArticleRow, at: number) {
  web.store.recordCheck(article.id, { kind: 'unchanged', at, status: 200, durationMs: 1, nextCheckAt: at + 30 * MINUTE, etag: null, lastModified: null, bodyHash: null });
}

describe('items of one millisecond across a page boundary are each listed once', () => {
  /**
   * `newer` revisions after T; at T four revisions, a page back and a removal
   * recorded (six items); ten revisions before T.
   */
  function busyMillisecond(newer = 47): string[] {
    const expected: string[] = [];
    for (let n = newer; n >= 1; n--) {
      revised(`after-${n}`, `After ${n}`, T + n * 1000);
      expected.push(`After ${n}`);
    }
    const early = revised('back', 'Back story', T0 + 5 * MINUTE);
    pulled(early, T0 + 10 * MINUTE, T0 + 20 * MINUTE);
    back(early, T);
    const gone = revised('gone', 'Gone story', T0 + 6 * MINUTE);
    pulled(gone, T - 10 * MINUTE, T);
    for (let n = 1; n <= 4; n++) revised(`same-${n}`, `Same ms ${n}`, T);
    // At one time: revisions (newest row first), then the page back, then the removal (activity.ts).
    expected.push('Same ms 4', 'Same ms 3', 'Same ms 2', 'Same ms 1', 'Back online: Back story', 'Removed: Gone story');
    for (let n = 1; n <= 10; n++) {
      revised(`before-${n}`, `Before ${n}`, T - n * 1000);
      expected.push(`Before ${n}`);
    }
    expected.push('Removed: Back story', 'Gone story', 'Back story');
    return expected;
  }

  // The page of 50 ends after the 1st…6th item of the millisecond: a revision, the page back, the removal.
  it.each([49, 48, 47, 46, 45, 44])('%i newer items: following "Older revisions" lists every item once, in order', async (newer) => {
    const expected = busyMillisecond(newer);
    const pages = await pagesFrom('/');
    expect(pages.map((p) => p.length)).toEqual([50, expected.length - 50]);
    expect(pages.flat()).toEqual(expected);
  });

  it('a run of one millisecond longer than a page: the next page picks up inside it', async () => {
    for (let n = 1; n <= 60; n++) revised(`burst-${String(n).padStart(2, '0')}`, `Burst ${n}`, T);
    revised('older', 'Older story', T - 1);
    const pages = await pagesFrom('/');
    expect(pages.map((p) => p.length)).toEqual([50, 11]);
    expect(pages.flat()).toEqual([...Array.from({ length: 60 }, (_, i) => `Burst ${60 - i}`), 'Older story']);
  });

  it('a cut confirmed inside a run of one millisecond longer than a page is listed by its confirmation, and so is every item after it', async () => {
    // Stored at T by the confirming check, first seen ten minutes earlier: in the run, it must count as of T.
    for (let n = 1; n <= 6; n++) revised(`early-${n}`, `Early ${n}`, T);
    const cut = watch(web.store, 'https://news.example/cut', T0);
    addVersion(web.store, cut, T0, { title: 'Cut story (original)', byline: 'B', paragraphs: ['First.', 'Second.', 'Third.'] });
    confirmCut(web.store, cut, T - 10 * MINUTE, T, { title: 'Cut story', byline: 'B', paragraphs: ['First.'] });
    // Newer rows come first within a millisecond: the cut is the 64th item of the run.
    for (let n = 1; n <= 63; n++) revised(`late-${String(n).padStart(2, '0')}`, `Late ${n}`, T);
    revised('older', 'Older story', T - 1);
    const pages = await pagesFrom('/');
    expect(pages.flat()).toEqual([
      ...Array.from({ length: 63 }, (_, i) => `Late ${63 - i}`), 'Cut story', ...Array.from({ length: 6 }, (_, i) => `Early ${6 - i}`), 'Older story',
    ]);
  });

  it('an old link (?before=<epoch ms>) still lists what came strictly before that time', async () => {
    const expected = busyMillisecond();
    const atT = expected.indexOf('Same ms 4');
    const beforeT = expected.indexOf('Before 1');
    expect(titlesOn(await web.text(`/?before=${T}`))).toEqual(expected.slice(beforeT));
    expect(titlesOn(await web.text(`/?before=${T + 1}`))).toEqual(expected.slice(atT));
  });

  it.each([['yesterday'], [`${T}-revision`], [`${T}-edit-3`], [`${T}-removed-x`], [`${T}.5`]])('a malformed ?before=%s is a 400', async (before) => {
    expect((await web.request(`/?before=${encodeURIComponent(before)}`)).status).toBe(400);
  });
});
