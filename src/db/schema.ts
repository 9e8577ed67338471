/**
 * The tables (DESIGN "Storage"). Times are integers: milliseconds since the
 * Unix epoch, UTC — what stet saw. The publisher's claims are kept verbatim as
 * ISO 8601 text (published_at, modified_at), since pages give anything from a
 * bare day to a full timestamp with offset.
 */
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ChangeSummary } from '../diff/summary.ts';

export type { ChangeSummary };

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull().unique(),
    /**
     * The site the URL is on, as politeness counts sites (fetch/site.ts siteOf: host and port): the scheduler
     * picks the most overdue article of each site that is free, in SQL, instead of paging past a busy site's
     * backlog. Set from the URL on insert ('' only before that).
     */
    host: text('host').notNull().default(''),
    canonicalUrl: text('canonical_url'),
    title: text('title'),
    state: text('state', { enum: ['active', 'paused', 'gone'] }).notNull().default('active'),
    intervalMinutes: integer('interval_minutes').notNull(),
    createdAt: integer('created_at').notNull(),
    nextCheckAt: integer('next_check_at').notNull(),
    lastCheckedAt: integer('last_checked_at'),
    lastChangedAt: integer('last_changed_at'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastBodyHash: text('last_body_hash'),
    failureCount: integer('failure_count').notNull().default(0),
    lastError: text('last_error'),
    /**
     * Fingerprint of content that would have removed most of the latest
     * version, seen once and not yet stored: it becomes a version only when
     * the next check sees it again (a transient error page or wall does not).
     */
    pendingFingerprint: text('pending_fingerprint'),
    /** When that content was first seen: a sighting too soon after it (a second "Check now") does not confirm it. */
    pendingSince: integer('pending_since'),
  },
  (t) => [
    index('articles_due').on(t.state, t.nextCheckAt, t.host),
    // The watch list's order (store.listArticles: newest watched first, a keyset cursor): a page is read off the index.
    index('articles_created').on(t.createdAt, t.id),
  ],
);

export const blobs = sqliteTable('blobs', {
  /** sha256 (hex) of the raw bytes as fetched. */
  hash: text('hash').primaryKey(),
  /** How `data` is compressed. */
  encoding: text('encoding', { enum: ['br'] }).notNull(),
  size: integer('size').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
});

export const paragraphs = sqliteTable('paragraphs', {
  /** First 128 bits of sha256 (hex) of the paragraph text. */
  hash: text('hash').primaryKey(),
  text: text('text').notNull(),
});

export const versions = sqliteTable(
  'versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per article. */
    ordinal: integer('ordinal').notNull(),
    /** Hash of title, byline and paragraphs: equal fingerprints mean no content change. */
    fingerprint: text('fingerprint').notNull(),
    title: text('title'),
    byline: text('byline'),
    publishedAt: text('published_at'),
    modifiedAt: text('modified_at'),
    /** The publisher's "updated" stamp as last seen on this version (moves on stamp-only updates). */
    latestModifiedAt: text('latest_modified_at'),
    canonicalUrl: text('canonical_url'),
    lang: text('lang'),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /**
     * When stet stored it: first_seen_at, but for a drastic cut (monitor/confirm.ts), which is first seen on one
     * check and stored by the confirming check minutes later. What the home page and the feeds list it by: dated
     * first_seen_at, a confirmed cut came in below the revisions stored meanwhile and never reached a feed reader.
     */
    recordedAt: integer('recorded_at').notNull(),
    /** When the previous version was last seen: the change happened after this and before first_seen_at. */
    previousSeenAt: integer('previous_seen_at'),
    /** JSON array of paragraph hashes, in order. */
    paragraphHashes: text('paragraph_hashes', { mode: 'json' }).$type<string[]>().notNull(),
    blobHash: text('blob_hash').references(() => blobs.hash),
    /** JSON DiffStats against the previous version; null for the first. */
    diffSummary: text('diff_summary', { mode: 'json' }).$type<ChangeSummary>(),
    /**
     * When a newer stet read this version's page (its blob) again and replaced its title, byline and paragraphs with
     * that reading (monitor/reread.ts): a check found the page changed, and the old page read by the new extractor
     * explained it. Null when the text is the reading made when the version was stored.
     */
    rereadAt: integer('reread_at'),
    /**
     * The fingerprint the version was stored with, when a re-read replaced it (null: `fingerprint` is that one). Its
     * feed GUID is made of it, so a re-read does not announce the version again.
     */
    storedFingerprint: text('stored_fingerprint'),
    /**
     * The WHATWG encoding its page was decoded with when stored ("utf-8", "windows-1252"…): the blob holds raw bytes
     * and the server's Content-Type is not kept, so a re-read decodes with it. Null for versions stored before it was
     * kept, or imported without it.
     */
    encoding: text('encoding'),
  },
  (t) => [
    uniqueIndex('versions_article_ordinal').on(t.articleId, t.ordinal),
    index('versions_recorded').on(t.recordedAt),
  ],
);

