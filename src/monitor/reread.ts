/**
 * A change a check finds may be stet's own: a newer extractor reads the same
 * page differently (a live widget now left out, a correction now read, a
 * headline rule changed). Every version keeps the page it was read from (its
 * blob, DESIGN "Storage"), so before a check compares its reading with the
 * latest version, that version's page is read again by this extractor; when
 * that reading differs from the stored one, it replaces it
 * (Store.replaceReading). The comparison, and the diff of a real edit, are
 * then between two readings by the same extractor: upgrading stet makes no
 * version by itself, and the next real edit shows only the publisher's change.
 *
 * Only asked when a check's reading differs from the latest version's (rare:
 * most checks find the same content), so it costs one decompression and one
 * extraction then. A version without a stored page (imported without it)
 * keeps its reading.
 */
import type { Store, VersionRow } from '../db/store.ts';
import { diffArticles } from '../diff/index.ts';
import { summarizeChange } from '../diff/summary.ts';
import { extractArticle } from '../extract/index.ts';
import { decodeHtml } from '../fetch/decode.ts';
import { contentFingerprint } from './fingerprint.ts';

/**
 * The latest version as this extractor reads its stored page: `latest` itself
 * when it reads the same (or cannot be read again), else the version with its
 * reading replaced. `page` is what the check fetched: the address the page is
 * read at and the encoding its server declared (the stored bytes are raw;
 * the same page is almost always served in the same encoding, and a wrong
 * guess only reads differently, which keeps the stored reading).
 */
export function rereadLatest(store: Store, latest: VersionRow, page: { url: string; encoding: string }, now: number): VersionRow {
  if (latest.blobHash === null) return latest;
  const bytes = store.getBlob(latest.blobHash);
  if (!bytes) return latest;
  const reading = extractArticle(decodeHtml(bytes, `text/html; charset=${page.encoding}`).html, page.url);
  // Nothing read at all is no better reading of a page that had an article on it.
  if (reading.paragraphs.length === 0) return latest;
  const fingerprint = contentFingerprint(reading);
  if (fingerprint === latest.fingerprint) return latest;
  const previous = latest.ordinal > 1 ? store.getVersion(latest.articleId, latest.ordinal - 1) : undefined;
  const diffSummary = previous ? summarizeChange(diffArticles(previous, reading)) : null;
  const replaced = store.replaceReading(
    latest.id,
    latest.fingerprint,
    { title: reading.title, byline: reading.byline, paragraphs: reading.paragraphs, fingerprint, diffSummary },
    now,
  );
  // Another process replaced it first: compare with what it wrote.
  return replaced ?? store.latestVersion(latest.articleId) ?? latest;
}
