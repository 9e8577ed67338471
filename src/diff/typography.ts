/**
 * What counts as "only typography" (DESIGN: the `boring` flag).
 */
import type { Segment } from './model.ts';

/**
 * Typography a reader does not care about: curly vs straight quotes, dash
 * kinds, no-break and thin spaces, soft hyphens, zero-width characters,
 * typewriter dashes (--), ellipsis, and compatibility forms (NFKC).
 */
export function typographyKey(text: string, trim = true): string {
  const key = text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/gu, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/gu, '"')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/-{2,3}/g, '-') // the typewriter dash
    .replace(/\s+/gu, ' ');
  return trim ? key.trim() : key;
}

/**
 * Whether a word diff changes only typography: every edit (the deleted and
 * inserted text between two equal runs) is equal once typography is
 * normalised. Cheaper than normalising both whole paragraphs; edits are
 * compared untrimmed, so a space that came or went still counts.
 */
export function onlyTypography(segments: readonly Segment[]): boolean {
  let del = '';
  let ins = '';
  let edited = false;
  // each edit ends at an equal segment or at the end
  for (let k = 0; k <= segments.length; k++) {
    const s = segments[k];
    if (s?.op === 'delete') del += s.text;
    else if (s?.op === 'insert') ins += s.text;
    else if (del !== '' || ins !== '') {
      if (typographyKey(del, false) !== typographyKey(ins, false)) return false;
      edited = true;
      del = '';
      ins = '';
    }
  }
  return edited;
}