export const checks = sqliteTable(
  'checks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    at: integer('at').notNull(),
    outcome: text('outcome', {
      enum: ['first-version', 'new-version', 'unchanged', 'stamp-only', 'not-modified', 'same-bytes', 'unconfirmed', 'failed'],
    }).notNull(),
    status: integer('status'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    versionOrdinal: integer('version_ordinal'),
    /** How many versions' stored pages this check read again and replaced the readings of (monitor/reread.ts). */
    rereadVersions: integer('reread_versions').notNull().default(0),
  },
  (t) => [index('checks_article_at').on(t.articleId, t.at), index('checks_at').on(t.at)],
);


/**
 * Times the page went away (monitor/gone.ts): it answered 404 Not Found or
 * 410 Gone, or redirected to a page above it, on checks minutes apart (a
 * single 404 is often a deploy or an edge-cache glitch), after stet had kept
 * at least one version. `restoredAt` is set by the first
 * check that reaches the page again; until then the removal is open. The
 * versions stay either way.
 */
export const removals = sqliteTable(
  'removals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** The first check that found the page gone. */
    removedAt: integer('removed_at').notNull(),
    /** The second check in a row that found it gone: when the removal was recorded. */
    confirmedAt: integer('confirmed_at').notNull(),
    /** The HTTP status of the confirming check: 404 or 410, or the redirect's (301, 302…) for a page redirected away. */
    status: integer('status').notNull(),
    /** Where the address redirects now (the front page, a section), for a page redirected away; else null. */
    redirectedTo: text('redirected_to'),
    /** The latest version when the page went away. */
    versionOrdinal: integer('version_ordinal').notNull(),
    /** The first check that reached the page again; null while it stays away. */
    restoredAt: integer('restored_at'),
  },
  (t) => [index('removals_article').on(t.articleId, t.removedAt)],
);

/**
 * Politeness per site (host and port, as in a URL), shared by every process
 * on the database: the server and the CLI beside it (`stet check`) must not
 * fetch one site at the same moment, nor forget what the site asked for when
 * one of them restarts. A row exists only while it holds something; rows
 * whose hold and lease are both past are deleted on the next release.
 */
export const hosts = sqliteTable('hosts', {
  host: text('host').primaryKey(),
  /**
   * No scheduled check of the site before this time: its robots.txt
   * Crawl-delay after a check, or the Retry-After of a 429/503 (which speaks
   * for the whole server, RFC 9110 §10.2.3). 0 when nothing holds it.
   */
  notBefore: integer('not_before').notNull().default(0),
  /**
   * The end of a Retry-After among that hold (0: none runs): a check asked for by hand is refused until then, where
   * it does not wait for a Crawl-delay. Kept here, not guessed from the hold's length, so that the CLI beside the
   * server knows a short Retry-After the server was given.
   */
  retryAfterUntil: integer('retry_after_until').notNull().default(0),
  /**
   * A check of the site is under way until this time, at the latest: the
   * lease one process takes before fetching. Released (0) when the check
   * ends; after a crash it simply runs out, like an article's lease.
   */
  busyUntil: integer('busy_until').notNull().default(0),
  /** Which Monitor holds the lease, so that only it releases it (not one whose lease ran out and was taken over). */
  busyOwner: text('busy_owner'),
});

