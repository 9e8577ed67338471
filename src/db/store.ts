/**
 * The store: the only module that writes SQL. Its interface is narrow and
 * speaks in domain values so that a second backend (PostgreSQL, DESIGN
 * "Storage") stays a contained change. Writes that belong together run in one
 * transaction; a crash leaves either all of a check's writes or none.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Article } from '../extract/article.ts';
import { siteOf } from '../fetch/site.ts';
import type { Db } from './client.ts';
import { articles, blobs, checks, deletedArticles, hosts, paragraphs, removals, sourceLinks, sources, versions, type ChangeSummary } from './schema.ts';

export type { ChangeSummary };

export type ArticleRow = typeof articles.$inferSelect;
export type VersionRow = typeof versions.$inferSelect;
export type CheckRow = typeof checks.$inferSelect;
export type CheckOutcomeKind = CheckRow['outcome'];
export type RemovalRow = typeof removals.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;

export interface ArticleListing extends ArticleRow {
  versionCount: number;
  /** When the page went away, while it stays away (an open removal); else null. */
  removedSince: number | null;
}

/** Where a page of the watch list ended: its last article's place in the list's order (listArticles). */
export type ArticleCursor = Pick<ArticleRow, 'createdAt' | 'id'>;

/**
 * A version as a list of versions shows it (the timeline, the API's version
 * lists): without its paragraph hashes, a JSON list per version that is most
 * of the row (3,000 versions of a live blog of 200 paragraphs: 85 ms with
 * them, 26 ms without), its page's blob or its fingerprints; with the number
 * of its paragraphs, counted by SQLite.
 */
export type VersionSummary = Omit<VersionRow, 'paragraphHashes' | 'blobHash' | 'fingerprint' | 'storedFingerprint' | 'encoding'> & { paragraphCount: number };

export interface VersionWithText extends VersionRow {
  paragraphs: string[];
}

/** A revision: a version after the first, with its article (what feeds and the home page list). */
export interface Revision {
  article: Pick<ArticleRow, 'id' | 'url' | 'title'>;
  version: VersionRow;
  /** What the version before it last showed as the publisher's "updated" stamp (for the stealth-edit mark). */
  previousLatestModifiedAt: string | null;
  /** Whether any version before it showed an "updated" stamp: the page discloses updates (for the stealth-edit mark). */
  updatedStampShownBefore: boolean;
}

/** A removal of a watched page, with its article (feeds list them beside revisions). */
export interface RemovalEvent {
  article: Pick<ArticleRow, 'id' | 'url' | 'title'>;
  removal: RemovalRow;
}

/** Everything a new version brings, as the check orchestrator hands it over: the extracted article and what was computed from it. */
export interface NewVersionInput extends Article {
  fingerprint: string;
  diffSummary: ChangeSummary | null;
  /** The WHATWG encoding the page was decoded with (a re-read decodes its raw bytes with it); none given, unknown. */
  encoding?: string | null;
}

/** What stet read on a version's page, and its diff summary against the version before (Store.replaceReadings). */
export interface VersionReading {
  title: string | null;
  byline: string | null;
  paragraphs: string[];
  fingerprint: string;
  /** Against the version before; null for the first. */
  diffSummary: ChangeSummary | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  latestModifiedAt: string | null;
}

/** One version's new reading: written only if the version still has `expectedFingerprint` and `expectedLatestModifiedAt`. */
export interface ReadingReplacement {
  versionId: number;
  expectedFingerprint: string;
  /** A stamp-only update recorded meanwhile (by another process) is not overwritten. */
  expectedLatestModifiedAt: string | null;
  reading: VersionReading;
}

interface CheckCommon {
  at: number;
  status: number | null;
  durationMs: number;
  nextCheckAt: number;
  /** Versions whose stored pages this check read again, before comparing (monitor/reread.ts); none when absent. */
  rereadVersions?: number;
}

/** The result of one check, as recorded. Failures are values too (STYLE 6). */
export type CheckRecord =
  | (CheckCommon & {
      kind: 'failed';
      error: string;
      /**
       * This check confirms that the page went away (monitor/check.ts
       * decides): a removal is recorded, dated `removedAt`, unless one is
       * open already.
       */
      removal?: { removedAt: number; redirectedTo?: string | null };
    })
  | (CheckCommon & {
      kind: 'not-modified' | 'same-bytes' | 'unchanged' | 'stamp-only';
      etag: string | null;
      lastModified: string | null;
      bodyHash: string | null;
      /** The publisher's "updated" stamp seen on this fetch (stamp-only moves it). */
      modifiedAt?: string | null;
      /** The address the page names as its own on this fetch: the article's moves with it (a renamed slug, the text unchanged). */
      canonicalUrl?: string | null;
      /** The version the content was compared with; when given and no longer the latest, nothing is written (a conflict). */
      expectedVersionId?: number | null;
    })
  | (CheckCommon & {
      /**
       * Content that would remove most of the latest version, seen for the
       * first time: kept as the article's pending fingerprint, not as a
       * version, and the fetch validators stay those of the latest version
       * so the next check extracts the page again.
       */
      kind: 'unconfirmed';
      fingerprint: string;
      /** When the pending cut was first seen (this check, or an earlier one it was too soon to confirm). */
      pendingSince: number;
      expectedVersionId?: number | null;
    })
  | (CheckCommon & {
      kind: 'new-version';
      etag: string | null;
      lastModified: string | null;
      bodyHash: string;
      body: Uint8Array;
      version: NewVersionInput;
      /** The version the diff was computed against (null for the first); if another is latest now, nothing is written (a conflict). */
      expectedVersionId?: number | null;
      /** For a drastic change confirmed by a second sighting: the pending fingerprint it confirms; if the article holds another now, a conflict. */
      expectedPendingFingerprint?: string | null;
    });

/** A version as an export carries it (`stet import`): the stored facts, paragraphs as text, the raw page when exported. */
export type ImportedVersion = Omit<VersionRow, 'id' | 'articleId' | 'paragraphHashes' | 'blobHash'> & {
  paragraphs: string[];
  /** The raw bytes as fetched, or null when the export left them out. */
  body: Uint8Array | null;
};

/** An article with its versions in order, as an export carries it. */
export interface ImportedArticle {
  url: string;
  canonicalUrl: string | null;
  title: string | null;
  state: ArticleRow['state'];
  intervalMinutes: number;
  createdAt: number;
  versions: ImportedVersion[];
  /** The times the page went away, oldest first. */
  removals: Omit<RemovalRow, 'id' | 'articleId'>[];
}

/**
 * What importing one article did: `created` (a new article), `filled` (the
 * URL was watched but had no versions yet: they were added), `skipped` (the
 * URL already has versions here; nothing written).
 */
export interface ImportOutcome {
  outcome: 'created' | 'filled' | 'skipped';
  articleId: number;
  versions: number;
}

export class NotFoundError extends Error {}

/** A version changed under Store.replaceReadings: nothing written. */
class ReplacedMeanwhile extends Error {}

/** A site's hold and lease as stored (epoch ms; 0 for none). */
export interface HostState {
  /** No scheduled check before this time (Crawl-delay, Retry-After). */
  notBefore: number;
  /** The end of a Retry-After among that hold; 0 when none runs (the hold is a Crawl-delay, or nothing). */
  retryAfterUntil: number;
  /** A check of the site, in some process, holds it until this time at the latest. */
  busyUntil: number;
}

/** What one read of a source found (monitor/sources.ts), written in one transaction by recordSourceListing. */
export interface SourceListingRecord {
  at: number;
  nextCheckAt: number;
  /** The address read: the source's own, or the feed its page announced (stored as feedUrl). */
  url: string;
  kind: NonNullable<SourceRow['kind']>;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  /** New links to add to the watch list (normalised), newest first. */
  watch: string[];
  /** New links only to remember (too old to be news). */
  seen: string[];
  /** Every link listed now, to keep remembered. */
  listed: string[];
  /**
   * Child sitemaps of an index read now, with the validators to send next
   * time (null, null: none, so it is read in full). None for a feed or a sitemap.
   */
  childValidators?: ChildSitemapValidators[];
  /**
   * Earlier reads (their times) whose links count as listed again now: a
   * child sitemap that answered 304 lists what it listed at its last full
   * read, when it and its links were all last listed (sourceLinkTimes).
   */
  relistedFrom?: number[];
  articleIntervalMinutes: number;
}

