/**
 * Inline word diff: the words that changed inside one paragraph, and the
 * similarity of two paragraphs.
 *
 * The token sequences (tokens.ts) are compared with jsdiff's `diffArrays`
 * (Myers O(ND)), bounded by `maxEditLength`.
 *
 * Segments are exact on the new side: the text of `equal` + `insert`
 * segments is the new text, character for character. On the old side
 * `equal` + `delete` is the old text up to whitespace: two whitespace runs
 * compare equal (a run with a line break only with another such run) and an
 * `equal` segment carries the new side's run.
 */
import { diffArrays } from 'diff';
import type { Segment } from './model.ts';
import { myersSnakes } from './myers.ts';
import {
  NFC_STABLE,
  commonEnds,
  isSpaceToken,
  isTokenBoundary,
  prepareTokens,
  prepareTrimmedTokens,
  tokenize,
  type TokenDictionary,
  type Tokens,
} from './tokens.ts';
import { typographyKey } from './typography.ts';

/**
 * diffTokens of two texts, tokenizing only what lies between their common
 * ends (commonEnds): the same segments and similarity as diffing their full
 * token lists, or undefined when that cannot be shown cheaply (text NFC
 * could change, little in common at the ends, or the case below) and the
 * caller should diff the full token lists.
 *
 * diffRuns strips the common token prefix, then the common suffix, then
 * diffs the rest; with stand-ins it does the same as long as the common
 * prefix of the middles stops inside both middles. When one middle runs out
 * first, the full prefix would go on comparing the suffix's first token with
 * the other middle's next one: if those are equal, the insertion (or
 * deletion) would be shown one token later ("a b" → "a b b": which b is new),
 * so that case is left to the full token lists.
 */
export function diffTrimmed(a: string, b: string, dictionary: TokenDictionary, options: WordDiffOptions = {}): WordDiff | undefined {
  const [pre, suf] = commonEnds(a, b);
  // Little in common at the ends (under a quarter of both texts): the full
  // lists cost about as much, and the caller mostly has them already.
  if (pre + suf === 0 || 4 * (pre + suf) < a.length + b.length) return undefined;
  if (!NFC_STABLE.test(a) || !NFC_STABLE.test(b)) return undefined;
  const x = prepareTrimmedTokens(a, pre, suf, dictionary);
  const y = prepareTrimmedTokens(b, pre, suf, dictionary);
  if (suf > 0) {
    const from = pre > 0 ? 1 : 0;
    const xEnd = x.ids.length - 1;
    const yEnd = y.ids.length - 1;
    let k = from;
    while (k < xEnd && k < yEnd && x.ids[k] === y.ids[k]) k++;
    if ((k === xEnd) !== (k === yEnd)) {
      const next = k === xEnd ? y.ids[k]! : x.ids[k]!;
      const suffix = a.slice(a.length - suf);
      let end = 1;
      while (!isTokenBoundary(suffix, end)) end++;
      if (prepareTokens(suffix.slice(0, end), dictionary).ids[0] === next) return undefined;
    }
  }
  return diffTokens(x, y, options);
}

/** One run of the raw (uncleaned) token diff. */
interface Run {
  op: 'equal' | 'delete' | 'insert';
  /** Token index range on the side the run belongs to (new side for equal). */
  from: number;
  to: number;
  /** For equal runs: the start on the old side. */
  oldFrom: number;
}

export interface WordDiff {
  segments: Segment[];
  /** wikidiff2's similarity: copied ÷ (copied + deleted + added + max(changed old, changed new)). */
  similarity: number;
  /** True when maxEditLength tripped and the whole text was shown as delete + insert. */
  aborted: boolean;
}

export interface WordDiffOptions {
  /** Give up (delete all + insert all) beyond this many token edits. */
  maxEditLength?: number;
  /** Skip the cleanup pass (segments as the diff found them). */
  cleanup?: boolean;
}

export const DEFAULT_MAX_WORD_EDITS = 1000;

