/**
 * The store's reads for pages that list versions (a fresh in-memory SQLite
 * with the real migrations, STYLE 8): a page of an article's versions
 * without their paragraph hashes, newest first behind a cursor by number;
 * one version with the one before it; whether the versions before one
 * showed the publisher's "updated" stamp.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex, type NewVersionInput } from '../../../src/db/store.ts';
import { testStore } from '../../support/app.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const db = testStore();

const addArticle = (url = 'https://news.example/live') => db.store.addArticle({ url, intervalMinutes: 5, now: T0 }).article;

/** Stores a version `n` of article `id` with `n` paragraphs, dated n minutes after T0. */
function storeVersion(id: number, n: number, overrides: Partial<NewVersionInput> = {}): void {
  const paragraphs = Array.from({ length: n }, (_, i) => `Update ${i + 1}.`);
  const at = T0 + n * MINUTE;
  const body = new TextEncoder().encode(`<p>${paragraphs.join('</p><p>')}</p>`);
  db.store.recordCheck(id, {
    kind: 'new-version', at, status: 200, durationMs: 1, nextCheckAt: at + 5 * MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(body), body,
    version: { fingerprint: sha256Hex(String(n)), title: `Live, ${n}`, byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: 'en', paragraphs, diffSummary: null, ...overrides },
  });
}

describe('listVersionSummaries: a page of versions, newest first, without the paragraph hashes', () => {
  it('gives the newest `limit` versions, then, before the last one given, the next ones, down to version 1 with each once', () => {
    const a = addArticle();
    for (let n = 1; n <= 12; n++) storeVersion(a.id, n);
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = db.store.listVersionSummaries(a.id, { limit: 5, ...(before === undefined ? {} : { before }) });
      if (page.length === 0) break;
      pages.push(page.map((v) => v.ordinal));
      before = page.at(-1)!.ordinal;
    }
    expect(pages).toEqual([[12, 11, 10, 9, 8], [7, 6, 5, 4, 3], [2, 1]]);
  });

  it('a version stored while a reader pages back shifts nothing: the cursor is a version number', () => {
    const a = addArticle();
    for (let n = 1; n <= 6; n++) storeVersion(a.id, n);
    const first = db.store.listVersionSummaries(a.id, { limit: 3 });
    storeVersion(a.id, 7);
    expect(db.store.listVersionSummaries(a.id, { limit: 3, before: first.at(-1)!.ordinal }).map((v) => v.ordinal)).toEqual([3, 2, 1]);
  });

  it('has every column a list shows, as listVersions reads it, and the paragraph count in place of the hashes, page and fingerprints', () => {
    const a = addArticle();
    storeVersion(a.id, 1, { modifiedAt: '2026-01-15T09:00:00Z' });
    storeVersion(a.id, 2, { diffSummary: { unchanged: 1, changed: 0, added: 1, removed: 0, moved: 0, split: 0, merged: 0, boring: false, titleChanged: true, bylineChanged: false } });
    const listed = db.store.listVersions(a.id).reverse();
    const summaries = db.store.listVersionSummaries(a.id, { limit: 10 });
    expect(summaries).toEqual(listed.map(({ paragraphHashes, blobHash: _blob, fingerprint: _f, storedFingerprint: _s, encoding: _e, ...rest }) => ({ ...rest, paragraphCount: paragraphHashes.length })));
    expect(summaries[0]).not.toHaveProperty('paragraphHashes');
    expect(summaries.map((v) => v.paragraphCount)).toEqual([2, 1]);
  });

  it('lists one article\'s versions only; an article without versions has an empty list', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    storeVersion(a.id, 1);
    storeVersion(b.id, 1);
    storeVersion(b.id, 2);
    expect(db.store.listVersionSummaries(a.id, { limit: 10 }).map((v) => [v.articleId, v.ordinal])).toEqual([[a.id, 1]]);
    expect(db.store.listVersionSummaries(addArticle('https://news.example/c').id, { limit: 10 })).toEqual([]);
  });
});

describe('getVersionAndPrevious: one version with its text, and the one before it as a list shows it', () => {
  it('reads version n with its paragraphs and version n − 1 without them; the first version has none before it; a version not stored, nothing', () => {
    const a = addArticle();
    for (let n = 1; n <= 3; n++) storeVersion(a.id, n);
    const read = db.store.getVersionAndPrevious(a.id, 3)!;
    expect(read.version).toMatchObject({ ordinal: 3, paragraphs: ['Update 1.', 'Update 2.', 'Update 3.'] });
    expect(read.previous).toMatchObject({ ordinal: 2, paragraphCount: 2 });
    expect(read.previous).not.toHaveProperty('paragraphHashes');
    expect(db.store.getVersionAndPrevious(a.id, 1)?.previous).toBeUndefined();
    expect(db.store.getVersionAndPrevious(a.id, 4)).toBeUndefined();
  });
});

describe('updatedStampShownBefore: whether a version numbered below n showed the "updated" stamp', () => {
  it('counts the stamp a version was stored with and one a stamp-only update moved it to, and only versions below n', () => {
    const a = addArticle();
    storeVersion(a.id, 1);
    storeVersion(a.id, 2);
    storeVersion(a.id, 3, { modifiedAt: '2026-01-15T09:03:00Z' });
    expect([1, 2, 3, 4].map((n) => db.store.updatedStampShownBefore(a.id, n))).toEqual([false, false, false, true]);

    const b = addArticle('https://news.example/b');
    storeVersion(b.id, 1);
    // A stamp-only update of version 1: its latestModifiedAt moves, its modifiedAt stays null.
    db.store.recordCheck(b.id, { kind: 'stamp-only', at: T0 + 90 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 95 * MINUTE, etag: null, lastModified: null, bodyHash: null, modifiedAt: '2026-01-15T10:30:00Z' });
    storeVersion(b.id, 2);
    expect([1, 2, 3].map((n) => db.store.updatedStampShownBefore(b.id, n))).toEqual([false, true, true]);
  });

  it('a stamp at the published instant is none, in any form, until it moves; the home page\'s revisions say the same (web/revisions.ts showedUpdatedStamp)', () => {
    const a = addArticle();
    const published = '2026-01-15T09:00:00+01:00';
    storeVersion(a.id, 1, { publishedAt: published, modifiedAt: published });
    storeVersion(a.id, 2, { publishedAt: published, modifiedAt: '2026-01-15T08:00:00Z' });
    storeVersion(a.id, 3, { publishedAt: published, modifiedAt: '2026-01-15T08:00:00.000Z' });
    storeVersion(a.id, 4, { publishedAt: published, modifiedAt: '2026-01-15T10:30:00Z' });
    storeVersion(a.id, 5, { publishedAt: published, modifiedAt: '2026-01-15T10:30:00Z' });
    expect([2, 3, 4, 5].map((n) => db.store.updatedStampShownBefore(a.id, n))).toEqual([false, false, false, true]);
    const shown = new Map(db.store.recentRevisions({ limit: 10 }).map((r) => [r.version.ordinal, r.updatedStampShownBefore]));
    expect([2, 3, 4, 5].map((n) => shown.get(n))).toEqual([false, false, false, true]);

    const b = addArticle('https://news.example/day');
    storeVersion(b.id, 1, { publishedAt: '2026-01-15', modifiedAt: '2026-01-15' });
    storeVersion(b.id, 2, { publishedAt: null, modifiedAt: 'Thursday' });
    expect([2, 3].map((n) => db.store.updatedStampShownBefore(b.id, n))).toEqual([false, true]);
  });
});