/** What a child sitemap's next read sends (RFC 9110 §13.1.1, §13.1.3), from its last full read. */
export interface ChildSitemapValidators {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

/** A source as `stet import` reads it from an export. */
export interface ImportedSource {
  url: string;
  feedUrl: string | null;
  kind: SourceRow['kind'];
  title: string | null;
  state: SourceRow['state'];
  intervalMinutes: number;
  articleIntervalMinutes: number | null;
  createdAt: number;
  links: { url: string; added: boolean }[];
}

/** What a read that lists or answers 304 writes besides its outcome: no streak of refusals, and a failing source is active again. */
const SOURCE_READ_OK = {
  refusalCount: 0,
  refusedSince: null,
  state: sql<'active' | 'paused'>`case when ${sources.state} = 'failing' then 'active' else ${sources.state} end`,
} as const;

/** A read of a source that failed, whatever the reason: when, why, and when it is read next. */
export interface SourceReadFailure {
  at: number;
  error: string;
  nextCheckAt: number;
}

/**
 * What every failed read writes (recordSourceCheck's failures and
 * recordSourceRefusal alike): its time, the next read, one failure more and
 * why. A refusal writes its streak besides; a failure for a while leaves the
 * streak as it is.
 */
function failedSourceRead(input: SourceReadFailure) {
  return { lastCheckedAt: input.at, nextCheckAt: input.nextCheckAt, failureCount: sql<number>`${sources.failureCount} + 1`, lastError: input.error };
}

/** Links a source listed and no longer lists are forgotten after this long (their articles stay watched). */
export const SOURCE_LINK_MEMORY_DAYS = 90;

/**
 * The answer to claimHost: the lease was taken, or not, with the site's
 * hold (and, when not taken, the other check's lease) as they were.
 */
export type HostClaim = { claimed: true; notBefore: number } | ({ claimed: false } & HostState);

const NO_HOLD: HostState = { notBefore: 0, retryAfterUntil: 0, busyUntil: 0 };

export function paragraphHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Whether a version row shows the publisher's "updated" stamp (`alias`: the versions table's name or alias in the
 * query): web/revisions.ts showedUpdatedStamp in SQL, a stamp there and not at the instant of the published one.
 */
function showsUpdatedStamp(alias: string): SQL {
  const column = (c: { name: string }) => `"${alias}"."${c.name}"`;
  const published = column(versions.publishedAt);
  const update = (c: string) => `(${c} is not null and not coalesce(${c} = ${published} or julianday(${c}) = julianday(${published}), 0))`;
  return sql.raw(`(${update(column(versions.modifiedAt))} or ${update(column(versions.latestModifiedAt))})`);
}

/** The facts of a version's stealth-edit mark (web/revisions.ts isStealthEdit), as columns of a query on versions. */
function stealthFacts() {
  const column = (c: { name: string }) => sql`p.${sql.identifier(c.name)}`;
  const sameArticle = sql`${column(versions.articleId)} = ${versions.articleId}`;
  return {
    previousLatestModifiedAt: sql<string | null>`(select ${column(versions.latestModifiedAt)} from ${versions} p where ${sameArticle} and ${column(versions.ordinal)} = ${versions.ordinal} - 1)`,
    updatedStampShownBefore: sql<boolean>`exists (select 1 from ${versions} p where ${sameArticle} and ${column(versions.ordinal)} < ${versions.ordinal} and ${showsUpdatedStamp('p')})`.mapWith(Boolean),
  };
}

// Brotli quality 5 keeps about 80% of quality 11's ratio on HTML at a small
// fraction of its time; the raw page is evidence, written once, rarely read.
const BROTLI_OPTIONS = { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } };

/** A write transaction's handle. */
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The store's prepared reads (Store.prepared), on its one connection. */
function prepareReads(db: Db) {
  const id = sql.placeholder('id');
  return {
    article: db.select().from(articles).where(eq(articles.id, id)).prepare(),
    latestVersion: db.select().from(versions).where(eq(versions.articleId, id)).orderBy(desc(versions.ordinal)).limit(1).prepare(),
    openRemoval: db.select().from(removals).where(and(eq(removals.articleId, id), isNull(removals.restoredAt))).orderBy(desc(removals.id)).limit(1).prepare(),
    hostState: db.select({ notBefore: hosts.notBefore, retryAfterUntil: hosts.retryAfterUntil, busyUntil: hosts.busyUntil }).from(hosts).where(eq(hosts.host, sql.placeholder('host'))).prepare(),
  };
}
type StoreReads = ReturnType<typeof prepareReads>;

export class Store {
  /**
   * The reads every check makes, prepared once: drizzle builds and SQLite compiles a query anew on each call
   * otherwise (getArticle: 57 µs a call, 2.6 µs prepared; a scale test found query building and compiling a
   * quarter of the server's CPU). They run on the store's one connection, inside its transactions too.
   */
  private readonly prepared: StoreReads;

  constructor(readonly db: Db) {
    this.prepared = prepareReads(db);
  }

  /**
   * Runs related writes as one transaction. IMMEDIATE takes the write lock at
   * BEGIN, so a second process on the same file (the CLI beside the server)
   * waits for it (busy_timeout) instead of failing to upgrade a read lock
   * half-way (https://sqlite.org/lang_transaction.html).
   */
  private write<T>(fn: (tx: Tx) => T): T {
    return this.db.transaction(fn, { behavior: 'immediate' });
  }

  close(): void {
    this.db.$client.close();
  }

  // ── articles ────────────────────────────────────────────────────────────

  /** Adds a URL to the watch list, or returns the article already watching it. */
  addArticle(input: { url: string; intervalMinutes: number; now: number }): { article: ArticleRow; created: boolean } {
    return this.write((tx) => {
      const existing = tx.select().from(articles).where(eq(articles.url, input.url)).get();
      if (existing) return { article: existing, created: false };
      // Watched again by hand: sources may bring it in again too.
      tx.delete(deletedArticles).where(eq(deletedArticles.url, input.url)).run();
      const article = tx
        .insert(articles)
        .values({ url: input.url, host: siteOf(input.url), intervalMinutes: input.intervalMinutes, createdAt: input.now, nextCheckAt: input.now })
        .returning()
        .get();
      return { article, created: true };
    });
  }

  getArticle(id: number): ArticleRow | undefined {
    return this.prepared.article.get({ id });
  }

  /**
   * Other articles that are the same page as this one by the publisher's word: watched at its canonical address, or
   * naming the same canonical address ("…/story/" and "…/story", an AMP copy and its page; QA). Oldest first. A
   * canonical address is on a few rows at most; the scan of the column is one per article page view.
   */
  samePageArticles(article: Pick<ArticleRow, 'id' | 'url' | 'canonicalUrl'>): Pick<ArticleRow, 'id' | 'url'>[] {
    const canonical = article.canonicalUrl;
    if (canonical === null) return [];
    return this.db
      .select({ id: articles.id, url: articles.url })
      .from(articles)
      .where(and(ne(articles.id, article.id), or(eq(articles.url, canonical), eq(articles.canonicalUrl, canonical))))
      .orderBy(articles.id)
      .limit(5)
      .all();
  }

  /** Whether article #id was deleted: no such article now, and the id was given once (ids are never reused: AUTOINCREMENT). */
  wasArticleDeleted(id: number): boolean {
    if (this.getArticle(id)) return false;
    const row = this.db.$client.prepare("select seq from sqlite_sequence where name = 'articles'").get() as { seq: number } | undefined;
    return row !== undefined && id >= 1 && id <= row.seq;
  }

  countArticles(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(articles).get()?.n ?? 0;
  }

