/**
 * The status notices "Check now" and "Delete" leave on the page they redirect
 * to are built from the address, which anyone can make up: they are said only
 * when the database agrees (app.request on a fresh in-memory store, STYLE 8).
 * "A new version is stored (version 99)" on an article with two versions, or
 * "Deleted article #5" while #5 is still watched, would be false.
 */
import { textContent } from 'domutils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';
import { addVersion } from './support/versions.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const web = testApp({ BASE_URL: 'https://stet.example' });
/** Two versions, away once (410, found gone at T0 + 30 min) and back. */
let story: ArticleRow;
/** One version. */
let brief: ArticleRow;

beforeEach(() => {
  story = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: T0 }).article;
  addVersion(web.store, story, T0 + MINUTE, { title: 'Story', byline: '', paragraphs: ['One.'] });
  addVersion(web.store, story, T0 + 2 * MINUTE, { title: 'Story', byline: '', paragraphs: ['One.', 'Two.'] });
  const gone = (minutes: number, removedAtMinutes?: number) =>
    web.store.recordCheck(story.id, {
      kind: 'failed', at: T0 + minutes * MINUTE, status: 410, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: 'http-status: HTTP 410',
      ...(removedAtMinutes === undefined ? {} : { removal: { removedAt: T0 + removedAtMinutes * MINUTE } }),
    });
  gone(30);
  gone(40, 30);
  web.store.recordCheck(story.id, { kind: 'unchanged', at: T0 + 90 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 120 * MINUTE, etag: null, lastModified: null, bodyHash: null });
  brief = web.store.addArticle({ url: 'https://news.example/brief', intervalMinutes: 30, now: T0 }).article;
  addVersion(web.store, brief, T0 + MINUTE, { title: 'Brief', byline: '', paragraphs: ['Short.'] });
});

/** The notice on the page at `path`, or undefined when it shows none. */
async function noticeAt(path: string): Promise<string | undefined> {
  const notice = elementsIn(await web.page(path), 'p').find((p) => p.attribs['class'] === 'notice');
  return notice && textContent(notice);
}

describe('"Check now" notices are said only when the article\'s rows agree', () => {
  it.each([
    ['a new version that is this article\'s latest', () => `/articles/${story.id}?checked=new-version&version=2`, 'Checked: the article changed; a new version is stored (version 2).'],
    ['the first version, stored', () => `/articles/${brief.id}?checked=first-version&version=1`, 'Checked: the first version is stored (version 1).'],
  ])('%s: said', async (_name, path, text) => {
    expect(await noticeAt(path())).toBe(text);
  });

  it.each([
    ['a version the article does not have', () => `/articles/${story.id}?checked=new-version&version=99`],
    ['another article\'s version (the brief has only version 1)', () => `/articles/${brief.id}?checked=new-version&version=2`],
    ['version 1 called a new version (a new version follows the first)', () => `/articles/${story.id}?checked=new-version&version=1`],
    ['a later version called the first', () => `/articles/${story.id}?checked=first-version&version=2`],
    ['a new version without its number', () => `/articles/${story.id}?checked=new-version`],
    ['a version number that is no number', () => `/articles/${story.id}?checked=new-version&version=2e0`],
    ['a first version on an article with none', () => `/articles/${web.store.addArticle({ url: 'https://news.example/new', intervalMinutes: 30, now: T0 }).article.id}?checked=first-version&version=1`],
  ])('%s: no notice', async (_name, path) => {
    expect(await noticeAt(path())).toBeUndefined();
  });

  it('a removal recorded, or ended, is said when it is one of the article\'s removals, and left out when it is not', async () => {
    const goneAt = T0 + 30 * MINUTE;
    expect(await noticeAt(`/articles/${story.id}?checked=failed&removed=${goneAt}`)).toBe('Checked: the check failed; the reason is below. The page is recorded as removed from the site, gone since 2026-01-15 09:30 UTC.');
    expect(await noticeAt(`/articles/${story.id}?checked=unchanged&restored=${goneAt}`)).toBe('Checked: no change. The page is back online after its removal on 2026-01-15 09:30 UTC.');
    expect(await noticeAt(`/articles/${story.id}?checked=failed&removed=${goneAt + 1}`)).toBe('Checked: the check failed; the reason is below.');
    expect(await noticeAt(`/articles/${brief.id}?checked=unchanged&restored=${goneAt}`)).toBe('Checked: no change.');
  });
});

describe('"Deleted article #n" is said only when there is no article #n', () => {
  it('after a delete: said', async () => {
    web.store.deleteArticle(brief.id);
    expect(await noticeAt(`/articles?deleted=${brief.id}`)).toBe(`Deleted article #${brief.id} with its versions; no source will bring it back.`);
  });

  it('for an article still watched: no notice', async () => {
    expect(await noticeAt(`/articles?deleted=${brief.id}`)).toBeUndefined();
  });

  it('for an id no article ever had: no notice', async () => {
    expect(await noticeAt('/articles?deleted=999')).toBeUndefined();
  });

  it('for an id that is no number: no notice', async () => {
    expect(await noticeAt('/articles?deleted=1e0')).toBeUndefined();
  });
});

describe('a held change on a paused article', () => {
  it('says that watching is paused and what settles it; an active article’s notice does not (a review)', async () => {
    const at = T0 + 10 * MINUTE;
    const held = `/articles/${brief.id}?checked=unconfirmed&confirmable=${at}`;
    expect(await noticeAt(held)).not.toContain('paused');
    web.store.setArticleState(brief.id, 'paused', T0);
    expect(await noticeAt(held)).toMatch(/stores that as a version if a check from .* on still finds it so\. Watching is paused: "Check now" from then on, or "Resume watching", settles it\.$/);
    expect(await noticeAt(`/articles/${brief.id}?checked=failed&confirmable=${at}`)).toMatch(/still finds it gone\. Watching is paused/);
  });
});
