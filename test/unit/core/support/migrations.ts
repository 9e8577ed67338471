/**
 * Databases as stet left them before a migration, for the tests of upgrading
 * them: made with the migrations before it only, and with drizzle's journal
 * saying so, as a database made by an older build is.
 */
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const migrationsFolder = join(import.meta.dirname, '../../../../migrations');

/** When the migration named `tag` ('0011_version_recorded_at') was generated: its place in drizzle's journal. */
export function migrationTime(tag: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  const entry = journal.entries.find((e) => e.tag === tag);
  if (!entry) throw new Error(`no migration ${tag} in the journal`);
  return entry.when;
}

/** A new database file at `path` with every migration before `tag` applied (and journalled as client.ts does), and not that one or later. */
export function databaseBefore(path: string, tag: string): Database.Database {
  const until = migrationTime(tag);
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
  const record = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
  for (const migration of readMigrationFiles({ migrationsFolder })) {
    if (migration.folderMillis >= until) break;
    for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
    record.run(migration.hash, migration.folderMillis);
  }
  return sqlite;
}

/**
 * Makes drizzle's journal forget `tag` and every migration after it, so that
 * opening the database applies them again (client.ts applies what comes after
 * the last one journalled).
 */
export function forgetMigrationsFrom(sqlite: Database.Database, tag: string): void {
  sqlite.prepare('delete from "__drizzle_migrations" where created_at >= ?').run(migrationTime(tag));
}

/**
 * Rewinds a database stet made to how it was before `tag`: every column the
 * migrations from `tag` on add to an existing table (`ALTER TABLE … ADD`) is
 * dropped, the indexes they create are dropped and those they drop made again
 * as the migrations before made them, and drizzle's journal forgets those
 * migrations, so opening the database applies them again as on an upgrade.
 * (Tables they make anew are made anew again; columns of later migrations on
 * those come back with them.) Only for a tag from which on migrations add
 * columns, change indexes or remake tables: one that creates a table (0005's
 * hosts) would fail when applied again.
 */
export function rewindTo(sqlite: Database.Database, tag: string): void {
  const from = migrationTime(tag);
  const earlierIndexes = new Map<string, string>();
  const later: string[] = [];
  for (const migration of readMigrationFiles({ migrationsFolder })) {
    for (const statement of migration.sql) {
      if (migration.folderMillis >= from) later.push(statement);
      else for (const m of statement.matchAll(/CREATE (?:UNIQUE )?INDEX `(\w+)`[^;]*/g)) earlierIndexes.set(m[1]!, m[0]);
    }
  }
  const dropped = later.flatMap((statement) => [...statement.matchAll(/DROP INDEX `(\w+)`/g)].map((m) => m[1]!));
  for (const statement of later) for (const [, index] of statement.matchAll(/CREATE (?:UNIQUE )?INDEX `(\w+)`/g)) sqlite.exec(`drop index if exists "${index}"`);
  for (const statement of later) {
    for (const [, table, column] of statement.matchAll(/ALTER TABLE `(\w+)` ADD `(\w+)`/g)) sqlite.exec(`alter table "${table}" drop column "${column}"`);
  }
  for (const index of dropped) {
    const definition = earlierIndexes.get(index);
    if (definition) sqlite.exec(definition);
  }
  forgetMigrationsFrom(sqlite, tag);
}
