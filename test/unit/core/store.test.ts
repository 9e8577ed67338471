/**
 * The store against a fresh in-memory SQLite with the real migrations
 * (STYLE 8): every check kind, content-addressed paragraphs and blobs, the
 * one-transaction rule, deletion with garbage collection, and the queries the
 * scheduler and the pages rely on.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError, paragraphHash, sha256Hex, type CheckRecord, type NewVersionInput } from '../../../src/db/store.ts';
import { testStore } from '../../support/app.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const db = testStore();

const addArticle = (url = 'https://news.example/story', now = T0) => db.store.addArticle({ url, intervalMinutes: 30, now }).article;

function version(paragraphs: string[], overrides: Partial<NewVersionInput> = {}): NewVersionInput {
  return {
    fingerprint: sha256Hex(JSON.stringify(paragraphs)),
    title: 'A headline',
    byline: 'A reporter',
    publishedAt: '2026-01-15T08:00:00Z',
    modifiedAt: '2026-01-15T08:00:00Z',
    canonicalUrl: null,
    lang: 'en',
    paragraphs,
    diffSummary: null,
    ...overrides,
  };
}

const htmlOf = (paragraphs: string[]) => `<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`;

function newVersion(at: number, paragraphs: string[], overrides: Partial<NewVersionInput> = {}, html = htmlOf(paragraphs)): Extract<CheckRecord, { kind: 'new-version' }> {
  const body = new TextEncoder().encode(html);
  return {
    kind: 'new-version', at, status: 200, durationMs: 12, nextCheckAt: at + 30 * MINUTE,
    etag: `"${at}"`, lastModified: null, bodyHash: sha256Hex(body), body, version: version(paragraphs, overrides),
  };
}

const seen = (kind: 'not-modified' | 'same-bytes' | 'unchanged' | 'stamp-only', at: number, extra: Partial<CheckRecord> = {}): CheckRecord =>
  ({ kind, at, status: kind === 'not-modified' ? 304 : 200, durationMs: 5, nextCheckAt: at + 30 * MINUTE, etag: '"e2"', lastModified: 'Thu, 15 Jan 2026 09:00:00 GMT', bodyHash: null, ...extra }) as CheckRecord;

const failed = (at: number, error = 'http-status: HTTP 503'): CheckRecord => ({ kind: 'failed', at, status: 503, durationMs: 7, nextCheckAt: at + 60 * MINUTE, error });

const count = (table: 'articles' | 'versions' | 'paragraphs' | 'blobs' | 'checks') =>
  (db.store.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const tableCounts = () => ({ articles: count('articles'), versions: count('versions'), paragraphs: count('paragraphs'), blobs: count('blobs'), checks: count('checks') });

describe('openDatabase', () => {
  it('applies the migrations to a fresh in-memory database, with foreign keys on', () => {
    const tables = db.store.db.$client.prepare("select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%' order by name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['articles', 'blobs', 'checks', 'deleted_articles', 'hosts', 'paragraphs', 'removals', 'source_links', 'sources', 'versions']);
    expect(db.store.db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('addArticle', () => {
  it('creates an article due at once, with no failures', () => {
    const { article, created } = db.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 15, now: T0 });
    expect(created).toBe(true);
    expect(article).toMatchObject({ url: 'https://news.example/a', intervalMinutes: 15, createdAt: T0, nextCheckAt: T0, state: 'active', failureCount: 0, lastError: null });
  });

  it('is idempotent: the same URL again returns the same article, unchanged, with created false', () => {
    const first = db.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 15, now: T0 });
    const again = db.store.addArticle({ url: 'https://news.example/a', intervalMinutes: 60, now: T0 + MINUTE });
    expect(again.created).toBe(false);
    expect(again.article).toEqual(first.article);
    expect(count('articles')).toBe(1);
  });

  it('lists articles newest first with their version counts', () => {
    const a = addArticle('https://news.example/a', T0);
    const b = addArticle('https://news.example/b', T0 + MINUTE);
    const c = addArticle('https://news.example/c', T0 + 2 * MINUTE);
    db.store.recordCheck(a.id, newVersion(T0 + 3 * MINUTE, ['one']));
    db.store.recordCheck(c.id, newVersion(T0 + 4 * MINUTE, ['c1']));
    db.store.recordCheck(c.id, newVersion(T0 + 5 * MINUTE, ['c2']));
    expect(db.store.listArticles().map((x) => [x.id, x.versionCount])).toEqual([[c.id, 2], [b.id, 0], [a.id, 1]]);
  });
});

describe('recordCheck: failed', () => {
  it('increments failureCount, records the error and the schedule, and keeps the versions', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one', 'two']));
    expect(db.store.recordCheck(a.id, failed(T0 + MINUTE, 'timeout: no response'))).toEqual({ versionOrdinal: null, conflict: false, removal: null });
    db.store.recordCheck(a.id, failed(T0 + 2 * MINUTE, 'http-status: HTTP 503'));
    expect(db.store.getArticle(a.id)).toMatchObject({
      failureCount: 2, lastError: 'http-status: HTTP 503', lastCheckedAt: T0 + 2 * MINUTE, nextCheckAt: T0 + 62 * MINUTE,
      etag: `"${T0}"`,
    });
    expect(db.store.listVersions(a.id)).toHaveLength(1);
    expect(db.store.latestVersion(a.id)?.lastSeenAt).toBe(T0);
    expect(db.store.listChecks(a.id, 10).map((c) => [c.outcome, c.error])).toEqual([
      ['failed', 'http-status: HTTP 503'],
      ['failed', 'timeout: no response'],
      ['first-version', null],
    ]);
  });
});

describe('recordCheck: the content was seen again', () => {
  const kinds = ['unchanged', 'same-bytes', 'not-modified'] as const;

  it.each(kinds)('%s moves the latest version\'s lastSeenAt, stores the validators and resets failures', (kind) => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    db.store.recordCheck(a.id, newVersion(T0 + MINUTE, ['one', 'two']));
    db.store.recordCheck(a.id, failed(T0 + 2 * MINUTE));
    expect(db.store.recordCheck(a.id, seen(kind, T0 + 3 * MINUTE))).toEqual({ versionOrdinal: null, conflict: false, removal: null });

    const [v1, v2] = db.store.listVersions(a.id);
    expect(v1?.lastSeenAt).toBe(T0);
    expect(v2?.lastSeenAt).toBe(T0 + 3 * MINUTE);
    expect(v2?.firstSeenAt).toBe(T0 + MINUTE);
    expect(v2?.latestModifiedAt).toBe('2026-01-15T08:00:00Z');
    expect(db.store.getArticle(a.id)).toMatchObject({
      failureCount: 0, lastError: null, lastCheckedAt: T0 + 3 * MINUTE, nextCheckAt: T0 + 33 * MINUTE,
      etag: '"e2"', lastModified: 'Thu, 15 Jan 2026 09:00:00 GMT', lastChangedAt: T0 + MINUTE,
    });
    expect(db.store.listChecks(a.id, 1)[0]).toMatchObject({ outcome: kind, versionOrdinal: 2 });
    expect(count('versions')).toBe(2);
  });

  it('a body hash of null (a 304 has no body) keeps the stored one', () => {
    const a = addArticle();
    const first = newVersion(T0, ['one']);
    db.store.recordCheck(a.id, first);
    db.store.recordCheck(a.id, seen('not-modified', T0 + MINUTE, { bodyHash: null }));
    expect(db.store.getArticle(a.id)?.lastBodyHash).toBe(first.bodyHash);
    db.store.recordCheck(a.id, seen('unchanged', T0 + 2 * MINUTE, { bodyHash: 'f'.repeat(64) }));
    expect(db.store.getArticle(a.id)?.lastBodyHash).toBe('f'.repeat(64));
  });

  it('stamp-only moves the version\'s latestModifiedAt but keeps its modifiedAt (both publisher clocks stay visible)', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one'], { modifiedAt: '2026-01-15T08:00:00Z' }));
    db.store.recordCheck(a.id, seen('stamp-only', T0 + MINUTE, { modifiedAt: '2026-01-15T08:45:00Z' }));
    expect(db.store.latestVersion(a.id)).toMatchObject({ modifiedAt: '2026-01-15T08:00:00Z', latestModifiedAt: '2026-01-15T08:45:00Z', lastSeenAt: T0 + MINUTE });
    expect(db.store.listChecks(a.id, 1)[0]?.outcome).toBe('stamp-only');
  });

  it('unchanged does not touch latestModifiedAt', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one'], { modifiedAt: '2026-01-15T08:00:00Z' }));
    db.store.recordCheck(a.id, seen('unchanged', T0 + MINUTE, { modifiedAt: '2026-01-15T08:45:00Z' }));
    expect(db.store.latestVersion(a.id)?.latestModifiedAt).toBe('2026-01-15T08:00:00Z');
  });

  it('before any version exists, it records the check without a version', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, seen('unchanged', T0));
    expect(db.store.listChecks(a.id, 1)[0]).toMatchObject({ outcome: 'unchanged', versionOrdinal: null });
    expect(count('versions')).toBe(0);
  });
});

describe('recordCheck: new versions', () => {
  it('numbers versions 1, 2, 3 and links each to when the previous one was last seen', () => {
    const a = addArticle();
    expect(db.store.recordCheck(a.id, newVersion(T0, ['one']))).toEqual({ versionOrdinal: 1, conflict: false, removal: null });
    db.store.recordCheck(a.id, seen('unchanged', T0 + 5 * MINUTE));
    expect(db.store.recordCheck(a.id, newVersion(T0 + 10 * MINUTE, ['one', 'two']))).toEqual({ versionOrdinal: 2, conflict: false, removal: null });
    expect(db.store.recordCheck(a.id, newVersion(T0 + 20 * MINUTE, ['one', 'two', 'three']))).toEqual({ versionOrdinal: 3, conflict: false, removal: null });

    const versions = db.store.listVersions(a.id);
    expect(versions.map((v) => [v.ordinal, v.firstSeenAt, v.lastSeenAt, v.previousSeenAt])).toEqual([
      [1, T0, T0 + 5 * MINUTE, null],
      [2, T0 + 10 * MINUTE, T0 + 10 * MINUTE, T0 + 5 * MINUTE],
      [3, T0 + 20 * MINUTE, T0 + 20 * MINUTE, T0 + 10 * MINUTE],
    ]);
    expect(db.store.listChecks(a.id, 10).map((c) => [c.outcome, c.versionOrdinal])).toEqual([
      ['new-version', 3], ['new-version', 2], ['unchanged', 1], ['first-version', 1],
    ]);
    expect(db.store.getArticle(a.id)).toMatchObject({ lastChangedAt: T0 + 20 * MINUTE, title: 'A headline', failureCount: 0 });
  });

  it('ordinals are per article', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    db.store.recordCheck(a.id, newVersion(T0, ['a1']));
    db.store.recordCheck(a.id, newVersion(T0 + 1, ['a2']));
    expect(db.store.recordCheck(b.id, newVersion(T0 + 2, ['b1']))).toEqual({ versionOrdinal: 1, conflict: false, removal: null });
  });

  it('keeps the version\'s facts and paragraph text in order', () => {
    const SUMMARY = { unchanged: 2, changed: 1, added: 0, removed: 0, moved: 0, split: 0, merged: 0, boring: false, titleChanged: true, bylineChanged: false };
    const a = addArticle();
    const paragraphs = ['Zeta comes first.', 'Alpha second.', 'Zeta comes first.'];
    db.store.recordCheck(a.id, newVersion(T0, paragraphs, { title: 'T', byline: null, canonicalUrl: 'https://news.example/canon', lang: 'fr', diffSummary: SUMMARY }));
    const v = db.store.getVersion(a.id, 1);
    expect(v).toMatchObject({ ordinal: 1, title: 'T', byline: null, canonicalUrl: 'https://news.example/canon', lang: 'fr', diffSummary: SUMMARY, paragraphs });
    expect(v?.paragraphHashes).toEqual(paragraphs.map(paragraphHash));
    expect(db.store.getArticle(a.id)?.canonicalUrl).toBe('https://news.example/canon');
    expect(db.store.getVersion(a.id, 2)).toBeUndefined();
  });

  it('stores each distinct paragraph once: versions share the paragraphs they have in common', () => {
    const a = addArticle();
    const b = addArticle('https://news.example/other');
    db.store.recordCheck(a.id, newVersion(T0, ['same', 'old', 'same']));
    expect(count('paragraphs')).toBe(2);
    db.store.recordCheck(a.id, newVersion(T0 + MINUTE, ['same', 'new']));
    expect(count('paragraphs')).toBe(3);
    db.store.recordCheck(b.id, newVersion(T0 + 2 * MINUTE, ['new', 'same']));
    expect(count('paragraphs')).toBe(3);
    expect(db.store.getVersion(b.id, 1)?.paragraphs).toEqual(['new', 'same']);
  });

  it('keeps the raw bytes as fetched: getBlob gives them back exactly, non-UTF-8 included', () => {
    const a = addArticle();
    const record = newVersion(T0, ['one']);
    const body = new Uint8Array([0x3c, 0x70, 0x3e, 0xe9, 0xff, 0x00, 0x80, ...new TextEncoder().encode('caf\u00e9 '.repeat(1000))]);
    db.store.recordCheck(a.id, { ...record, body, bodyHash: sha256Hex(body) });
    const v = db.store.latestVersion(a.id);
    expect(v?.blobHash).toBe(sha256Hex(body));
    const back = db.store.getBlob(v!.blobHash!);
    expect(back && new Uint8Array(back)).toEqual(body);
    const row = db.store.db.$client.prepare('select size, length(data) as stored from blobs').get() as { size: number; stored: number };
    expect(row.size).toBe(body.byteLength);
    expect(row.stored).toBeLessThan(body.byteLength);
    expect(db.store.getBlob('0'.repeat(64))).toBeUndefined();
  });

  it('the same bytes under two articles are stored once', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    db.store.recordCheck(b.id, newVersion(T0, ['one']));
    expect(count('blobs')).toBe(1);
  });
});

describe('recordCheck writes all or nothing (one transaction)', () => {
  it('on a missing article it throws NotFoundError and writes nothing, whatever the kind', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['kept']));
    const before = tableCounts();
    const records: CheckRecord[] = [failed(T0), seen('unchanged', T0), seen('stamp-only', T0, { modifiedAt: 'x' }), newVersion(T0, ['never', 'stored'], {}, '<p>never stored</p>')];
    for (const record of records) {
      expect(() => db.store.recordCheck(a.id + 100, record)).toThrow(NotFoundError);
    }
    expect(tableCounts()).toEqual(before);
  });

  it('when the last write fails, the paragraphs, blob, version and article updates before it are rolled back', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    const articleBefore = db.store.getArticle(a.id);
    const before = tableCounts();
    // Make the check-row insert (the last write of recordCheck) fail.
    db.store.db.$client.exec("create trigger refuse_checks before insert on checks begin select raise(abort, 'disk full'); end");
    expect(() => db.store.recordCheck(a.id, newVersion(T0 + MINUTE, ['one', 'two', 'three'], {}, '<p>v2</p>'))).toThrow(/disk full/);
    expect(() => db.store.recordCheck(a.id, failed(T0 + 2 * MINUTE))).toThrow(/disk full/);
    expect(() => db.store.recordCheck(a.id, seen('stamp-only', T0 + 3 * MINUTE, { modifiedAt: 'later' }))).toThrow(/disk full/);
    expect(tableCounts()).toEqual(before);
    expect(db.store.getArticle(a.id)).toEqual(articleBefore);
    expect(db.store.latestVersion(a.id)).toMatchObject({ ordinal: 1, lastSeenAt: T0, latestModifiedAt: '2026-01-15T08:00:00Z' });
  });
});

describe('deleteArticle', () => {
  it('removes the article with its versions and checks, and the paragraphs and blobs nobody else uses', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    db.store.recordCheck(a.id, newVersion(T0, ['shared', 'only in a'], {}, '<p>a1</p>'));
    db.store.recordCheck(a.id, newVersion(T0 + MINUTE, ['shared', 'only in a, v2'], {}, '<p>shared bytes</p>'));
    db.store.recordCheck(a.id, failed(T0 + 2 * MINUTE));
    db.store.recordCheck(b.id, newVersion(T0, ['shared', 'only in b'], {}, '<p>shared bytes</p>'));
    expect(tableCounts()).toEqual({ articles: 2, versions: 3, paragraphs: 4, blobs: 2, checks: 4 });

    expect(db.store.deleteArticle(a.id)).toBe(true);
    expect(db.store.getArticle(a.id)).toBeUndefined();
    expect(db.store.listVersions(a.id)).toEqual([]);
    expect(db.store.listChecks(a.id, 10)).toEqual([]);
    expect(tableCounts()).toEqual({ articles: 1, versions: 1, paragraphs: 2, blobs: 1, checks: 1 });
    // What b still uses survives.
    expect(db.store.getVersion(b.id, 1)?.paragraphs).toEqual(['shared', 'only in b']);
    expect(db.store.getBlob(db.store.latestVersion(b.id)!.blobHash!)?.toString()).toBe('<p>shared bytes</p>');

    expect(db.store.deleteArticle(b.id)).toBe(true);
    expect(tableCounts()).toEqual({ articles: 0, versions: 0, paragraphs: 0, blobs: 0, checks: 0 });
  });

  it('answers false for an unknown id and deletes nothing', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    const before = tableCounts();
    expect(db.store.deleteArticle(a.id + 1)).toBe(false);
    expect(tableCounts()).toEqual(before);
  });
});

describe('the scheduler\'s queue', () => {
  const setState = (id: number, state: 'paused' | 'gone') => db.store.db.$client.prepare('update articles set state = ? where id = ?').run(state, id);

  it('findDueArticles gives active articles due by now, longest overdue first, up to the limit', () => {
    const a = addArticle('https://news.example/a', T0 + 2);
    const b = addArticle('https://news.example/b', T0);
    const c = addArticle('https://news.example/c', T0 + 1);
    const notYet = addArticle('https://news.example/later', T0 + 10 * MINUTE);
    const paused = addArticle('https://news.example/paused', T0 - MINUTE);
    const gone = addArticle('https://news.example/gone', T0 - MINUTE);
    setState(paused.id, 'paused');
    setState(gone.id, 'gone');

    expect(db.store.findDueArticles(T0 + 2, 10).map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    expect(db.store.findDueArticles(T0 + 2, 2).map((x) => x.id)).toEqual([b.id, c.id]);
    expect(db.store.findDueArticles(T0 - 1, 10)).toEqual([]);
    expect(db.store.findDueArticles(T0 + 10 * MINUTE, 10).map((x) => x.id)).toContain(notYet.id);
  });

  it('findDueArticlesBySite gives the most overdue active article of each site (host and port), most overdue first, past the sites to skip', () => {
    const a1 = addArticle('https://news.example/a1', T0 + 3);
    addArticle('https://news.example/a2', T0 + 4);
    addArticle('https://other.example/b1', T0 + 5);
    const b0 = addArticle('https://other.example/b0', T0 + 1);
    const tie1 = addArticle('https://third.example/t1', T0 + 2);
    addArticle('https://third.example/t2', T0 + 2);
    const port = addArticle('https://news.example:8443/p', T0 + 6);
    const paused = addArticle('https://paused.example/x', T0);
    const later = addArticle('https://later.example/x', T0 + 10 * MINUTE);
    setState(paused.id, 'paused');
    const ids = (now: number, limit: number, skip?: Set<string>) => db.store.findDueArticlesBySite(now, limit, skip).map((x) => x.id);

    // other.example's b0 is the most overdue; of two due at the same instant, the first added
    expect(ids(T0 + 6, 10)).toEqual([b0.id, tie1.id, a1.id, port.id]);
    expect(ids(T0 + 6, 2)).toEqual([b0.id, tie1.id]);
    expect(ids(T0 + 6, 10, new Set(['other.example', 'news.example']))).toEqual([tie1.id, port.id]);
    expect(ids(T0 + 4, 10, new Set(['other.example']))).toEqual([tie1.id, a1.id]);
    expect(ids(T0, 10)).toEqual([]);
    expect(ids(T0 + 10 * MINUTE, 10)).toContain(later.id);
    // the row is the article's, whole
    expect(db.store.findDueArticlesBySite(T0 + 5, 1, new Set(['third.example', 'news.example']))).toEqual([db.store.getArticle(b0.id)]);
  });

  it('leaseArticle moves the next check so the article is not picked again while it runs', () => {
    const a = addArticle('https://news.example/a', T0);
    db.store.leaseArticle(a.id, T0 + 5 * MINUTE);
    expect(db.store.findDueArticles(T0 + MINUTE, 10)).toEqual([]);
    expect(db.store.findDueArticles(T0 + 5 * MINUTE, 10).map((x) => x.id)).toEqual([a.id]);
    expect(db.store.getArticle(a.id)?.nextCheckAt).toBe(T0 + 5 * MINUTE);
  });

  it('claimArticle takes a due article once: of two processes asking, one wins; paused articles are never claimed', () => {
    const a = addArticle('https://news.example/a', T0);
    expect(db.store.claimArticle(a.id, T0 + MINUTE, T0 + 10 * MINUTE)).toBe(true);
    expect(db.store.getArticle(a.id)?.nextCheckAt).toBe(T0 + 10 * MINUTE);
    expect(db.store.claimArticle(a.id, T0 + MINUTE, T0 + 10 * MINUTE)).toBe(false);
    const paused = addArticle('https://news.example/p', T0);
    setState(paused.id, 'paused');
    expect(db.store.claimArticle(paused.id, T0 + MINUTE, T0 + 10 * MINUTE)).toBe(false);
  });
});

describe('recentRevisions', () => {
  it('lists versions after the first, newest first, with their article; the first version is not a revision', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    db.store.recordCheck(a.id, newVersion(T0, ['a1'], { title: 'A' }));
    db.store.recordCheck(b.id, newVersion(T0 + 1, ['b1'], { title: 'B' }));
    db.store.recordCheck(a.id, newVersion(T0 + 10, ['a2'], { title: 'A' }));
    db.store.recordCheck(b.id, newVersion(T0 + 20, ['b2'], { title: 'B' }));
    db.store.recordCheck(a.id, newVersion(T0 + 30, ['a3'], { title: 'A' }));

    const all = db.store.recentRevisions({ limit: 10 });
    expect(all.map((r) => [r.article.id, r.version.ordinal])).toEqual([[a.id, 3], [b.id, 2], [a.id, 2]]);
    expect(all[0]?.article).toEqual({ id: a.id, url: 'https://news.example/a', title: 'A' });
    expect(db.store.recentRevisions({ limit: 2 }).map((r) => r.version.ordinal)).toEqual([3, 2]);
    expect(db.store.recentRevisions({ limit: 10, articleId: b.id }).map((r) => [r.article.id, r.version.ordinal])).toEqual([[b.id, 2]]);
    expect(db.store.recentRevisions({ limit: 10, articleId: a.id + b.id + 1 })).toEqual([]);
  });

  it('revisions first seen at the same moment come newest-written first', () => {
    const a = addArticle('https://news.example/a');
    const b = addArticle('https://news.example/b');
    db.store.recordCheck(a.id, newVersion(T0, ['a1']));
    db.store.recordCheck(b.id, newVersion(T0, ['b1']));
    db.store.recordCheck(a.id, newVersion(T0 + 5, ['a2']));
    db.store.recordCheck(b.id, newVersion(T0 + 5, ['b2']));
    expect(db.store.recentRevisions({ limit: 10 }).map((r) => r.article.id)).toEqual([b.id, a.id]);
  });
});

describe('pruneChecks', () => {
  it('drops check rows older than the cut-off and keeps the rest, the versions untouched', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    db.store.recordCheck(a.id, failed(T0 + MINUTE));
    db.store.recordCheck(a.id, seen('unchanged', T0 + 2 * MINUTE));
    db.store.recordCheck(a.id, seen('unchanged', T0 + 3 * MINUTE));
    expect(db.store.pruneChecks(T0 + 2 * MINUTE)).toBe(2);
    expect(db.store.listChecks(a.id, 10).map((c) => c.at)).toEqual([T0 + 3 * MINUTE, T0 + 2 * MINUTE]);
    expect(db.store.listVersions(a.id)).toHaveLength(1);
    expect(db.store.pruneChecks(T0)).toBe(0);
  });

  it('with a limit drops at most that many, the oldest first, so a long backlog goes in batches', () => {
    const a = addArticle();
    db.store.recordCheck(a.id, newVersion(T0, ['one']));
    for (let k = 1; k <= 5; k++) db.store.recordCheck(a.id, seen('unchanged', T0 + k * MINUTE));
    expect(db.store.pruneChecks(T0 + 5 * MINUTE, 2)).toBe(2);
    expect(db.store.listChecks(a.id, 10).map((c) => c.at)).toEqual([5, 4, 3, 2].map((k) => T0 + k * MINUTE));
    expect(db.store.pruneChecks(T0 + 5 * MINUTE, 2)).toBe(2);
    expect(db.store.pruneChecks(T0 + 5 * MINUTE, 2)).toBe(1);
    expect(db.store.pruneChecks(T0 + 5 * MINUTE, 2)).toBe(0);
    expect(db.store.listChecks(a.id, 10).map((c) => c.at)).toEqual([T0 + 5 * MINUTE]);
  });
});

describe('paragraphTexts', () => {
  it('reads more than 500 hashes (the query is chunked under SQLite\'s parameter limit), in order, duplicates included', () => {
    const a = addArticle();
    const paragraphs = Array.from({ length: 1234 }, (_, i) => `Paragraph number ${i}.`);
    db.store.recordCheck(a.id, newVersion(T0, paragraphs));
    const hashes = paragraphs.map(paragraphHash);
    const asked = [...hashes, ...hashes.slice(0, 600).reverse(), hashes[1000]!];
    expect(db.store.paragraphTexts(asked)).toEqual([...paragraphs, ...paragraphs.slice(0, 600).reverse(), paragraphs[1000]]);
    expect(db.store.getVersion(a.id, 1)?.paragraphs).toEqual(paragraphs);
  });

  it('an empty list reads nothing', () => {
    expect(db.store.paragraphTexts([])).toEqual([]);
  });

  it('a hash the db.store does not hold is a bug and throws', () => {
    expect(() => db.store.paragraphTexts([paragraphHash('never stored')])).toThrow(/missing/);
  });
});