/**
 * Sources: RSS/Atom/RDF feeds and sitemaps that bring new articles in
 * (DESIGN "Storage"). Read on their own interval (monitor/sources.ts); each
 * new link they list joins the watch list as an article.
 */
export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** As given (normalised): what names the source; adding it again finds this one. */
    url: text('url').notNull().unique(),
    /** The address read when it is not `url`: the feed a front page given as the source announces. Null until then. */
    feedUrl: text('feed_url'),
    /** What it turned out to be when read; null until then. */
    kind: text('kind', { enum: ['feed', 'sitemap', 'sitemap-index'] }),
    title: text('title'),
    /**
     * 'paused' by the reader; 'failing' when every read for a sustained time said the address is no source
     * any more (monitor/sources.ts isRefusedForGood): not read until resumed, nothing deleted.
     */
    state: text('state', { enum: ['active', 'paused', 'failing'] }).notNull().default('active'),
    intervalMinutes: integer('interval_minutes').notNull(),
    /** Check interval of the articles it brings in; null: CHECK_INTERVAL_MINUTES. */
    articleIntervalMinutes: integer('article_interval_minutes'),
    createdAt: integer('created_at').notNull(),
    nextCheckAt: integer('next_check_at').notNull(),
    lastCheckedAt: integer('last_checked_at'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    failureCount: integer('failure_count').notNull().default(0),
    lastError: text('last_error'),
    /**
     * Consecutive reads that said the address is no source (any more): 404/410, no feed announced, not a feed, a
     * feed another source reads (SourceRefusal). A read that lists or answers 304 ends the streak, resuming too;
     * a failure for a while (timeout, 5xx, 429, robots.txt) neither counts nor ends it.
     */
    refusalCount: integer('refusal_count').notNull().default(0),
    /** When the current streak of refusals began; null when there is none. */
    refusedSince: integer('refused_since'),
    /** Articles it has added to the watch list, all told. */
    articlesAdded: integer('articles_added').notNull().default(0),
  },
  (t) => [index('sources_due').on(t.state, t.nextCheckAt)],
);

/**
 * Every link a source has listed, so that "new" means new to the source: an
 * article deleted from the watch list is not brought back by the next read,
 * and an old link is not watched because the age rule let it pass later.
 * Links no longer listed are forgotten after 90 days (store.ts SOURCE_LINK_MEMORY_DAYS).
 */
export const sourceLinks = sqliteTable(
  'source_links',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    firstSeenAt: integer('first_seen_at').notNull(),
    lastListedAt: integer('last_listed_at').notNull(),
    /** Whether this source added it to the watch list (1), or only saw it (0: too old, or already watched). */
    added: integer('added', { mode: 'boolean' }).notNull(),
    /**
     * For a child sitemap of a sitemap index: the ETag and Last-Modified of its last full read, sent with the next
     * (RFC 9110 §13.1) so that an unchanged child answers 304 instead of being downloaded again; forgotten with the
     * row. Null for an article's link, and while links a child listed wait for a later read.
     */
    etag: text('etag'),
    lastModified: text('last_modified'),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.url] }), index('source_links_listed').on(t.sourceId, t.lastListedAt)],
);

/**
 * Addresses of articles deleted from the watch list: no source brings one
 * back (a feed may list it for days, and a second source of the same outlet
 * lists it too). Watching the address again by hand clears it.
 */
export const deletedArticles = sqliteTable('deleted_articles', {
  url: text('url').primaryKey(),
  deletedAt: integer('deleted_at').notNull(),
});
