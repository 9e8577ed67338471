/**
 * An upgrade of stet changes what its extractor reads on pages it already
 * holds (monitor/reread.ts): the check that finds a difference first reads
 * the latest version's stored page again with this extractor, and when it
 * reads differently, the article's history, so every comparison and every
 * diff is between readings by the same extractor. The older extractor is
 * played by versions whose stored text is not what this extractor reads on
 * their stored pages: ones that read the rotating ad box of the newsroom's
 * pages as story text, as an extractor without ad rules does.
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { writeExport } from '../../../src/commands/export.ts';
import { importLines } from '../../../src/commands/import.ts';
import { parseConfig } from '../../../src/config.ts';
import type { Store, ImportedVersion } from '../../../src/db/store.ts';
import { diffArticles } from '../../../src/diff/index.ts';
import { summarizeChange } from '../../../src/diff/summary.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { decodeHtml } from '../../../src/fetch/decode.ts';
import { checkArticle, type CheckContext } from '../../../src/monitor/check.ts';
import { contentFingerprint } from '../../../src/monitor/fingerprint.ts';
import { revisionGuid } from '../../../src/web/revisions.ts';
import { memoryStore } from '../../support/app.ts';
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

type Text = { title: string | null; byline: string | null; paragraphs: string[] };

/** What this extractor reads on a page. */
function reading(page: string, url: string): Text {
  const { title, byline, paragraphs } = extractArticle(page, url);
  return { title, byline, paragraphs };
}

/** An older extractor's reading of a page: its ad box after the second paragraph read as two paragraphs of the story. */
function withAdBox(text: Text, page: string): Text {
  const ad = /<span>(Advertisement)<\/span><a [^>]*>([^<]*)<\/a>/.exec(page)!;
  return { ...text, paragraphs: [...text.paragraphs.slice(0, 2), ad[1]!, ad[2]!, ...text.paragraphs.slice(2)] };
}

/** A version as stet stored it: the text read, and (unless `page` is null) the page it was read from, in `encoding`. */
function version(ordinal: number, text: Text, page: Uint8Array | string | null, at: number, edition: Edition = ORIGINAL): ImportedVersion {
  return {
    ordinal,
    fingerprint: contentFingerprint(text),
    ...text,
    publishedAt: edition.published,
    modifiedAt: edition.modified,
    latestModifiedAt: edition.modified,
    canonicalUrl: null,
    lang: 'en',
    firstSeenAt: at,
    lastSeenAt: at,
    recordedAt: at,
    previousSeenAt: null,
    diffSummary: null,
    rereadAt: null,
    storedFingerprint: null,
    encoding: 'utf-8',
    body: page === null ? null : Buffer.from(page),
  };
}

/** Serves the article's page (a new ad in its box on every request); its URL. */
async function watch(editions: { edition: Edition }): Promise<string> {
  const site = await ctx.serve((_req: unknown, res: ServerResponse) => html(res, renderArticlePage(editions.edition)));
  return `${site.origin}/news/story`;
}

function importArticle(url: string, versions: ImportedVersion[]): number {
  // Each version's summary against the one before, as stored by the release that read it.
  const summarized = versions.map((v, i) => (i === 0 ? v : { ...v, previousSeenAt: versions[i - 1]!.lastSeenAt, diffSummary: summarizeChange(diffArticles(versions[i - 1]!, v)) }));
  const { articleId } = ctx.store.importArticle(
    { url, canonicalUrl: null, title: ORIGINAL.title, state: 'active', intervalMinutes: 30, createdAt: T0, versions: summarized, removals: [] },
    T0,
  );
  return articleId;
}

const check = (articleId: number, at: number) => checkArticle(context(ctx.store, at), ctx.store.getArticle(articleId)!);

/** The newsroom's page in windows-1252 bytes (Latin-1 as is, curly quotes as 0x91–0x94), its `<meta charset>` still saying utf-8. */
function windows1252(page: string): Uint8Array {
  const high: Record<string, number> = { '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...page], (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    if (high[ch] === undefined) throw new Error(`no windows-1252 byte for ${ch}`);
    return high[ch];
  });
}

