/**
 * `stet export` and `stet import` on real SQLite files: a database filled by
 * real checks of the newsroom (three editions, so three versions and two
 * diffs), exported, imported into a fresh file and exported again. The
 * format's promises: exact round trip, raw pages byte for byte, articles
 * already present left alone, a bad line named and its article not written,
 * --out never left half-written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand, writeExport, writeFileAtomically, type ExportOptions } from '../../../src/commands/export.ts';
import { ImportLineError, IncompleteExportError, formatImportSummary, importLines } from '../../../src/commands/import.ts';
import { InputError } from '../../../src/commands/input.ts';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { NotFoundError, Store, sha256Hex, type CheckRecord } from '../../../src/db/store.ts';
import { checkArticle, type CheckContext } from '../../../src/monitor/check.ts';
import { ORIGINAL, UPDATE_1, UPDATE_2, UPDATE_3, startNewsroom, type Newsroom } from '../../support/newsroom.ts';
import { activityFeedItems, recentActivity } from '../../../src/web/activity.ts';
import { addVersion, confirmCut } from './support/versions.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const EXPORTED_AT = Date.UTC(2026, 1, 1, 12, 0, 0);
const IMPORTED_AT = Date.UTC(2026, 1, 2, 8, 30, 0);

let dir: string;
let newsroom: Newsroom;
let source: Store;
/** The source database's export, with raw pages. */
let fullExport: string;
const opened: Store[] = [];

function freshStore(name: string): Store {
  const store = new Store(openDatabase(join(dir, `${name}.db`)));
  opened.push(store);
  return store;
}

function context(store: Store, clock: { t: number }): CheckContext {
  return { store, config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', CHECK_INTERVAL_MINUTES: '30' }), now: () => clock.t, random: () => 0.5 };
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.text += chunk.toString();
    callback();
  }
}

async function exportOf(store: Store, options: ExportOptions = {}): Promise<string> {
  const out = new Collect();
  await writeExport(store, out, { now: () => EXPORTED_AT, ...options });
  return out.text;
}

async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n');
}

const importText = (store: Store, text: string, now = IMPORTED_AT) => importLines(store, linesOf(text), { now: () => now });
const parseLines = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
/** The lines after the header (the header differs only in exportedAt). */
const body = (text: string) => text.slice(text.indexOf('\n') + 1);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stet-transfer-'));
  newsroom = await startNewsroom(ORIGINAL);
  source = freshStore('source');
  const clock = { t: T0 };
  // The newsroom story, checked as its editions come out: three versions, two with diff summaries.
  const story = source.addArticle({ url: newsroom.articleUrl, intervalMinutes: 30, now: T0 }).article;
  for (const edition of [ORIGINAL, UPDATE_1, UPDATE_1, UPDATE_2]) {
    newsroom.edition = edition;
    clock.t += 17 * MINUTE;
    await checkArticle(context(source, clock), source.getArticle(story.id)!);
  }
  // A paused article with one version, and one never successfully checked.
  const paused = source.addArticle({ url: `${newsroom.url}/news/paused`, intervalMinutes: 120, now: T0 + MINUTE }).article;
  const page = new TextEncoder().encode('<html><body><p>Only paragraph.</p></body></html>');
  source.recordCheck(paused.id, {
    kind: 'new-version', at: T0 + 2 * MINUTE, status: 200, durationMs: 3, nextCheckAt: T0 + 60 * MINUTE, etag: null, lastModified: null,
    bodyHash: sha256Hex(page), body: page,
    version: { fingerprint: 'f-paused', title: 'Paused', byline: null, publishedAt: '2026-01-15', modifiedAt: null, canonicalUrl: 'https://news.example/paused', lang: 'en', paragraphs: ['Only paragraph.'], diffSummary: null },
  });
  source.setArticleState(paused.id, 'paused', T0 + 3 * MINUTE);
  source.addArticle({ url: 'https://news.example/never-checked', intervalMinutes: 60, now: T0 + 4 * MINUTE });
  fullExport = await exportOf(source, { withHtml: true });
});

afterEach(() => {
  while (opened.length > 1) opened.pop()?.close();
});