  /** When the first article still watched was watched (epoch ms); null with none. */
  firstWatchedAt(): number | null {
    return this.db.select({ at: sql<number | null>`min(${articles.createdAt})` }).from(articles).get()?.at ?? null;
  }

  /**
   * The watch list, newest first (by when watched, then the newer row); with
   * `sourceId`, only the articles that source added. With `limit`, one page
   * of it; with `before`, the page that starts after that article: a keyset
   * cursor, so a page stays put when articles are watched or deleted
   * meanwhile (an OFFSET would skip or repeat rows), and costs the same deep
   * in the list as at its top.
   */
  listArticles(options: { sourceId?: number; limit?: number; before?: ArticleCursor } = {}): ArticleListing[] {
    const { before } = options;
    const fromSource =
      options.sourceId === undefined
        ? undefined
        : inArray(
            articles.url,
            this.db.select({ url: sourceLinks.url }).from(sourceLinks).where(and(eq(sourceLinks.sourceId, options.sourceId), eq(sourceLinks.added, true))),
          );
    return this.db
      .select({
        article: articles,
        // Qualified by hand: drizzle renders columns inside sql`` unqualified, and a bare "id" in this subquery would be versions.id.
        versionCount: sql<number>`(select count(*) from ${versions} where ${versions}.${sql.identifier(versions.articleId.name)} = ${articles}.${sql.identifier(articles.id.name)})`,
        removedSince: sql<number | null>`(select max(${sql.identifier(removals.removedAt.name)}) from ${removals} where ${removals}.${sql.identifier(removals.articleId.name)} = ${articles}.${sql.identifier(articles.id.name)} and ${removals}.${sql.identifier(removals.restoredAt.name)} is null)`,
      })
      .from(articles)
      // a row value, so that SQLite starts the index range (articles_created) at the cursor
      .where(and(fromSource, before === undefined ? undefined : sql`(${articles.createdAt}, ${articles.id}) < (${before.createdAt}, ${before.id})`))
      .orderBy(desc(articles.createdAt), desc(articles.id))
      .limit(options.limit ?? -1)
      .all()
      .map((r) => ({ ...r.article, versionCount: r.versionCount, removedSince: r.removedSince }));
  }

  /**
   * Sets how often an article is checked (the base interval), and moves its
   * next check up to `pullInTo` when that is sooner (monitor/watch.ts
   * setCheckInterval decides). Undefined when there is no such article.
   */
  setArticleInterval(id: number, intervalMinutes: number, pullInTo: number | null): ArticleRow | undefined {
    return this.write((tx) => {
      const article = tx.select().from(articles).where(eq(articles.id, id)).get();
      if (!article) return undefined;
      const nextCheckAt = pullInTo === null ? article.nextCheckAt : Math.min(article.nextCheckAt, pullInTo);
      return tx.update(articles).set({ intervalMinutes, nextCheckAt }).where(eq(articles.id, id)).returning().get();
    });
  }

  /**
   * Pauses an article (no scheduled checks; its versions stay) or makes it
   * active again, due at `now`. Undefined when there is no such article.
   */
  setArticleState(id: number, state: 'active' | 'paused', now: number): ArticleRow | undefined {
    return this.write((tx) => {
      const article = tx.select().from(articles).where(eq(articles.id, id)).get();
      if (!article) return undefined;
      if (article.state === state) return article;
      const set: Partial<ArticleRow> = state === 'active' ? { state, nextCheckAt: now } : { state };
      return tx.update(articles).set(set).where(eq(articles.id, id)).returning().get();
    });
  }

  /** Deletes an article with its versions and checks, and the blobs and paragraphs no other version uses. */
  deleteArticle(id: number): boolean {
    return this.write((tx) => {
      const deleted = tx.delete(articles).where(eq(articles.id, id)).returning({ id: articles.id, url: articles.url }).all();
      if (deleted.length === 0) return false;
      // Remembered, so that no source brings it back.
      const deletedAt = Date.now();
      tx.insert(deletedArticles).values({ url: deleted[0]!.url, deletedAt }).onConflictDoUpdate({ target: deletedArticles.url, set: { deletedAt } }).run();
      tx.run(sql`delete from ${blobs} where ${blobs.hash} not in (select ${versions.blobHash} from ${versions} where ${versions.blobHash} is not null)`);
      tx.run(
        sql`delete from ${paragraphs} where ${paragraphs.hash} not in (select j.value from ${versions}, json_each(${versions.paragraphHashes}) as j)`,
      );
      return true;
    });
  }

  /**
   * Every article in id order, read a page at a time so that walking a large
   * database never holds it all.
   */
  *eachArticle(pageSize = 200): Generator<ArticleRow> {
    let after = 0;
    for (;;) {
      const page = this.db.select().from(articles).where(gt(articles.id, after)).orderBy(asc(articles.id)).limit(pageSize).all();
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = last.id;
    }
  }

  /**
   * Imports one exported article with its versions in one transaction: all
   * of it or nothing. A URL already watched here is left alone when it has
   * versions (`skipped`); when it has none, the versions are added to it and
   * its own settings (state, interval, schedule) stay (`filled`). A new
   * article keeps the exported state and is due at `now`.
   */
  importArticle(input: ImportedArticle, now: number): ImportOutcome {
    // Hash and compress outside the transaction, as recordCheck does: the slow part touches no table.
    const blobRows = input.versions.map((v) => (v.body ? blobRow(sha256Hex(v.body), v.body) : null));
    const latest = input.versions.at(-1);
    return this.write((tx) => {
      let article = tx.select().from(articles).where(eq(articles.url, input.url)).get();
      let outcome: ImportOutcome['outcome'] = 'created';
      if (article) {
        if (this.prepared.latestVersion.get({ id: article.id }) || input.versions.length === 0) return { outcome: 'skipped', articleId: article.id, versions: 0 };
        outcome = 'filled';
        article = tx
          .update(articles)
          .set({
            title: input.title ?? article.title,
            canonicalUrl: input.canonicalUrl ?? article.canonicalUrl,
            lastChangedAt: latest?.firstSeenAt ?? article.lastChangedAt,
          })
          .where(eq(articles.id, article.id))
          .returning()
          .get();
      } else {
        article = tx
          .insert(articles)
          .values({
            url: input.url,
            host: siteOf(input.url),
            canonicalUrl: input.canonicalUrl,
            title: input.title,
            state: input.state,
            intervalMinutes: input.intervalMinutes,
            createdAt: input.createdAt,
            nextCheckAt: now,
            // The age-based back-off counts from the last change (src/monitor/schedule.ts).
            lastChangedAt: latest?.firstSeenAt ?? null,
          })
          .returning()
          .get();
      }
      input.versions.forEach(({ paragraphs: texts, body: _body, ...fields }, i) => {
        const blob = blobRows[i];
        if (blob) tx.insert(blobs).values(blob).onConflictDoNothing().run();
        tx.insert(versions)
          .values({ ...fields, articleId: article.id, paragraphHashes: insertParagraphs(tx, texts), blobHash: blob?.hash ?? null })
          .run();
      });
      for (const removal of input.removals) tx.insert(removals).values({ ...removal, articleId: article.id }).run();
      return { outcome, articleId: article.id, versions: input.versions.length };
    });
  }

  /** Active articles whose next check is due, oldest first. */
  findDueArticles(now: number, limit: number): ArticleRow[] {
    return this.db
      .select()
      .from(articles)
      .where(and(eq(articles.state, 'active'), lte(articles.nextCheckAt, now)))
      .orderBy(asc(articles.nextCheckAt), asc(articles.id))
      .limit(limit)
      .all();
  }