/** Diffs two token lists: common prefix and suffix first, Myers in between. */
function diffRuns(a: Tokens, b: Tokens, maxEditLength: number): Run[] | undefined {
  const n = a.ids.length;
  const m = b.ids.length;
  let pre = 0;
  while (pre < n && pre < m && a.ids[pre] === b.ids[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a.ids[n - 1 - suf] === b.ids[m - 1 - suf]) suf++;
  const runs: Run[] = [];
  if (pre > 0) runs.push({ op: 'equal', from: 0, to: pre, oldFrom: 0 });
  const aMid = a.ids.slice(pre, n - suf);
  const bMid = b.ids.slice(pre, m - suf);
  if (aMid.length > 0 && bMid.length > 0) {
    const changes = diffArrays(aMid, bMid, { maxEditLength });
    if (changes === undefined) return undefined;
    let ai = pre;
    let bi = pre;
    for (const c of changes) {
      const len = c.count ?? c.value.length;
      if (c.added) {
        runs.push({ op: 'insert', from: bi, to: bi + len, oldFrom: ai });
        bi += len;
      } else if (c.removed) {
        runs.push({ op: 'delete', from: ai, to: ai + len, oldFrom: ai });
        ai += len;
      } else {
        runs.push({ op: 'equal', from: bi, to: bi + len, oldFrom: ai });
        ai += len;
        bi += len;
      }
    }
  } else if (aMid.length > 0) {
    runs.push({ op: 'delete', from: pre, to: n - suf, oldFrom: pre });
  } else if (bMid.length > 0) {
    runs.push({ op: 'insert', from: pre, to: m - suf, oldFrom: pre });
  }
  if (suf > 0) runs.push({ op: 'equal', from: m - suf, to: m, oldFrom: n - suf });
  return runs;
}

function sumWeight(t: Tokens, from: number, to: number): number {
  return sumRange(t.weight, from, to);
}

function sumRange(w: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += w[i]!;
  return s;
}

/** wikidiff2's WordDiffStats: a delete directly followed by an insert is one "change". */
function similarityOf(a: Tokens, b: Tokens, runs: Run[]): number {
  let copied = 0;
  let deleted = 0;
  let added = 0;
  let changed = 0;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (r.op === 'equal') {
      copied += sumWeight(b, r.from, r.to);
    } else if (r.op === 'delete') {
      const next = runs[i + 1];
      const d = sumWeight(a, r.from, r.to);
      if (next?.op === 'insert') {
        changed += Math.max(d, sumWeight(b, next.from, next.to));
        i++;
      } else {
        deleted += d;
      }
    } else {
      added += sumWeight(b, r.from, r.to);
    }
  }
  const total = copied + deleted + added + changed;
  if (total === 0) {
    // Only whitespace or nothing on both sides: identical texts are fully similar.
    return a.ids.length === b.ids.length && a.ids.every((id, k) => id === b.ids[k]) ? 1 : 0;
  }
  return copied / total;
}

/** Equal runs of at most this many non-space tokens between two edits are folded into the edit. */
export const CLEANUP_MAX_EQUAL_TOKENS = 2;

interface Group {
  equal: string | null;
  del: string;
  ins: string;
}

/**
 * Semantic cleanup, as EDGI's html diff and diff-match-patch's
 * diff_cleanupSemantic do: a short equal run between two edits (≤ 2 tokens,
 * not counting whitespace) is folded into the edit, so a rewritten sentence
 * reads as one change and not as confetti.
 */
function toSegments(a: Tokens, b: Tokens, runs: Run[], cleanup: boolean): Segment[] {
  const groups: Group[] = [];
  for (const r of runs) {
    if (r.op === 'equal') {
      groups.push({ equal: b.text.slice(r.from, r.to).join(''), del: '', ins: '' });
      continue;
    }
    let last = groups[groups.length - 1];
    if (!last || last.equal !== null) {
      last = { equal: null, del: '', ins: '' };
      groups.push(last);
    }
    if (r.op === 'delete') last.del += a.text.slice(r.from, r.to).join('');
    else last.ins += b.text.slice(r.from, r.to).join('');
  }
  if (cleanup) {
    for (let i = 1; i + 1 < groups.length; i++) {
      const g = groups[i]!;
      const prev = groups[i - 1]!;
      const next = groups[i + 1]!;
      if (g.equal === null || prev.equal !== null || next.equal !== null) continue;
      if (countWordTokens(g.equal) > CLEANUP_MAX_EQUAL_TOKENS) continue;
      // Two typography fixes (it's → it’s … Trump's → Trump’s) are not a
      // rewritten sentence: keep the words between them readable.
      if (isTypographic(prev) && isTypographic(next)) continue;
      prev.del += g.equal + next.del;
      prev.ins += g.equal + next.ins;
      groups.splice(i, 2);
      // Look again at the gap before `prev`: it was kept between two typography fixes, and `prev` may no
      // longer be one ("→“ … it’s → it's … the → ": the second fix joined the real edit after it).
      i = Math.max(0, i - 3);
    }
  }
  const segments: Segment[] = [];
  for (const g of groups) {
    if (g.equal !== null) {
      if (g.equal) segments.push({ op: 'equal', text: g.equal });
    } else {
      if (g.del) segments.push({ op: 'delete', text: g.del });
      if (g.ins) segments.push({ op: 'insert', text: g.ins });
    }
  }
  return segments;
}

function isTypographic(g: Group): boolean {
  return g.del !== '' && g.ins !== '' && typographyKey(g.del) === typographyKey(g.ins);
}

function countWordTokens(text: string): number {
  let n = 0;
  for (const t of tokenize(text)) {
    if (!isSpaceToken(t)) n++;
    if (n > CLEANUP_MAX_EQUAL_TOKENS) break;
  }
  return n;
}

/** Word diff of two prepared texts. */
export function diffTokens(a: Tokens, b: Tokens, options: WordDiffOptions = {}): WordDiff {
  const maxEditLength = options.maxEditLength ?? DEFAULT_MAX_WORD_EDITS;
  const runs = diffRuns(a, b, maxEditLength);
  if (runs === undefined) {
    const segments: Segment[] = [];
    const oldText = a.text.join('');
    const newText = b.text.join('');
    if (oldText) segments.push({ op: 'delete', text: oldText });
    if (newText) segments.push({ op: 'insert', text: newText });
    return { segments, similarity: 0, aborted: true };
  }
  return {
    segments: toSegments(a, b, runs, options.cleanup ?? true),
    similarity: similarityOf(a, b, runs),
    aborted: false,
  };
}

