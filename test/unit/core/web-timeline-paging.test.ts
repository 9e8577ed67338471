/**
 * An article's timeline (/articles/:id) a page of versions at a time
 * (app.request on a fresh in-memory store, STYLE 8): the newest
 * TIMELINE_PAGE_SIZE, "Older versions" to the ones before, each version on
 * exactly one page; and each page shows its versions as the whole history
 * would (stealth edits judged against versions on an older page, removals
 * beside the version they followed).
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { TIMELINE_PAGE_SIZE } from '../../../src/web/pages.tsx';
import { findAll, textContent } from 'domutils';
import { testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';
import { addVersion, watch, type PublisherStamps, liveBlog as liveBlogIn } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const web = testApp({ BASE_URL: 'https://stet.example' });

const liveBlog = (count: number, stamps?: (n: number) => PublisherStamps): ArticleRow => liveBlogIn(web.store, T0, count, stamps);

/** The versions a timeline page lists, top to bottom, and whether each row is marked a stealth edit. */
function versionRows(html: string): { ordinal: number; stealth: boolean }[] {
  return elementsIn(html, 'tr')
    .filter((tr) => /^v\d+$/.test(tr.attribs.id ?? ''))
    .map((tr) => ({ ordinal: Number(tr.attribs.id!.slice(1)), stealth: textContent(tr).includes('stealth edit') }));
}

/** The href of the link whose text starts with `label`, if the page has one. */
const linkTo = (html: string, label: string) => elementsIn(html, 'a').find((a) => textContent(a).startsWith(label))?.attribs.href;

/** Where the links in the "Removed from the site" table lead (each to the last version before the removal). */
const removalLinks = (html: string) =>
  elementsIn(html, 'table').filter((t) => t.attribs.class === 'removals').flatMap((t) => findAll((e) => e.name === 'a', t.children).map((a) => a.attribs.href));

describe('the timeline lists the newest versions and pages back through the rest', () => {
  it(`${TIMELINE_PAGE_SIZE} versions a page, newest first; "Older versions" walks back to version 1, each version on exactly one page; "Newest versions" leads back`, async () => {
    const article = liveBlog(2 * TIMELINE_PAGE_SIZE + 30);
    const pages: number[][] = [];
    let href: string | undefined = `/articles/${article.id}`;
    while (href !== undefined) {
      const html = await web.page(href);
      pages.push(versionRows(html).map((r) => r.ordinal));
      expect(linkTo(html, '← Newest versions')).toBe(pages.length === 1 ? undefined : `/articles/${article.id}#versions`);
      href = linkTo(html, 'Older versions');
      if (pages.length > 5) throw new Error(`paging does not end: ${href}`);
    }
    expect(pages.map((p) => p.length)).toEqual([TIMELINE_PAGE_SIZE, TIMELINE_PAGE_SIZE, 30]);
    expect(pages.flat()).toEqual(Array.from({ length: 2 * TIMELINE_PAGE_SIZE + 30 }, (_, i) => 2 * TIMELINE_PAGE_SIZE + 30 - i));
    expect(pages[1]![0]).toBe(TIMELINE_PAGE_SIZE + 30);
  });

  it('an article that fits on one page has no paging links and no "of N" line, as before', async () => {
    const article = liveBlog(3);
    const html = await web.page(`/articles/${article.id}`);
    expect(versionRows(html).map((r) => r.ordinal)).toEqual([3, 2, 1]);
    expect(linkTo(html, 'Older versions')).toBeUndefined();
    expect(linkTo(html, '← Newest versions')).toBeUndefined();
    expect(textIn(html)).not.toMatch(/Versions \d+–\d+ of/);
  });

  it('an older page keeps the article\'s facts and "Original → latest" from its latest version, and says which versions it shows', async () => {
    const article = liveBlog(TIMELINE_PAGE_SIZE + 5, (n) => ({ publishedAt: '2026-01-15T08:00:00Z', modifiedAt: `2026-01-15T09:${String(n % 60).padStart(2, '0')}:00Z` }));
    const html = await web.page(`/articles/${article.id}?before=6`);
    expect(versionRows(html).map((r) => r.ordinal)).toEqual([5, 4, 3, 2, 1]);
    expect(linkTo(html, 'Original → latest')).toBe(`/articles/${article.id}/diff/1..${TIMELINE_PAGE_SIZE + 5}`);
    expect(textIn(html)).toContain(`Versions 1–5 of ${TIMELINE_PAGE_SIZE + 5}, newest first.`);
    // The latest version's stamp (version 105: 09:45), not the page's newest (version 5).
    expect(html).toContain('2026-01-15T09:45:00Z');
  });

  it('?before=1 is an empty page that says so and links to the newest; a ?before= that is no version number is a 400', async () => {
    const article = liveBlog(2);
    const html = await web.page(`/articles/${article.id}?before=1`);
    expect(versionRows(html)).toEqual([]);
    expect(textIn(html)).toContain('No older versions.');
    expect(linkTo(html, '← Newest versions')).toBe(`/articles/${article.id}#versions`);
    for (const bad of ['abc', '0', '-3', '1.5', '']) expect((await web.request(`/articles/${article.id}?before=${bad}`)).status).toBe(400);
  });

  it('the checks list stays the last 20 checks, whatever the number of versions', async () => {
    const article = liveBlog(TIMELINE_PAGE_SIZE + 10);
    const checks = elementsIn(await web.page(`/articles/${article.id}`), 'table').find((t) => t.attribs.class === 'checks')!;
    expect(findAll((e) => e.name === 'tr', checks.children)).toHaveLength(1 + 20);
  });

  it('"Check now" naming a version is believed for any version the article has, on this page or not, and for none it lacks', async () => {
    const article = liveBlog(TIMELINE_PAGE_SIZE + 5);
    expect(textIn(await web.page(`/articles/${article.id}?checked=new-version&version=${TIMELINE_PAGE_SIZE + 5}`))).toContain(`a new version is stored (version ${TIMELINE_PAGE_SIZE + 5})`);
    expect(textIn(await web.page(`/articles/${article.id}?checked=new-version&version=${TIMELINE_PAGE_SIZE + 6}`))).not.toContain('a new version is stored');
  });
});