afterAll(async () => {
  for (const store of opened) store.close();
  await newsroom?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the export format', () => {
  it('is a header, then each article followed by its versions in order, times in ISO 8601 UTC', async () => {
    const lines = parseLines(await exportOf(source));
    expect(lines[0]).toEqual({ format: 'stet-export', version: 1, exportedAt: '2026-02-01T12:00:00.000Z' });
    expect(lines.slice(1).map((l) => `${String(l.kind)} ${String(l.number ?? '')}`.trim())).toEqual([
      'article', 'version 1', 'version 2', 'version 3', 'article', 'version 1', 'article', 'end',
    ]);
    expect(lines[1]).toEqual({
      kind: 'article', url: newsroom.articleUrl, canonicalUrl: null, title: UPDATE_2.title, state: 'active', intervalMinutes: 30, createdAt: '2026-01-15T09:00:00.000Z', versions: 3,
    });
    // Each article line counts the version lines after it; the end line counts the whole file.
    expect(lines.filter((l) => l.kind === 'article').map((l) => l.versions)).toEqual([3, 1, 0]);
    expect(lines.at(-1)).toEqual({ kind: 'end', articles: 3, versions: 4 });
    const [v1, v2, v3] = [lines[2]!, lines[3]!, lines[4]!];
    expect(v1).toMatchObject({ kind: 'version', url: newsroom.articleUrl, number: 1, title: ORIGINAL.title, byline: 'Reuters', publishedAt: ORIGINAL.published, firstSeenAt: '2026-01-15T09:17:00.000Z', lastSeenAt: '2026-01-15T09:17:00.000Z', previousSeenAt: null, changes: null });
    expect(v1.paragraphs).toEqual(ORIGINAL.paragraphs);
    // Version 2 was seen twice (the second check found it unchanged); version 3 was first seen after that.
    expect(v2).toMatchObject({ number: 2, modifiedAt: UPDATE_1.modified, firstSeenAt: '2026-01-15T09:34:00.000Z', lastSeenAt: '2026-01-15T09:51:00.000Z', previousSeenAt: '2026-01-15T09:17:00.000Z' });
    expect(v2.changes).toMatchObject({ changed: 1, added: 1, titleChanged: false });
    expect(v3).toMatchObject({ number: 3, title: UPDATE_2.title, previousSeenAt: '2026-01-15T09:51:00.000Z', changes: { removed: 1, titleChanged: true } });
    expect(v3.paragraphs).toEqual(UPDATE_2.paragraphs);
    expect(v1).not.toHaveProperty('htmlBase64');
  });

  it('--with-html carries each version\'s raw page as fetched, base64', () => {
    const versions = parseLines(fullExport).filter((l) => l.kind === 'version');
    const story = source.listVersions(1);
    expect(versions.slice(0, 3).map((v) => Buffer.from(v.htmlBase64 as string, 'base64'))).toEqual(story.map((v) => source.getBlob(v.blobHash!)));
    expect(Buffer.from(versions[0]!.htmlBase64 as string, 'base64').toString('utf8')).toContain(ORIGINAL.paragraphs[0]!.slice(0, 40));
  });

  it('--article exports only those articles, in id order; an unknown id is refused before anything is written', async () => {
    const lines = parseLines(await exportOf(source, { articleIds: [3, 2, 3] }));
    expect(lines.slice(1).map((l) => [l.kind, l.url ?? null])).toEqual([
      ['article', `${newsroom.url}/news/paused`], ['version', `${newsroom.url}/news/paused`], ['article', 'https://news.example/never-checked'], ['end', null],
    ]);
    expect(lines.at(-1)).toEqual({ kind: 'end', articles: 2, versions: 1 });
    const out = new Collect();
    await expect(writeExport(source, out, { articleIds: [2, 99] })).rejects.toThrow(new InputError('no article #99 (stet list shows the ids)'));
    expect(out.text).toBe('');
  });

  it('reads one snapshot: an article deleted by another connection mid-export is still exported whole', async () => {
    const store = freshStore('snapshot');
    await importText(store, fullExport);
    const other = freshStore('snapshot'); // a second connection to the same file, as the server beside the CLI
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const out = new (class extends Collect {
      override _write(chunk: Buffer, encoding: string, callback: () => void) {
        void gate.then(() => super._write(chunk, encoding, callback));
      }
    })({ highWaterMark: 1 });
    const exporting = writeExport(store, out, { withHtml: true, now: () => EXPORTED_AT });
    // The export waits for the header to drain; meanwhile the paused article goes, with its paragraphs and raw page.
    expect(other.deleteArticle(2)).toBe(true);
    expect(other.countArticles()).toBe(2);
    release();
    await exporting;
    expect(out.text).toBe(fullExport);
  });

  it('waits for a slow reader (backpressure) and pages through many articles and versions', async () => {
    const store = freshStore('many');
    for (let i = 1; i <= 450; i++) store.addArticle({ url: `https://news.example/${i}`, intervalMinutes: 30, now: T0 + i });
    const long = store.addArticle({ url: 'https://news.example/long', intervalMinutes: 30, now: T0 }).article;
    for (let n = 1; n <= 120; n++) {
      const body = new TextEncoder().encode(`<p>edit ${n}</p>`);
      const record: CheckRecord = {
        kind: 'new-version', at: T0 + n * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + (n + 1) * MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(body), body,
        version: { fingerprint: `f${n}`, title: 't', byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: ['same lead', `edit ${n}`], diffSummary: null },
      };
      store.recordCheck(long.id, record);
    }
    let pending = 0;
    const slow = new (class extends Collect {
      override _write(chunk: Buffer, encoding: string, callback: () => void) {
        pending++;
        setImmediate(() =>
          super._write(chunk, encoding, () => {
            pending--;
            callback();
          }),
        );
      }
    })({ highWaterMark: 64 });
    let calls = 0;
    const summary = await writeExport(store, slow, { onArticle: () => calls++ });
    expect(summary).toEqual({ articles: 451, versions: 120 });
    expect(calls).toBe(451);
    expect(pending).toBe(0);
    const lines = parseLines(slow.text);
    expect(lines.filter((l) => l.kind === 'article').map((l) => l.url)).toEqual([...Array.from({ length: 450 }, (_, i) => `https://news.example/${i + 1}`), 'https://news.example/long']);
    expect(lines.filter((l) => l.kind === 'version').map((l) => [l.number, (l.paragraphs as string[])[1]])).toEqual(Array.from({ length: 120 }, (_, i) => [i + 1, `edit ${i + 1}`]));
  });
});

