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
