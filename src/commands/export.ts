/**
 * `stet export [--out FILE] [--article ID ...] [--with-html] [--progress]`:
 * every article and every version as JSON Lines, for revision datasets and
 * for moving a database (`stet import` reads it back, src/commands/import.ts).
 *
 * The format (version 1), one JSON object per line:
 *   {"format":"stet-export","version":1,"exportedAt":ISO}                    the header, first
 *   {"kind":"article", url, canonicalUrl, title, state, intervalMinutes, createdAt, versions[, removals]}
 *   {"kind":"version", url, number, fingerprint, title, byline, publishedAt,
 *    modifiedAt, latestModifiedAt, canonicalUrl, lang, firstSeenAt,
 *    lastSeenAt, recordedAt, previousSeenAt, paragraphs, changes[, rereadAt, storedFingerprint][, encoding][, htmlBase64]}
 *                                                                     each version, in order, after its article
 *   {"kind":"source", url, feedUrl, sourceKind, title, state, intervalMinutes, articleIntervalMinutes, createdAt, links}
 *                                                                     each source (feed, sitemap), after the articles
 *   {"kind":"end","articles":N,"versions":M[,"sources":S]}                   the last line
 * Source lines come only in a whole export (not with --article), and only
 * when there are sources; a file with them says version 2 in its header,
 * one without is the version 1 format unchanged. `links` are the links the
 * source has listed (those it added to the watch list with `added: true`),
 * so that an article deleted here is not brought back after a move; sorted
 * by URL, as an import remembers them all as first seen at one moment, so
 * the order first seen would not survive a move (export → import → export
 * gives the same lines). A
 * source's `state` is the reader's choice, active or paused: a source stet
 * stopped reading because it was refused for good ('failing') is written
 * active, like the rest of its reads' outcomes (last error, failures) not
 * carried, so the new place reads it and judges it anew.
 * `removals` (only when there are any) lists the times the page went away:
 * [{removedAt, confirmedAt, status[, redirectedTo], lastVersion, restoredAt}],
 * as the API gives them. Articles come in id order. An article line's `versions` is how many
 * version lines follow it, and the end line counts the whole file: a reader
 * can tell a complete export from one cut short (`stet export | …` broken
 * off, `head -n`), which would otherwise read as a shorter history. What stet saw (createdAt, *SeenAt, recordedAt) is ISO 8601
 * UTC as the API gives it; the publisher's claims (publishedAt, modifiedAt,
 * latestModifiedAt) are the text stored, verbatim. A version's `recordedAt`
 * is when stet stored it: its firstSeenAt, but for a drastic cut, stored by the
 * check that confirmed it; files written before it was carried have none, and
 * `stet import` takes firstSeenAt. `changes` is the stored
 * diff summary against the previous version (null for the first);
 * `rereadAt`, only on a version read again: when a newer stet read its stored
 * page again and replaced title, byline, paragraphs and stamps with that
 * reading, or its summary against the version before, read again too
 * (src/monitor/reread.ts); `storedFingerprint` the fingerprint it was stored
 * with when that changed (its feed GUID). `encoding`, when known: the
 * encoding its page was decoded with (a re-read decodes `htmlBase64` so).
 * `htmlBase64` (with --with-html) the raw page exactly as fetched, or null
 * when the database holds none for that version.
 *
 * The export streams: one page of articles and one page of versions at a
 * time, waiting for the output to drain, all read from one snapshot of the
 * database (a server may keep checking beside it).
 */
import { Command } from 'commander';
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { z } from 'zod';
import { articles } from '../db/schema.ts';
import type { ArticleRow, RemovalRow, Store, VersionWithText } from '../db/store.ts';
import { InputError } from './input.ts';

export const EXPORT_FORMAT = 'stet-export';
/** The newest format written and read: 2 adds source lines (a file without them is written as version 1). */
export const EXPORT_VERSION = 2;

// ── the format: one definition, written by export, checked by import ──────

const isoTime = z.iso.datetime({ offset: true });
const textOrNull = z.string().nullable();
const counter = z.number().int().nonnegative();

export const headerLine = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  exportedAt: isoTime,
});

