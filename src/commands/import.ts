/**
 * `stet import <file|->`: reads a `stet export` (format in
 * src/commands/export.ts) back into the database.
 *
 * Each line is validated (zod) before anything of its article is written, and
 * each article goes in with all its versions in one transaction: a bad line
 * stops the import with its line number, and the article it belongs to is
 * not written at all (the articles before it are). An article is written
 * only when exactly as many version lines as its article line declares
 * followed it, and the import is complete only with the end line and its
 * counts: an export cut short (`stet export | … | stet import -` broken off,
 * `head -n`) stops with exit 2, never imports as a shorter history, and says
 * which whole articles went in before the cut. Two article lines whose URLs
 * normalise to the same one are refused (exit 2, naming both lines) rather
 * than merged into one article. Articles are matched by URL:
 *   - a URL not in the database: created with its versions exactly as
 *     exported (numbers, both clocks, paragraphs, diff summaries, the raw
 *     page when the export has it); it keeps its state, and an active one is
 *     due for a check right away;
 *   - a URL watched here without versions yet: the versions are added to it;
 *   - a URL that already has versions here: skipped, nothing written. Merging
 *     two histories of one page is not attempted; import into a fresh
 *     database, or delete those articles first;
 *   - a URL already here of which the export has no versions: unchanged,
 *     nothing to import.
 * Source lines (format version 2) are matched by URL too: a source new here
 * is created with the links it remembers (so an article deleted before the
 * move is not brought back by its next read), one already here is left as
 * it is.
 */
