/**
 * A change a check finds may be stet's own: a newer extractor reads the same
 * page differently (a live widget now left out, a correction now read, a
 * headline rule changed). Every version keeps the page it was read from (its
 * blob, DESIGN "Storage"), so when a check's reading differs from the latest
 * version's, that version's page is read again by this extractor first. When
 * it reads differently, the article's recent history is read again: the
 * unbroken run of versions ending at the latest whose pages can be read
 * (at most MAX_REREAD_VERSIONS, MAX_REREAD_BYTES of pages), each version's
 * reading and its diff summary against the version before replaced in one
 * transaction (Store.replaceReadings). Then the check compares with the new
 * reading: upgrading stet makes no version by itself, a real edit's diff
 * shows only the publisher's change, and so do the diffs inside the run. The
 * one diff that still compares two extractors' readings is the run's first
 * version against the one before it (a version kept without its page, or
 * beyond the limits): its stored summary, made from the older readings of
 * both, is kept. The publisher's stamps are read again too (a stamp
 * read differently is not a stamp that moved), but not on a version whose
 * stamp moved after it was stored: that stamp came from a page not kept.
 *
 * A version that a re-read finds the same as the one before (made by an
 * older extractor from an ad or a widget) keeps its place (ordinals never
 * change), with a summary of no change marked `boring`: it leaves the feeds
 * and the home page as typography-only revisions do. Feed GUIDs keep the
 * fingerprint each version was stored with (`storedFingerprint`), so a
 * re-read announces nothing again.
 *
 * Cost: a version's page is read again at most once per process (this
 * extractor reads the same bytes the same way), and never one this process
 * stored: a live blog that changes on every check costs nothing more. A page
 * is read at the address the check fetched (not when it now leads to the
 * front page or a section: check.ts does not ask then), and decoded with the
 * encoding stored with its version; for versions stored before it was kept,
 * only where that is not in doubt (decodeStored: a wrong guess would replace
 * good text with garbled text, so anything else keeps the stored reading),
 * as does a version without its page (imported without HTML).
 */
import { setImmediate } from 'node:timers/promises';
import type { ReadingReplacement, Store, VersionReading, VersionRow } from '../db/store.ts';
import { diffArticles } from '../diff/index.ts';
import { summarizeChange, type ChangeSummary } from '../diff/summary.ts';
import { extractArticle, type Article } from '../extract/index.ts';
import { decodeHtml, hasNonAscii, isValidUtf8, undeclaredEncoding } from '../fetch/decode.ts';
import { contentFingerprint } from './fingerprint.ts';

/** Versions read again at most, the latest ones: a live blog may have hundreds. */
export const MAX_REREAD_VERSIONS = 500;
/**
 * Pages read again at most, in bytes as fetched (decompressed from the store): about 0.15 s of extraction a MB, yielding to the server between pages
 * (113 versions of a 300 KB page, 34 MB: about 4 s once).
 */
export const MAX_REREAD_BYTES = 50_000_000;

export interface Reread {
  /** The latest version, as stored now. */
  latest: VersionRow;
  /** How many versions' readings this check replaced (the history read again); 0 when none. */
  versions: number;
}

/**
 * The latest version as this extractor reads its stored page, when the check's
 * reading (`seen`) differs from it; the history read again when this
 * extractor reads it differently (see above). `page` is what the check
 * fetched: the address it read the article at, and the encoding it was served in.
 */
