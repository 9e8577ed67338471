/**
 * Reading revisions back for the web: two stored versions and the diff
 * between them, and feed items for a list of revisions. Diffs are computed
 * from the stored paragraphs on demand; the store keeps only their summary.
 */
import { sha256Hex, type ArticleRow, type Revision, type Store, type VersionRow, type VersionWithText } from '../db/store.ts';
import { diffArticles, renderDiffFeedHtml } from '../diff/index.ts';
import { escapeHtml } from '../diff/render.ts';
import { describeChange, describeDiff } from '../diff/summary.ts';
import type { ArticleDiff } from '../diff/model.ts';
import { HttpError } from './errors.ts';
import type { FeedItem } from './feeds.ts';

export interface LoadedDiff {
  from: VersionWithText;
  to: VersionWithText;
  diff: ArticleDiff;
}

export function loadDiff(store: Store, articleId: number, from: number, to: number): LoadedDiff | undefined {
  const older = store.getVersion(articleId, from);
  const newer = store.getVersion(articleId, to);
  if (!older || !newer) return undefined;
  return { from: older, to: newer, diff: diffArticles(older, newer) };
}

/**
 * The 404 for what loadDiff did not find: the version or versions the
 * article lacks, and the ones it has ("version 9 of article 1 not found (it
 * has versions 1 to 3)"), not "version 1 or 9", which leaves a person to guess.
 */
export function versionsNotFound(store: Store, articleId: number, from: number, to: number, article: string): HttpError {
  // Ordinals run 1 to the latest without gaps, so the latest alone says which exist: no version is read for it.
  const latest = store.latestVersion(articleId)?.ordinal ?? 0;
  const missing = [...new Set([from, to])].filter((n) => n < 1 || n > latest).sort((a, b) => a - b);
  const has = latest === 0 ? 'it has no version yet' : latest === 1 ? 'it has version 1 only' : `it has versions 1 to ${latest}`;
  const which = missing.length === 1 ? `version ${missing[0]}` : `versions ${missing.join(' and ')}`;
  return new HttpError(404, 'not_found', `${which} of ${article} not found (${has})`);
}

/**
 * A stealth edit (DESIGN "Time"): the content changed but the publisher's
 * "updated" stamp did not move from what the previous version last showed,
 * on a page that discloses updates. The rule, as a journalist reads it:
 *
 * - Flagged only if some version of the article up to the previous one
 *   showed an "updated" stamp (`updatedStampShownBefore`, see
 *   showedUpdatedStamp). A site that never stamps updates on this page
 *   (a published date at most) hides nothing by not moving a stamp it does
 *   not show: flagging would mark every one of its edits.
 * - Then flagged when this version shows the same "updated" stamp the
 *   previous one last showed, or again none after the page had shown one.
 *   A stamp that moves, appears or disappears is a visible change.
 * - Never when only typography changed (quotes, dashes, spaces): nobody
 *   edited the story.
 *
 * Only earlier versions count, not later ones: a later version never
 * changes a mark once shown (its feed entry is written once). Only a newer
 * stet reading the stored pages again can (monitor/reread.ts), as it can
 * change what the versions say.
 */
export function isStealthEdit(
  previous: Pick<VersionRow, 'latestModifiedAt'>,
  current: Pick<VersionRow, 'modifiedAt'> & Partial<Pick<VersionRow, 'diffSummary'>>,
  updatedStampShownBefore: boolean,
): boolean {
  if (!updatedStampShownBefore) return false;
  if (current.diffSummary?.boring) return false;
  return current.modifiedAt === previous.latestModifiedAt;
}

/**
 * Whether any of these versions showed the publisher's "updated" stamp, on
 * first sight or later (a stamp-only update moves `latestModifiedAt`): pass
 * the versions before the one judged by isStealthEdit. A stamp at the very
 * instant of the published one is none: a page whose metadata repeats its
 * publication time as `dateModified` (a QA pass saw every edit of such a page
 * flagged) shows no update until that time moves. The store asks the same
 * of the database (store.ts showsUpdatedStamp).
 */
export function showedUpdatedStamp(versions: readonly Pick<VersionRow, 'publishedAt' | 'modifiedAt' | 'latestModifiedAt'>[]): boolean {
  return versions.some((v) => isUpdateStamp(v.modifiedAt, v.publishedAt) || isUpdateStamp(v.latestModifiedAt, v.publishedAt));
}

/** An "updated" stamp that says more than the published one: there, and not the same instant (or the same text). */
function isUpdateStamp(stamp: string | null, published: string | null): boolean {
  if (stamp === null) return false;
  if (published === null) return true;
  if (stamp === published) return false;
  const a = Date.parse(stamp);
  return !(Number.isFinite(a) && a === Date.parse(published));
}

type StampedVersion = Pick<VersionRow, 'publishedAt' | 'modifiedAt' | 'latestModifiedAt' | 'diffSummary'>;