/** Word diff of two strings. */
export function diffWordsInline(oldText: string, newText: string, options: WordDiffOptions = {}): WordDiff {
  const dictionary: TokenDictionary = new Map();
  return (
    diffTrimmed(oldText, newText, dictionary, options) ??
    diffTokens(prepareTokens(oldText, dictionary), prepareTokens(newText, dictionary), options)
  );
}

/**
 * Only the similarity, for scoring candidate pairs: wikidiff2's measure over
 * the words (whitespace carries no weight, so it is left out of the
 * comparison, which halves its length), with the allocation-free Myers of
 * myers.ts. Both token lists must come from one dictionary. -1 when more
 * than `maxEditLength` edits are needed (the pair is not similar).
 *
 * With a `threshold`, a pair that surely scores below it may stop early and
 * score 0: D edits move at least D characters (a word token weighs ≥ 1), so
 * copied ≤ (wa + wb − D) / 2, while the denominator is at least max(wa, wb);
 * once D exceeds wa + wb − 2 · threshold · max(wa, wb), the pair cannot
 * reach the threshold. Unrelated candidates that share many words (which
 * the bag bound lets through) stop after a fraction of the diff. Only when
 * the pair cannot exceed `maxEditLength` anyway (that must still say -1).
 */
export function scoreSimilarity(
  a: Tokens,
  b: Tokens,
  maxEditLength: number,
  budget?: { steps: number },
  threshold = 0,
): number {
  const ai = a.wordIds;
  const bi = b.wordIds;
  const aw = a.wordWeights;
  const bw = b.wordWeights;
  const n = ai.length;
  const m = bi.length;
  let maxD = maxEditLength;
  let hopeless = Infinity; // edits past which the pair is surely below the threshold
  if (threshold > 0 && n + m <= maxEditLength) {
    const wa = sumRange(aw, 0, n);
    const wb = sumRange(bw, 0, m);
    hopeless = Math.floor(wa + wb - 2 * threshold * Math.max(wa, wb) + 1e-6);
    if (hopeless < 0) return 0;
    maxD = Math.min(maxD, hopeless);
  }
  let pre = 0;
  while (pre < n && pre < m && ai[pre] === bi[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && ai[n - 1 - suf] === bi[m - 1 - suf]) suf++;
  const snakes = myersSnakes(ai.slice(pre, n - suf), bi.slice(pre, m - suf), maxD, budget);
  if (snakes === undefined) return maxD === hopeless && !(budget && budget.steps < 0) ? 0 : -1;
  let copied = sumRange(aw, 0, pre) + sumRange(aw, n - suf, n);
  let deleted = 0;
  let added = 0;
  let changed = 0;
  let x = pre;
  let y = pre;
  // each snake, then the end of the middle: the edits before it, then what it copies
  for (let t = 0; t <= snakes.length; t += 3) {
    const end = t === snakes.length;
    const sx = end ? n - suf : pre + snakes[t]!;
    const sy = end ? m - suf : pre + snakes[t + 1]!;
    const len = end ? 0 : snakes[t + 2]!;
    const d = sumRange(aw, x, sx);
    const i = sumRange(bw, y, sy);
    if (d > 0 && i > 0) changed += Math.max(d, i);
    else {
      deleted += d;
      added += i;
    }
    copied += sumRange(aw, sx, sx + len);
    x = sx + len;
    y = sy + len;
  }
  const total = copied + deleted + added + changed;
  return total === 0 ? 1 : copied / total;
}

/**
 * A cheap upper bound of the similarity, without a diff: every copied
 * character is in both token bags, and the denominator is at least the
 * larger side (copied + deleted + changed-old is the old side's length).
 * `scratch` is a zeroed counter array at least as long as the dictionary;
 * it is left zeroed.
 */
export function similarityUpperBound(a: Tokens, b: Tokens, scratch: Int32Array): number {
  const total = Math.max(totalWeight(a), totalWeight(b));
  return total === 0 ? 1 : commonWeight(a, b, scratch) / total;
}

/** Characters of the word tokens the two lists share, as bags: at least what any diff copies. */
export function commonWeight(a: Tokens, b: Tokens, scratch: Int32Array): number {
  const ai = a.wordIds;
  const bi = b.wordIds;
  const bw = b.wordWeights;
  for (let k = 0; k < ai.length; k++) scratch[ai[k]!]!++;
  let common = 0;
  for (let k = 0; k < bi.length; k++) {
    const id = bi[k]!;
    if (scratch[id]! > 0) {
      scratch[id]!--;
      common += bw[k]!;
    }
  }
  for (let k = 0; k < ai.length; k++) scratch[ai[k]!] = 0;
  return common;
}

export function totalWeight(t: Tokens): number {
  let s = 0;
  for (let k = 0; k < t.wordWeights.length; k++) s += t.wordWeights[k]!;
  return s;
}