export async function rereadLatest(
  store: Store,
  latest: VersionRow,
  seen: { fingerprint: string; modifiedAt: string | null },
  page: { url: string; encoding: string },
  now: number,
): Promise<Reread> {
  const unchanged = { latest, versions: 0 };
  const textDiffers = seen.fingerprint !== latest.fingerprint;
  // A stamp only while the version's never moved: a page whose stamp moves on every request (some sites date it
  // "now") would otherwise be read again on every check. After its first stamp-only update, one is taken as it comes.
  const stampDiffers = seen.modifiedAt !== null && seen.modifiedAt !== latest.latestModifiedAt && stampsRereadable(latest);
  if ((!textDiffers && !stampDiffers) || isKnownCurrent(store, latest)) return unchanged;
  const latestReading = readStoredPage(store, latest, page, MAX_REREAD_BYTES);
  if (latestReading === null || readsTheSame(latestReading, latest)) {
    markCurrent(store, latest);
    return unchanged;
  }

  // This extractor reads the latest page differently: the run of readable versions ending at it, newest first.
  const history = store.lastVersions(latest.articleId, MAX_REREAD_VERSIONS);
  if (history.at(-1)?.id !== latest.id) return unchanged;
  const run: { version: VersionRow; fresh: Reading | null }[] = [{ version: latest, fresh: latestReading }];
  let bytes = latestReading.bytes;
  for (let i = history.length - 2; i >= 0; i--) {
    // Between pages, let the server answer its requests: a history of large pages takes a while.
    await setImmediate();
    const version = history[i]!;
    const reading = readStoredPage(store, version, page, MAX_REREAD_BYTES - bytes);
    if (reading === null) break;
    bytes += reading.bytes;
    run.unshift({ version, fresh: readsTheSame(reading, version) ? null : reading });
  }
  const first = run[0]!.version;

  const replacements: ReadingReplacement[] = [];
  let previous: Reading | undefined;
  let previousFresh = false;
  for (const { version, fresh } of run) {
    const current: Reading = fresh ?? { ...version, paragraphs: store.paragraphTexts(version.paragraphHashes), bytes: 0 };
    if (fresh !== null || previousFresh) {
      // The run's first version keeps its summary: the version before it keeps the older release's reading, against
      // which this release's would count every difference between the two releases as an edit.
      const diffSummary = version === first ? version.diffSummary : previous ? summaryBetween(previous, current) : null;
      const reading: VersionReading = {
        title: current.title,
        byline: current.byline,
        paragraphs: current.paragraphs,
        fingerprint: contentFingerprint(current),
        diffSummary,
        publishedAt: current.publishedAt,
        modifiedAt: current.modifiedAt,
        latestModifiedAt: stampsRereadable(version) ? current.modifiedAt : version.latestModifiedAt,
      };
      replacements.push({ versionId: version.id, expectedFingerprint: version.fingerprint, expectedLatestModifiedAt: version.latestModifiedAt, reading });
    }
    previous = current;
    previousFresh = fresh !== null;
  }
  const written = store.replaceReadings(latest.articleId, latest.id, replacements, now);
  // Another process recorded or replaced a version meanwhile: compare with what is stored now. (The replaced
  // paragraphs stay in the content-addressed table until an article's deletion sweeps what no version lists.)
  const stored = store.latestVersion(latest.articleId) ?? latest;
  if (written) markCurrent(store, stored);
  return { latest: stored, versions: written ? replacements.length : 0 };
}

/**
 * A version this process stored, or whose page it read again: its stored
 * reading is this extractor's, and its page need not be read again.
 */
export function markCurrent(store: Store, version: Pick<VersionRow, 'articleId' | 'ordinal' | 'fingerprint'>): void {
  let known = currentByStore.get(store);
  if (!known) currentByStore.set(store, (known = new Set()));
  // Bounded: forgetting costs one more reading of a page, later.
  if (known.size >= MAX_KNOWN_CURRENT) known.clear();
  known.add(currentKey(version));
}

const MAX_KNOWN_CURRENT = 100_000;
const currentByStore = new WeakMap<Store, Set<string>>();
const currentKey = (v: Pick<VersionRow, 'articleId' | 'ordinal' | 'fingerprint'>) => `${v.articleId}:${v.ordinal}:${v.fingerprint}`;
const isKnownCurrent = (store: Store, v: VersionRow) => currentByStore.get(store)?.has(currentKey(v)) ?? false;

