/**
 * An upgrade of stet changes what its extractor reads on a page it already
 * holds (monitor/reread.ts): the check that finds a difference first reads
 * the latest version's stored page again with this extractor, so the
 * comparison is between two readings by the same extractor. The older
 * extractor is played by a version whose stored text is not what this
 * extractor reads on its stored page: one that read the rotating ad box of
 * the newsroom's pages as story text, as an extractor without ad rules does.
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../../../src/commands/export.ts';
import { importLines } from '../../../src/commands/import.ts';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store, type ImportedVersion } from '../../../src/db/store.ts';
import { diffArticles } from '../../../src/diff/index.ts';
import { summarizeChange } from '../../../src/diff/summary.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { checkArticle, type CheckContext } from '../../../src/monitor/check.ts';
import { contentFingerprint } from '../../../src/monitor/fingerprint.ts';
import { ORIGINAL, UPDATE_1, renderArticlePage, type Edition } from '../../support/newsroom.ts';
import { storeAndSite } from './support/store-and-site.ts';
import { html } from './support/sites.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const ctx = storeAndSite();

function context(store: Store, now: number): CheckContext {
  return {
    store,
    config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', CHECK_INTERVAL_MINUTES: '30', MAX_INTERVAL_MINUTES: '1440' }),
    now: () => now,
    random: () => 0.5,
  };
}

/** What this extractor reads on a page of `edition`. */
function reading(page: string, url: string) {
  const { title, byline, paragraphs } = extractArticle(page, url);
  return { title, byline, paragraphs };
}

/** An older extractor's reading: the ad box after the second paragraph read as two paragraphs of the story. */
function withAdBox(paragraphs: string[], page: string): string[] {
  const ad = /<span>(Advertisement)<\/span><a [^>]*>([^<]*)<\/a>/.exec(page)!;
  return [...paragraphs.slice(0, 2), ad[1]!, ad[2]!, ...paragraphs.slice(2)];
}

/** A version as stet stored it: the text read, and (unless `page` is null) the page it was read from. */
function version(ordinal: number, text: { title: string | null; byline: string | null; paragraphs: string[] }, page: string | null, at: number): ImportedVersion {
  return {
    ordinal,
    fingerprint: contentFingerprint(text),
    ...text,
    publishedAt: ORIGINAL.published,
    modifiedAt: ORIGINAL.modified,
    latestModifiedAt: ORIGINAL.modified,
    canonicalUrl: null,
    lang: 'en',
    firstSeenAt: at,
    lastSeenAt: at,
    recordedAt: at,
    previousSeenAt: null,
    diffSummary: null,
    rereadAt: null,
    body: page === null ? null : Buffer.from(page),
  };
}

async function watch(editions: { edition: Edition }) {
  const site = await ctx.serve((_req: unknown, res: ServerResponse) => html(res, renderArticlePage(editions.edition)));
  return `${site.origin}/news/story`;
}

function importArticle(url: string, versions: ImportedVersion[]): number {
  const { articleId } = ctx.store.importArticle(
    { url, canonicalUrl: null, title: ORIGINAL.title, state: 'active', intervalMinutes: 30, createdAt: T0, versions, removals: [] },
    T0,
  );
  return articleId;
}

const check = (articleId: number, at: number) => checkArticle(context(ctx.store, at), ctx.store.getArticle(articleId)!);

