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
  const editIsTypography = (): boolean => {
    if (del === '' && ins === '') return true;
    edited = true;
    const same = typographyKey(del, false) === typographyKey(ins, false);
    del = '';
    ins = '';
    return same;
  };
  for (const s of segments) {
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else if (!editIsTypography()) return false;
  }
  return editIsTypography() && edited;
}