const removalEntry = z
  .object({
    removedAt: isoTime,
    confirmedAt: isoTime,
    /**
     * 404 or 410; a redirect's status (301, 302, 303, 307, 308) for a page redirected away, with `redirectedTo`;
     * a success status (200…) for a "not found" page served as a page (monitor/gone.ts notFoundPageTitle).
     */
    status: z.union([z.literal(404), z.literal(410), z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308), z.number().int().min(200).max(299)]),
    redirectedTo: z.url().optional(),
    /** The latest version when the page went away. */
    lastVersion: z.number().int().positive(),
    restoredAt: isoTime.nullable(),
  })
  .refine((r) => Date.parse(r.removedAt) <= Date.parse(r.confirmedAt) && (r.restoredAt === null || Date.parse(r.confirmedAt) <= Date.parse(r.restoredAt)), {
    message: 'a removal is seen, then confirmed, then restored (removedAt ≤ confirmedAt ≤ restoredAt)',
  })
  .refine((r) => (r.status >= 300 && r.status < 400) === (r.redirectedTo !== undefined), {
    message: 'a redirect status (3xx) comes with redirectedTo, and only a redirect does',
  });
type RemovalStatus = z.infer<typeof removalEntry>['status'];

export const articleLine = z.object({
  kind: z.literal('article'),
  url: z.string().min(1),
  canonicalUrl: textOrNull,
  title: textOrNull,
  state: z.enum(articles.state.enumValues),
  intervalMinutes: z.number().int().positive(),
  createdAt: isoTime,
  /** How many version lines follow this one. */
  versions: counter,
  /** The times the page went away (404/410 twice in a row), oldest first; absent when none. */
  removals: z.array(removalEntry).optional(),
});

/** A source (feed, sitemap) and the links it has listed, after the articles. */
export const sourceLine = z.object({
  kind: z.literal('source'),
  url: z.string().min(1),
  /** The feed a front page given as the source led to; null when it is read at its own address. */
  feedUrl: z.string().min(1).nullable().optional(),
  /** What it turned out to be when read ('feed', 'sitemap', 'sitemap-index'); null if never read. */
  sourceKind: z.enum(['feed', 'sitemap', 'sitemap-index']).nullable(),
  title: textOrNull,
  state: z.enum(['active', 'paused']),
  intervalMinutes: z.number().int().positive(),
  articleIntervalMinutes: z.number().int().positive().nullable(),
  createdAt: isoTime,
  links: z.array(z.object({ url: z.string().min(1), added: z.boolean() })),
});

/** The last line: what the whole file holds. */
export const endLine = z.object({
  kind: z.literal('end'),
  articles: counter,
  versions: counter,
  /** Source lines (absent in version 1, and when there are none). */
  sources: counter.optional(),
});

/** The stored diff summary (src/diff/summary.ts ChangeSummary). */
const changeSummary = z.object({
  unchanged: counter,
  changed: counter,
  added: counter,
  removed: counter,
  moved: counter,
  split: counter,
  merged: counter,
  boring: z.boolean(),
  titleChanged: z.boolean(),
  bylineChanged: z.boolean(),
  titleRetypeset: z.boolean().optional(),
  retypeset: counter.optional(),
  /** Nothing differs from the version before, read again by a newer stet (src/diff/summary.ts). */
  same: z.literal(true).optional(),
});

export const versionLine = z.object({
  kind: z.literal('version'),
  /** The article's URL again, so that each line stands on its own in a dataset. */
  url: z.string().min(1),
  number: z.number().int().positive(),
  fingerprint: z.string().min(1),
  title: textOrNull,
  byline: textOrNull,
  publishedAt: textOrNull,
  modifiedAt: textOrNull,
  latestModifiedAt: textOrNull,
  canonicalUrl: textOrNull,
  lang: textOrNull,
  firstSeenAt: isoTime,
  lastSeenAt: isoTime,
  /** When stet stored it (a confirmed cut: when confirmed); absent from files written before it was carried. */
  recordedAt: isoTime.optional(),
  previousSeenAt: isoTime.nullable(),
  paragraphs: z.array(z.string()),
  changes: changeSummary.nullable(),
  /** When a newer stet read the stored page again and replaced the reading (monitor/reread.ts); absent when never. */
  rereadAt: isoTime.optional(),
  /** The fingerprint the version was stored with, when a re-read replaced it (its feed GUID is made of it). */
  storedFingerprint: z.string().min(1).optional(),
  /** The encoding its page was decoded with when stored; absent when not known. */
  encoding: z.string().min(1).optional(),
  htmlBase64: z.base64().nullable().optional(),
});

export type HeaderLine = z.input<typeof headerLine>;
export type ArticleLine = z.input<typeof articleLine>;
export type VersionLine = z.input<typeof versionLine>;
export type EndLine = z.input<typeof endLine>;
export type SourceLine = z.input<typeof sourceLine>;

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function articleToLine(a: ArticleRow, versionCount: number, removals: readonly RemovalRow[] = []): ArticleLine {
  const line: ArticleLine = { kind: 'article', url: a.url, canonicalUrl: a.canonicalUrl, title: a.title, state: a.state, intervalMinutes: a.intervalMinutes, createdAt: iso(a.createdAt), versions: versionCount };
  if (removals.length > 0) {
    line.removals = removals.map((r) => ({
      removedAt: iso(r.removedAt),
      confirmedAt: iso(r.confirmedAt),
      status: r.status as RemovalStatus,
      ...(r.redirectedTo === null ? {} : { redirectedTo: r.redirectedTo }),
      lastVersion: r.versionOrdinal,
      restoredAt: isoOrNull(r.restoredAt),
    }));
  }
  return line;
}