describe('a page read differently by this release than by the one that stored it', () => {
  it('makes no version by itself: the stored page is read again, its reading replaces the stored one, the check is unchanged', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const old = withAdBox(reading(page, url), page);
    const id = importArticle(url, [version(1, old, page, T0)]);

    // The site serves the same story with another ad in the box, as on every request.
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', versionOrdinal: null, rereadVersions: 1 });
    expect(ctx.store.countVersions(id)).toBe(1);
    const v1 = ctx.store.getVersion(id, 1)!;
    expect(v1.paragraphs).toEqual(ORIGINAL.paragraphs);
    expect(v1).toMatchObject({ fingerprint: contentFingerprint(reading(page, url)), storedFingerprint: contentFingerprint(old), rereadAt: T0 + 30 * MINUTE });
    // What stet saw and the page kept stay as they were.
    expect(v1).toMatchObject({ firstSeenAt: T0, recordedAt: T0, lastSeenAt: T0 + 30 * MINUTE, blobHash: expect.any(String) });

    // The next check compares with the new reading directly: nothing read again, nothing changed.
    const next = await check(id, T0 + 60 * MINUTE);
    expect(next).toMatchObject({ outcome: 'unchanged', rereadVersions: 0 });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBe(T0 + 30 * MINUTE);
  });

  it("and edited by its publisher meanwhile: a version whose diff is only the publisher's edit", async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, withAdBox(reading(page, url), page), page, T0)]);

    editions.edition = UPDATE_1;
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersions: 1 });
    // 4,000 → 4,500 and one paragraph added; the ad box the older release read is not reported removed.
    expect(result.changes).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
    expect(ctx.store.getVersion(id, 2)!.paragraphs).toEqual(UPDATE_1.paragraphs);
  });

  it('the history is read again: the diffs before it show only the publisher\'s edits too, and no feed announces them again', async () => {
    const url = await watch({ edition: UPDATE_1 });
    const first = renderArticlePage(ORIGINAL, 0);
    const second = renderArticlePage(UPDATE_1, 1);
    const id = importArticle(url, [
      version(1, withAdBox(reading(first, url), first), first, T0),
      version(2, withAdBox(reading(second, url), second), second, T0 + 60 * MINUTE, UPDATE_1),
    ]);
    const revision = () => ctx.store.recentRevisions({ limit: 10, articleId: id })[0]!;
    const guid = revisionGuid(revision());
    // As stored by the older release: the ad in the box changed between the two pages (one ad removed, one added).
    expect(ctx.store.getVersion(id, 2)!.diffSummary).toMatchObject({ changed: 1, added: 2, removed: 1 });

    const result = await check(id, T0 + 90 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', rereadVersions: 2 });
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ paragraphs: ORIGINAL.paragraphs, rereadAt: T0 + 90 * MINUTE });
    const v2 = ctx.store.getVersion(id, 2)!;
    expect(v2.paragraphs).toEqual(UPDATE_1.paragraphs);
    expect(v2.diffSummary).toEqual(summarizeChange(diffArticles(reading(first, url), reading(second, url))));
    expect(v2.diffSummary).toMatchObject({ changed: 1, added: 1, removed: 0, boring: false });
    expect(revisionGuid(revision())).toBe(guid);
  });

  it('a version the older release made of an ad alone stays in its place with a summary of no change, and leaves the feeds', async () => {
    const url = await watch({ edition: ORIGINAL });
    const first = renderArticlePage(ORIGINAL, 0);
    const second = renderArticlePage(ORIGINAL, 1);
    const id = importArticle(url, [version(1, withAdBox(reading(first, url), first), first, T0), version(2, withAdBox(reading(second, url), second), second, T0 + 60 * MINUTE)]);
    expect(ctx.store.recentRevisions({ limit: 10, articleId: id, skipTypographyOnly: true })).toHaveLength(1);

    const result = await check(id, T0 + 90 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', rereadVersions: 2 });
    expect(ctx.store.countVersions(id)).toBe(2);
    const [v1, v2] = ctx.store.listVersions(id);
    expect(v2!.fingerprint).toBe(v1!.fingerprint);
    expect(v2!.diffSummary).toMatchObject({ changed: 0, added: 0, removed: 0, titleChanged: false, boring: true, same: true });
    expect(ctx.store.recentRevisions({ limit: 10, articleId: id, skipTypographyOnly: true })).toHaveLength(0);

    // The timeline and the diff page say so; so does a check's notice.
    const app = ctx.app({ env: { ALLOW_PRIVATE_NETWORKS: 'true' } });
    const timeline = await (await app.request(`/articles/${id}?checked=unchanged&reread=2`)).text();
    expect(timeline.match(/class="muted reread"[^>]*>read again/g)).toHaveLength(2);
    // …and the check that did it, among the recent checks.
    expect(ctx.store.listChecks(id, 5).map((c) => [c.outcome, c.rereadVersions])).toEqual([['unchanged', 2]]);
    expect(timeline).toContain('read again: 2 versions</div>');
    expect(timeline).toContain('>no change when read again</a>');
    expect(timeline).toContain('Checked: no change. This release of stet reads the pages it kept differently: it read 2 versions again and compared with that reading.');
    const diffPage = await (await app.request(`/articles/${id}/diff/1..2`)).text();
    expect(diffPage).toMatch(/read again by a newer stet<\/th>/);
  });

  it('the publisher\'s stamps are read again: an "updated" stamp the older release missed is no stamp-only update', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [{ ...version(1, reading(page, url), page, T0), modifiedAt: null, latestModifiedAt: null }]);

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ modifiedAt: ORIGINAL.modified, latestModifiedAt: ORIGINAL.modified, storedFingerprint: null });
  });

  it('a page stored in windows-1252 is decoded as it was then, whatever the site serves now', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [{ ...version(1, withAdBox(reading(page, url), page), windows1252(page), T0), encoding: 'windows-1252' }]);

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
  });

  it('a page that declares no charset, stored by an older release as windows-1252 (its fallback), is read again in the encoding detection finds now: no version of its mojibake (QA upgrade)', async () => {
    const sentence = Buffer.from('jnOLY4nvgs2Mjpdqk/qBQY1ekIWRzo30gsyXXI5aiMSC8InCjIiCtYK9gUKOc5K3gs2BdY9alq+CzIjAkVOCqpHmiOqCvoF2gsaPcYLXgr2BQg==', 'base64');
    const ascii = (text: string) => Buffer.from(text, 'latin1');
    const bytes = new Uint8Array(Buffer.concat([
      ascii('<html><head><title>Budget</title></head><body><article><h1>Budget</h1>'),
      ...[1, 2, 3].flatMap((n) => [ascii('<p>'), sentence, ascii(` (${n})</p>`)]),
      ascii('</article></body></html>'),
    ]));
    const url = `${(await ctx.serve((_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(bytes))).origin}/news/story`;
    const asOlderReleaseRead = decodeHtml(bytes, 'text/html; charset=windows-1252').html;
    const id = importArticle(url, [{ ...version(1, reading(asOlderReleaseRead, url), bytes, T0), encoding: 'windows-1252' }]);
    expect(ctx.store.getVersion(id, 1)!.paragraphs[0]).toMatch(/^Žs‹c‰ï/);

    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.countVersions(id)).toBe(1);
    expect(ctx.store.getVersion(id, 1)!.paragraphs[0]).toMatch(/^市議会は月曜日/);
  });

  it('a page whose encoding was not stored, and is not UTF-8, keeps its reading (a wrong guess would garble it): a difference is a version, as before', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const old = withAdBox(reading(page, url), page);
    const id = importArticle(url, [{ ...version(1, old, windows1252(page), T0), encoding: null }]);

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersions: 0 });
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ paragraphs: old.paragraphs, rereadAt: null });
  });

  it('a page whose encoding was not stored, not UTF-8, is read again in the legacy encoding the site still serves', async () => {
    const url = `${(await ctx.serve((_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(windows1252(renderArticlePage(ORIGINAL).replace('<meta charset="utf-8">', ''))))).origin}/news/story`;
    const page = renderArticlePage(ORIGINAL, 0).replace('<meta charset="utf-8">', '');
    const id = importArticle(url, [{ ...version(1, withAdBox(reading(page, url), page), windows1252(page), T0), encoding: null }]);

    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
  });

  it('a page whose encoding was not stored is read again when its bytes are UTF-8 and the site serves UTF-8', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [{ ...version(1, withAdBox(reading(page, url), page), page, T0), encoding: null }]);

    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
  });

  it('a version kept without its page (imported without HTML) cannot be read again: a difference is a version, as before', async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, withAdBox(reading(page, url), page), null, T0)]);

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersions: 0 });
    expect(result.changes).toMatchObject({ removed: 2, changed: 0, added: 0 });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBeNull();
  });

  it('an edit read the same way by both releases: the stored readings stay, nothing is marked read again', async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, reading(page, url), page, T0)]);

    editions.edition = UPDATE_1;
    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, rereadVersions: 0 });
    expect(result.changes).toMatchObject({ changed: 1, added: 1, removed: 0 });
    expect(ctx.store.getVersion(id, 1)!.rereadAt).toBeNull();
  });
});