/** Its stamps were read from its own page: the "updated" stamp never moved after it was stored. */
const stampsRereadable = (v: Pick<VersionRow, 'modifiedAt' | 'latestModifiedAt'>) => v.latestModifiedAt === v.modifiedAt;

type Reading = Pick<Article, 'title' | 'byline' | 'paragraphs' | 'publishedAt' | 'modifiedAt'> & { bytes: number };

/** A version's summary against the one before; the same text on both is no change worth announcing (`boring`). */
function summaryBetween(previous: Omit<Reading, 'bytes'>, current: Reading): ChangeSummary {
  const summary = summarizeChange(diffArticles(previous, current));
  const same = contentFingerprint(previous) === contentFingerprint(current);
  return same ? { ...summary, boring: true, same: true } : summary;
}

function readsTheSame(reading: Reading, version: VersionRow): boolean {
  if (contentFingerprint(reading) !== version.fingerprint || reading.publishedAt !== version.publishedAt) return false;
  return !stampsRereadable(version) || reading.modifiedAt === version.modifiedAt;
}

/**
 * What this extractor reads on a version's stored page (its stamps as stored, when they moved since); null when it
 * has none, its encoding is not known, or it is larger than `maxBytes` (decompressed).
 */
function readStoredPage(store: Store, version: VersionRow, page: { url: string; encoding: string }, maxBytes: number): Reading | null {
  if (version.blobHash === null) return null;
  const bytes = store.getBlob(version.blobHash);
  if (!bytes || bytes.byteLength > maxBytes) return null;
  const html = decodeStored(bytes, version.encoding, page.encoding);
  if (html === null) return null;
  const { title, byline, paragraphs, publishedAt, modifiedAt } = extractArticle(html, page.url);
  // Nothing read at all is no better reading of a page that had an article on it.
  if (paragraphs.length === 0) return null;
  return { title, byline, paragraphs, publishedAt, modifiedAt: stampsRereadable(version) ? modifiedAt : version.modifiedAt, bytes: bytes.byteLength };
}

/**
 * The page's text: decoded as when stored, when its encoding was kept. For a
 * version stored before that, only where the answer is not in doubt:
 * - ASCII bytes read the same in every encoding a site serves pages in;
 * - UTF-8 bytes on a site that serves UTF-8 now, unless they declare another
 *   encoding themselves: what the fetcher decoded them as then, unless the
 *   server's Content-Type said otherwise, which valid UTF-8 almost never had;
 * - bytes that are not UTF-8, in the legacy encoding the site serves now
 *   (a site that kept its windows-1252 or Shift_JIS); not when it serves
 *   UTF-8 now: they were in some other encoding then.
 * Anything else keeps the stored reading: a wrong guess would replace good
 * text with garbled text.
 */
function decodeStored(bytes: Uint8Array, stored: string | null, servedNow: string): string | null {
  if (stored === 'windows-1252' && servedNow !== stored) {
    // windows-1252 was also what an older release fell back to for a page that declared nothing: the page read now
    // in another encoding that its bytes give by themselves (detection, fetch/decode.ts) was in that one then too,
    // and decoding it as stored would read mojibake against today's text (a QA upgrade: a Shift_JIS page).
    if (undeclaredEncoding(bytes) === servedNow) return decodeHtml(bytes, `text/html; charset=${servedNow}`).html;
  }
  if (stored !== null) return decodeHtml(bytes, `text/html; charset=${stored}`).html;
  if (!hasNonAscii(bytes)) return decodeHtml(bytes).html;
  const own = decodeHtml(bytes);
  if (isValidUtf8(bytes)) return servedNow === 'utf-8' && own.encoding === 'utf-8' ? own.html : null;
  return servedNow !== 'utf-8' && !servedNow.startsWith('utf-16') ? decodeHtml(bytes, `text/html; charset=${servedNow}`).html : null;
}
