/**
 * Drastic changes wait for a second sighting. A page that suddenly loses
 * most of its text, or turns into another page, is more often a glitch than
 * an edit: an error page or a consent or paywall stub served with 200 for
 * one fetch, a half-rendered response. Stored at once, each glitch would
 * make two versions ("everything removed", then "everything back") and two
 * feed items crying wolf. So the first such sighting is held (the article's
 * pending fingerprint) and the page is checked again soon: if a check at
 * least CONFIRM_MIN_GAP_MS later still finds the article drastically changed
 * against the same latest version, whatever the exact text this time (a
 * retraction notice with a rotating "most read" box, two edge servers with
 * two error pages), the change is real and becomes a version, dated from its
 * first sighting when the text is the same; anything else clears it. A real
 * cut, retraction or rewrite is recorded one confirming check later; nothing
 * is lost but an intermediate text that the page replaced again before the
 * confirming check.
 *
 * Two kinds of change are drastic (isDrasticChange):
 * - a cut: most of the old text removed and the page less than half as long,
 *   on an article of DRASTIC_MIN_OLD_CHARS or more (shorter ones are stubs
 *   already, and trimming one is an ordinary edit);
 * - a replacement: the headline changed and most of the old text removed,
 *   whatever the lengths. A consent wall or paywall has its own title, and
 *   is often longer than a short story; a section page of twelve teasers is
 *   longer than the article it replaced. A story rewritten under the same
 *   headline, at the same length or longer (live coverage), is an edit and
 *   is stored at once.
 *
 * The same change reached through a redirect to a page above the article is
 * no version at all but the article's removal (check.ts, gone.ts).
 */
import type { ArticleDiff } from '../diff/model.ts';

/** Removed text above this share of the old version's text is drastic, when the headline changed too or… */
export const DRASTIC_REMOVED_SHARE = 0.5;
/** …when the new text is also shorter than this share of the old (a cut). */
export const DRASTIC_REMAINING_SHARE = 0.5;
/** Old versions shorter than this (characters) are stubs already: cutting one under the same headline is an ordinary edit. */
export const DRASTIC_MIN_OLD_CHARS = 400;
/** How soon the confirming check runs, unless the page's max-age says to wait longer (a cache would answer with the same glitch). */
export const CONFIRM_DELAY_MS = 10 * 60_000;
/**
 * A sighting this soon after the first does not confirm it (a second "Check
 * now" would reach the same glitch in the same cache); the scheduled
 * confirming check, CONFIRM_DELAY_MS after the first, still does. The same
 * holds for a page that says it is gone (404/410, check.ts).
 */
export const CONFIRM_MIN_GAP_MS = 5 * 60_000;
/** A pending sighting older than this many confirming delays is stale: the next one starts over (other answers came between, or days passed). */
export const CONFIRM_WINDOW_DELAYS = 3;

/**
 * What a drastic cut seen now makes of one pending since `since` (null: none).
 * A cache may answer with the same glitch for as long as its max-age, so the
 * confirming sighting must come at least that long (and CONFIRM_MIN_GAP_MS)
 * after the first; one much later than the confirming check was due is not
 * a second sighting of the same glitch but a new first one.
 */
export function confirmation(since: number | null, now: number, maxAgeSeconds: number | null): 'first' | 'too-soon' | 'confirmed' {
  if (since === null) return 'first';
  if (now < confirmableFrom(since, maxAgeSeconds)) return now >= since ? 'too-soon' : 'first';
  if (now - since > CONFIRM_WINDOW_DELAYS * confirmDelayMs(maxAgeSeconds)) return 'first';
  return 'confirmed';
}

/**
 * The earliest time a sighting confirms one first seen at `since`:
 * CONFIRM_MIN_GAP_MS later, or once the page's max-age has run out if that
 * is later (what the CLI tells a person waiting for a confirmation).
 */
export function confirmableFrom(since: number, maxAgeSeconds: number | null): number {
  return since + Math.max(CONFIRM_MIN_GAP_MS, Math.max(0, maxAgeSeconds ?? 0) * 1000);
}

/** How long after a first sighting the confirming check runs: CONFIRM_DELAY_MS, or the page's max-age if longer. */
function confirmDelayMs(maxAgeSeconds: number | null): number {
  return Math.max(CONFIRM_DELAY_MS, Math.max(0, maxAgeSeconds ?? 0) * 1000);
}

/**
 * When to look again at something first seen at `since` and not confirmed
 * yet (a drastic cut, a page gone): the confirming delay after the first
 * sighting, and never sooner than CONFIRM_MIN_GAP_MS from now.
 */
export function confirmingCheckAt(since: number, now: number, maxAgeSeconds: number | null): number {
  return Math.max(since + confirmDelayMs(maxAgeSeconds), now + CONFIRM_MIN_GAP_MS);
}

function chars(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.length;
  return n;
}

/**
 * Whether a diff changes the article drastically: most of the old text
 * removed (not edited or moved), and either the headline changed (the page
 * is another one now) or, on an article of DRASTIC_MIN_OLD_CHARS or more,
 * the page is less than half as long (cut down).
 */
export function isDrasticChange(diff: ArticleDiff, oldParagraphs: readonly string[], newParagraphs: readonly string[]): boolean {
  const oldChars = chars(oldParagraphs);
  let removedChars = 0;
  for (const b of diff.blocks) if (b.op === 'removed') removedChars += b.text.length;
  if (removedChars <= DRASTIC_REMOVED_SHARE * oldChars) return false;
  // Replaced: diff.title is null when the headline is the same (up to spacing).
  if (diff.title !== null) return true;
  return oldChars >= DRASTIC_MIN_OLD_CHARS && chars(newParagraphs) < DRASTIC_REMAINING_SHARE * oldChars;
}
