/**
 * Inline word diff: the words that changed inside one paragraph.
 *
 * Tokens are whole words (letters, marks, digits), whole numbers ("4,000",
 * "3.5", "12:30" are one token, so 63 → 66 is one change), whitespace runs,
 * single punctuation characters and whole emoji sequences. Runs of scripts
 * written without spaces (Han, Kana, Hangul, Thai, Lao, Khmer, Myanmar) are
 * split into words by `Intl.Segmenter`. The token sequences are compared with
 * jsdiff's `diffArrays` (Myers O(ND)), bounded by `maxEditLength`.
 *
 * Segments are exact on the new side: the text of `equal` + `insert`
 * segments is the new text, character for character. On the old side
 * `equal` + `delete` is the old text up to whitespace: two whitespace runs
 * compare equal (a run with a line break only with another such run) and an
 * `equal` segment carries the new side's run.
 */
import { diffArrays } from 'diff';
import type { Segment } from './model.ts';

/** Scripts written without spaces between words: hand these to Intl.Segmenter. */
const SPACELESS_RUN =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u3005\\u30FC]+';
const NUMBER = '\\p{Nd}[\\p{Nd}\\p{M}]*(?:[.,:/][\\p{Nd}]+)*[\\p{L}\\p{M}\\p{N}_]*';
const WORD = "[\\p{L}\\p{M}\\p{N}_]+(?:['’][\\p{L}\\p{M}]+)*";
const SPACE = '\\s+';
const EMOJI =
  '\\p{RI}\\p{RI}|\\p{Extended_Pictographic}(?:\\p{EMod}|\\uFE0F|\\u20E3|\\u200D\\p{Extended_Pictographic}|[\\u{E0020}-\\u{E007F}])*';
/** Anything else: one code point with the marks that sit on it. */
const OTHER = '[^][\\p{M}\\uFE0F\\u200D]*';
const TOKEN = new RegExp(`(${SPACELESS_RUN})|${NUMBER}|${WORD}|${SPACE}|${EMOJI}|${OTHER}`, 'gu');
const HAS_SPACELESS = new RegExp(SPACELESS_RUN, 'u');

let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

/** Splits text into tokens whose concatenation is exactly the text. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const spaceless = HAS_SPACELESS.test(text);
  TOKEN.lastIndex = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (spaceless && m[1] !== undefined) {
      const seg = wordSegmenter();
      if (seg) {
        for (const s of seg.segment(m[1])) tokens.push(s.segment);
        continue;
      }
      // No ICU word breaking: one token per character is still correct, just noisier.
      for (const ch of m[1]) tokens.push(ch);
      continue;
    }
    tokens.push(m[0]);
  }
  return tokens;
}

const IS_SPACE = /^\s+$/u;
// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000 by definition
const NON_ASCII = /[^\x00-\x7f]/;

/** A token list with comparison keys: whitespace runs compare equal, other tokens by NFC. */
export interface Tokens {
  text: string[];
  keys: string[];
  /** Non-whitespace length of each token, in UTF-16 units (wikidiff2 counts word bodies). */
  weight: number[];
}

export function prepareTokens(text: string): Tokens {
  const toks = tokenize(text);
  const nfc = NON_ASCII.test(text);
  const keys = new Array<string>(toks.length);
  const weight = new Array<number>(toks.length);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (IS_SPACE.test(t)) {
      // A line break is where split / merged paragraphs meet: keep it distinct from a space.
      keys[i] = t.includes('\n') ? '\n' : ' ';
      weight[i] = 0;
    } else {
      keys[i] = nfc ? t.normalize('NFC') : t;
      weight[i] = t.length;
    }
  }
  return { text: toks, keys, weight };
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
  /** Skip the cleanup pass. */
  cleanup?: boolean;
  /** Only the similarity is wanted: build no segments. */
  similarityOnly?: boolean;
}

export const DEFAULT_MAX_WORD_EDITS = 2000;

/** Diffs two token lists: common prefix and suffix first, Myers in between. */
function diffRuns(a: Tokens, b: Tokens, maxEditLength: number): Run[] | undefined {
  const n = a.keys.length;
  const m = b.keys.length;
  let pre = 0;
  while (pre < n && pre < m && a.keys[pre] === b.keys[pre]) pre++;
  let suf = 0;
  while (suf < n - pre && suf < m - pre && a.keys[n - 1 - suf] === b.keys[m - 1 - suf]) suf++;
  const runs: Run[] = [];
  if (pre > 0) runs.push({ op: 'equal', from: 0, to: pre, oldFrom: 0 });
  const aMid = a.keys.slice(pre, n - suf);
  const bMid = b.keys.slice(pre, m - suf);
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
  let s = 0;
  for (let i = from; i < to; i++) s += t.weight[i]!;
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
    return a.keys.join('') === b.keys.join('') ? 1 : 0;
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
      prev.del += g.equal + next.del;
      prev.ins += g.equal + next.ins;
      groups.splice(i, 2);
      i--;
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

function countWordTokens(text: string): number {
  let n = 0;
  for (const t of tokenize(text)) {
    if (!IS_SPACE.test(t)) n++;
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
    segments: options.similarityOnly ? [] : toSegments(a, b, runs, options.cleanup ?? true),
    similarity: similarityOf(a, b, runs),
    aborted: false,
  };
}

/** Word diff of two strings. */
export function diffWordsInline(oldText: string, newText: string, options: WordDiffOptions = {}): WordDiff {
  return diffTokens(prepareTokens(oldText), prepareTokens(newText), options);
}

/**
 * A cheap upper bound of the similarity, without a diff: every copied
 * character is in both token bags, and the denominator is at least the
 * larger side (copied + deleted + changed-old is the old side's length).
 */
export function similarityUpperBound(a: Tokens, b: Tokens, aBag?: Map<string, number>): number {
  const bagA = aBag ?? tokenBag(a);
  const used = new Map<string, number>();
  let common = 0;
  for (let i = 0; i < b.keys.length; i++) {
    const w = b.weight[i]!;
    if (w === 0) continue;
    const k = b.keys[i]!;
    const have = bagA.get(k) ?? 0;
    const u = used.get(k) ?? 0;
    if (u < have) {
      used.set(k, u + 1);
      common += w;
    }
  }
  const total = Math.max(sumWeight(a, 0, a.keys.length), sumWeight(b, 0, b.keys.length));
  return total === 0 ? 1 : common / total;
}

export function tokenBag(t: Tokens): Map<string, number> {
  const bag = new Map<string, number>();
  for (let i = 0; i < t.keys.length; i++) {
    if (t.weight[i] === 0) continue;
    const k = t.keys[i]!;
    bag.set(k, (bag.get(k) ?? 0) + 1);
  }
  return bag;
}
