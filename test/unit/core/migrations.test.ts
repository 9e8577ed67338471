/**
 * stet applies migrations itself (src/db/client.ts) under one IMMEDIATE
 * transaction; the journal it keeps must be drizzle's, so drizzle's own
 * migrator and drizzle-kit see the same state.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { databaseBefore } from './support/migrations.ts';

const migrationsFolder = join(import.meta.dirname, '../../../migrations');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migrations', () => {
  it('a database migrated by stet is up to date for drizzle\'s own migrator (nothing applied twice)', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-migrate-'));
    const path = join(dir, 'stet.db');
    openDatabase(path).$client.close();
    const sqlite = new Database(path);
    expect(() => migrate(drizzle(sqlite), { migrationsFolder })).not.toThrow();
    const journal = sqlite.prepare('select count(*) as n from "__drizzle_migrations"').get() as { n: number };
    sqlite.close();
    expect(journal.n).toBeGreaterThan(0);
  });

  it('a database migrated by drizzle is taken as it is, and opening it again applies nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-migrate-'));
    const path = join(dir, 'stet.db');
    const sqlite = new Database(path);
    migrate(drizzle(sqlite), { migrationsFolder });
    const before = (sqlite.prepare('select count(*) as n from "__drizzle_migrations"').get() as { n: number }).n;
    sqlite.close();
    const db = openDatabase(path);
    const after = (db.$client.prepare('select count(*) as n from "__drizzle_migrations"').get() as { n: number }).n;
    db.$client.close();
    expect(after).toBe(before);
  });
});

describe('a database file as stet opens it', () => {
  it('is in WAL mode with NORMAL sync, its WAL cut back to 16 MB after a checkpoint', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-pragmas-'));
    const db = openDatabase(join(dir, 'stet.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.$client.pragma('journal_size_limit', { simple: true })).toBe(16 * 1024 * 1024);
    db.$client.close();
  });
});

describe('migration 0011: versions.recorded_at, when stet stored each version', () => {
  const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
  const MINUTE = 60_000;

  /**
   * A database as an older build left it (`npm start` opens it with openDatabase): one story edited once and
   * then cut down (held on its first sighting, stored by the confirming check ten minutes later), and one
   * story whose checks are no longer kept (they are a bounded window).
   */
  function olderDatabase(path: string) {
    const sqlite = databaseBefore(path, '0011_version_recorded_at');
    const article = sqlite.prepare('insert into articles (url, interval_minutes, created_at, next_check_at) values (?, 30, ?, ?)');
    article.run('https://news.example/cut', T0, T0);
    article.run('https://news.example/quiet', T0, T0);
    const version = sqlite.prepare(
      `insert into versions (article_id, ordinal, fingerprint, title, first_seen_at, last_seen_at, paragraph_hashes) values (?, ?, ?, 'Story', ?, ?, '[]')`,
    );
    version.run(1, 1, 'f1', T0, T0);
    version.run(1, 2, 'f2', T0 + 30 * MINUTE, T0 + 30 * MINUTE);
    version.run(1, 3, 'f3', T0 + 60 * MINUTE, T0 + 90 * MINUTE); // the cut, first seen at its first sighting
    version.run(2, 1, 'q1', T0 - 100 * MINUTE, T0);
    const check = sqlite.prepare('insert into checks (article_id, at, outcome, status, duration_ms, version_ordinal) values (?, ?, ?, 200, 1, ?)');
    check.run(1, T0, 'first-version', 1);
    check.run(1, T0 + 30 * MINUTE, 'new-version', 2);
    check.run(1, T0 + 60 * MINUTE, 'unconfirmed', 2);
    check.run(1, T0 + 70 * MINUTE, 'new-version', 3); // the confirming check
    check.run(1, T0 + 90 * MINUTE, 'unchanged', 3);
    sqlite.close();
  }

  it('a database made before it gains the column when stet opens it: a confirmed cut recorded when its confirming check stored it, every other version when first seen', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-0011-'));
    const path = join(dir, 'stet.db');
    olderDatabase(path);

    const store = new Store(openDatabase(path));
    const rows = store.db.$client.prepare('select article_id, ordinal, first_seen_at, recorded_at from versions order by article_id, ordinal').all();
    expect(rows).toEqual([
      { article_id: 1, ordinal: 1, first_seen_at: T0, recorded_at: T0 },
      { article_id: 1, ordinal: 2, first_seen_at: T0 + 30 * MINUTE, recorded_at: T0 + 30 * MINUTE },
      { article_id: 1, ordinal: 3, first_seen_at: T0 + 60 * MINUTE, recorded_at: T0 + 70 * MINUTE },
      // no check kept: when first seen
      { article_id: 2, ordinal: 1, first_seen_at: T0 - 100 * MINUTE, recorded_at: T0 - 100 * MINUTE },
    ]);
    expect(store.recentRevisions({ limit: 10 }).map((r) => [r.version.ordinal, r.version.recordedAt])).toEqual([[3, T0 + 70 * MINUTE], [2, T0 + 30 * MINUTE]]);
    const indexes = store.db.$client.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'versions' and name not like 'sqlite_%' order by name").all();
    expect(indexes).toEqual([{ name: 'versions_article_ordinal' }, { name: 'versions_recorded' }]);
    expect(store.db.$client.pragma('foreign_key_check')).toEqual([]);
    // The versions table was made anew: new versions still number on, and deleting an article still takes its versions.
    expect(store.db.$client.prepare("select seq from sqlite_sequence where name = 'versions'").get()).toEqual({ seq: 4 });
    expect(store.deleteArticle(1)).toBe(true);
    expect(store.listVersions(1)).toEqual([]);
    store.close();
  });
});

describe('migration 0015: articles.host, the site the scheduler picks articles by', () => {
  it('a database made before it gains each article\'s site as the URL parser reads it (host and port), and the scheduler\'s query finds one article per site', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-0015-'));
    const path = join(dir, 'stet.db');
    const sqlite = databaseBefore(path, '0015_article_host');
    const article = sqlite.prepare('insert into articles (url, interval_minutes, created_at, next_check_at) values (?, 30, 0, ?)');
    const urls = [
      'https://news.example/a',
      'https://news.example/b?x=1',
      'http://news.example:8080/c',
      'https://other.example/?q=1',
      'http://[::1]:8787/d',
      'https://xn--bcher-kva.example/e',
    ];
    urls.forEach((url, i) => article.run(url, i));
    sqlite.close();

    const store = new Store(openDatabase(path));
    const hosts = store.db.$client.prepare('select url, host from articles order by id').all() as { url: string; host: string }[];
    expect(hosts.map((r) => r.host)).toEqual(urls.map((u) => new URL(u).host));
    expect(store.findDueArticlesBySite(100, 10).map((a) => a.url)).toEqual([
      'https://news.example/a',
      'http://news.example:8080/c',
      'https://other.example/?q=1',
      'http://[::1]:8787/d',
      'https://xn--bcher-kva.example/e',
    ]);
    store.close();
  });
});