/**
 * For a run of an article's consecutive versions (oldest first, a page of
 * its timeline or of the API's list): whether each is a stealth edit
 * (isStealthEdit), in one pass. `before` is what precedes the run: the
 * version just before it (none when the run starts at version 1) and
 * whether any version before the run showed the stamp (the store's
 * updatedStampShownBefore), so a page is marked as the whole history would
 * mark it without reading the versions before it.
 */
export function stealthEdits(run: readonly StampedVersion[], before: { previous: StampedVersion | undefined; updatedStampShownBefore: boolean }): boolean[] {
  let previous = before.previous;
  let shown = before.updatedStampShownBefore;
  return run.map((v) => {
    const stealth = previous ? isStealthEdit(previous, v, shown) : false;
    shown ||= showedUpdatedStamp([v]);
    previous = v;
    return stealth;
  });
}

/** What the stored summary of a version says changed: "headline changed, 1 paragraph changed". */
export function describeChanges(version: Pick<VersionRow, 'diffSummary'>): string {
  return version.diffSummary ? describeChange(version.diffSummary) : 'first version';
}


/**
 * What names an article in feed GUIDs: its watched URL (normalised, unique),
 * hashed. Not the row id, which `stet import` gives anew: a database moved
 * by export and import would have made every reader see every item again.
 */
export function articleFeedKey(article: Pick<ArticleRow, 'url'>): string {
  return sha256Hex(article.url).slice(0, 16);
}

/**
 * A revision's feed GUID / Atom id: stored facts only (the article's URL,
 * version number, content fingerprint), not BASE_URL or row ids, so neither
 * moving the service to another address nor moving its database makes every
 * reader see every revision again.
 */
export function revisionGuid(revision: Revision): string {
  const { article, version } = revision;
  // The fingerprint it was stored with: a re-read by a newer stet (monitor/reread.ts) announces nothing again.
  return `urn:stet:${articleFeedKey(article)}:version:${version.ordinal}:${(version.storedFingerprint ?? version.fingerprint).slice(0, 16)}`;
}

/**
 * A version's feed entry changes only when a newer stet reads the article's
 * pages again (its `rereadAt`, monitor/reread.ts, which also marks a version
 * whose predecessor was read again), so rendered entries are kept: feed readers poll often, and diffing 50 revisions per request is the
 * expensive part of a feed. Keyed by what makes the entry; bounded.
 */
const feedEntryCache = new Map<string, { summary: string; contentHtml: string }>();
const FEED_ENTRY_CACHE_SIZE = 2000;

function feedEntry(store: Store, revision: Revision): { summary: string; contentHtml: string } | undefined {
  const { article, version } = revision;
  const key = `${article.id}:${version.ordinal}:${version.fingerprint}:${version.firstSeenAt}:${version.recordedAt}:${version.rereadAt}:${revision.updatedStampShownBefore}:${article.url}`;
  const cached = feedEntryCache.get(key);
  if (cached) return cached;
  const loaded = loadDiff(store, article.id, version.ordinal - 1, version.ordinal);
  if (!loaded) return undefined;
  const header =
    `<p>Version ${version.ordinal} of <a href="${escapeHtml(article.url)}">${escapeHtml(article.url)}</a>, ` +
    `first seen by stet ${new Date(version.firstSeenAt).toISOString()}${confirmedLater(version)}.</p>`;
  const stealth = isStealthEdit(loaded.from, loaded.to, revision.updatedStampShownBefore) ? ' (stealth edit: the publisher\'s "updated" stamp did not move)' : '';
  const summary = describeDiff(loaded.diff) + stealth;
  const entry = { summary, contentHtml: header + renderDiffFeedHtml(loaded.diff, { summary }) };
  if (feedEntryCache.size >= FEED_ENTRY_CACHE_SIZE) feedEntryCache.delete(feedEntryCache.keys().next().value as string);
  feedEntryCache.set(key, entry);
  return entry;
}

/** For a drastic cut, stored only when a second check found it too (monitor/confirm.ts): when that was; else nothing. */
function confirmedLater(version: Pick<VersionRow, 'firstSeenAt' | 'recordedAt'>): string {
  return version.recordedAt === version.firstSeenAt ? '' : `, confirmed by a second check at ${new Date(version.recordedAt).toISOString()}`;
}

export function revisionFeedItems(store: Store, baseUrl: string, revisions: Revision[]): FeedItem[] {
  return revisions.flatMap((revision) => {
    const { article, version } = revision;
    const entry = feedEntry(store, revision);
    if (!entry) return [];
    return [
      {
        guid: revisionGuid(revision),
        // What changed, in the title too: readers that list titles only showed the same "Updated: <headline>" over and over.
        title: `Updated: ${version.title ?? article.title ?? article.url}${version.diffSummary ? ` — ${describeChange(version.diffSummary)}` : ''}`,
        link: `${baseUrl}/articles/${article.id}/diff/${version.ordinal - 1}..${version.ordinal}`,
        externalUrl: article.url,
        // When stet stored it, as the listing is ordered (activity.ts): a confirmed cut when confirmed, not minutes before.
        date: new Date(version.recordedAt),
        ...entry,
      },
    ];
  });
}