  /**
   * The most overdue active article of each site (articles.host) with one
   * due, but for the sites in `skip`, most overdue first, up to `limit`: what
   * a tick of the scheduler can start, as each site takes one fetch at a time.
   * One scan of the due index in SQLite, however many articles a busy site has
   * waiting (a tick used to read them a page at a time to get past them).
   */
  findDueArticlesBySite(now: number, limit: number, skip: ReadonlySet<string> = new Set()): ArticleRow[] {
    // SQLite takes a bare column of an aggregate query from the row that
    // gave min(): the due article itself, the first in index order (next
    // check, then id) among those due at the same instant.
    const due = this.db
      .select({ id: articles.id, first: sql<number>`min(${articles.nextCheckAt})` })
      .from(articles)
      .where(
        and(
          eq(articles.state, 'active'),
          lte(articles.nextCheckAt, now),
          skip.size > 0 ? sql`${articles.host} not in (select value from json_each(${JSON.stringify([...skip])}))` : undefined,
        ),
      )
      // A row written without its site ('', the column's default) is a site of its own.
      .groupBy(sql`iif(${articles.host} = '', ${articles.url}, ${articles.host})`)
      .orderBy(sql`2`, asc(articles.id))
      .limit(limit)
      .all();
    if (due.length === 0) return [];
    const rows = this.db.select().from(articles).where(inArray(articles.id, due.map((d) => d.id))).all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return due.flatMap((d) => byId.get(d.id) ?? []);
  }

  /**
   * Sites whose active articles wait past their time: due `lateByMs` or more before `now`, with how many are and
   * since when the oldest is, the longest queue first, up to `limit`. A site takes one fetch at a time, so one
   * with more fresh articles than it answers in an interval falls behind (README "How much it can watch").
   */
  sitesBehind(now: number, lateByMs: number, limit: number): { host: string; due: number; oldest: number }[] {
    return this.db
      .select({ host: articles.host, due: sql<number>`count(*)`.mapWith(Number), oldest: sql<number>`min(${articles.nextCheckAt})`.mapWith(Number) })
      .from(articles)
      .where(and(eq(articles.state, 'active'), lte(articles.nextCheckAt, now - lateByMs)))
      .groupBy(articles.host)
      .orderBy(desc(sql`count(*)`), asc(articles.host))
      .limit(limit)
      .all();
  }

  /**
   * Takes a due article for a check by moving its next check to `until`, only
   * if it is still due: of two processes on one database, one wins.
   */
  claimArticle(id: number, now: number, until: number): boolean {
    return (
      this.db
        .update(articles)
        .set({ nextCheckAt: until })
        .where(and(eq(articles.id, id), eq(articles.state, 'active'), lte(articles.nextCheckAt, now)))
        .run().changes === 1
    );
  }

  /**
   * Moves an article's next check to `until` before a check starts, so the
   * scheduler does not pick it twice; the check's own result replaces it. If
   * the process dies mid-check, the article simply comes due again then.
   */
  leaseArticle(id: number, until: number): void {
    this.db.update(articles).set({ nextCheckAt: until }).where(eq(articles.id, id)).run();
  }

  // ── sources: feeds and sitemaps that bring new articles in ─────────────

  /** Adds a source, due now, or returns the one already reading that URL (as given, or as the feed it led to). */
  addSource(input: { url: string; intervalMinutes: number; articleIntervalMinutes: number | null; now: number }): { source: SourceRow; created: boolean } {
    return this.write((tx) => {
      const existing = tx.select().from(sources).where(or(eq(sources.url, input.url), eq(sources.feedUrl, input.url))).orderBy(asc(sources.id)).get();
      if (existing) return { source: existing, created: false };
      const source = tx
        .insert(sources)
        .values({ url: input.url, intervalMinutes: input.intervalMinutes, articleIntervalMinutes: input.articleIntervalMinutes, createdAt: input.now, nextCheckAt: input.now })
        .returning()
        .get();
      return { source, created: true };
    });
  }

  getSource(id: number): SourceRow | undefined {
    return this.db.select().from(sources).where(eq(sources.id, id)).get();
  }

  listSources(): SourceRow[] {
    return this.db.select().from(sources).orderBy(desc(sources.createdAt), desc(sources.id)).all();
  }

  /**
   * How many of the articles each source added were deleted from the watch list since, by source id (none: absent).
   * Counted from the deletions, not from the links still remembered: a link a feed stopped listing is forgotten after
   * 90 days while its article stays watched (a review).
   */
  deletedFromSources(): Map<number, number> {
    const rows = this.db
      .select({ sourceId: sourceLinks.sourceId, deleted: sql<number>`count(*)` })
      .from(sourceLinks)
      .innerJoin(deletedArticles, eq(deletedArticles.url, sourceLinks.url))
      .where(eq(sourceLinks.added, true))
      .groupBy(sourceLinks.sourceId)
      .all();
    return new Map(rows.map((r) => [r.sourceId, r.deleted]));
  }

  /** Deletes a source and what it remembers; the articles it brought in stay watched. */
  deleteSource(id: number): boolean {
    return this.db.delete(sources).where(eq(sources.id, id)).run().changes === 1;
  }