describe('a page of the timeline marks its versions as the whole history does', () => {
  it('stealth edits at a page boundary are judged against the version on the older page and the stamps shown before it', async () => {
    // Version 1 shows an "updated" stamp that version 2 keeps (a stealth edit); version 3 drops it (a visible change);
    // every later edit shows none on a page that did disclose updates (stealth). Version 2 is the oldest on the first page.
    const count = TIMELINE_PAGE_SIZE + 1;
    const article = liveBlog(count, (n) => (n <= 2 ? { modifiedAt: '2026-01-15T08:00:00Z' } : {}));
    const first = versionRows(await web.page(`/articles/${article.id}`));
    expect(first.at(-1)).toEqual({ ordinal: 2, stealth: true });
    expect(first.find((r) => r.ordinal === 3)).toEqual({ ordinal: 3, stealth: false });
    expect(first.filter((r) => r.ordinal > 3).every((r) => r.stealth)).toBe(true);
    expect(versionRows(await web.page(`/articles/${article.id}?before=2`))).toEqual([{ ordinal: 1, stealth: false }]);
  });

  it('a page that never showed a stamp before the page marks nothing', async () => {
    const article = liveBlog(TIMELINE_PAGE_SIZE + 3);
    expect(versionRows(await web.page(`/articles/${article.id}`)).some((r) => r.stealth)).toBe(false);
  });
});

describe('removals sit on the page of the version they followed', () => {
  /** Two failed checks: the page went away at `removedAt`, recorded at `confirmedAt`. */
  function pulled(article: ArticleRow, removedAt: number) {
    const failed = { kind: 'failed', status: 404, durationMs: 1, error: 'http-status: HTTP 404' } as const;
    web.store.recordCheck(article.id, { ...failed, at: removedAt, nextCheckAt: removedAt + 10 * MINUTE });
    web.store.recordCheck(article.id, { ...failed, at: removedAt + 6 * MINUTE, nextCheckAt: removedAt + 16 * MINUTE, removal: { removedAt } });
  }

  it('each removal is listed once, on the page that shows the version before it, linking to that version\'s row; the page still away says so on every page', async () => {
    const article = watch(web.store, 'https://news.example/live', T0);
    const last = TIMELINE_PAGE_SIZE + 20;
    let at = T0;
    for (let n = 1; n <= last; n++) {
      at += 10 * MINUTE;
      // Gone after versions 1, 20 (the oldest on the first page) and the latest (still away); back with the next version.
      if (n === 2 || n === 21) pulled(article, at - 9 * MINUTE);
      addVersion(web.store, article, at, { title: 'Live', byline: 'Desk', paragraphs: [`Update number ${n} came in.`] });
    }
    pulled(article, at + MINUTE);

    const newest = await web.page(`/articles/${article.id}`);
    expect(versionRows(newest).at(-1)!.ordinal).toBe(21);
    expect(removalLinks(newest)).toEqual([`#v${last}`]);
    const older = await web.page(`/articles/${article.id}?before=21`);
    expect(removalLinks(older)).toEqual(['#v20', '#v1']);
    for (const html of [newest, older]) {
      for (const href of removalLinks(html)) expect(versionRows(html).map((r) => `#v${r.ordinal}`)).toContain(href);
      expect(textIn(html)).toMatch(/On the site\s*removed HTTP 404 Not Found since/);
    }
  });
});
