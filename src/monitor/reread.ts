/**
 * A change a check finds may be stet's own: a newer extractor reads the same
 * page differently (a live widget now left out, a correction now read, a
 * headline rule changed). Every version keeps the page it was read from (its
 * blob, DESIGN "Storage"), so when a check's reading differs from the latest
 * version's, that version's page is read again by this extractor first. When
 * it reads differently, the article's history is read again (its last
 * MAX_REREAD_VERSIONS versions that kept their page), each version's reading
 * and its diff summary against the version before replaced in one
 * transaction (Store.replaceReadings). Then the check compares with the new
 * reading, and every diff stet shows is between two readings by the same
 * extractor: upgrading stet makes no version by itself, a real edit's diff
 * shows only the publisher's change, and so do the diffs before it. The
 * publisher's stamps are read again too (a stamp read differently is not a
 * stamp that moved).
 *
 * A version that a re-read finds the same as the one before (made by an
 * older extractor from an ad or a widget) keeps its place (ordinals never
 * change), with a summary of no change marked `boring`: it leaves the feeds
 * and the home page as typography-only revisions do. Feed GUIDs keep the
 * fingerprint each version was stored with (`storedFingerprint`), so a
 * re-read announces nothing again.
 *
 * Only asked when a check's reading differs from the latest version's, text
 * or "updated" stamp (rare: most checks find the same), and costs one
 * decompression and extraction then; the history only when this release
 * reads that page differently. A page is decoded with the encoding stored
 * with its version; for versions stored before it was kept, only when its
 * bytes are UTF-8 as the page is served now (a wrong guess would replace good
 * text with garbled text, so anything else keeps the stored reading), as does
 * a version without its page (imported without HTML).
 */
import type { ReadingReplacement, Store, VersionReading, VersionRow } from '../db/store.ts';
import { diffArticles } from '../diff/index.ts';
import { summarizeChange, type ChangeSummary } from '../diff/summary.ts';
import { extractArticle, type Article } from '../extract/index.ts';
import { decodeHtml } from '../fetch/decode.ts';
import { contentFingerprint } from './fingerprint.ts';

/** Versions read again at most, the latest ones: a live blog may have hundreds. */
export const MAX_REREAD_VERSIONS = 100;

export interface Reread {
  /** The latest version, as stored now. */
  latest: VersionRow;
  /** Whether this check replaced readings (the history was read again). */
  reread: boolean;
}

/**
 * The latest version as this extractor reads its stored page, when the check's
 * reading (`seen`) differs from it; the history read again when this
 * extractor reads it differently (see above). `page` is what the check
 * fetched: the address it reads pages at, and the encoding it was served in.
 */
export function rereadLatest(
  store: Store,
  latest: VersionRow,
  seen: { fingerprint: string; modifiedAt: string | null },
  page: { url: string; encoding: string },
  now: number,
): Reread {
  const unchanged = { latest, reread: false };
  const textDiffers = seen.fingerprint !== latest.fingerprint;
  // A stamp only while the version's never moved: a page whose stamp moves on every request (some sites date it
  // "now") would otherwise be read twice on every check. After its first stamp-only update, one is taken as it comes.
  const stampDiffers = seen.modifiedAt !== null && seen.modifiedAt !== latest.latestModifiedAt && latest.latestModifiedAt === latest.modifiedAt;
  if (!textDiffers && !stampDiffers) return unchanged;
  const latestReading = readStoredPage(store, latest, page);
  if (latestReading === null || readsTheSame(latestReading, latest)) return unchanged;

  const history = store.listVersions(latest.articleId).slice(-MAX_REREAD_VERSIONS);
  if (history.at(-1)?.id !== latest.id) return unchanged;
  // Each version's reading: this extractor's where its page reads differently, else the one stored.
  const readings = history.map((v) => {
    const fresh = v.id === latest.id ? latestReading : readStoredPage(store, v, page);
    return fresh !== null && !readsTheSame(fresh, v) ? { fresh: true, ...fresh } : { fresh: false, ...v, paragraphs: store.paragraphTexts(v.paragraphHashes) };
  });
  const before = history[0]!.ordinal > 1 ? store.getVersion(latest.articleId, history[0]!.ordinal - 1) : undefined;

  const replacements: ReadingReplacement[] = [];
  history.forEach((v, i) => {
    const r = readings[i]!;
    const previous = i > 0 ? readings[i - 1]! : before;
    const previousFresh = i > 0 && readings[i - 1]!.fresh;
    if (!r.fresh && !previousFresh) return;
    const reading: VersionReading = {
      title: r.title,
      byline: r.byline,
      paragraphs: r.paragraphs,
      fingerprint: contentFingerprint(r),
      diffSummary: previous ? summaryBetween(previous, r) : null,
      publishedAt: r.publishedAt,
      modifiedAt: r.modifiedAt,
      // The "updated" stamp as last seen: this page's, unless a later page of the same version showed another (a
      // stamp-only update, read from a page not kept); the check records what its own page shows.
      latestModifiedAt: r.fresh && v.latestModifiedAt === v.modifiedAt ? r.modifiedAt : v.latestModifiedAt,
    };
    replacements.push({ versionId: v.id, expectedFingerprint: v.fingerprint, reading });
  });
  const reread = store.replaceReadings(latest.articleId, latest.id, replacements, now);
  // Another process recorded or replaced a version meanwhile: compare with what is stored now.
  return { latest: store.latestVersion(latest.articleId) ?? latest, reread };
}

type Reading = Pick<Article, 'title' | 'byline' | 'paragraphs' | 'publishedAt' | 'modifiedAt'>;

/** A version's summary against the one before; the same text on both is no change worth announcing (`boring`). */
function summaryBetween(previous: Reading, current: Reading): ChangeSummary {
  const summary = summarizeChange(diffArticles(previous, current));
  const same = contentFingerprint(previous) === contentFingerprint(current);
  return same ? { ...summary, boring: true } : summary;
}

function readsTheSame(reading: Reading, version: VersionRow): boolean {
  return contentFingerprint(reading) === version.fingerprint && reading.publishedAt === version.publishedAt && reading.modifiedAt === version.modifiedAt;
}

/** What this extractor reads on a version's stored page; null when it has none or its encoding is not known. */
function readStoredPage(store: Store, version: VersionRow, page: { url: string; encoding: string }): Reading | null {
  if (version.blobHash === null) return null;
  const bytes = store.getBlob(version.blobHash);
  if (!bytes) return null;
  const html = decodeStored(bytes, version.encoding, page.encoding);
  if (html === null) return null;
  const reading = extractArticle(html, page.url);
  // Nothing read at all is no better reading of a page that had an article on it.
  return reading.paragraphs.length === 0 ? null : reading;
}

/**
 * The page's text: decoded as when stored, when its encoding was kept. Else
 * only a page served as UTF-8 now whose stored bytes are UTF-8 and do not
 * declare another encoding themselves: what the fetcher decoded them as then,
 * unless the server's Content-Type said otherwise, which a page that is
 * valid UTF-8 almost never had.
 */
function decodeStored(bytes: Uint8Array, stored: string | null, servedNow: string): string | null {
  if (stored !== null) return decodeHtml(bytes, `text/html; charset=${stored}`).html;
  if (servedNow !== 'utf-8') return null;
  const own = decodeHtml(bytes);
  return own.encoding === 'utf-8' && !own.html.includes('\uFFFD') ? own.html : null;
}