  /** Pauses a source or makes it active again (a paused or failing one), due at `now` and with no streak of refusals. */
  setSourceState(id: number, state: 'active' | 'paused', now: number): SourceRow | undefined {
    return this.write((tx) => {
      const source = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!source || source.state === state) return source;
      return tx
        .update(sources)
        .set(state === 'active' ? { state, nextCheckAt: now, refusalCount: 0, refusedSince: null } : { state })
        .where(eq(sources.id, id))
        .returning()
        .get();
    });
  }

  /**
   * Sets how often a source is read and, with `pullInTo`, moves its next
   * read up to then (never later than it was), as setArticleInterval does;
   * the rule for when lives in monitor/watch.ts.
   */
  setSourceInterval(id: number, intervalMinutes: number, pullInTo: number | null): SourceRow | undefined {
    return this.write((tx) => {
      const source = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!source) return undefined;
      const nextCheckAt = pullInTo === null ? source.nextCheckAt : Math.min(source.nextCheckAt, pullInTo);
      return tx.update(sources).set({ intervalMinutes, nextCheckAt }).where(eq(sources.id, id)).returning().get();
    });
  }

  findDueSources(now: number, limit: number): SourceRow[] {
    return this.db
      .select()
      .from(sources)
      .where(and(eq(sources.state, 'active'), lte(sources.nextCheckAt, now)))
      .orderBy(asc(sources.nextCheckAt), asc(sources.id))
      .limit(limit)
      .all();
  }

  /** Takes a due source for a read by moving its next read to `until`, only if still due (another process may have taken it). */
  claimSource(id: number, now: number, until: number): boolean {
    return (
      this.db
        .update(sources)
        .set({ nextCheckAt: until })
        .where(and(eq(sources.id, id), eq(sources.state, 'active'), lte(sources.nextCheckAt, now)))
        .run().changes === 1
    );
  }

  /** Another source (not `exceptId`) that reads `url`, as its address or as the feed its page led to. */
  sourceReading(url: string, exceptId: number): SourceRow | undefined {
    return this.db
      .select()
      .from(sources)
      .where(and(ne(sources.id, exceptId), or(eq(sources.url, url), eq(sources.feedUrl, url))))
      .get();
  }

  /** Every link the source has listed (and still remembers), with when it last listed it. */
  sourceLinkTimes(sourceId: number): Map<string, number> {
    const rows = this.db.select({ url: sourceLinks.url, at: sourceLinks.lastListedAt }).from(sourceLinks).where(eq(sourceLinks.sourceId, sourceId)).all();
    return new Map(rows.map((r) => [r.url, r.at]));
  }

  /** The validators kept for the child sitemaps of a source that is a sitemap index (the links that have any), by address. */
  childSitemapValidators(sourceId: number): Map<string, ChildSitemapValidators> {
    const rows = this.db
      .select({ url: sourceLinks.url, etag: sourceLinks.etag, lastModified: sourceLinks.lastModified })
      .from(sourceLinks)
      .where(and(eq(sourceLinks.sourceId, sourceId), or(isNotNull(sourceLinks.etag), isNotNull(sourceLinks.lastModified))))
      .all();
    return new Map(rows.map((r) => [r.url, r]));
  }

  /** The links a source remembers, in the order first seen, with whether it added each to the watch list (for export). */
  listSourceLinks(sourceId: number): { url: string; added: boolean }[] {
    return this.db
      .select({ url: sourceLinks.url, added: sourceLinks.added })
      .from(sourceLinks)
      .where(eq(sourceLinks.sourceId, sourceId))
      .orderBy(asc(sourceLinks.firstSeenAt), asc(sourceLinks.url))
      .all();
  }

  /**
   * Imports an exported source with the links it remembers, in one
   * transaction; a URL already read here as a source is left alone
   * ('skipped'). The links count as listed `now`, so they are remembered for
   * SOURCE_LINK_MEMORY_DAYS from the move. An active source is due now.
   */
  importSource(input: ImportedSource, now: number): { outcome: 'created' | 'skipped'; sourceId: number } {
    return this.write((tx) => {
      const existing = tx.select({ id: sources.id }).from(sources).where(eq(sources.url, input.url)).get();
      if (existing) return { outcome: 'skipped' as const, sourceId: existing.id };
      const source = tx
        .insert(sources)
        .values({
          url: input.url, feedUrl: input.feedUrl, kind: input.kind, title: input.title, state: input.state, intervalMinutes: input.intervalMinutes,
          articleIntervalMinutes: input.articleIntervalMinutes, createdAt: input.createdAt, nextCheckAt: now,
        })
        .returning({ id: sources.id })
        .get();
      for (const link of input.links) {
        tx.insert(sourceLinks).values({ sourceId: source.id, url: link.url, firstSeenAt: now, lastListedAt: now, added: link.added }).onConflictDoNothing().run();
      }
      return { outcome: 'created' as const, sourceId: source.id };
    });
  }

  /**
   * A read that listed nothing new to write (failed for a while, or 304): the
   * outcome and the next read. A 304 ends a streak of refusals (a failing
   * source read now is active again); a failure leaves it as it is.
   */
  recordSourceCheck(id: number, input: { at: number; ok: true; nextCheckAt: number } | ({ ok: false } & SourceReadFailure)): SourceRow | undefined {
    return this.db
      .update(sources)
      .set(input.ok ? { lastCheckedAt: input.at, nextCheckAt: input.nextCheckAt, failureCount: 0, lastError: null, ...SOURCE_READ_OK } : failedSourceRead(input))
      .where(eq(sources.id, id))
      .returning()
      .get();
  }

  /**
   * A read that said the address is no source (any more), in one transaction:
   * a failure that adds to the streak of refusals, and an active source whose
   * streak `isRefusedForGood` (monitor/sources.ts) becomes 'failing', no
   * longer read. A paused one stays paused.
   */
  recordSourceRefusal(
    id: number,
    input: SourceReadFailure & { isRefusedForGood: (streak: { refusalCount: number; refusedSince: number }, now: number) => boolean },
  ): SourceRow | undefined {
    return this.write((tx) => {
      const source = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!source) return undefined;
      const streak = { refusalCount: source.refusalCount + 1, refusedSince: source.refusedSince ?? input.at };
      const state = source.state === 'active' && input.isRefusedForGood(streak, input.at) ? 'failing' : source.state;
      return tx
        .update(sources)
        .set({ ...failedSourceRead(input), state, ...streak })
        .where(eq(sources.id, id))
        .returning()
        .get();
    });
  }

  /**
   * A successful read, in one transaction: the new links join the watch list
   * (due now; a URL already watched is left as it is), every link listed is
   * remembered, links not listed for SOURCE_LINK_MEMORY_DAYS are forgotten,
   * and the source row takes the outcome. Answers how many articles were added.
   * A source that turned out to be a page announcing a feed keeps its URL
   * and reads the feed (feedUrl) from now on.
   */
  recordSourceListing(id: number, input: SourceListingRecord): number {
    return this.write((tx) => {
      const source = tx.select().from(sources).where(eq(sources.id, id)).get();
      if (!source) return 0;
      let added = 0;
      const link = (url: string, watched: boolean) =>
        tx
          .insert(sourceLinks)
          .values({ sourceId: id, url, firstSeenAt: input.at, lastListedAt: input.at, added: watched })
          // Already remembered: `listed` (below) dates it, in batches.
          .onConflictDoNothing()
          .run();
      for (const url of input.watch) {
        const exists = tx.select({ id: articles.id }).from(articles).where(eq(articles.url, url)).get();
        // An article the reader deleted stays deleted, whichever source lists it.
        const deleted = !exists && tx.select({ url: deletedArticles.url }).from(deletedArticles).where(eq(deletedArticles.url, url)).get() !== undefined;
        if (!exists && !deleted) {
          tx.insert(articles).values({ url, host: siteOf(url), intervalMinutes: input.articleIntervalMinutes, createdAt: input.at, nextCheckAt: input.at }).run();
          added++;
        }
        link(url, !exists && !deleted);
      }
      for (const url of input.seen) link(url, false);
      // Links listed again: remembered for longer (in batches: a sitemap lists up to 50,000).
      for (let i = 0; i < input.listed.length; i += 500) {
        tx.update(sourceLinks)
          .set({ lastListedAt: input.at })
          .where(and(eq(sourceLinks.sourceId, id), inArray(sourceLinks.url, input.listed.slice(i, i + 500))))
          .run();
      }
      // An unchanged child sitemap's links, not downloaded: the ones listed with it at its last full read. Any other
      // link listed then is remembered longer too, which only errs on the side of not watching an old link as new.
      for (const at of new Set(input.relistedFrom ?? [])) {
        tx.update(sourceLinks)
          .set({ lastListedAt: input.at })
          .where(and(eq(sourceLinks.sourceId, id), eq(sourceLinks.lastListedAt, at)))
          .run();
      }
      // After the links above: a child read for the first time has just been remembered.
      for (const child of input.childValidators ?? []) {
        tx.update(sourceLinks)
          .set({ etag: child.etag, lastModified: child.lastModified })
          .where(and(eq(sourceLinks.sourceId, id), eq(sourceLinks.url, child.url)))
          .run();
      }
      tx.delete(sourceLinks)
        .where(and(eq(sourceLinks.sourceId, id), lt(sourceLinks.lastListedAt, input.at - SOURCE_LINK_MEMORY_DAYS * 86_400_000)))
        .run();
      tx.update(sources)
        .set({
          feedUrl: input.url === source.url ? null : input.url,
          kind: input.kind,
          title: input.title,
          etag: input.etag,
          lastModified: input.lastModified,
          lastCheckedAt: input.at,
          nextCheckAt: input.nextCheckAt,
          failureCount: 0,
          lastError: null,
          ...SOURCE_READ_OK,
          articlesAdded: sql`${sources.articlesAdded} + ${added}`,
        })
        .where(eq(sources.id, id))
        .run();
      return added;
    });
  }

  // ── hosts: politeness shared by every process on the database ──────────

  /**
   * Sites no scheduled check may start on at `now`: held (Crawl-delay,
   * Retry-After) or leased by a check under way in some process.
   */
  findHeldOrBusyHosts(now: number): Set<string> {
    const rows = this.db
      .select({ host: hosts.host })
      .from(hosts)
      .where(or(gt(hosts.notBefore, now), gt(hosts.busyUntil, now)))
      .all();
    return new Set(rows.map((r) => r.host));
  }

  /** The site's hold and lease; a site with no row holds nothing. */
  hostState(host: string): HostState {
    return this.prepared.hostState.get({ host }) ?? NO_HOLD;
  }

  /**
   * Takes the site's lease for one check, until `leaseUntil`, when no other
   * lease runs at `now` and the site's hold ends by `acceptHoldUntil` (`now`
   * for a scheduled check, which waits out every hold; later for a check by
   * hand, which waits out a short one or ignores it), and no Retry-After runs
   * (a check by hand is refused during one). Read and written in one
   * IMMEDIATE transaction: of two processes asking at once, one wins.
   */
  claimHost(host: string, claim: { owner: string; now: number; leaseUntil: number; acceptHoldUntil: number }): HostClaim {
    return this.write((tx) => {
      const row = tx.select().from(hosts).where(eq(hosts.host, host)).get();
      const state: HostState = row ? { notBefore: row.notBefore, retryAfterUntil: row.retryAfterUntil, busyUntil: row.busyUntil } : NO_HOLD;
      if (state.busyUntil > claim.now || state.notBefore > claim.acceptHoldUntil || state.retryAfterUntil > claim.now) return { claimed: false, ...state };
      tx.insert(hosts)
        .values({ host, busyUntil: claim.leaseUntil, busyOwner: claim.owner })
        .onConflictDoUpdate({ target: hosts.host, set: { busyUntil: claim.leaseUntil, busyOwner: claim.owner } })
        .run();
      return { claimed: true, notBefore: state.notBefore };
    });
  }

  /**
   * Holds the site until `until` after a check, of which a Retry-After until
   * `retryAfterUntil` (0: the hold is a Crawl-delay) (a longer hold already
   * set stays: another article's Retry-After), or lifts its hold when `until`
   * is null (the site answered and asks for no pause).
   */
  holdHost(host: string, until: number | null, retryAfterUntil = 0): void {
    if (until === null) {
      this.db.update(hosts).set({ notBefore: 0, retryAfterUntil: 0 }).where(eq(hosts.host, host)).run();
      return;
    }
    const later = (column: typeof hosts.notBefore | typeof hosts.retryAfterUntil) => sql`max(${column}, excluded.${sql.identifier(column.name)})`;
    this.db
      .insert(hosts)
      .values({ host, notBefore: until, retryAfterUntil })
      .onConflictDoUpdate({ target: hosts.host, set: { notBefore: later(hosts.notBefore), retryAfterUntil: later(hosts.retryAfterUntil) } })
      .run();
  }

  /**
   * Ends `owner`'s lease on the site (a lease that ran out and was taken
   * over stays with its new owner), and deletes the rows of sites whose
   * hold and lease are both past, so the table keeps only what still holds.
   */
  releaseHost(host: string, owner: string, now: number): void {
    this.write((tx) => {
      tx.update(hosts)
        .set({ busyUntil: 0, busyOwner: null })
        .where(and(eq(hosts.host, host), eq(hosts.busyOwner, owner)))
        .run();
      tx.delete(hosts).where(and(lte(hosts.notBefore, now), lte(hosts.busyUntil, now))).run();
    });
  }

  // ── versions ────────────────────────────────────────────────────────────

  latestVersion(articleId: number): VersionRow | undefined {
    return this.prepared.latestVersion.get({ id: articleId });
  }

  countVersions(articleId: number): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(versions).where(eq(versions.articleId, articleId)).get()?.n ?? 0;
  }

  /** An article's last `n` versions, oldest first. */
  lastVersions(articleId: number, n: number): VersionRow[] {
    return this.db.select().from(versions).where(eq(versions.articleId, articleId)).orderBy(desc(versions.ordinal)).limit(n).all().reverse();
  }

  listVersions(articleId: number): VersionRow[] {
    return this.db.select().from(versions).where(eq(versions.articleId, articleId)).orderBy(asc(versions.ordinal)).all();
  }

  /**
   * An article's versions as a list shows them (VersionSummary), newest
   * first, `limit` of them; `before` (an ordinal) keeps those numbered below
   * it: the next page of a list read off the (article, ordinal) index, which
   * versions stored meanwhile do not shift.
   */
  listVersionSummaries(articleId: number, options: { limit: number; before?: number }): VersionSummary[] {
    return this.db
      .select(versionSummaryColumns)
      .from(versions)
      .where(and(eq(versions.articleId, articleId), options.before === undefined ? undefined : lt(versions.ordinal, options.before)))
      .orderBy(desc(versions.ordinal))
      .limit(options.limit)
      .all();
  }

  /** Version `ordinal` with its text, and the version before it as a list shows it (none for the first): what a page about one version needs. */
  getVersionAndPrevious(articleId: number, ordinal: number): { version: VersionWithText; previous: VersionSummary | undefined } | undefined {
    const version = this.getVersion(articleId, ordinal);
    if (!version) return undefined;
    const previous = this.db
      .select(versionSummaryColumns)
      .from(versions)
      .where(and(eq(versions.articleId, articleId), eq(versions.ordinal, ordinal - 1)))
      .get();
    return { version, previous };
  }

  /**
   * Whether a version numbered below `ordinal` showed the publisher's
   * "updated" stamp, on first sight or later (the stealth-edit mark,
   * web/revisions.ts showedUpdatedStamp): asked of the database, so a page
   * of versions need not read all those before it.
   */
  updatedStampShownBefore(articleId: number, ordinal: number): boolean {
    const row = this.db
      .select({ id: versions.id })
      .from(versions)
      .where(and(eq(versions.articleId, articleId), lt(versions.ordinal, ordinal), showsUpdatedStamp('versions')))
      .limit(1)
      .get();
    return row !== undefined;
  }

  getVersion(articleId: number, ordinal: number): VersionWithText | undefined {
    const version = this.db
      .select()
      .from(versions)
      .where(and(eq(versions.articleId, articleId), eq(versions.ordinal, ordinal)))
      .get();
    return version && { ...version, paragraphs: this.paragraphTexts(version.paragraphHashes) };
  }

  paragraphTexts(hashes: string[]): string[] {
    if (hashes.length === 0) return [];
    const byHash = new Map<string, string>();
    // SQLite caps bound parameters (32,766 by default); chunk to stay well under.
    for (let i = 0; i < hashes.length; i += 500) {
      const chunk = [...new Set(hashes.slice(i, i + 500))];
      for (const row of this.db.select().from(paragraphs).where(inArray(paragraphs.hash, chunk)).all()) {
        byHash.set(row.hash, row.text);
      }
    }
    return hashes.map((h) => {
      const text = byHash.get(h);
      // Only a deletion running beside a reader removes paragraphs still listed by a version.
      if (text === undefined) throw new NotFoundError(`paragraph ${h} is missing from the store (its article was deleted)`);
      return text;
    });
  }

  /**
   * An article's versions with their paragraph texts, in order, read a page
   * at a time (an article may have hundreds of versions).
   */
  *eachVersionWithText(articleId: number, pageSize = 50): Generator<VersionWithText> {
    let after = 0;
    for (;;) {
      const page = this.db
        .select()
        .from(versions)
        .where(and(eq(versions.articleId, articleId), gt(versions.ordinal, after)))
        .orderBy(asc(versions.ordinal))
        .limit(pageSize)
        .all();
      // One paragraph lookup for the page: consecutive versions share most of their paragraphs.
      const texts = this.paragraphTexts(page.flatMap((v) => v.paragraphHashes));
      let at = 0;
      for (const version of page) {
        yield { ...version, paragraphs: texts.slice(at, at + version.paragraphHashes.length) };
        at += version.paragraphHashes.length;
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = last.ordinal;
    }
  }

  /**
   * Runs `fn` inside one read transaction, so everything it reads comes from
   * one snapshot of the database even while the server writes beside it (WAL:
   * readers and the writer do not block each other, https://sqlite.org/wal.html).
   * For long reads such as an export; `fn` must not write.
   */
  async readSnapshot<T>(fn: () => Promise<T>): Promise<T> {
    this.db.run(sql`begin deferred`);
    try {
      return await fn();
    } finally {
      this.db.run(sql`commit`);
    }
  }

  /** The raw bytes fetched for a version (the evidence), decompressed. */
  getBlob(hash: string): Buffer | undefined {
    const row = this.db.select().from(blobs).where(eq(blobs.hash, hash)).get();
    return row && brotliDecompressSync(row.data);
  }

  /**
   * Replaces versions' readings of their pages with a newer extractor's readings of the same stored pages
   * (monitor/reread.ts), in one transaction: title, byline, paragraphs, fingerprint, the publisher's stamps and the
   * diff summary against the version before; `rereadAt` set; the fingerprint each was stored with kept
   * (`storedFingerprint`, its feed GUID); the article's title from its latest version. What stet saw stays. Writes
   * nothing and answers false when `expectedLatestId` is no longer the article's latest version or a version no
   * longer has its expected fingerprint (another process recorded or replaced one meanwhile).
   */
  replaceReadings(articleId: number, expectedLatestId: number, replacements: readonly ReadingReplacement[], at: number): boolean {
    try {
      return this.replaceReadingsIn(articleId, expectedLatestId, replacements, at);
    } catch (error) {
      if (error instanceof ReplacedMeanwhile) return false;
      throw error;
    }
  }

  private replaceReadingsIn(articleId: number, expectedLatestId: number, replacements: readonly ReadingReplacement[], at: number): boolean {
    return this.write((tx) => {
      const latest = this.prepared.latestVersion.get({ id: articleId });
      if (latest?.id !== expectedLatestId) return false;
      for (const { versionId, expectedFingerprint, expectedLatestModifiedAt, reading } of replacements) {
        const { paragraphs: texts, ...fields } = reading;
        const updated = tx
          .update(versions)
          .set({
            ...fields,
            paragraphHashes: insertParagraphs(tx, texts),
            rereadAt: at,
            // The first fingerprint it had, once it has another.
            storedFingerprint: sql`case when ${versions.fingerprint} = ${reading.fingerprint} then ${versions.storedFingerprint} else coalesce(${versions.storedFingerprint}, ${versions.fingerprint}) end`,
          })
          .where(
            and(
              eq(versions.id, versionId),
              eq(versions.articleId, articleId),
              eq(versions.fingerprint, expectedFingerprint),
              sql`${versions.latestModifiedAt} is ${expectedLatestModifiedAt}`,
            ),
          )
          .returning({ id: versions.id })
          .all();
        // Undo what this transaction wrote: it rolls back when the callback throws.
        if (updated.length === 0) throw new ReplacedMeanwhile();
        if (versionId === expectedLatestId && reading.title !== null) {
          tx.update(articles).set({ title: reading.title }).where(eq(articles.id, articleId)).run();
        }
      }
      return true;
    });
  }

  /**
   * Versions after the first (revisions), newest stored first (`recordedAt`:
   * a confirmed cut is stored minutes after it was first seen, and listed by
   * its first sighting it came in below every revision stored meanwhile),
   * across all articles or for one; `before` (epoch ms) keeps those stored
   * strictly before it. With `skipTypographyOnly`, not those whose change was
   * only typography (the stored summary's `boring`).
   */
  recentRevisions(options: { limit: number; articleId?: number; before?: number; skipTypographyOnly?: boolean }): Revision[] {
    const where = and(
      gt(versions.ordinal, 1),
      options.articleId === undefined ? undefined : eq(versions.articleId, options.articleId),
      options.before === undefined ? undefined : lt(versions.recordedAt, options.before),
      options.skipTypographyOnly ? sql`coalesce(json_extract(${versions.diffSummary}, '$.boring'), 0) = 0` : undefined,
    );
    return this.db
      .select({
        version: versions,
        article: { id: articles.id, url: articles.url, title: articles.title },
        ...stealthFacts(),
      })
      .from(versions)
      .innerJoin(articles, eq(articles.id, versions.articleId))
      .where(where)
      .orderBy(desc(versions.recordedAt), desc(versions.id))
      .limit(options.limit)
      .all();
  }

  /**
   * Every version stet stored, the first ones too, in the order it stored
   * them (by id: SQLite gives ids in the order writes commit, so a version
   * committed later, a cut confirmed or an import too, always comes after
   * what a reader saw before), from just after `afterId` on: a log a client
   * follows to keep a copy of the whole record (GET /api/versions). Each with
   * its article and the facts of the stealth-edit mark, without its paragraph
   * hashes (`paragraphCount` instead).
   */
  versionsStoredAfter(options: { limit: number; afterId?: number }): (Omit<Revision, 'version'> & { version: VersionSummary })[] {
    return this.db
      .select({
        version: versionSummaryColumns,
        article: { id: articles.id, url: articles.url, title: articles.title },
        ...stealthFacts(),
      })
      .from(versions)
      .innerJoin(articles, eq(articles.id, versions.articleId))
      .where(options.afterId === undefined ? undefined : gt(versions.id, options.afterId))
      .orderBy(asc(versions.id))
      .limit(options.limit)
      .all();
  }

  /** The article's removals, oldest first. */
  listRemovals(articleId: number): RemovalRow[] {
    return this.db.select().from(removals).where(eq(removals.articleId, articleId)).orderBy(asc(removals.removedAt), asc(removals.id)).all();
  }

  /** The removal the article is in now (the page still away), if any. */
  openRemoval(articleId: number): RemovalRow | undefined {
    return this.prepared.openRemoval.get({ id: articleId });
  }

  /**
   * Removals by their latest event before `before` (restored, else the
   * removal, dated when it was recorded: `confirmedAt`), newest first: what
   * feeds list beside revisions.
   */
  recentRemovals(options: { limit: number; articleId?: number; before?: number }): RemovalEvent[] {
    const latestEvent =
      options.before === undefined
        ? sql`coalesce(${removals.restoredAt}, ${removals.confirmedAt})`
        : sql`case when ${removals.restoredAt} < ${options.before} then ${removals.restoredAt} else ${removals.confirmedAt} end`;
    return this.db
      .select({ removal: removals, article: { id: articles.id, url: articles.url, title: articles.title } })
      .from(removals)
      .innerJoin(articles, eq(articles.id, removals.articleId))
      .where(
        and(
          options.articleId === undefined ? undefined : eq(removals.articleId, options.articleId),
          // Recorded before `before`; its restoration may come after (the caller keeps only the events before it).
          options.before === undefined ? undefined : lt(removals.confirmedAt, options.before),
        ),
      )
      .orderBy(desc(latestEvent), desc(removals.id))
      .limit(options.limit)
      .all();
  }

  // ── checks ──────────────────────────────────────────────────────────────

  /**
   * Records one check and everything it implies in one transaction: the check
   * row, the article's fetch state and schedule, and for a new version its
   * paragraphs, raw blob and version row. Returns the new version's ordinal.
   */
  recordCheck(articleId: number, record: CheckRecord): { versionOrdinal: number | null; conflict: boolean; removal: RemovalChange | null } {
    // What this check did to the article's removal, found where it is written (a removal recorded, one closed).
    let removal: RemovalChange | null = null;
    const result = this.recordCheckIn(articleId, record, (change) => (removal = change));
    return { ...result, removal };
  }

  private recordCheckIn(articleId: number, record: CheckRecord, removalChanged: (change: RemovalChange) => void): { versionOrdinal: number | null; conflict: boolean } {
    // Compress outside the transaction: it is the slow part and touches no table.
    const blob =
      record.kind === 'new-version'
        ? blobRow(record.bodyHash, record.body)
        : null;
    return this.write((tx) => {
      const article = this.prepared.article.get({ id: articleId });
      if (!article) throw new NotFoundError(`article ${articleId} not found`);
      const common = { at: record.at, status: record.status, durationMs: record.durationMs, articleId, rereadVersions: record.rereadVersions ?? 0 };

      if (record.kind === 'failed') {
        tx.update(articles)
          .set({
            lastCheckedAt: record.at,
            nextCheckAt: record.nextCheckAt,
            failureCount: article.failureCount + 1,
            lastError: record.error,
          })
          .where(eq(articles.id, articleId))
          .run();
        if (record.removal && insertRemoval(tx, this.prepared, articleId, record.removal, record)) removalChanged({ kind: 'removed', removedAt: record.removal.removedAt });
        tx.insert(checks).values({ ...common, outcome: 'failed', error: record.error }).run();
        return { versionOrdinal: null, conflict: false };
      }

      // A page that answers with the article (not a cut-down stub held as unconfirmed, which may be a
      // "no longer available" notice) is back; never dated before the removal was confirmed (a check of
      // another process may have been stamped before it took the write lock).
      if (record.kind !== 'unconfirmed') {
        const restored = tx
          .update(removals)
          .set({ restoredAt: sql`max(${record.at}, ${removals.confirmedAt})` })
          .where(and(eq(removals.articleId, articleId), isNull(removals.restoredAt)))
          .returning({ removedAt: removals.removedAt })
          .all();
        if (restored.length > 0) removalChanged({ kind: 'restored', removedAt: restored[0]!.removedAt });
      }

      const latest = this.prepared.latestVersion.get({ id: articleId });
      // Another check (another process on this file) recorded a version since this one compared:
      // write nothing, so the caller compares again rather than storing a duplicate or a wrong diff.
      if ('expectedVersionId' in record && record.expectedVersionId !== undefined && record.expectedVersionId !== (latest?.id ?? null)) {
        return { versionOrdinal: null, conflict: true };
      }
      if (record.kind === 'new-version' && record.expectedPendingFingerprint !== undefined && record.expectedPendingFingerprint !== article.pendingFingerprint) {
        return { versionOrdinal: null, conflict: true };
      }

      if (record.kind === 'unconfirmed') {
        tx.update(articles)
          .set({ lastCheckedAt: record.at, nextCheckAt: record.nextCheckAt, failureCount: 0, lastError: null, pendingFingerprint: record.fingerprint, pendingSince: record.pendingSince })
          .where(eq(articles.id, articleId))
          .run();
        tx.insert(checks).values({ ...common, outcome: 'unconfirmed', versionOrdinal: latest?.ordinal ?? null }).run();
        return { versionOrdinal: null, conflict: false };
      }

      const fetchState = {
        lastCheckedAt: record.at,
        nextCheckAt: record.nextCheckAt,
        failureCount: 0,
        lastError: null,
        etag: record.etag,
        lastModified: record.lastModified,
        lastBodyHash: record.bodyHash ?? article.lastBodyHash,
        // Whatever this check saw settles a pending drastic change: stored now, or not seen again.
        pendingFingerprint: null,
        pendingSince: null,
      };

      if (record.kind !== 'new-version') {
        if (latest) {
          const seen: Partial<VersionRow> = { lastSeenAt: record.at };
          if (record.kind === 'stamp-only') seen.latestModifiedAt = record.modifiedAt ?? null;
          tx.update(versions).set(seen).where(eq(versions.id, latest.id)).run();
        }
        const canonical = 'canonicalUrl' in record && record.canonicalUrl ? { canonicalUrl: record.canonicalUrl } : {};
        tx.update(articles).set({ ...fetchState, ...canonical }).where(eq(articles.id, articleId)).run();
        tx.insert(checks).values({ ...common, outcome: record.kind, versionOrdinal: latest?.ordinal ?? null }).run();
        return { versionOrdinal: null, conflict: false };
      }

      const v = record.version;
      const previous = latest;
      const ordinal = (previous?.ordinal ?? 0) + 1;
      // A cut confirmed by a second sighting of the same page was first seen at the first sighting.
      const firstSeenAt = record.expectedPendingFingerprint != null && record.expectedPendingFingerprint === v.fingerprint && article.pendingSince !== null ? article.pendingSince : record.at;
      if (blob) tx.insert(blobs).values(blob).onConflictDoNothing().run();
      const hashes = insertParagraphs(tx, v.paragraphs);
      tx.insert(versions)
        .values({
          articleId,
          ordinal,
          fingerprint: v.fingerprint,
          title: v.title,
          byline: v.byline,
          publishedAt: v.publishedAt,
          modifiedAt: v.modifiedAt,
          latestModifiedAt: v.modifiedAt,
          canonicalUrl: v.canonicalUrl,
          lang: v.lang,
          firstSeenAt,
          lastSeenAt: record.at,
          recordedAt: record.at,
          previousSeenAt: previous?.lastSeenAt ?? null,
          paragraphHashes: hashes,
          blobHash: blob?.hash ?? null,
          diffSummary: v.diffSummary,
          encoding: v.encoding ?? null,
        })
        .run();
      tx.update(articles)
        .set({ ...fetchState, title: v.title ?? article.title, canonicalUrl: v.canonicalUrl ?? article.canonicalUrl, lastChangedAt: firstSeenAt })
        .where(eq(articles.id, articleId))
        .run();
      tx.insert(checks)
        .values({ ...common, outcome: ordinal === 1 ? 'first-version' : 'new-version', versionOrdinal: ordinal })
        .run();
      return { versionOrdinal: ordinal, conflict: false };
    });
  }

  listChecks(articleId: number, limit: number): CheckRow[] {
    return this.db.select().from(checks).where(eq(checks.articleId, articleId)).orderBy(desc(checks.at), desc(checks.id)).limit(limit).all();
  }

  /**
   * Drops check rows older than `before` (they are a bounded window, DESIGN "Storage"), the oldest first and at
   * most `limit` of them (a caller with many to drop does it in batches, yielding between); how many it dropped.
   */
  pruneChecks(before: number, limit?: number): number {
    if (limit === undefined) return this.db.delete(checks).where(lt(checks.at, before)).run().changes;
    const oldest = this.db.select({ id: checks.id }).from(checks).where(lt(checks.at, before)).orderBy(asc(checks.at)).limit(limit);
    return this.db.delete(checks).where(inArray(checks.id, oldest)).run().changes;
  }
}