describe('Store.replaceReadings writes all or nothing', () => {
  const url = 'https://news.example/story';
  const page = renderArticlePage(ORIGINAL, 0);
  const text = reading(page, url);
  const replacement = (versionId: number, expectedFingerprint: string, expectedLatestModifiedAt: string | null = ORIGINAL.modified) => ({
    versionId,
    expectedFingerprint,
    expectedLatestModifiedAt,
    reading: { ...text, fingerprint: contentFingerprint(text), diffSummary: null, publishedAt: null, modifiedAt: null, latestModifiedAt: null },
  });

  it('not when another version became the latest meanwhile (another process recorded one)', () => {
    const id = importArticle(url, [version(1, withAdBox(text, page), page, T0), version(2, withAdBox(text, renderArticlePage(ORIGINAL, 1)), null, T0 + MINUTE)]);
    const [v1] = ctx.store.listVersions(id);
    expect(ctx.store.replaceReadings(id, v1!.id, [replacement(v1!.id, v1!.fingerprint)], T0 + 2 * MINUTE)).toBe(false);
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ fingerprint: v1!.fingerprint, rereadAt: null });
  });

  it('not when one of the versions was replaced meanwhile: the ones before it are not written either', () => {
    const id = importArticle(url, [version(1, withAdBox(text, page), page, T0), version(2, withAdBox(text, renderArticlePage(ORIGINAL, 1)), null, T0 + MINUTE)]);
    const [v1, v2] = ctx.store.listVersions(id);
    expect(ctx.store.replaceReadings(id, v2!.id, [replacement(v1!.id, v1!.fingerprint), replacement(v2!.id, 'another')], T0 + 2 * MINUTE)).toBe(false);
    expect(ctx.store.listVersions(id).map((v) => [v.fingerprint, v.rereadAt])).toEqual([
      [v1!.fingerprint, null],
      [v2!.fingerprint, null],
    ]);
  });

  it("not when a version's \"updated\" stamp moved meanwhile (a stamp-only update another process recorded)", () => {
    const id = importArticle(url, [version(1, withAdBox(text, page), page, T0)]);
    const [v1] = ctx.store.listVersions(id);
    expect(ctx.store.replaceReadings(id, v1!.id, [replacement(v1!.id, v1!.fingerprint, '2019-01-30T10:00:00-05:00')], T0 + MINUTE)).toBe(false);
    expect(ctx.store.replaceReadings(id, v1!.id, [replacement(v1!.id, v1!.fingerprint)], T0 + MINUTE)).toBe(true);
  });
});