describe('import', () => {
  it('round trip: export → import into a fresh database → export gives the same lines (exportedAt aside)', async () => {
    const target = freshStore('round-trip');
    const summary = await importText(target, fullExport);
    expect(summary).toEqual({ created: 3, filled: 0, versions: 4, skipped: [], unchanged: [], sourcesCreated: 0, sourcesSkipped: 0 });
    const again = await exportOf(target, { withHtml: true, now: () => EXPORTED_AT + 1 });
    expect(body(again)).toBe(body(fullExport));
    expect(again.split('\n', 1)[0]).not.toBe(fullExport.split('\n', 1)[0]);
    expect(body(await exportOf(target))).toBe(body(await exportOf(source)));
  });

  it('imported articles keep their state and settings; active ones are due now; raw pages are stored byte for byte under the same hash', async () => {
    const target = freshStore('facts');
    await importText(target, fullExport);
    const [story, paused, never] = [target.getArticle(1)!, target.getArticle(2)!, target.getArticle(3)!];
    expect(story).toMatchObject({ url: newsroom.articleUrl, state: 'active', intervalMinutes: 30, createdAt: T0, nextCheckAt: IMPORTED_AT, lastChangedAt: source.getArticle(1)!.lastChangedAt, failureCount: 0, lastError: null });
    expect(paused).toMatchObject({ state: 'paused', intervalMinutes: 120, title: 'Paused', canonicalUrl: 'https://news.example/paused', nextCheckAt: IMPORTED_AT });
    expect(never).toMatchObject({ url: 'https://news.example/never-checked', state: 'active', lastChangedAt: null });
    expect(target.listVersions(1).map((v) => v.blobHash)).toEqual(source.listVersions(1).map((v) => v.blobHash));
    for (const v of source.listVersions(1)) expect(target.getBlob(v.blobHash!)).toEqual(source.getBlob(v.blobHash!));
    expect(target.getVersion(1, 2)).toEqual({ ...source.getVersion(1, 2), id: expect.any(Number) });
  });

  it('without --with-html the versions come without raw pages, and everything else is the same', async () => {
    const target = freshStore('no-html');
    await importText(target, await exportOf(source));
    expect(target.listVersions(1).map((v) => v.blobHash)).toEqual([null, null, null]);
    expect(body(await exportOf(target))).toBe(body(await exportOf(source)));
  });

  it('the imported history carries on: checking the same page again is "unchanged", the next edit a new version 4', async () => {
    const target = freshStore('carry-on');
    await importText(target, fullExport);
    const clock = { t: IMPORTED_AT + MINUTE };
    newsroom.edition = UPDATE_2;
    expect(await checkArticle(context(target, clock), target.getArticle(1)!)).toMatchObject({ outcome: 'unchanged' });
    newsroom.edition = UPDATE_3;
    clock.t += MINUTE;
    expect(await checkArticle(context(target, clock), target.getArticle(1)!)).toMatchObject({ outcome: 'stamp-only' });
    newsroom.edition = ORIGINAL;
    clock.t += MINUTE;
    expect(await checkArticle(context(target, clock), target.getArticle(1)!)).toMatchObject({ outcome: 'new-version', versionOrdinal: 4 });
  });

  it('an article whose URL already has versions is skipped and left as it was; one watched without versions gets the exported ones', async () => {
    const target = freshStore('present');
    const local = target.addArticle({ url: newsroom.articleUrl, intervalMinutes: 5, now: IMPORTED_AT }).article;
    const page = new TextEncoder().encode('<p>local</p>');
    target.recordCheck(local.id, {
      kind: 'new-version', at: IMPORTED_AT, status: 200, durationMs: 1, nextCheckAt: IMPORTED_AT + MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(page), body: page,
      version: { fingerprint: 'local', title: 'Local', byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: ['local'], diffSummary: null },
    });
    const watched = target.addArticle({ url: `${newsroom.url}/news/paused`, intervalMinutes: 7, now: IMPORTED_AT }).article;
    const before = await exportOf(target, { articleIds: [local.id] });

    const summary = await importText(target, fullExport);
    expect(summary).toEqual({ created: 1, filled: 1, versions: 1, skipped: [{ url: newsroom.articleUrl, line: 2, articleId: local.id }], unchanged: [], sourcesCreated: 0, sourcesSkipped: 0 });
    expect(await exportOf(target, { articleIds: [local.id] })).toBe(before);
    // The watched article keeps its own settings and gains the exported version.
    expect(target.getArticle(watched.id)).toMatchObject({ state: 'active', intervalMinutes: 7, title: 'Paused' });
    expect(target.getVersion(watched.id, 1)?.paragraphs).toEqual(['Only paragraph.']);

    // A second import finds everything present; the article without versions has nothing to import, so it is unchanged rather than skipped.
    const again = await importText(target, fullExport);
    expect(again).toMatchObject({ created: 0, filled: 0, versions: 0, skipped: [{ line: 2 }, { line: 6 }], unchanged: [{ line: 8, url: 'https://news.example/never-checked' }] });
    expect(formatImportSummary(again)).toBe(
      'created 0 articles, imported 0 versions\nskipped 2 articles already present (use a fresh database or delete them first)\nleft 1 article unchanged: already here, and the export has no versions of it\n',
    );
  });

  describe('a bad line stops the import with its number; the article it belongs to is not written, those before it are', () => {
    let badCase = 0;
    const header = () => fullExport.split('\n')[0]!;
    const line = (n: number) => fullExport.split('\n')[n - 1]!;
    const edit = (n: number, change: (l: Record<string, unknown>) => void) => {
      const l = JSON.parse(line(n)) as Record<string, unknown>;
      change(l);
      return JSON.stringify(l);
    };
    // Lines of fullExport: 1 header, 2 story, 3-5 its versions, 6 paused, 7 its version, 8 never-checked.
    const cases: [string, () => string[], number, RegExp, string[]][] = [
      ['bad JSON', () => [header(), line(2), line(3), '{"kind":"version",'], 4, /^line 4: not JSON/, []],
      ['a missing field', () => [header(), line(2), line(3), line(4), line(5), line(6), edit(7, (l) => delete l.fingerprint)], 7, /^line 7: version: fingerprint: .*expected string/, ['story']],
      ['a field of the wrong type', () => [header(), line(2), edit(3, (l) => (l.paragraphs = 'text'))], 3, /^line 3: version: paragraphs: .*expected array/, []],
      ['a wrong kind', () => [header(), line(2), line(3), JSON.stringify({ kind: 'revision' })], 4, /^line 4: kind: expected "article", "version", "source" or "end", got "revision"/, []],
      ['a version before its article', () => [header(), line(3), line(2)], 2, /^line 2: a version line before any article line/, []],
      ['a version under another article', () => [header(), line(2), line(3), line(4), line(5), line(6), line(3)], 7, /^line 7: a version of .*venezuela under the article .*paused/, ['story']],
      ['versions out of order', () => [header(), line(2), line(3), line(5)], 4, /^line 4: version 3 of .* where version 2 was expected/, []],
      ['a bad article line', () => [header(), line(2), line(3), line(4), line(5), edit(6, (l) => (l.state = 'sleeping'))], 6, /^line 6: article: state:/, []],
      ['an article URL stet would not watch', () => [header(), edit(2, (l) => (l.url = 'ftp://news.example/x'))], 2, /^line 2: article: only http and https URLs/, []],
      ['a bad timestamp', () => [header(), line(2), edit(3, (l) => (l.firstSeenAt = 'yesterday'))], 3, /^line 3: version: firstSeenAt: /, []],
      ['not an export', () => [line(2)], 1, /^line 1: not a stet export header/, []],
      ['a newer format', () => [JSON.stringify({ format: 'stet-export', version: 3, exportedAt: '2030-01-01T00:00:00Z' }), line(2)], 1, /^line 1: export format version 3 is newer/, []],
    ];
    it.each(cases)('%s', async (_name, lines, lineNumber, message, kept) => {
      const target = freshStore(`bad-${++badCase}`);
      const error = await importText(target, lines().join('\n')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportLineError);
      expect(error).toBeInstanceOf(InputError);
      expect((error as ImportLineError).line).toBe(lineNumber);
      expect((error as Error).message).toMatch(message);
      const urls = target.listArticles().map((a) => a.url);
      expect(urls).toEqual(kept.map(() => newsroom.articleUrl));
      if (kept.length > 0) {
        expect(target.listVersions(1)).toHaveLength(3);
        expect((error as Error).message).toMatch(/1 article before it was imported, each whole with all its versions\.$/);
      }
    });

    it('an empty input is refused as such', async () => {
      await expect(importText(freshStore('empty'), '')).rejects.toThrow(/nothing to import: the input is empty/);
    });
  });
});