/** A raw page as stored: brotli-compressed under the sha256 of its bytes. */
function blobRow(hash: string, bytes: Uint8Array) {
  return { hash, encoding: 'br' as const, size: bytes.byteLength, data: brotliCompressSync(bytes, BROTLI_OPTIONS) };
}

/** Stores paragraphs content-addressed (new versions and imports) and returns their hashes in order. */
function insertParagraphs(tx: Tx, texts: string[]): string[] {
  const hashes = texts.map(paragraphHash);
  const rows = [...new Map(hashes.map((h, i) => [h, texts[i] ?? '']))].map(([hash, text]) => ({ hash, text }));
  for (let i = 0; i < rows.length; i += 200) {
    tx.insert(paragraphs).values(rows.slice(i, i + 200)).onConflictDoNothing().run();
  }
  return hashes;
}

/** Records the removal unless one is open, nothing was kept, or another check found the page since; whether it did. */
function insertRemoval(tx: Tx, reads: StoreReads, articleId: number, removal: { removedAt: number; redirectedTo?: string | null }, record: CheckCommon): boolean {
  if (reads.openRemoval.get({ id: articleId })) return false;
  const latest = reads.latestVersion.get({ id: articleId });
  if (!latest) return false;
  // Decided outside this transaction: if a check of another process found the page since, it is not gone.
  const answered = tx
    .select({ id: checks.id })
    .from(checks)
    .where(and(eq(checks.articleId, articleId), gte(checks.at, removal.removedAt), ne(checks.outcome, 'failed')))
    .limit(1)
    .get();
  if (answered) return false;
  tx.insert(removals)
    .values({
      articleId, removedAt: removal.removedAt, confirmedAt: record.at, status: record.status ?? 404, versionOrdinal: latest.ordinal,
      redirectedTo: removal.redirectedTo ?? null,
    })
    .run();
  return true;
}

/**
 * What a check did to the article's removal: the page found gone on checks far enough apart was recorded as
 * removed, or a removed page that answers again is back online; `removedAt` is when it was first found gone.
 */
export interface RemovalChange {
  kind: 'removed' | 'restored';
  removedAt: number;
}

/** The columns of a VersionSummary: every column a list shows, and the paragraph count in place of the hashes. */
const versionSummaryColumns = {
  id: versions.id,
  articleId: versions.articleId,
  ordinal: versions.ordinal,
  title: versions.title,
  byline: versions.byline,
  publishedAt: versions.publishedAt,
  modifiedAt: versions.modifiedAt,
  latestModifiedAt: versions.latestModifiedAt,
  canonicalUrl: versions.canonicalUrl,
  lang: versions.lang,
  firstSeenAt: versions.firstSeenAt,
  lastSeenAt: versions.lastSeenAt,
  recordedAt: versions.recordedAt,
  previousSeenAt: versions.previousSeenAt,
  diffSummary: versions.diffSummary,
  rereadAt: versions.rereadAt,
  paragraphCount: sql<number>`json_array_length(${versions.paragraphHashes})`.mapWith(Number),
};