describe('what is read again, and what is not', () => {
  it('not when the address now leads to a page above the article: that page says nothing of how the article reads', async () => {
    let redirect = false;
    const site = await ctx.serve((req, res) => {
      if (redirect && req.url === '/news/story') return void res.writeHead(301, { location: '/news/' }).end();
      html(res, req.url === '/news/' ? '<html><body><h1>News</h1><ul><li><a href="/news/a">A story</a></li></ul></body></html>' : renderArticlePage(ORIGINAL));
    });
    const url = `${site.origin}/news/story`;
    const page = renderArticlePage(ORIGINAL, 0);
    const old = withAdBox(reading(page, url), page);
    const id = importArticle(url, [version(1, old, page, T0)]);
    redirect = true;

    const result = await check(id, T0 + 30 * MINUTE);

    expect(result).toMatchObject({ outcome: 'failed', rereadVersions: 0 });
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ paragraphs: old.paragraphs, rereadAt: null });
  });

  it('but when the article merely lives at a shorter address now: the stored page is read again there', async () => {
    const site = await ctx.serve((req, res) => {
      if (req.url === '/news/story/old-slug') return void res.writeHead(301, { location: '/news/story' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const url = `${site.origin}/news/story/old-slug`;
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, withAdBox(reading(page, url), page), page, T0)]);

    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!.paragraphs).toEqual(ORIGINAL.paragraphs);
  });

  it('the run of versions whose pages can be read, back from the latest: one kept without its page ends it', async () => {
    const url = await watch({ edition: UPDATE_1 });
    const pages = [renderArticlePage(ORIGINAL, 0), renderArticlePage(ORIGINAL, 1), renderArticlePage(UPDATE_1, 2)];
    const texts = pages.map((p) => withAdBox(reading(p, url), p));
    const id = importArticle(url, [
      version(1, texts[0]!, pages[0]!, T0),
      version(2, texts[1]!, null, T0 + 60 * MINUTE),
      version(3, texts[2]!, pages[2]!, T0 + 120 * MINUTE, UPDATE_1),
    ]);
    const stored = ctx.store.listVersions(id);

    expect(await check(id, T0 + 150 * MINUTE)).toMatchObject({ outcome: 'unchanged', rereadVersions: 1 });

    const [v1, v2, v3] = ctx.store.listVersions(id);
    // Before the one without its page, nothing is read again: the diffs there stay between one extractor's readings.
    expect(v1).toEqual(stored[0]);
    expect(v2).toEqual(stored[1]);
    expect(ctx.store.getVersion(id, 3)!.paragraphs).toEqual(UPDATE_1.paragraphs);
    // The run's first version against the one before it, the one diff between two releases' readings: its summary is
    // the one made from the older release's readings of both, not one that counts the two releases' differences.
    expect(v3!.diffSummary).toEqual(stored[2]!.diffSummary);
  });

  it("a version whose \"updated\" stamp moved after it was stored keeps its stamps (read from a page not kept)", async () => {
    const url = await watch({ edition: ORIGINAL });
    const page = renderArticlePage(ORIGINAL, 0);
    const moved = '2019-01-31T09:00:00-05:00';
    const id = importArticle(url, [{ ...version(1, withAdBox(reading(page, url), page), page, T0), modifiedAt: '2019-01-31', latestModifiedAt: moved }]);

    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ rereadVersions: 1 });
    expect(ctx.store.getVersion(id, 1)!).toMatchObject({ paragraphs: ORIGINAL.paragraphs, modifiedAt: '2019-01-31', latestModifiedAt: ORIGINAL.modified });
  });

  it('a page is read again at most once per process, and never one this process stored', async () => {
    const editions = { edition: ORIGINAL };
    const url = await watch(editions);
    const page = renderArticlePage(ORIGINAL, 0);
    const id = importArticle(url, [version(1, reading(page, url), page, T0)]);
    const reads = vi.spyOn(ctx.store, 'getBlob');

    // Stored by an older release, read the same by this one: read once to know it.
    editions.edition = UPDATE_1;
    expect(await check(id, T0 + 30 * MINUTE)).toMatchObject({ outcome: 'new-version', rereadVersions: 0 });
    expect(reads).toHaveBeenCalledTimes(1);
    // Version 2 was stored by this process: every later difference is compared without reading a page.
    editions.edition = ORIGINAL;
    expect(await check(id, T0 + 60 * MINUTE)).toMatchObject({ outcome: 'new-version', versionOrdinal: 3 });
    editions.edition = UPDATE_1;
    expect(await check(id, T0 + 90 * MINUTE)).toMatchObject({ outcome: 'new-version', versionOrdinal: 4 });
    expect(reads).toHaveBeenCalledTimes(1);
  });
});

