/**
 * Drastic changes wait for a second sighting. A page that suddenly loses
 * most of its text is more often a glitch than an edit: an error page or a
 * consent or paywall stub served with 200 for one fetch, a half-rendered
 * response. Stored at once, each glitch would make two versions ("everything
 * removed", then "everything back") and two feed items crying wolf. So such
 * content is held as the article's pending fingerprint and becomes a version
 * only when the next check, soon after, sees it again; a real cut or
 * retraction is then recorded one short check later, nothing is lost.
 */
import type { ArticleDiff } from '../diff/model.ts';

/** Removed text above this share of the old version's text is drastic. */
export const DRASTIC_REMOVED_SHARE = 0.5;
/** Old versions shorter than this (characters) are stubs already: any change to them is taken as it comes. */
export const DRASTIC_MIN_OLD_CHARS = 400;
/** How soon the confirming check runs (at most; the regular schedule may be sooner). */
export const CONFIRM_DELAY_MS = 10 * 60_000;

/** Whether a diff removes most of the old version's text (paragraphs removed, not edited or moved). */
export function isDrasticChange(diff: ArticleDiff, oldParagraphs: readonly string[]): boolean {
  let oldChars = 0;
  for (const p of oldParagraphs) oldChars += p.length;
  if (oldChars < DRASTIC_MIN_OLD_CHARS) return false;
  let removedChars = 0;
  for (const b of diff.blocks) if (b.op === 'removed') removedChars += b.text.length;
  return removedChars > DRASTIC_REMOVED_SHARE * oldChars;
}
