/**
 * Scoring, exactly as the corpus README defines it (the scrapinghub
 * article-extraction-benchmark metric, so numbers compare with its table):
 *
 * 1. tokens: every `\w+` match (Unicode), case kept;
 * 2. shingles: runs of 4 consecutive tokens as a multiset (fewer than 4
 *    tokens: one shingle of all of them; no tokens: none);
 * 3. per page tp = Σ min(count expected, count predicted), fp = predicted
 *    surplus, fn = expected surplus, each divided by tp+fp+fn;
 * 4. precision = tp/(tp+fp), recall = tp/(tp+fn); both 1 when fp = fn = 0;
 *    precision 0 when tp = fp = 0; recall 0 when tp = fn = 0; pages with
 *    tp+fp = 0 leave the precision mean, pages with tp+fn = 0 the recall mean;
 * 5. corpus P and R are means over pages; F1 = 2PR/(P+R).
 */

/** `\w+` in the Unicode sense (Python's `re` default): letters, marks, digits, connector punctuation. */
const WORD = /[\p{L}\p{M}\p{Nd}\p{Pc}]+/gu;

export function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const toks = tokens(text);
  const out = new Map<string, number>();
  if (toks.length === 0) return out;
  if (toks.length < n) {
    out.set(toks.join(' '), 1);
    return out;
  }
  for (let i = 0; i + n <= toks.length; i++) {
    const key = toks.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Normalised tp/fp/fn for one page (each divided by tp+fp+fn). */
export function pageCounts(expected: string, predicted: string): PageCounts {
  const e = shingles(expected);
  const p = shingles(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, ce] of e) {
    const cp = p.get(k) ?? 0;
    tp += Math.min(ce, cp);
    fn += Math.max(0, ce - cp);
  }
  for (const [k, cp] of p) fp += Math.max(0, cp - (e.get(k) ?? 0));
  const total = tp + fp + fn;
  return total === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / total, fp: fp / total, fn: fn / total };
}

export function pagePrecisionRecall(c: PageCounts): { precision: number | null; recall: number | null } {
  if (c.fp === 0 && c.fn === 0) return { precision: 1, recall: 1 };
  const precision = c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
  return { precision, recall };
}

export interface BodyScore {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
}

export function corpusBodyScore(pages: PageCounts[]): BodyScore {
  let ps = 0, pn = 0, rs = 0, rn = 0;
  for (const c of pages) {
    const { precision, recall } = pagePrecisionRecall(c);
    if (precision !== null) { ps += precision; pn++; }
    if (recall !== null) { rs += recall; rn++; }
  }
  const P = pn === 0 ? 0 : ps / pn;
  const R = rn === 0 ? 0 : rs / rn;
  return { pages: pages.length, precision: P, recall: R, f1: P + R === 0 ? 0 : (2 * P * R) / (P + R) };
}

/** Runs of white space as one space, none at either end. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Text as titles and bylines compare: NFC, white space collapsed. */
function normalizedText(text: string): string {
  return collapseWhitespace(text.normalize('NFC'));
}

/** Whitespace-collapsed exact comparison (titles, bylines). */
export function sameText(expected: string, predicted: string | null): boolean {
  return predicted !== null && normalizedText(expected) === normalizedText(predicted);
}

/**
 * Bylines compare as the people they name. The ground-truth sources write one
 * byline several ways (../shared/corpus/README.md: "bylines may keep 'By'/'Par'
 * prefixes, several names … as the source has them"): a lead-in word ("By",
 * "Par", "Von", "Por", "Door"), letter case ("OZ" / "oz") and the list
 * separator ("A and B" / "A, B") are not part of any name. Everything else
 * (every name, its spelling, a site name kept or dropped) must match.
 */
export function sameByline(expected: string, predicted: string | null): boolean {
  if (predicted === null) return false;
  const names = (s: string): string[] =>
    normalizedText(s)
      .replace(/^(?:(?:written )?by|par|von|por|door)\b:?\s*/iu, '')
      .toLocaleLowerCase('und')
      .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*/u)
      .filter((n) => n.length > 0);
  const a = names(expected);
  const b = names(predicted);
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** An ISO 8601 stamp with a time of day, not a day alone. */
export function hasTime(stamp: string): boolean {
  return /T\d{2}:\d{2}/.test(stamp);
}

/** The same day: the stamps' first ten characters (YYYY-MM-DD). */
export function sameDay(expected: string, predicted: string | null): boolean {
  return predicted !== null && expected.slice(0, 10) === predicted.slice(0, 10);
}

/** Dates compare on the day unless both sides give a time (then on the instant, or on the wall clock when either lacks an offset). */
export function sameDate(expected: string, predicted: string | null): boolean {
  if (predicted === null) return false;
  if (!hasTime(expected) || !hasTime(predicted)) return sameDay(expected, predicted);
  const hasOffset = (s: string): boolean => /(?:Z|[+-]\d{2}:?\d{2})$/.test(s);
  if (hasOffset(expected) && hasOffset(predicted)) return Date.parse(expected) === Date.parse(predicted);
  return expected.slice(0, 16) === predicted.slice(0, 16);
}

/** Must-include / must-exclude snippets: whitespace-collapsed substring tests. */
export function snippetChecks(body: string, withSnippets: string[] | null, withoutSnippets: string[] | null): { withOk: boolean | null; withoutOk: boolean | null } {
  const b = collapseWhitespace(body);
  return {
    withOk: withSnippets === null ? null : withSnippets.every((s) => b.includes(collapseWhitespace(s))),
    withoutOk: withoutSnippets === null ? null : withoutSnippets.every((s) => !b.includes(collapseWhitespace(s))),
  };
}