import { Command } from 'commander';
import { createReadStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import type { ChangeSummary, ImportedArticle, Store } from '../db/store.ts';
import { InvalidUrlError, normalizeArticleUrl } from '../monitor/watch.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, articleLine, endLine, headerLine, progressReporter, sourceLine, versionLine } from './export.ts';
import { InputError } from './input.ts';

/** A line of the file is not what the format says; `line` counts from 1. */
export class ImportLineError extends InputError {
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

/**
 * The input ended without the export's end line: it was cut short. The
 * articles read whole before that were imported (`summary`); an article cut
 * in the middle was not.
 */
export class IncompleteExportError extends InputError {
  constructor(
    message: string,
    readonly summary: ImportSummary,
  ) {
    super(message);
  }
}

export interface ImportSummary {
  /** Articles new to this database. */
  created: number;
  /** Articles that were watched here without versions, now with the exported ones. */
  filled: number;
  versions: number;
  /** URLs that already had versions here, with the line of their article. */
  skipped: { url: string; line: number; articleId: number }[];
  /** URLs already here of which the export has no versions: nothing to import, nothing changed. */
  unchanged: { url: string; line: number; articleId: number }[];
  /** Sources (feeds, sitemaps) new to this database, and those already read here (left as they were). */
  sourcesCreated: number;
  sourcesSkipped: number;
}

export interface ImportOptions {
  now?: () => number;
  onArticle?: (articlesRead: number) => void;
}

const issues = (error: z.ZodError) =>
  error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const END_LINE = '{"kind":"end",…}';

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Reads the export line by line and imports article after article; throws
 * ImportLineError at the first bad line and IncompleteExportError when the
 * input ends without the end line.
 *
 * An article is written only once it is known whole: exactly as many version
 * lines as its article line declares, then the next article line or the end
 * line (or the end of the input).
 */
export async function importLines(store: Store, lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? Date.now;
  const summary: ImportSummary = { created: 0, filled: 0, versions: 0, skipped: [], unchanged: [], sourcesCreated: 0, sourcesSkipped: 0 };
  let lineNumber = 0;
  let lastLine = 0;
  let sawHeader = false;
  let endLineNumber: number | null = null;
  let pending: { article: ImportedArticle; exportedUrl: string; line: number; declared: number } | null = null;
  /** Lines read, for the end line's counts. */
  const read = { articles: 0, versions: 0, sources: 0 };
  const seenSources = new Map<string, number>();
  /** Each article's URL as stored (normalised), with its line: two lines must not become one article. */
  const seen = new Map<string, { line: number; exportedUrl: string }>();
  let articlesRead = 0;

  /** What has been written so far, for the messages that stop the import. */
  function written(before: string): string {
    const imported = summary.created + summary.filled;
    const parts = [imported === 0 ? `no article${before} was imported` : `${plural(imported, 'article')}${before} ${imported === 1 ? 'was' : 'were'} imported, each whole with all its versions`];
    if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped (already here with versions)`);
    if (summary.unchanged.length > 0) parts.push(`${summary.unchanged.length} unchanged (already here, no versions to add)`);
    return sentence(parts.join(', '));
  }

  // The import stops at the first bad line. The article in progress is not
  // written: the bad line may have been meant as one of its versions.
  function fail(problem: string): never {
    const unwritten = pending
      ? `Nothing of the article on line ${pending.line} (${pending.exportedUrl}) was written. ${written(' before it')}`
      : written(' before it');
    throw new ImportLineError(lineNumber, `${problem}. ${unwritten}.`);
  }

  /** The URL as stored (normalised, as `stet watch` would), or the line fails naming what is wrong with it. */
  const normalized = (url: string, what: string): string => {
    try {
      return normalizeArticleUrl(url);
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
      return fail(`${what}${error.message}`);
    }
  };

  const cutShort = (p: NonNullable<typeof pending>) =>
    `the article on line ${p.line} (${p.exportedUrl}) declares ${plural(p.declared, 'version')} but ${p.article.versions.length === 0 ? 'none' : `only ${p.article.versions.length}`} followed`;

  /** Writes the pending article, which must be whole. */
  const commit = () => {
    if (!pending) return;
    if (pending.article.versions.length !== pending.declared) fail(cutShort(pending));
    const result = store.importArticle(pending.article, now());
    const entry = { url: pending.article.url, line: pending.line, articleId: result.articleId };
    if (result.outcome === 'skipped') (pending.article.versions.length === 0 ? summary.unchanged : summary.skipped).push(entry);
    else {
      summary[result.outcome]++;
      summary.versions += result.versions;
    }
    pending = null;
    options.onArticle?.(++articlesRead);
  };

  for await (const raw of lines) {
    lineNumber++;
    // A byte order mark (some editors and Windows tools write one) is not part of the header.
    const text = lineNumber === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    lastLine = lineNumber;
    if (endLineNumber !== null) fail(`a line after the end line (line ${endLineNumber}), which is the last line of an export (two exports joined?)`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      fail(`not JSON (${(error as Error).message})`);
    }

    if (!sawHeader) {
      const header = headerLine.safeParse(value);
      if (!header.success) fail(`not a stet export header, expected {"format":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},"exportedAt":…} (${issues(header.error)})`);
      if (header.data.version > EXPORT_VERSION) fail(`export format version ${header.data.version} is newer than this stet reads (${EXPORT_VERSION})`);
      sawHeader = true;
      continue;
    }

    const kind = value !== null && typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
    if (kind === 'article') {
      if (pending && pending.article.versions.length !== pending.declared) fail(`an article line where a version was expected: ${cutShort(pending)}`);
      const parsed = articleLine.safeParse(value);
      if (!parsed.success) fail(`article: ${issues(parsed.error)}`);
      const a = parsed.data;
      const beyond = (a.removals ?? []).find((r) => r.lastVersion > a.versions);
      if (beyond) fail(`article: a removal after version ${beyond.lastVersion}, but the article line declares ${plural(a.versions, 'version')}`);
      const url = normalized(a.url, 'article: ');
      const earlier = seen.get(url);
      if (earlier) {
        const same = earlier.exportedUrl === a.url && url === a.url ? '' : ` once normalised to ${url}`;
        fail(`article: ${a.url} is the same article as line ${earlier.line} (${earlier.exportedUrl})${same}; stet keeps one article per URL and does not merge two exported articles into one (remove one of the two from the file)`);
      }
      commit();
      read.articles++;
      seen.set(url, { line: lineNumber, exportedUrl: a.url });
      pending = {
        article: {
          url, canonicalUrl: a.canonicalUrl, title: a.title, state: a.state, intervalMinutes: a.intervalMinutes, createdAt: Date.parse(a.createdAt), versions: [],
          removals: (a.removals ?? []).map((r) => ({
            removedAt: Date.parse(r.removedAt), confirmedAt: Date.parse(r.confirmedAt), status: r.status, redirectedTo: r.redirectedTo ?? null, versionOrdinal: r.lastVersion,
            restoredAt: r.restoredAt === null ? null : Date.parse(r.restoredAt),
          })),
        },
        exportedUrl: a.url,
        line: lineNumber,
        declared: a.versions,
      };
    } else if (kind === 'version') {
      if (!pending) fail('a version line before any article line (each article line comes before its versions)');
      const parsed = versionLine.safeParse(value);
      if (!parsed.success) fail(`version: ${issues(parsed.error)}`);
      const v = parsed.data;
      const expected = pending.article.versions.length + 1;
      if (v.url !== pending.exportedUrl) fail(`a version of ${v.url} under the article ${pending.exportedUrl} (each article line comes before its versions)`);
      if (expected > pending.declared) fail(`version ${v.number} of ${v.url}, but its article line (line ${pending.line}) declares ${plural(pending.declared, 'version')}`);
      if (v.number !== expected) fail(`version ${v.number} of ${v.url} where version ${expected} was expected (versions come in order: 1, 2, 3…)`);
      read.versions++;
      pending.article.versions.push({
        ordinal: v.number,
        fingerprint: v.fingerprint,
        title: v.title,
        byline: v.byline,
        publishedAt: v.publishedAt,
        modifiedAt: v.modifiedAt,
        latestModifiedAt: v.latestModifiedAt,
        canonicalUrl: v.canonicalUrl,
        lang: v.lang,
        firstSeenAt: Date.parse(v.firstSeenAt),
        lastSeenAt: Date.parse(v.lastSeenAt),
        // An older file does not say: a version was stored when first seen, but for a confirmed cut.
        recordedAt: Date.parse(v.recordedAt ?? v.firstSeenAt),
        previousSeenAt: v.previousSeenAt === null ? null : Date.parse(v.previousSeenAt),
        paragraphs: v.paragraphs,
        // The summary as the file has it (validated above), not zod's copy: its keys keep their order, so a re-export is identical.
        diffSummary: (value as { changes: ChangeSummary | null }).changes,
        rereadAt: v.rereadAt === undefined ? null : Date.parse(v.rereadAt),
        storedFingerprint: v.storedFingerprint ?? null,
        encoding: v.encoding ?? null,
        body: v.htmlBase64 == null ? null : Buffer.from(v.htmlBase64, 'base64'),
      });
    } else if (kind === 'source') {
      if (pending && pending.article.versions.length !== pending.declared) fail(`a source line where a version was expected: ${cutShort(pending)}`);
      const parsed = sourceLine.safeParse(value);
      if (!parsed.success) fail(`source: ${issues(parsed.error)}`);
      const src = parsed.data;
      const url = normalized(src.url, 'source: ');
      const earlier = seenSources.get(url);
      if (earlier !== undefined) fail(`source: ${src.url} is the same source as line ${earlier}`);
      commit();
      seenSources.set(url, lineNumber);
      read.sources++;
      const links = src.links.map((link) => ({ url: normalized(link.url, 'source: a link '), added: link.added }));
      const result = store.importSource(
        { url, feedUrl: src.feedUrl ?? null, kind: src.sourceKind, title: src.title, state: src.state, intervalMinutes: src.intervalMinutes, articleIntervalMinutes: src.articleIntervalMinutes, createdAt: Date.parse(src.createdAt), links },
        now(),
      );
      if (result.outcome === 'created') summary.sourcesCreated++;
      else summary.sourcesSkipped++;
    } else if (kind === 'end') {
      if (pending && pending.article.versions.length !== pending.declared) fail(`the end line where a version was expected: ${cutShort(pending)}`);
      const parsed = endLine.safeParse(value);
      if (!parsed.success) fail(`end: ${issues(parsed.error)}`);
      commit();
      endLineNumber = lineNumber;
      const end = parsed.data;
      if (end.articles !== read.articles || end.versions !== read.versions) {
        fail(`incomplete export: the end line counts ${plural(end.articles, 'article')} and ${plural(end.versions, 'version')}, but the file has ${plural(read.articles, 'article')} and ${plural(read.versions, 'version')}`);
      }
      if ((end.sources ?? 0) !== read.sources) fail(`incomplete export: the end line counts ${plural(end.sources ?? 0, 'source')}, but the file has ${plural(read.sources, 'source')}`);
    } else {
      fail(`kind: expected "article", "version", "source" or "end", got ${JSON.stringify(kind ?? null)}`);
    }
  }
  if (!sawHeader) throw new InputError('nothing to import: the input is empty (a stet export starts with its header line)');
  if (endLineNumber !== null) return summary;

  // Cut short: no end line. An article whose versions all came is whole and goes in; one cut in the middle does not.
  const cut = pending && pending.article.versions.length !== pending.declared ? pending : null;
  if (!cut) commit();
  const missing = `incomplete export: the input ends after line ${lastLine} without the end line (${END_LINE}) that closes every stet export, so it was cut short`;
  const imported = summary.created + summary.filled;
  const next = imported === 0
    ? 'Import the whole export instead'
    : `Keeping ${imported === 1 ? 'it' : 'them'} is safe: importing the whole export later adds the rest (articles already imported are skipped)`;
  const message = cut
    ? `${missing}. ${sentence(cutShort(cut))}, so it was not written. ${written(' before it')}. ${next}.`
    : `${missing}; articles after line ${lastLine} may be missing. ${written('')}. ${next}.`;
  throw new IncompleteExportError(message, summary);
}

/** The lines of a file (`-` = standard input); a file that cannot be opened is an InputError. */
async function* readLines(path: string): AsyncGenerator<string> {
  let input: NodeJS.ReadableStream;
  try {
    input = path === '-' ? process.stdin : createReadStream('', { fd: openSync(path, 'r') });
  } catch (error) {
    throw readError(path, error);
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* lines;
  } catch (error) {
    // Reading a folder fails only at the first read (EISDIR).
    if ((error as NodeJS.ErrnoException).code) throw readError(path, error);
    throw error;
  } finally {
    lines.close();
    if (input !== process.stdin) (input as ReturnType<typeof createReadStream>).destroy();
  }
}

function readError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
  return new InputError(`cannot read ${path === '-' ? 'standard input' : path}: ${why}`, { cause: error });
}

export function formatImportSummary(s: ImportSummary): string {
  const lines = [`created ${plural(s.created, 'article')}${s.filled > 0 ? ` and filled ${plural(s.filled, 'watched article')} that had no versions` : ''}, imported ${plural(s.versions, 'version')}`];
  if (s.skipped.length > 0) lines.push(`skipped ${plural(s.skipped.length, 'article')} already present (use a fresh database or delete them first)`);
  if (s.unchanged.length > 0) lines.push(`left ${plural(s.unchanged.length, 'article')} unchanged: already here, and the export has no versions of ${s.unchanged.length === 1 ? 'it' : 'them'}`);
  if (s.sourcesCreated > 0) lines.push(`added ${plural(s.sourcesCreated, 'source')}`);
  if (s.sourcesSkipped > 0) lines.push(`skipped ${plural(s.sourcesSkipped, 'source')} already read here`);
  return lines.join('\n') + '\n';
}

export function importCommand(openStore: () => Store): Command {
  return new Command('import')
    .description('read a stet export (JSON Lines) into the database; articles whose URL already has versions here are skipped')
    .argument('<file>', 'the export, or - for standard input')
    .option('--progress', 'report progress on stderr every 100 articles even when stderr is not a terminal')
    .action(async (file: string, opts: { progress?: boolean }) => {
      const store = openStore();
      const progress = progressReporter(opts.progress === true || process.stderr.isTTY === true, 100, (done) => `${done} articles read`);
      try {
        const summary = await importLines(store, readLines(file), { onArticle: (n) => progress.step(n, Infinity) });
        progress.end();
        for (const s of summary.skipped) process.stderr.write(`skipped #${s.articleId} ${s.url} (line ${s.line}): already in this database\n`);
        process.stdout.write(formatImportSummary(summary));
      } catch (error) {
        progress.end();
        throw error;
      } finally {
        store.close();
      }
    });
}
