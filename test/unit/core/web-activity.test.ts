/**
 * What the home page and the feeds list (web/activity.ts), through
 * app.request() on a fresh in-memory store (STYLE 8): removals dated by when
 * stet published them, and typography-only revisions kept out of what
 * announces changes.
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { sha256Hex, type ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { addVersion as addVersionTo, confirmCut, watch as watchIn, type Content, type PublisherStamps } from './support/versions.ts';
import { atomEntriesIn, elementsIn, rssItemsIn } from './support/html.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const web = testApp({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });
const key = (article: ArticleRow) => sha256Hex(article.url).slice(0, 16);

const addVersion = (article: ArticleRow, at: number, content: Content, publisher?: PublisherStamps) => addVersionTo(web.store, article, at, content, publisher);
const watch = (url: string, at = T0): ArticleRow => watchIn(web.store, url, at);

/** A failed check that found the page gone; with `removedAt`, it confirms the removal (as monitor/check.ts decides). */
function gone(article: ArticleRow, at: number, removedAt?: number) {
  web.store.recordCheck(article.id, {
    kind: 'failed', at, status: 404, durationMs: 1, nextCheckAt: at + 10 * MINUTE, error: 'http-status: HTTP 404', ...(removedAt === undefined ? {} : { removal: { removedAt } }),
  });
}

const rssItems = async (path: string) => rssItemsIn(await web.text(path));
const atomEntries = async (path: string) => atomEntriesIn(await web.text(path));
const jsonItems = async (path: string) => (JSON.parse(await web.text(path)) as { items: { id: string; title: string; date_published: string }[] }).items;
const homeTitles = (page: string) => elementsIn(page, 'a').filter((a) => a.attribs['class'] === 'title').map((a) => textContent(a));
const olderLink = (page: string) => elementsIn(page, 'a').find((a) => textContent(a) === 'Older revisions →')?.attribs['href'];

/** Every title on the home page, following "Older revisions" to the end. */
async function allHomeTitles(): Promise<string[][]> {
  const pages: string[][] = [];
  let href: string | undefined = '/';
  while (href) {
    const page = await web.text(href);
    pages.push(homeTitles(page));
    href = olderLink(page);
  }
  return pages;
}