describe('a history read again travels in an export', () => {
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

  it('with rereadAt, storedFingerprint and encoding, and comes back the same from stet import', async () => {
    const url = await watch({ edition: UPDATE_1 });
    const first = renderArticlePage(ORIGINAL, 0);
    const second = renderArticlePage(UPDATE_1, 1);
    const id = importArticle(url, [version(1, reading(first, url), first, T0), version(2, withAdBox(reading(second, url), second), second, T0 + 60 * MINUTE, UPDATE_1)]);
    await check(id, T0 + 90 * MINUTE);

    const text = await exportOf(ctx.store);
    const lines = text.split('\n').filter((l) => l.includes('"kind":"version"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const v2 = ctx.store.getVersion(id, 2)!;
    expect(lines.map((v) => [v['rereadAt'], v['storedFingerprint'], v['encoding']])).toEqual([
      [undefined, undefined, 'utf-8'],
      [new Date(T0 + 90 * MINUTE).toISOString(), v2.storedFingerprint, 'utf-8'],
    ]);

    const target = memoryStore();
    try {
      await importLines(target, (async function* () { yield* text.split('\n'); })(), { now: () => T0 + 150 * MINUTE });
      expect(target.listVersions(1).map((v) => [v.rereadAt, v.storedFingerprint, v.encoding])).toEqual([
        [null, null, 'utf-8'],
        [T0 + 90 * MINUTE, v2.storedFingerprint, 'utf-8'],
      ]);
      expect(await exportOf(target)).toBe(text);
    } finally {
      target.close();
    }
  });
});