describe('a page read differently by this release than by the one that stored it', () => {
  it('makes no version by itself: the stored page is read again, its reading replaces the stored one, the check is unchanged', async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const now = reading(page, url);
    const id = importArticle(url, [version(1, { ...now, paragraphs: withAdBox(now.paragraphs, page) }, page, T0)]);

    // The site serves the same story with another ad in the box, as on every request.
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', versionOrdinal: null, rereadVersion: 1 });
    expect(ctx.store.countVersions(id)).toBe(1);
    const v1 = ctx.store.getVersion(id, 1)!;
    expect(v1.paragraphs).toEqual(ORIGINAL.paragraphs);
    expect(v1.fingerprint).toBe(contentFingerprint(now));
    expect(v1.rereadAt).toBe(T0 + 30 * MINUTE);
    // What stet saw and the page kept stay as they were.
    expect(v1).toMatchObject({ firstSeenAt: T0, recordedAt: T0, lastSeenAt: T0 + 30 * MINUTE, blobHash: expect.any(String) });

    // The next check compares with the new reading directly: nothing read again, nothing changed.
    const next = await check(id, T0 + 60 * MINUTE);
    expect(next).toMatchObject({ outcome: 'unchanged', rereadVersion: null });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBe(T0 + 30 * MINUTE);
  });

  it("and edited by its publisher meanwhile: a version whose diff is only the publisher's edit, against the stored page read again", async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const now = reading(page, url);
    const id = importArticle(url, [version(1, { ...now, paragraphs: withAdBox(now.paragraphs, page) }, page, T0)]);

    editions.edition = UPDATE_1;
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersion: 1 });
    // 4,000 → 4,500 and one paragraph added; the ad box read by the older release is not reported removed.
    expect(result.changes).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
    expect(ctx.store.getVersion(id, 2)!.paragraphs).toEqual(UPDATE_1.paragraphs);
  });

  it("the version before stays as it was, and the re-read one's summary is against it (what a feed and the timeline show)", async () => {
    const editions = { edition: UPDATE_1 };
    const url = await watch(editions);
    const first = renderArticlePage(ORIGINAL, 0);
    const second = renderArticlePage(UPDATE_1, 1);
    const v1 = { ...reading(first, url), paragraphs: withAdBox(ORIGINAL.paragraphs, first) };
    const v2 = reading(second, url);
    const stale = {
      ...version(2, { ...v2, paragraphs: withAdBox(v2.paragraphs, second) }, second, T0 + 60 * MINUTE),
      modifiedAt: UPDATE_1.modified,
      latestModifiedAt: UPDATE_1.modified,
      previousSeenAt: T0,
    };
    const id = importArticle(url, [version(1, v1, first, T0), { ...stale, diffSummary: summarizeChange(diffArticles(v1, stale)) }]);

    const result = await check(id, T0 + 90 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', rereadVersion: 2 });
    // Version 1 is not the latest: kept as stored (its next check compares with version 2 only).
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ paragraphs: v1.paragraphs, rereadAt: null });
    const reread = ctx.store.getVersion(id, 2)!;
    expect(reread.paragraphs).toEqual(UPDATE_1.paragraphs);
    expect(reread.diffSummary).toEqual(summarizeChange(diffArticles(v1, v2)));
  });

  it('a version kept without its page (imported without HTML) cannot be read again: a difference is a version, as before', async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const now = reading(page, url);
    const id = importArticle(url, [version(1, { ...now, paragraphs: withAdBox(now.paragraphs, page) }, null, T0)]);

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersion: null });
    expect(result.changes).toMatchObject({ removed: 2, changed: 0, added: 0 });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBeNull();
  });

  it('an edit read the same way by both releases: the stored reading stays, nothing is marked read again', async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, reading(page, url), page, T0)]);

    editions.edition = UPDATE_1;
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersion: null });
    expect(result.changes).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBeNull();
  });
});

describe('a version read again travels in an export', () => {
  async function exportOf(store: Store): Promise<string> {
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text += chunk.toString();
        callback();
      },
    });
    await writeExport(store, out, { now: () => T0 + 120 * MINUTE });
    return text;
  }

  it('with rereadAt (only on such a version), and comes back the same from stet import', async () => {
    const editions = { edition: UPDATE_1 };
    const url = await watch(editions);
    const first = renderArticlePage(ORIGINAL, 0);
    const second = renderArticlePage(UPDATE_1, 1);
    const v2 = reading(second, url);
    const id = importArticle(url, [
      version(1, reading(first, url), first, T0),
      { ...version(2, { ...v2, paragraphs: withAdBox(v2.paragraphs, second) }, second, T0 + 60 * MINUTE), modifiedAt: UPDATE_1.modified, latestModifiedAt: UPDATE_1.modified },
    ]);
    await check(id, T0 + 90 * MINUTE);

    const text = await exportOf(ctx.store);
    const versions = text.split('\n').filter((l) => l.includes('"kind":"version"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(versions.map((v) => v['rereadAt'])).toEqual([undefined, new Date(T0 + 90 * MINUTE).toISOString()]);

    const target = new Store(openDatabase(':memory:'));
    try {
      await importLines(target, (async function* () { yield* text.split('\n'); })(), { now: () => T0 + 150 * MINUTE });
      expect(target.listVersions(1).map((v) => v.rereadAt)).toEqual([null, T0 + 90 * MINUTE]);
      expect(await exportOf(target)).toBe(text);
    } finally {
      target.close();
    }
  });
});
