/**
 * The validators of child sitemaps (source_links.etag, last_modified,
 * migration 0010): kept by recordSourceListing, given back by
 * childSitemapValidators, gone with the link; and a database made before
 * the migration gains the columns when stet opens it (as `npm start` does),
 * its links kept.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { SOURCE_LINK_MEMORY_DAYS, Store, type SourceListingRecord } from '../../../src/db/store.ts';
import { memoryStore } from '../../support/app.ts';
import { rewindTo } from './support/migrations.ts';

const T0 = Date.UTC(2026, 10, 29, 12);
const DAY = 86_400_000;
const INDEX = 'https://paper.example/sitemap.xml';
const CHILD = 'https://paper.example/sitemap-1.xml';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function listing(at: number, fields: Partial<SourceListingRecord>): SourceListingRecord {
  return { at, nextCheckAt: at, url: INDEX, kind: 'sitemap-index', title: null, etag: null, lastModified: null, watch: [], seen: [], listed: [], articleIntervalMinutes: 30, ...fields };
}

describe('child sitemap validators in the store', () => {
  it('a child read now keeps the validators given, a child read for the first time too; null clears them; an article link has none', () => {
    const store = memoryStore();
    const { source } = store.addSource({ url: INDEX, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    store.recordSourceListing(source.id, listing(T0, {
      watch: ['https://paper.example/news/a'], seen: [CHILD], listed: ['https://paper.example/news/a', CHILD],
      childValidators: [{ url: CHILD, etag: '"v1"', lastModified: 'Sun, 29 Nov 2026 11:00:00 GMT' }],
    }));
    expect([...store.childSitemapValidators(source.id).values()]).toEqual([{ url: CHILD, etag: '"v1"', lastModified: 'Sun, 29 Nov 2026 11:00:00 GMT' }]);
    store.recordSourceListing(source.id, listing(T0 + 1, { listed: [CHILD], childValidators: [{ url: CHILD, etag: null, lastModified: null }] }));
    expect(store.childSitemapValidators(source.id).size).toBe(0);
    store.close();
  });

  it('relistedFrom keeps the links listed with an unchanged child at its last read, so they are not forgotten; a link listed at another time is', () => {
    const store = memoryStore();
    const { source } = store.addSource({ url: INDEX, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    store.recordSourceListing(source.id, listing(T0, { seen: [CHILD, 'https://paper.example/old/1'], listed: [CHILD, 'https://paper.example/old/1'] }));
    store.recordSourceListing(source.id, listing(T0 + DAY, { seen: ['https://paper.example/other'], listed: ['https://paper.example/other'] }));
    const later = T0 + (SOURCE_LINK_MEMORY_DAYS + 10) * DAY;
    store.recordSourceListing(source.id, listing(later, { listed: [CHILD], relistedFrom: [T0] }));
    expect(Object.fromEntries(store.sourceLinkTimes(source.id))).toEqual({ [CHILD]: later, 'https://paper.example/old/1': later });
    store.close();
  });

  it('a database made before migration 0010 gains the columns when stet opens it, its links kept', () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-0010-'));
    const path = join(dir, 'stet.db');
    const store = new Store(openDatabase(path));
    const { source } = store.addSource({ url: INDEX, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 });
    store.recordSourceListing(source.id, listing(T0, { seen: [CHILD], listed: [CHILD] }));
    store.close();
    // As it was before 0010: without the columns it and the migrations after it add, nor them in drizzle's journal.
    const before = new Database(path);
    rewindTo(before, '0010_source_link_validators');
    before.close();

    const reopened = new Store(openDatabase(path));
    expect(reopened.db.$client.prepare("select name from pragma_table_info('source_links')").all()).toEqual(
      expect.arrayContaining([{ name: 'etag' }, { name: 'last_modified' }]),
    );
    expect([...reopened.sourceLinkTimes(source.id).keys()]).toEqual([CHILD]);
    reopened.close();
  });
});
