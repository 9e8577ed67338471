/**
 * Drastic changes wait for a second sighting. A page that suddenly loses
 * most of its text is more often a glitch than an edit: an error page or a
 * consent or paywall stub served with 200 for one fetch, a half-rendered
 * response. Stored at once, each glitch would make two versions ("everything
 * removed", then "everything back") and two feed items crying wolf. So the
 * first such sighting is held (the article's pending fingerprint) and the
 * page is checked again soon: if that check still finds the article cut
 * down against the same latest version, whatever the exact text this time
 * (a retraction notice with a rotating "most read" box, two edge servers
 * with two error pages), the cut is real and becomes a version; anything
 * else clears it. A real cut or retraction is recorded one check later;
 * nothing is lost.
 *
 * Only a page that shrinks counts: a story rewritten at the same length or
 * longer (live coverage) is an edit and is stored at once.
 */
import type { ArticleDiff } from '../diff/model.ts';

/** Removed text above this share of the old version's text is drastic… */
export const DRASTIC_REMOVED_SHARE = 0.5;
/** …when the new text is also shorter than this share of the old. */
export const DRASTIC_REMAINING_SHARE = 0.5;
/** Old versions shorter than this (characters) are stubs already: any change to them is taken as it comes. */
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
  const maxAgeMs = Math.max(0, maxAgeSeconds ?? 0) * 1000;
  if (now - since < Math.max(CONFIRM_MIN_GAP_MS, maxAgeMs)) return now >= since ? 'too-soon' : 'first';
  if (now - since > CONFIRM_WINDOW_DELAYS * confirmDelayMs(maxAgeSeconds)) return 'first';
  return 'confirmed';
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

/** Whether a diff cuts the article down: most of the old text removed (not edited or moved) and the page much shorter. */
export function isDrasticChange(diff: ArticleDiff, oldParagraphs: readonly string[], newParagraphs: readonly string[]): boolean {
  const oldChars = chars(oldParagraphs);
  if (oldChars < DRASTIC_MIN_OLD_CHARS) return false;
  if (chars(newParagraphs) >= DRASTIC_REMAINING_SHARE * oldChars) return false;
  let removedChars = 0;
  for (const b of diff.blocks) if (b.op === 'removed') removedChars += b.text.length;
  return removedChars > DRASTIC_REMOVED_SHARE * oldChars;
}