export function versionToLine(url: string, v: VersionWithText, html?: Uint8Array | null): VersionLine {
  const line: VersionLine = {
    kind: 'version',
    url,
    number: v.ordinal,
    fingerprint: v.fingerprint,
    title: v.title,
    byline: v.byline,
    publishedAt: v.publishedAt,
    modifiedAt: v.modifiedAt,
    latestModifiedAt: v.latestModifiedAt,
    canonicalUrl: v.canonicalUrl,
    lang: v.lang,
    firstSeenAt: iso(v.firstSeenAt),
    lastSeenAt: iso(v.lastSeenAt),
    recordedAt: iso(v.recordedAt),
    previousSeenAt: isoOrNull(v.previousSeenAt),
    paragraphs: v.paragraphs,
    changes: v.diffSummary,
  };
  if (v.rereadAt !== null) line.rereadAt = iso(v.rereadAt);
  if (v.storedFingerprint !== null) line.storedFingerprint = v.storedFingerprint;
  if (v.encoding !== null) line.encoding = v.encoding;
  if (html !== undefined) line.htmlBase64 = html === null ? null : Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString('base64');
  return line;
}

// ── writing ──────────────────────────────────────────────────────────────

/** Writes lines to a stream, waiting for it to drain (backpressure) and failing with its error. */
class LineWriter {
  private error: Error | null = null;
  private readonly failed: Promise<never>;

  constructor(private readonly out: Writable) {
    this.failed = new Promise<never>((_, reject) =>
      out.once('error', (error) => {
        this.error = error;
        reject(error);
      }),
    );
    this.failed.catch(() => undefined); // observed by write() and the callers' awaits
  }

