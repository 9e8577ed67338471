/**
 * What counts as "only typography" (DESIGN: the `boring` flag).
 */

/**
 * Typography a reader does not care about: curly vs straight quotes, dash
 * kinds, no-break and thin spaces, soft hyphens, zero-width characters,
 * typewriter dashes (--), ellipsis, and compatibility forms (NFKC).
 */
export function typographyKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/gu, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/gu, '"')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/-{2,3}/g, '-') // the typewriter dash
    .replace(/\s+/gu, ' ')
    .trim();
}