describe('a removal is listed when stet published it (confirmed), and says since when the page is gone', () => {
  const removedAt = T0 + 60 * MINUTE; // the first 404
  const confirmedAt = removedAt + 10 * MINUTE; // the second: now the removal is recorded

  /** A story that goes away while 60 revisions of another story are seen in the ten minutes before the removal is confirmed. */
  function busyNewsroom() {
    const pulled = watch('https://news.example/pulled');
    addVersion(pulled, T0, { title: 'Pulled story', byline: 'B', paragraphs: ['One.'] });
    addVersion(pulled, T0 + MINUTE, { title: 'Pulled story', byline: 'B', paragraphs: ['One, edited.'] });
    const live = watch('https://news.example/live');
    addVersion(live, T0, { title: 'Live 0', byline: 'B', paragraphs: ['Entry 0.'] });
    gone(pulled, removedAt);
    for (let n = 1; n <= 60; n++) addVersion(live, removedAt + n * 9_000, { title: `Live ${n}`, byline: 'B', paragraphs: [`Entry ${n}.`] });
    gone(pulled, confirmedAt, removedAt);
    return pulled;
  }

  it.each([['/feed.xml'], ['/feed.atom'], ['/feed.json']])('%s: the removal tops the global feed (its GUID unchanged, dated when confirmed)', async (path) => {
    const pulled = busyNewsroom();
    const guid = `urn:stet:${key(pulled)}:removal:${removedAt}`;
    if (path === '/feed.json') {
      const items = await jsonItems(path);
      expect(items).toHaveLength(50);
      expect(items[0]).toMatchObject({ id: guid, title: 'Removed: Pulled story', date_published: new Date(confirmedAt).toISOString() });
    } else if (path === '/feed.xml') {
      const items = await rssItems(path);
      expect(items[0]).toMatchObject({ title: 'Removed: Pulled story', guid: { '#text': guid }, pubDate: new Date(confirmedAt).toUTCString() });
      expect(items[0]!.description).toContain('2026-01-15 10:00 UTC'); // gone since the first 404
    } else {
      const entries = await atomEntries(path);
      expect(entries[0]).toMatchObject({ id: guid, published: new Date(confirmedAt).toISOString() });
    }
  });

  it('the home page shows it on top, gone since the first 404; paging lists every item once', async () => {
    busyNewsroom();
    const first = await web.text('/');
    expect(homeTitles(first)[0]).toBe('Removed: Pulled story');
    const removedLine = elementsIn(first, 'li').find((li) => li.attribs['class'] === 'removed')!;
    expect(textContent(removedLine)).toContain('gone since 2026-01-15 10:00 UTC');
    // the item's time is when a second check confirmed it, and says so (QA: "seen")
    expect(textContent(removedLine)).toMatch(/ · confirmed \d{4}-\d\d-\d\d \d\d:\d\d UTC · timeline/);
    const pages = await allHomeTitles();
    const titles = pages.flat();
    expect(titles).toHaveLength(60 + 1 + 1); // 60 live revisions, the pulled story's revision, its removal
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the page back: "Back online" above the removal, both in the feed', async () => {
    const pulled = busyNewsroom();
    const restoredAt = confirmedAt + 30 * MINUTE;
    web.store.recordCheck(pulled.id, { kind: 'unchanged', at: restoredAt, status: 200, durationMs: 1, nextCheckAt: restoredAt + 30 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    const items = await jsonItems('/feed.json');
    expect(items.slice(0, 2).map((i) => [i.title, i.date_published])).toEqual([
      ['Back online: Pulled story', new Date(restoredAt).toISOString()],
      ['Removed: Pulled story', new Date(confirmedAt).toISOString()],
    ]);
  });

  it('paging from before the confirmation: the removal is on the page whose time span holds its confirmation, not earlier', async () => {
    const pulled = busyNewsroom();
    // The removal is confirmed at confirmedAt; a page of items older than that must not list it.
    const older = await web.text(`/?before=${confirmedAt}`);
    expect(homeTitles(older)).not.toContain('Removed: Pulled story');
    const newer = await web.text(`/?before=${confirmedAt + 1}`);
    expect(homeTitles(newer)[0]).toBe('Removed: Pulled story');
    // Three rows: the removal, the live page's 60 revisions folded into one, the pulled story's edit.
    expect(homeTitles(newer)).toHaveLength(62);
    expect(pulled.title).toBe(null);
  });
});

describe('a confirmed cut is listed when stet stored it (confirmed), and says when it was first seen', () => {
  const seenAt = T0 + 60 * MINUTE; // most of the story gone: held, not stored (monitor/confirm.ts)
  const confirmedAt = seenAt + 10 * MINUTE; // the second sighting: now the cut is stored, as a version first seen at seenAt
  const long = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the story as first published, long enough to matter to a reader.`);
  const CUT = { title: 'Cut story', byline: 'B', paragraphs: [long[0]!, 'This story has been removed pending review.'] };
  const cutGuid = (article: ArticleRow) => `urn:stet:${key(article)}:version:2:${web.store.getVersion(article.id, 2)!.fingerprint.slice(0, 16)}`;

  /** A story cut down while 60 revisions of another story are stored in the ten minutes before the cut is confirmed. */
  function busyNewsroom(options: { confirm?: boolean } = {}) {
    const cut = watch('https://news.example/cut');
    addVersion(cut, T0, { title: 'Cut story', byline: 'B', paragraphs: long });
    const live = watch('https://news.example/live');
    addVersion(live, T0, { title: 'Live 0', byline: 'B', paragraphs: ['Entry 0.'] });
    for (let n = 1; n <= 60; n++) addVersion(live, seenAt + n * 9_000, { title: `Live ${n}`, byline: 'B', paragraphs: [`Entry ${n}.`] });
    if (options.confirm !== false) confirmCut(web.store, cut, seenAt, confirmedAt, CUT);
    return cut;
  }

  it('is stored first seen at its first sighting and recorded at its confirmation', () => {
    const cut = busyNewsroom();
    expect(web.store.getVersion(cut.id, 2)).toMatchObject({ firstSeenAt: seenAt, recordedAt: confirmedAt, lastSeenAt: confirmedAt });
    expect(web.store.getVersion(cut.id, 1)).toMatchObject({ firstSeenAt: T0, recordedAt: T0 });
  });

  it.each([['/feed.xml'], ['/feed.atom'], ['/feed.json']])('%s: the cut tops the global feed (its GUID as ever, dated when confirmed)', async (path) => {
    const cut = busyNewsroom();
    const guid = cutGuid(cut);
    if (path === '/feed.json') {
      const items = await jsonItems(path);
      expect(items).toHaveLength(50);
      expect(items[0]).toMatchObject({ id: guid, title: 'Updated: Cut story — 1 paragraph added, 5 removed', date_published: new Date(confirmedAt).toISOString() });
    } else if (path === '/feed.xml') {
      const items = await rssItems(path);
      expect(items[0]).toMatchObject({ guid: { '#text': guid }, pubDate: new Date(confirmedAt).toUTCString() });
    } else {
      const entries = await atomEntries(path);
      expect(entries[0]).toMatchObject({ id: guid, published: new Date(confirmedAt).toISOString() });
      // Its entry says both clocks: when stet first saw the cut and when a second check confirmed it.
      expect(entries[0]!.content['#text']).toContain(`first seen by stet ${new Date(seenAt).toISOString()}, confirmed by a second check at ${new Date(confirmedAt).toISOString()}`);
    }
  });

  it('a feed reader that fetched the feed while the cut was held hears of it: its ETag no longer matches (200, not 304)', async () => {
    const cut = busyNewsroom({ confirm: false });
    const paths = ['/feed.xml', '/feed.atom', '/feed.json', `/articles/${cut.id}/feed.xml`];
    const tags = await Promise.all(paths.map(async (p) => (await web.request(p)).headers.get('etag')!));
    for (const [i, p] of paths.entries()) expect((await web.request(p, { headers: { 'if-none-match': tags[i]! } })).status).toBe(304);
    confirmCut(web.store, cut, seenAt, confirmedAt, CUT);
    for (const [i, p] of paths.entries()) {
      const answer = await web.request(p, { headers: { 'if-none-match': tags[i]! } });
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain(cutGuid(cut));
    }
  });

  it('the home page shows it on top, seen at its first sighting and confirmed later; paging lists every item once', async () => {
    busyNewsroom();
    const first = await web.text('/');
    expect(homeTitles(first)[0]).toBe('Cut story');
    const line = textContent(elementsIn(first, 'li')[0]!).replace(/\s+/g, ' ');
    expect(line).toContain('seen 2026-01-15 10:00 UTC · confirmed 2026-01-15 10:10 UTC');
    const titles = (await allHomeTitles()).flat();
    expect(titles).toHaveLength(60 + 1); // 60 live revisions and the cut
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('a revision stored when first seen says only when it was seen', async () => {
    busyNewsroom();
    const first = await web.text('/');
    const live = elementsIn(first, 'li').map((li) => textContent(li)).find((t) => t.includes('Live 60'))!;
    expect(live).not.toContain('confirmed');
  });

  it('the article page keeps dating the cut by its first sighting', async () => {
    const cut = busyNewsroom();
    const timeline = await web.text(`/articles/${cut.id}`);
    const row = elementsIn(timeline, 'tr').find((tr) => tr.attribs['id'] === 'v2')!;
    expect(textContent(row)).toContain('first 2026-01-15 10:00 UTC');
  });
});

describe('typography-only revisions stay on the timeline and in the API, out of the feeds and the home page', () => {
  const story = { title: 'Mayor resigns', byline: 'B', paragraphs: ['"Quoted," she said.', 'Second - paragraph.'] };
  const retypeset = { ...story, paragraphs: ['\u201CQuoted,\u201D she said.', 'Second \u2013 paragraph.'] };
  const edited = { ...retypeset, paragraphs: [retypeset.paragraphs[0]!, 'Second \u2013 paragraph, corrected.'] };

  function seed() {
    const article = watch('https://news.example/mayor');
    addVersion(article, T0, story);
    addVersion(article, T0 + MINUTE, retypeset); // version 2: typography only
    addVersion(article, T0 + 2 * MINUTE, edited); // version 3: words changed
    return article;
  }

  it('version 2 is typography only (the real differ says so)', () => {
    const article = seed();
    expect(web.store.listVersions(article.id).map((v) => v.diffSummary?.boring ?? null)).toEqual([null, true, false]);
  });

  it.each([['/feed.json'], ['/articles/1/feed.json']])('%s lists only the edit', async (path) => {
    seed();
    expect((await jsonItems(path)).map((i) => i.title)).toEqual(['Updated: Mayor resigns — 1 paragraph changed']);
  });

  it('the home page lists only the edit; the timeline and the API keep both', async () => {
    const article = seed();
    expect(homeTitles(await web.text('/'))).toEqual(['Mayor resigns']);
    const timeline = await web.text(`/articles/${article.id}`);
    expect(elementsIn(timeline, 'tr').filter((tr) => /^v\d+$/.test(tr.attribs['id'] ?? '')).map((tr) => tr.attribs['id'])).toEqual(['v3', 'v2', 'v1']);
    const api = (await web.json(`/api/articles/${article.id}`)) as { versions: { number: number; changes: { boring: boolean } | null }[] };
    expect(api.versions.map((v) => [v.number, v.changes?.boring ?? null])).toEqual([[1, null], [2, true], [3, false]]);
  });

  it('a typography-only revision leaves the feeds\' ETags alone (304), an edit does not', async () => {
    const article = watch('https://news.example/mayor');
    addVersion(article, T0, story);
    const paths = ['/feed.xml', `/articles/${article.id}/feed.atom`];
    const tags = await Promise.all(paths.map(async (p) => (await web.request(p)).headers.get('etag')!));
    addVersion(article, T0 + MINUTE, retypeset);
    for (const [i, p] of paths.entries()) expect((await web.request(p, { headers: { 'if-none-match': tags[i]! } })).status).toBe(304);
    addVersion(article, T0 + 2 * MINUTE, edited);
    for (const [i, p] of paths.entries()) expect((await web.request(p, { headers: { 'if-none-match': tags[i]! } })).status).toBe(200);
  });

  it('paging skips them without losing an edit: 60 retypesettings between edits still leave 50 rows of edits a page', async () => {
    // Two stories taking turns, two edits and a retypesetting each time: 60 rows of two edits (a row folds one story's run).
    const articles = [watch('https://news.example/many'), watch('https://news.example/more')];
    let at = T0;
    for (const article of articles) addVersion(article, at, { ...story, paragraphs: ['Edit 0.', '"Quote" - 0'] });
    for (let n = 1; n <= 60; n++) {
      const article = articles[n % 2]!;
      addVersion(article, (at += MINUTE), { ...story, paragraphs: [`Edit ${n}.`, `"Quote" - ${n - 1}`] });
      addVersion(article, (at += MINUTE), { ...story, paragraphs: [`Edit ${n}.`, `\u201CQuote\u201D \u2013 ${n - 1}`] }); // typography only
      addVersion(article, (at += MINUTE), { ...story, paragraphs: [`Edit ${n}.`, `"Quote" - ${n}`] });
    }
    const pages = await allHomeTitles();
    expect(pages.map((p) => p.length)).toEqual([100, 20]); // the 120 edits: 50 rows, then 10
    expect((await jsonItems('/feed.json')).length).toBe(50);
  });
});

describe('the home page folds consecutive revisions of one article beneath the newest (a live page would fill it)', () => {
  /** The home page's rows: its list's own items, not those folded inside one. */
  const rows = (page: string) => elementsIn(page, 'li').filter((li) => (li.parent as { attribs?: Record<string, string> } | null)?.attribs?.['class'] === 'revisions');

  it('one row for the run, its earlier revisions under "N earlier revisions", each with its own link, and one link to them all together', async () => {
    const live = watch('https://news.example/live');
    const other = watch('https://news.example/other');
    for (let n = 0; n <= 4; n++) addVersion(live, T0 + n * MINUTE, { title: 'Live', byline: 'B', paragraphs: [`Entry ${n}.`] });
    addVersion(other, T0, { title: 'Other', byline: 'B', paragraphs: ['One.'] });
    addVersion(other, T0 + 10 * MINUTE, { title: 'Other', byline: 'B', paragraphs: ['One, edited.'] });
    addVersion(live, T0 + 20 * MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry 5.'] });

    const page = await web.text('/');
    // Newest first: live v6 alone (the other story's revision ends its run), the other story, then live v2–v5 folded under v5.
    expect(rows(page).map((li) => textContent(li.children.find((c) => (c as { name?: string }).name === 'a')!))).toEqual(['Live', 'Other', 'Live']);
    const run = rows(page)[2]!;
    expect(textContent(run)).toContain('3 earlier revisions of this article here (versions 2–4)');
    expect(elementsIn(page, 'a').filter((a) => a.attribs['class'] === 'title').map((a) => a.attribs['href'])).toEqual([
      `/articles/${live.id}/diff/5..6`,
      `/articles/${other.id}/diff/1..2`,
      `/articles/${live.id}/diff/4..5`,
      `/articles/${live.id}/diff/3..4`,
      `/articles/${live.id}/diff/2..3`,
      `/articles/${live.id}/diff/1..2`,
    ]);
    expect(elementsIn(page, 'a').find((a) => textContent(a).startsWith('all of them as one diff'))?.attribs['href']).toBe(`/articles/${live.id}/diff/1..5`);
  });

  it('a page that reads exactly as many items as it may has no "Older revisions" to an empty page', async () => {
    const live = watch('https://news.example/live');
    for (let n = 0; n <= 500; n++) addVersion(live, T0 + n * MINUTE, { title: 'Live', byline: 'B', paragraphs: [`Entry ${n}.`] });
    const page = await web.text('/');
    expect(rows(page)).toHaveLength(1);
    expect(homeTitles(page)).toHaveLength(500);
    expect(olderLink(page)).toBeUndefined();
  });

  it('a typography-only version between them is not listed: the ones that are, by number', async () => {
    const live = watch('https://news.example/live');
    addVersion(live, T0, { title: 'Live', byline: 'B', paragraphs: ['Entry "0".'] });
    addVersion(live, T0 + MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry "0".', 'Entry 1.'] });
    addVersion(live, T0 + 2 * MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry “0”.', 'Entry 1.'] });
    addVersion(live, T0 + 3 * MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry “0”.', 'Entry 1.', 'Entry 2.'] });
    addVersion(live, T0 + 4 * MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry “0”.', 'Entry 1.', 'Entry 2.', 'Entry 3.'] });

    const page = await web.text('/');
    expect(rows(page)).toHaveLength(1);
    expect(textContent(rows(page)[0]!)).toContain('2 earlier revisions of this article here (versions 2, 4)');
    addVersion(live, T0 + 5 * MINUTE, { title: 'Live', byline: 'B', paragraphs: ['Entry “0”.', 'Entry 1.', 'Entry 2.', 'Entry 3.', 'Entry 4.'] });
    // Runs of numbers as ranges: 2, 4–5 under 6.
    expect(textContent(rows(await web.text('/'))[0]!)).toContain('3 earlier revisions of this article here (versions 2, 4–5)');
    expect(elementsIn(page, 'a').find((a) => textContent(a).startsWith('all of them as one diff'))?.attribs['href']).toBe(`/articles/${live.id}/diff/1..5`);
  });
});

describe('the home page before any revision', () => {
  it('says how many articles stet watches, in words (QA: "1 article(s)")', async () => {
    const said = async () => (await web.page('/')).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(await said()).toContain('No revisions yet. Watch an article to start.');
    watch('https://news.example/one');
    expect(await said()).toContain('stet is watching 1 article; changes appear here.');
    watch('https://news.example/two');
    expect(await said()).toContain('stet is watching 2 articles; changes appear here.');
  });
});