  async write(value: unknown): Promise<void> {
    if (this.error) throw this.error;
    if (!this.out.write(JSON.stringify(value) + '\n')) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  /** Resolves once everything written so far has been handed to the OS. */
  async flush(): Promise<void> {
    if (this.error) throw this.error;
    await Promise.race([new Promise<void>((resolve, reject) => this.out.write('', (e) => (e ? reject(e) : resolve()))), this.failed]);
  }
}

/**
 * A source's links by URL, in UTF-16 code unit order (no locale's collation, so the same on every machine): the order
 * they were first seen does not survive a move, as an import remembers them all as first seen at that moment.
 */
function linksByUrl<T extends { url: string }>(links: T[]): T[] {
  return links.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export interface ExportOptions {
  /** Only these articles (any order; exported in id order). An unknown id is an InputError before anything is written. */
  articleIds?: number[];
  withHtml?: boolean;
  now?: () => number;
  /** Called after each article with the running counts and the number of articles to export. */
  onArticle?: (done: { articles: number; versions: number; total: number }) => void;
}

export interface ExportSummary {
  articles: number;
  versions: number;
}

/** Writes the export to `out`, reading one snapshot of the database; resolves when all of it has been written. */
export async function writeExport(store: Store, out: Writable, options: ExportOptions = {}): Promise<ExportSummary> {
  const writer = new LineWriter(out);
  return store.readSnapshot(async () => {
    let selected: Iterable<ArticleRow>;
    let total: number;
    if (options.articleIds) {
      const ids = [...new Set(options.articleIds)].sort((a, b) => a - b);
      const rows = ids.map((id) => {
        const row = store.getArticle(id);
        if (!row) throw new InputError(`no article #${id} (stet list shows the ids)`);
        return row;
      });
      selected = rows;
      total = rows.length;
    } else {
      selected = store.eachArticle();
      total = store.countArticles();
    }

    // Sources belong to the whole database, not to a choice of articles.
    const sources = options.articleIds ? [] : store.listSources().sort((a, b) => a.id - b.id);
    const header: HeaderLine = { format: EXPORT_FORMAT, version: sources.length > 0 ? 2 : 1, exportedAt: iso(options.now?.() ?? Date.now()) };
    await writer.write(header);
    const summary = { articles: 0, versions: 0 };
    for (const article of selected) {
      const declared = store.countVersions(article.id);
      await writer.write(articleToLine(article, declared, store.listRemovals(article.id)));
      let written = 0;
      for (const version of store.eachVersionWithText(article.id)) {
        const html = options.withHtml ? (version.blobHash ? (store.getBlob(version.blobHash) ?? null) : null) : undefined;
        await writer.write(versionToLine(article.url, version, html));
        written++;
      }
      // One snapshot: the count and the versions read cannot differ. If they ever did, the file must not claim to be whole.
      if (written !== declared) throw new Error(`article #${article.id}: counted ${declared} versions but read ${written}`);
      summary.versions += written;
      summary.articles++;
      options.onArticle?.({ ...summary, total });
    }
    for (const source of sources) {
      const line: SourceLine = {
        kind: 'source', url: source.url, feedUrl: source.feedUrl, sourceKind: source.kind, title: source.title, state: source.state === 'paused' ? 'paused' : 'active', intervalMinutes: source.intervalMinutes,
        articleIntervalMinutes: source.articleIntervalMinutes, createdAt: iso(source.createdAt), links: linksByUrl(store.listSourceLinks(source.id)),
      };
      await writer.write(line);
    }
    const end: EndLine = { kind: 'end', ...summary, ...(sources.length > 0 ? { sources: sources.length } : {}) };
    await writer.write(end);
    await writer.flush();
    return summary;
  });
}


/**
 * Writes `path` whole or not at all: the export goes to a temporary file
 * beside it, flushed to disk, then renamed over `path` (rename is atomic
 * within a file system, POSIX rename(2)); on failure the temporary file is
 * removed and whatever was at `path` before is untouched.
 */
export async function writeFileAtomically<T>(path: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  // flush: fsync before close, so that the rename never publishes bytes still only in the page cache.
  const stream = createWriteStream(temporary, { flags: 'wx', flush: true });
  try {
    await once(stream, 'open');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`cannot write ${path}: ${why}`, { cause: error });
  }
  try {
    const result = await write(stream);
    stream.end();
    await once(stream, 'close');
    renameSync(temporary, path);
    return result;
  } catch (error) {
    if (!stream.closed) {
      const closed = once(stream, 'close').catch(() => undefined);
      stream.destroy();
      await closed;
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Progress on stderr: overwriting one line on a terminal, one line per step in a log. */
export function progressReporter(enabled: boolean, every: number, label: (done: number, total: number) => string) {
  let shown = false;
  return {
    step(done: number, total: number) {
      if (!enabled || (done % every !== 0 && done !== total)) return;
      shown = true;
      process.stderr.write(process.stderr.isTTY ? `\r${label(done, total)}` : `${label(done, total)}\n`);
    },
    /** Ends the overwritten line before a final message. */
    end() {
      if (shown && process.stderr.isTTY) process.stderr.write('\n');
    },
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function parseArticleIds(values: string[]): number[] {
  return values.map((value) => {
    if (!/^\d{1,15}$/.test(value) || Number(value) === 0) throw new InputError(`--article: expected article ids (positive whole numbers, see stet list), got ${JSON.stringify(value)}`);
    return Number(value);
  });
}

export function exportCommand(openStore: () => Store): Command {
  return new Command('export')
    .description('write articles and all their versions as JSON Lines (stdout, or --out FILE), for datasets or stet import')
    .option('--out <file>', 'write to FILE instead of stdout (through a temporary file renamed when complete)')
    .option('--article <id...>', 'only these articles (ids from stet list)')
    .option('--with-html', 'include the raw page of each version as fetched, base64 (htmlBase64)')
    .option('--progress', 'report progress on stderr every 100 articles even when stderr is not a terminal')
    .action(async (opts: { out?: string; article?: string[]; withHtml?: boolean; progress?: boolean }) => {
      const articleIds = opts.article ? parseArticleIds(opts.article) : undefined;
      const store = openStore();
      const progress = progressReporter(opts.progress === true || process.stderr.isTTY === true, 100, (done, total) => `${done}/${total} articles`);
      const options: ExportOptions = { articleIds, withHtml: opts.withHtml === true, onArticle: (d) => progress.step(d.articles, d.total) };
      try {
        const summary = opts.out === undefined
          ? await writeExport(store, process.stdout, options)
          : await writeFileAtomically(opts.out, (out) => writeExport(store, out, options));
        progress.end();
        process.stderr.write(`exported ${plural(summary.articles, 'article')}, ${plural(summary.versions, 'version')}${opts.out === undefined ? '' : ` to ${opts.out}`}\n`);
      } catch (error) {
        progress.end();
        // The reader of stdout went away (`stet export | head`): nothing more to say to it.
        if (opts.out === undefined && (error as NodeJS.ErrnoException).code === 'EPIPE') return;
        throw error;
      } finally {
        store.close();
      }
    });
}