describe('an export cut short, or not whole, is never imported as a shorter history', () => {
  let caseNumber = 0;
  const store = () => freshStore(`cut-${++caseNumber}`);
  // Lines of fullExport: 1 header, 2 story (3 versions), 3-5 its versions, 6 paused (1 version), 7 its version, 8 never-checked (0), 9 end.
  const exportLines = () => fullExport.trimEnd().split('\n');
  const head = (n: number) => exportLines().slice(0, n).join('\n') + '\n';
  const edit = (n: number, change: (l: Record<string, unknown>) => void) => {
    const l = JSON.parse(exportLines()[n - 1]!) as Record<string, unknown>;
    change(l);
    return JSON.stringify(l);
  };
  const paused = () => `${newsroom.url}/news/paused`;
  const never = 'https://news.example/never-checked';

  it('head -n 4 (the story with 2 of its 3 versions): refused as incomplete, nothing written; the whole file later imports the whole history', async () => {
    const target = store();
    const error = await importText(target, head(4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteExportError);
    expect(error).toBeInstanceOf(InputError); // exit 2
    expect((error as Error).message).toBe(
      `incomplete export: the input ends after line 4 without the end line ({"kind":"end",…}) that closes every stet export, so it was cut short. ` +
        `The article on line 2 (${newsroom.articleUrl}) declares 3 versions but only 2 followed, so it was not written. No article before it was imported. Import the whole export instead.`,
    );
    expect(target.listArticles()).toEqual([]);
    expect(await importText(target, fullExport)).toMatchObject({ created: 3, versions: 4 });
    expect(target.listVersions(1)).toHaveLength(3);
  });

  // For every cut: which articles were whole before it, and so imported.
  it.each([
    [1, []], [2, []], [3, []], [4, []], [5, ['story']], [6, ['story']], [7, ['story', 'paused']], [8, ['story', 'paused', 'never']],
  ] as const)('head -n %i keeps exactly the whole articles before the cut: %j', async (n, whole) => {
    const target = store();
    const error = await importText(target, head(n)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IncompleteExportError);
    const urls = { story: newsroom.articleUrl, paused: paused(), never };
    expect(target.listArticles().sort((a, b) => a.id - b.id).map((a) => [a.url, a.versionCount])).toEqual(whole.map((w) => [urls[w], { story: 3, paused: 1, never: 0 }[w]]));
    expect((error as IncompleteExportError).summary).toMatchObject({ created: whole.length, versions: (whole as readonly string[]).includes('paused') ? 4 : whole.length > 0 ? 3 : 0 });
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^incomplete export: the input ends after line ${n} without the end line`));
    if (n === 6) expect(message).toMatch(/The article on line 6 \(.*\/news\/paused\) declares 1 version but none followed, so it was not written\. 1 article before it was imported, each whole with all its versions\. Keeping it is safe: importing the whole export later adds the rest/);
    if (n === 8) expect(message).toMatch(/; articles after line 8 may be missing\. 3 articles were imported, each whole with all its versions\. Keeping them is safe/);
    // The rest comes with the whole file: nothing is left partial.
    await importText(target, fullExport);
    expect(body(await exportOf(target, { withHtml: true }))).toBe(body(fullExport));
  });

  const cases: [string, () => string[], number, RegExp, number][] = [
    ['an end line that counts more than the file has', () => [...exportLines().slice(0, 8), edit(9, (l) => (l.versions = 5))], 9,
      /^line 9: incomplete export: the end line counts 3 articles and 5 versions, but the file has 3 articles and 4 versions\. 3 articles before it were imported/, 3],
    ['a line after the end line', () => [...exportLines(), exportLines()[0]!], 10, /^line 10: a line after the end line \(line 9\), which is the last line of an export/, 3],
    ['an article line before its versions are all there', () => [...exportLines().slice(0, 4), ...exportLines().slice(5)], 5,
      /^line 5: an article line where a version was expected: the article on line 2 \(.*venezuela\) declares 3 versions but only 2 followed\. Nothing of the article on line 2 .* was written\. No article before it was imported\.$/, 0],
    ['more versions than the article line declares', () => [exportLines()[0]!, edit(2, (l) => (l.versions = 2)), ...exportLines().slice(2)], 5,
      /^line 5: version 3 of .*venezuela, but its article line \(line 2\) declares 2 versions\. Nothing of the article on line 2/, 0],
    ['the end line before the versions are all there', () => [...exportLines().slice(0, 7), edit(8, (l) => (l.versions = 2)), exportLines()[8]!], 9,
      /^line 9: the end line where a version was expected: the article on line 8 \(https:\/\/news\.example\/never-checked\) declares 2 versions but none followed\. Nothing of the article on line 8 .* was written\. 2 articles before it were imported/, 2],
  ];
  it.each(cases)('%s: exit 2 with the line', async (_name, lines, lineNumber, message, kept) => {
    const target = store();
    const error = await importText(target, lines().join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportLineError);
    expect((error as ImportLineError).line).toBe(lineNumber);
    expect((error as Error).message).toMatch(message);
    expect(target.listArticles()).toHaveLength(kept);
  });

  it('a header alone (an export cut after its first line) is incomplete too', async () => {
    await expect(importText(store(), head(1))).rejects.toThrow(/^incomplete export: the input ends after line 1 .* No article was imported\. Import the whole export instead\.$/);
  });
});

describe('two article lines, one article', () => {
  const header = () => fullExport.split('\n', 1)[0]!;
  const article = (url: string, versions: number) =>
    JSON.stringify({ kind: 'article', url, canonicalUrl: null, title: null, state: 'active', intervalMinutes: 30, createdAt: '2026-01-15T09:00:00.000Z', versions });
  const version = (url: string) =>
    JSON.stringify({ kind: 'version', url, number: 1, fingerprint: 'f', title: 't', byline: null, publishedAt: null, modifiedAt: null, latestModifiedAt: null, canonicalUrl: null, lang: null, firstSeenAt: '2026-01-15T09:10:00.000Z', lastSeenAt: '2026-01-15T09:10:00.000Z', previousSeenAt: null, paragraphs: ['p'], changes: null });
  const end = (articles: number, versions: number) => JSON.stringify({ kind: 'end', articles, versions });

  it('URLs that normalise to the same one are refused, naming both lines, rather than reported as two articles', async () => {
    const target = freshStore('same-url');
    const lines = [header(), article('https://news.example/a?utm_source=1#frag', 0), article('https://news.example/a', 1), version('https://news.example/a'), end(2, 1)];
    const error = await importText(target, lines.join('\n')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportLineError);
    expect((error as Error).message).toBe(
      'line 3: article: https://news.example/a is the same article as line 2 (https://news.example/a?utm_source=1#frag) once normalised to https://news.example/a; ' +
        'stet keeps one article per URL and does not merge two exported articles into one (remove one of the two from the file). ' +
        'Nothing of the article on line 2 (https://news.example/a?utm_source=1#frag) was written. No article before it was imported.',
    );
    expect(target.listArticles()).toEqual([]);
  });

  it('the same URL twice, apart: the second is refused and the first, imported whole before it, stays', async () => {
    const target = freshStore('same-url-twice');
    const b = 'https://news.example/b';
    const lines = [header(), article(b, 1), version(b), article('https://news.example/c', 0), article(b, 0), end(3, 1)];
    const error = await importText(target, lines.join('\n')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^line 5: article: https:\/\/news\.example\/b is the same article as line 2 \(https:\/\/news\.example\/b\); stet keeps one article/);
    expect(target.listArticles().map((a) => [a.url, a.versionCount])).toEqual([[b, 1]]);
  });
});

describe('small things', () => {
  it('an article already here, of which the export has no versions, is unchanged (nothing to import), not "skipped"', async () => {
    const target = freshStore('unchanged');
    const here = target.addArticle({ url: 'https://news.example/never-checked', intervalMinutes: 5, now: IMPORTED_AT }).article;
    const summary = await importText(target, await exportOf(source, { articleIds: [3] }));
    expect(summary).toEqual({ created: 0, filled: 0, versions: 0, skipped: [], unchanged: [{ url: 'https://news.example/never-checked', line: 2, articleId: here.id }], sourcesCreated: 0, sourcesSkipped: 0 });
    expect(formatImportSummary(summary)).toBe('created 0 articles, imported 0 versions\nleft 1 article unchanged: already here, and the export has no versions of it\n');
    expect(target.getArticle(here.id)).toEqual(here);
  });

  it('a leading UTF-8 byte order mark is ignored', async () => {
    const target = freshStore('bom');
    expect(await importText(target, `\uFEFF${fullExport}`)).toMatchObject({ created: 3, versions: 4 });
    // Only at the very start: elsewhere it is still not JSON.
    const lines = fullExport.split('\n');
    lines[1] = `\uFEFF${lines[1]}`;
    await expect(importText(freshStore('bom-2'), lines.join('\n'))).rejects.toThrow(/^line 2: not JSON/);
  });
});

describe('--out', () => {
  it('replaces the file only once the export is complete', async () => {
    const path = join(dir, 'export.jsonl');
    writeFileSync(path, 'the previous export\n');
    const summary = await writeFileAtomically(path, (out) => writeExport(source, out, { withHtml: true, now: () => EXPORTED_AT }));
    expect(summary).toEqual({ articles: 3, versions: 4 });
    expect(readFileSync(path, 'utf8')).toBe(fullExport);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('a failure half-way leaves no partial file: the old one stays, the temporary one is gone', async () => {
    const store = freshStore('broken');
    await importText(store, fullExport);
    // A damaged database: paragraphs of version 2 of the story are missing, so the export fails after it has written some lines.
    store.db.$client.prepare("delete from paragraphs where text like 'A high-ranking officer%'").run();
    const path = join(dir, 'broken.jsonl');
    writeFileSync(path, 'the previous export\n');
    const error = await writeFileAtomically(path, (out) => writeExport(store, out)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(readFileSync(path, 'utf8')).toBe('the previous export\n');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);

    const fresh = join(dir, 'never-written.jsonl');
    await expect(writeFileAtomically(fresh, (out) => writeExport(store, out))).rejects.toBeInstanceOf(NotFoundError);
    expect(existsSync(fresh)).toBe(false);
  });

  it('a folder that does not exist is the user\'s input to fix', async () => {
    await expect(writeFileAtomically(join(dir, 'no/such/folder/x.jsonl'), (out) => writeExport(source, out))).rejects.toThrow(/cannot write .*x\.jsonl: no such folder/);
  });

  it('the command takes repeated and space-separated --article ids', () => {
    const command = exportCommand(() => source);
    command.parseOptions(['--article', '1', '2', '--article', '3']);
    expect(command.opts()).toMatchObject({ article: ['1', '2', '3'] });
  });
});

describe('sources travel in a whole export', () => {
  it('a source line after the articles (version 2), imported with the links it remembers: a deleted article stays deleted after the move', async () => {
    const from = freshStore('sources-from');
    const { source } = from.addSource({ url: 'https://news.example/', intervalMinutes: 20, articleIntervalMinutes: 45, now: T0 });
    from.recordSourceListing(source.id, {
      at: T0 + MINUTE, nextCheckAt: T0 + 21 * MINUTE, url: 'https://news.example/feed.xml', kind: 'feed', title: 'The Courier', etag: '"e1"', lastModified: null,
      watch: ['https://news.example/a', 'https://news.example/b'], seen: ['https://news.example/old'], listed: ['https://news.example/a', 'https://news.example/b', 'https://news.example/old'],
      articleIntervalMinutes: 45,
    });
    from.deleteArticle(from.listArticles().find((a) => a.url === 'https://news.example/b')!.id);
    from.setSourceState(source.id, 'paused', T0 + 2 * MINUTE);
    const text = await exportOf(from);
    const lines = parseLines(text);
    expect(lines[0]).toMatchObject({ format: 'stet-export', version: 2 });
    expect(lines.at(-2)).toEqual({
      kind: 'source', url: 'https://news.example/', feedUrl: 'https://news.example/feed.xml', sourceKind: 'feed', title: 'The Courier', state: 'paused', intervalMinutes: 20, articleIntervalMinutes: 45,
      createdAt: new Date(T0).toISOString(),
      links: [{ url: 'https://news.example/a', added: true }, { url: 'https://news.example/b', added: true }, { url: 'https://news.example/old', added: false }],
    });
    expect(lines.at(-1)).toEqual({ kind: 'end', articles: 1, versions: 0, sources: 1 });

    const to = freshStore('sources-to');
    const summary = await importText(to, text);
    expect(summary).toMatchObject({ sourcesCreated: 1, sourcesSkipped: 0, created: 1 });
    expect(formatImportSummary(summary)).toContain('added 1 source');
    expect(to.listSources()).toEqual([expect.objectContaining({ url: 'https://news.example/', feedUrl: 'https://news.example/feed.xml', kind: 'feed', state: 'paused', intervalMinutes: 20, articleIntervalMinutes: 45, createdAt: T0 })]);
    expect([...to.sourceLinkTimes(to.listSources()[0]!.id).keys()].sort()).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/old']);
    expect(body(await exportOf(to))).toBe(body(text));
    // again: the source is already here
    expect(await importText(to, text)).toMatchObject({ sourcesCreated: 0, sourcesSkipped: 1 });
  });

  it('links are sorted by URL, not by when first seen (an import sees them all at once): export → import → export is byte for byte the same', async () => {
    const from = freshStore('sources-link-order');
    const listing = (at: number, url: string, watch: string[], seen: string[] = []) => ({
      at, nextCheckAt: at + 20 * MINUTE, url, kind: 'feed' as const, title: 'Feed', etag: null, lastModified: null, watch, seen, listed: [...watch, ...seen], articleIntervalMinutes: 45,
    });
    const feed = from.addSource({ url: 'https://news.example/feed.xml', intervalMinutes: 20, articleIntervalMinutes: null, now: T0 }).source;
    from.recordSourceListing(feed.id, listing(T0 + MINUTE, feed.url, ['https://news.example/zebra', 'https://news.example/Yak'], ['https://news.example/old-z']));
    from.recordSourceListing(feed.id, listing(T0 + 2 * MINUTE, feed.url, ['https://news.example/apple'], ['https://news.example/old-a']));
    const sitemap = from.addSource({ url: 'https://other.example/sitemap.xml', intervalMinutes: 60, articleIntervalMinutes: null, now: T0 + MINUTE }).source;
    from.recordSourceListing(sitemap.id, listing(T0 + 3 * MINUTE, sitemap.url, ['https://other.example/b']));
    from.recordSourceListing(sitemap.id, listing(T0 + 4 * MINUTE, sitemap.url, ['https://other.example/a']));
    const text = await exportOf(from);
    const sourceLines = parseLines(text).filter((l) => l.kind === 'source');
    expect(sourceLines.map((l) => (l.links as { url: string }[]).map((link) => link.url))).toEqual([
      ['https://news.example/Yak', 'https://news.example/apple', 'https://news.example/old-a', 'https://news.example/old-z', 'https://news.example/zebra'],
      ['https://other.example/a', 'https://other.example/b'],
    ]);

    const to = freshStore('sources-link-order-to');
    expect(await importText(to, text)).toMatchObject({ sourcesCreated: 2, created: 5 });
    const again = await exportOf(to);
    expect(again).toBe(text);
    // and once more, from the copy
    const third = freshStore('sources-link-order-third');
    await importText(third, again, IMPORTED_AT + MINUTE);
    expect(await exportOf(third)).toBe(text);
  });

  it('an export of chosen articles has no sources, and an export without sources stays version 1', async () => {
    const from = freshStore('sources-chosen');
    from.addSource({ url: 'https://news.example/feed.xml', intervalMinutes: 20, articleIntervalMinutes: null, now: T0 });
    const { article } = from.addArticle({ url: 'https://news.example/a', intervalMinutes: 30, now: T0 });
    const chosen = parseLines(await exportOf(from, { articleIds: [article.id] }));
    expect(chosen[0]).toMatchObject({ version: 1 });
    expect(chosen.filter((l) => l.kind === 'source')).toEqual([]);
    expect(chosen.at(-1)).toEqual({ kind: 'end', articles: 1, versions: 0 });
  });

  it('an end line whose source count the file does not have is an incomplete export', async () => {
    const from = freshStore('sources-cut');
    from.addSource({ url: 'https://news.example/feed.xml', intervalMinutes: 20, articleIntervalMinutes: null, now: T0 });
    const lines = (await exportOf(from)).trimEnd().split('\n');
    const cut = [...lines.slice(0, -2), lines.at(-1)!].join('\n');
    await expect(importText(freshStore('sources-cut-to'), cut)).rejects.toThrow(/the end line counts 1 source, but the file has 0 sources/);
  });
});

describe('removals travel with their article', () => {
  /** An article with one version, away once (404, back later) and away again now (410). */
  function storeWithRemovals(): Store {
    const store = freshStore(`removals-${Math.random().toString(36).slice(2)}`);
    const { article } = store.addArticle({ url: 'https://news.example/pulled', intervalMinutes: 30, now: T0 });
    const page = new TextEncoder().encode('<p>Story.</p>');
    store.recordCheck(article.id, {
      kind: 'new-version', at: T0 + MINUTE, status: 200, durationMs: 3, nextCheckAt: T0 + 30 * MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(page), body: page,
      version: { fingerprint: 'f1', title: 'Pulled', byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: 'en', paragraphs: ['Story.'], diffSummary: null },
    });
    const gone = (minutes: number, status: number, removedAtMinutes?: number) =>
      store.recordCheck(article.id, {
        kind: 'failed', at: T0 + minutes * MINUTE, status, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: `http-status: HTTP ${status}`,
        ...(removedAtMinutes === undefined ? {} : { removal: { removedAt: T0 + removedAtMinutes * MINUTE } }),
      });
    gone(30, 404);
    gone(40, 404, 30);
    store.recordCheck(article.id, { kind: 'unchanged', at: T0 + 90 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 120 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    gone(120, 410);
    gone(130, 410, 120);
    return store;
  }

  it('feed GUIDs survive a move by export and import, though the articles get other row ids there', async () => {
    const guids = (store: Store) => activityFeedItems(store, 'https://stet.example', recentActivity(store, { limit: 50 })).map((item) => item.guid).sort();
    const pulled = storeWithRemovals();
    const before = [...guids(source), ...guids(pulled)].sort();
    expect(before).toHaveLength(5); // the story's two revisions; two removals, one of them restored
    const target = freshStore('guids-target');
    target.addArticle({ url: 'https://elsewhere.example/already-here', intervalMinutes: 30, now: T0 }); // takes id 1
    await importText(target, await exportOf(pulled));
    await importText(target, fullExport);
    const idOf = (store: Store, url: string) => store.listArticles().find((a) => a.url === url)?.id;
    expect(idOf(target, 'https://news.example/pulled')).not.toBe(idOf(pulled, 'https://news.example/pulled'));
    expect(idOf(target, newsroom.articleUrl)).not.toBe(idOf(source, newsroom.articleUrl));
    expect(guids(target)).toEqual(before);
  });

  it('exported on the article line, imported as they were, exported again the same', async () => {
    const source = storeWithRemovals();
    const text = await exportOf(source);
    expect(parseLines(text)[1]).toMatchObject({
      kind: 'article',
      versions: 1,
      removals: [
        { removedAt: new Date(T0 + 30 * MINUTE).toISOString(), confirmedAt: new Date(T0 + 40 * MINUTE).toISOString(), status: 404, lastVersion: 1, restoredAt: new Date(T0 + 90 * MINUTE).toISOString() },
        { removedAt: new Date(T0 + 120 * MINUTE).toISOString(), confirmedAt: new Date(T0 + 130 * MINUTE).toISOString(), status: 410, lastVersion: 1, restoredAt: null },
      ],
    });
    const target = freshStore('removals-target');
    await importText(target, text);
    const strip = (s: Store) => s.listRemovals(1).map(({ id: _id, ...r }) => r);
    expect(strip(target)).toEqual(strip(source));
    expect(target.listArticles()[0]?.removedSince).toBe(T0 + 120 * MINUTE);
    expect(body(await exportOf(target))).toBe(body(text));
    // an article without removals carries no removals field
    expect(parseLines(fullExport).filter((l) => l.kind === 'article' && 'removals' in l)).toEqual([]);
  });

  it('a page redirected away keeps where it led', async () => {
    const source = storeWithRemovals();
    const article = source.listArticles()[0]!;
    source.recordCheck(article.id, { kind: 'unchanged', at: T0 + 200 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 230 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    for (const [minutes, removedAt] of [[210, undefined], [220, 210]] as const) {
      source.recordCheck(article.id, {
        kind: 'failed', at: T0 + minutes * MINUTE, status: 301, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: 'redirected-away: …',
        ...(removedAt === undefined ? {} : { removal: { removedAt: T0 + removedAt * MINUTE, redirectedTo: 'https://news.example/' } }),
      });
    }
    const text = await exportOf(source);
    expect((parseLines(text)[1] as { removals: unknown[] }).removals[2]).toEqual({
      removedAt: new Date(T0 + 210 * MINUTE).toISOString(), confirmedAt: new Date(T0 + 220 * MINUTE).toISOString(), status: 301, redirectedTo: 'https://news.example/', lastVersion: 1, restoredAt: null,
    });
    const target = freshStore('removals-redirect');
    await importText(target, text);
    expect(target.listRemovals(1)[2]).toMatchObject({ status: 301, redirectedTo: 'https://news.example/' });
    expect(body(await exportOf(target))).toBe(body(text));
  });

  it('a "not found" page served as a page (a soft 404, status 200) travels too (QA: its export would not import)', async () => {
    const source = storeWithRemovals();
    const article = source.listArticles()[0]!;
    source.recordCheck(article.id, { kind: 'unchanged', at: T0 + 200 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 230 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    for (const [minutes, removedAt] of [[210, undefined], [220, 210]] as const) {
      source.recordCheck(article.id, {
        kind: 'failed', at: T0 + minutes * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: 'not-found-page: …',
        ...(removedAt === undefined ? {} : { removal: { removedAt: T0 + removedAt * MINUTE } }),
      });
    }
    const text = await exportOf(source);
    expect((parseLines(text)[1] as { removals: { status: number }[] }).removals[2]!.status).toBe(200);
    const target = freshStore('removals-soft-404');
    await importText(target, text);
    expect(target.listRemovals(1)[2]).toMatchObject({ status: 200, redirectedTo: null });
    expect(body(await exportOf(target))).toBe(body(text));
  });

  it.each([
    ['after a version the article does not have', (r: Record<string, unknown>) => (r.lastVersion = 2), /^line 2: article: a removal after version 2, but the article line declares 1 version/],
    ['confirmed before it was seen', (r: Record<string, unknown>) => (r.confirmedAt = '2020-01-01T00:00:00.000Z'), /^line 2: article: removals\.0: a removal is seen, then confirmed, then restored/],
    ['a status that is not 404 or 410', (r: Record<string, unknown>) => (r.status = 500), /^line 2: article: removals\.0\.status/],
    ['a success status with where it redirects', (r: Record<string, unknown>) => ((r.status = 200), (r.redirectedTo = 'https://news.example/')), /^line 2: article: removals\.0: a redirect status/],
    ['a redirect without where it leads', (r: Record<string, unknown>) => (r.status = 301), /^line 2: article: removals\.0: a redirect status \(3xx\) comes with redirectedTo/],
    ['a 404 that says where it redirects', (r: Record<string, unknown>) => (r.redirectedTo = 'https://news.example/'), /^line 2: article: removals\.0: a redirect status/],
  ])('a removal %s is refused, naming the line', async (_name, change, message) => {
    const lines = (await exportOf(storeWithRemovals())).trimEnd().split('\n');
    const article = JSON.parse(lines[1]!) as { removals: Record<string, unknown>[] };
    change(article.removals[0]!);
    lines[1] = JSON.stringify(article);
    const target = freshStore(`removals-bad-${Math.random().toString(36).slice(2)}`);
    await expect(importText(target, lines.join('\n'))).rejects.toThrow(message);
    expect(target.listArticles()).toEqual([]);
  });
});

describe('when each version was stored (recordedAt) travels with it', () => {
  /** A story cut down on a check at 10:00 and stored by the check that confirmed the cut at 10:10 (monitor/confirm.ts). */
  function storeWithConfirmedCut(): Store {
    const store = freshStore(`cut-${Math.random().toString(36).slice(2)}`);
    const { article } = store.addArticle({ url: 'https://news.example/cut', intervalMinutes: 30, now: T0 });
    const long = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the story as first published, long enough to matter.`);
    addVersion(store, article, T0, { title: 'Cut story', byline: 'B', paragraphs: long });
    confirmCut(store, article, T0 + 60 * MINUTE, T0 + 70 * MINUTE, { title: 'Cut story', byline: 'B', paragraphs: [long[0]!] });
    return store;
  }

  it('a confirmed cut: exported with recordedAt (its confirmation), imported as it was, listed in the feeds when confirmed there too', async () => {
    const from = storeWithConfirmedCut();
    const text = await exportOf(from);
    const versions = parseLines(text).filter((l) => l.kind === 'version');
    expect(versions.map((v) => [v.firstSeenAt, v.recordedAt])).toEqual([
      ['2026-01-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z'],
      ['2026-01-15T10:00:00.000Z', '2026-01-15T10:10:00.000Z'],
    ]);
    const target = freshStore('cut-target');
    await importText(target, text);
    expect(target.getVersion(1, 2)).toMatchObject({ firstSeenAt: Date.UTC(2026, 0, 15, 10, 0), recordedAt: Date.UTC(2026, 0, 15, 10, 10) });
    expect(body(await exportOf(target))).toBe(body(text));
    const dated = (store: Store) => activityFeedItems(store, 'https://stet.example', recentActivity(store, { limit: 50 })).map((item) => [item.guid, item.date.toISOString()]);
    expect(dated(target)).toEqual(dated(from));
    expect(dated(target)[0]![1]).toBe('2026-01-15T10:10:00.000Z');
  });

  it('a file written before recordedAt was carried: each version is taken as stored when first seen', async () => {
    const text = (await exportOf(storeWithConfirmedCut())).replace(/,"recordedAt":"[^"]*"/g, '');
    expect(text).not.toContain('recordedAt');
    const target = freshStore('cut-older-file');
    await importText(target, text);
    expect(target.listVersions(1).map((v) => [v.firstSeenAt, v.recordedAt])).toEqual([
      [Date.UTC(2026, 0, 15, 9, 0), Date.UTC(2026, 0, 15, 9, 0)],
      [Date.UTC(2026, 0, 15, 10, 0), Date.UTC(2026, 0, 15, 10, 0)],
    ]);
  });
});
