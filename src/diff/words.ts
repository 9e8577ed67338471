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
import { myersSnakes } from './myers.ts';
import { typographyKey } from './typography.ts';

/** Scripts written without spaces between words: hand these to Intl.Segmenter. */
const SPACELESS_CHAR =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}\\u3005\\u30FC]';
const SPACELESS_RUN = `${SPACELESS_CHAR}(?:${SPACELESS_CHAR}|\\p{M})*`;
const NUMBER = '\\p{Nd}[\\p{Nd}\\p{M}]*(?:[.,:/][\\p{Nd}]+)*[\\p{L}\\p{M}\\p{N}_]*';
const WORD = "[\\p{L}\\p{M}\\p{N}_]+(?:['’][\\p{L}\\p{M}]+)*";
// In text with spaceless scripts, a word stops where such a script starts
// ("iPhoneを買った" is iPhone | を | 買った), so these classes exclude them.
const NOT_SPACELESS = `(?!${SPACELESS_CHAR})`;
const NUMBER_IN_MIXED = `\\p{Nd}[\\p{Nd}\\p{M}]*(?:[.,:/][\\p{Nd}]+)*(?:${NOT_SPACELESS}[\\p{L}\\p{M}\\p{N}_])*`;
const WORD_IN_MIXED = `(?:${NOT_SPACELESS}[\\p{L}\\p{M}\\p{N}_])+(?:['’](?:${NOT_SPACELESS}[\\p{L}\\p{M}])+)*`;
const SPACE = '\\s+';
const EMOJI =
  '\\p{RI}\\p{RI}|\\p{Extended_Pictographic}(?:\\p{EMod}|\\uFE0F|\\u20E3|\\u200D\\p{Extended_Pictographic}|[\\u{E0020}-\\u{E007F}])*';
/** Anything else: one code point with the marks that sit on it. */
const OTHER = '[^][\\p{M}\\uFE0F\\u200D]*';
const TOKEN = new RegExp(`(${SPACELESS_RUN})|${NUMBER_IN_MIXED}|${WORD_IN_MIXED}|${SPACE}|${EMOJI}|${OTHER}`, 'gu');
/** Text without spaceless scripts: `String.match` then returns the tokens directly. */
const TOKEN_PLAIN = new RegExp(`${NUMBER}|${WORD}|${SPACE}|${EMOJI}|${OTHER}`, 'gu');
const HAS_SPACELESS = new RegExp(SPACELESS_CHAR, 'u');

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
  return tokenizeLatin(text) ?? tokenizeUnicode(text);
}

/** The regular-expression tokenizer: every script. */
export function tokenizeUnicode(text: string): string[] {
  if (!HAS_SPACELESS.test(text)) return text.match(TOKEN_PLAIN) ?? [];
  const tokens: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
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


// Character classes of the Latin fast path (tokenizeLatin).
const OUT = 0; // outside the fast path's alphabet: use the regular expressions
const LETTER = 1; // \p{L}, and _ (word characters that are not digits or marks)
const DIGIT = 2; // \p{Nd}
const MARK = 3; // \p{M}
const SPACE_CHAR = 4; // \s
const PUNCT = 5; // anything else that is one token by itself
const APOSTROPHE = 6; // ' and ’: inside a word (don't, it’s), else punctuation

const LATIN_CLASS = (() => {
  const cls = new Uint8Array(0x2060); // OUT beyond
  for (let c = 0; c < 0x80; c++) cls[c] = PUNCT;
  for (let c = 0x09; c <= 0x0d; c++) cls[c] = SPACE_CHAR;
  cls[0x20] = SPACE_CHAR;
  for (let c = 0x30; c <= 0x39; c++) cls[c] = DIGIT;
  for (let c = 0x41; c <= 0x5a; c++) cls[c] = LETTER;
  for (let c = 0x61; c <= 0x7a; c++) cls[c] = LETTER;
  cls[0x5f] = LETTER;
  cls[0x27] = APOSTROPHE;
  cls[0xa0] = SPACE_CHAR;
  for (let c = 0xc0; c <= 0x24f; c++) cls[c] = LETTER;
  cls[0xd7] = PUNCT; // ×
  cls[0xf7] = PUNCT; // ÷
  for (let c = 0x300; c <= 0x36f; c++) cls[c] = MARK;
  for (let c = 0x2000; c <= 0x200a; c++) cls[c] = SPACE_CHAR;
  for (let c = 0x2010; c <= 0x2027; c++) cls[c] = PUNCT;
  for (let c = 0x2030; c <= 0x205e; c++) cls[c] = PUNCT;
  cls[0x2019] = APOSTROPHE;
  cls[0x202f] = SPACE_CHAR;
  cls[0x203c] = OUT; // ‼ and ⁉ are emoji (Extended_Pictographic)
  cls[0x2049] = OUT;
  return cls;
})();

function latinClass(c: number): number {
  return c < 0x2060 ? LATIN_CLASS[c]! : OUT;
}

function isWordClass(cls: number): boolean {
  return cls === LETTER || cls === DIGIT || cls === MARK;
}

// Hot paths here and in paragraphs.ts and myers.ts define no named closures:
// tsx (esbuild's keepNames) wraps each one in a __name() call that costs
// ~0.2 µs every time the closure is created, as much as diffing a short pair.

/**
 * A hand-written scanner giving exactly the tokens of the regular
 * expressions for text in Latin script, general punctuation and Unicode
 * spaces (most news text), 1.6× faster; null for any other
 * character, and the caller falls back to `tokenizeUnicode`.
 */
export function tokenizeLatin(text: string): string[] | null {
  const tokens: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    const cls = latinClass(text.charCodeAt(i));
    if (cls === OUT) return null;
    if (cls === DIGIT) {
      // NUMBER: \p{Nd}[\p{Nd}\p{M}]*(?:[.,:/]\p{Nd}+)*[\p{L}\p{M}\p{N}_]*
      i++;
      while (i < n && (latinClass(text.charCodeAt(i)) === DIGIT || latinClass(text.charCodeAt(i)) === MARK)) i++;
      for (;;) {
        const sep = text.charCodeAt(i);
        if (i + 1 < n && (sep === 0x2e || sep === 0x2c || sep === 0x3a || sep === 0x2f) && latinClass(text.charCodeAt(i + 1)) === DIGIT) {
          i += 2;
          while (i < n && latinClass(text.charCodeAt(i)) === DIGIT) i++;
        } else break;
      }
      while (i < n && isWordClass(latinClass(text.charCodeAt(i)))) i++;
    } else if (cls === LETTER || cls === MARK) {
      // WORD: [\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}]+)*
      i++;
      while (i < n && isWordClass(latinClass(text.charCodeAt(i)))) i++;
      while (i + 1 < n && latinClass(text.charCodeAt(i)) === APOSTROPHE) {
        const after = latinClass(text.charCodeAt(i + 1));
        if (after !== LETTER && after !== MARK) break;
        if (text.charCodeAt(i + 1) === 0x5f) break; // _ is a word character but not \p{L}
        i += 2;
        while (i < n) {
          const c = latinClass(text.charCodeAt(i));
          if ((c !== LETTER && c !== MARK) || text.charCodeAt(i) === 0x5f) break;
          i++;
        }
      }
    } else if (cls === SPACE_CHAR) {
      i++;
      while (i < n && latinClass(text.charCodeAt(i)) === SPACE_CHAR) i++;
    } else {
      // OTHER: one character with the marks on it
      i++;
      while (i < n && latinClass(text.charCodeAt(i)) === MARK) i++;
    }
    tokens.push(text.slice(start, i));
  }
  return tokens;
}

/** Whether a token is whitespace: tokens are whole runs, so the first character decides (\s of ECMA-262). */
function isSpaceToken(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Text made only of characters NFC leaves alone (Latin, Cyrillic without its
 * combining marks, general punctuation, symbols; not the singletons U+2000,
 * U+2001, U+2126, U+212A, U+212B, U+2329, U+232A) is already NFC: skip
 * `normalize`, which costs more than the rest of keying a paragraph.
 */
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 by definition
const NFC_STABLE = /^[\x00-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u2125\u2127-\u2129\u212c-\u2328\u232b-\u2bff]*$/u;

export function toNfc(text: string): string {
  return NFC_STABLE.test(text) ? text : text.normalize('NFC');
}

/**
 * A token list with comparison ids: whitespace runs compare equal (a run
 * with a line break only with another such run), other tokens by NFC.
 */
export interface Tokens {
  text: string[];
  /** Token keys as integers, from a dictionary shared by everything compared together. */
  ids: number[];
  /** Non-whitespace length of each token's key, in UTF-16 units (wikidiff2 counts word bodies). */
  weight: number[];
  /** Ids and weights of the non-whitespace tokens only: what similarity scoring compares. */
  wordIds: number[];
  wordWeights: number[];
}
// Plain arrays, not Int32Array: a typed array over 64 bytes gets a backing
// store outside the V8 heap, ~0.4 µs to allocate and more to collect, which
// was a third of the cost of preparing a 50-token paragraph.

/** Token key → id, shared by the token lists of one diff so their ids compare. */
export type TokenDictionary = Map<string, number>;

export function prepareTokens(text: string, dictionary: TokenDictionary = new Map()): Tokens {
  const out: Tokens = { text: [], ids: [], weight: [], wordIds: [], wordWeights: [] };
  appendTokens(out, text, dictionary);
  return out;
}

function appendTokens(out: Tokens, text: string, dictionary: TokenDictionary): void {
  const toks = tokenize(text);
  const nfc = !NFC_STABLE.test(text);
  // Whitespace runs, half of all tokens, have two keys: look them up once.
  // (Ids are only ever compared for equality, so their order does not matter.)
  const spaceId = intern(dictionary, ' ');
  const { text: texts, ids, weight, wordIds, wordWeights } = out;
  for (const t of toks) {
    texts.push(t);
    if (isSpaceToken(t)) {
      // A line break is where split / merged paragraphs meet: keep it distinct from a space.
      ids.push(t === ' ' || !t.includes('\n') ? spaceId : intern(dictionary, '\n'));
      weight.push(0);
    } else {
      const key = nfc ? t.normalize('NFC') : t;
      const id = intern(dictionary, key);
      ids.push(id);
      weight.push(key.length); // of the key, so that equal tokens weigh the same on both sides
      wordIds.push(id);
      wordWeights.push(key.length);
    }
  }
}

function intern(dictionary: TokenDictionary, key: string): number {
  let id = dictionary.get(key);
  if (id === undefined) dictionary.set(key, (id = dictionary.size));
  return id;
}

/**
 * Token lists joined with a line-break token between them: the tokens of
 * `parts.join('\n')` (up to whitespace runs at the seams), without
 * tokenizing again. For split and merged paragraphs.
 */
export function joinTokens(parts: readonly Tokens[], dictionary: TokenDictionary): Tokens {
  if (parts.length === 1) return parts[0]!;
  const breakId = intern(dictionary, '\n');
  // (concat takes its fast path only when every argument is an array: [x], not x)
  let joined = parts[0]!;
  for (const t of parts.slice(1)) {
    joined = {
      text: joined.text.concat(['\n'], t.text),
      ids: joined.ids.concat([breakId], t.ids),
      weight: joined.weight.concat([0], t.weight), // a line break is whitespace
      wordIds: joined.wordIds.concat(t.wordIds),
      wordWeights: joined.wordWeights.concat(t.wordWeights),
    };
  }
  return joined;
}

/** Whether text is made only of characters NFC leaves alone (then it is its own NFC). */
export function isNfcStable(text: string): boolean {
  return NFC_STABLE.test(text);
}

/** Whether a UTF-16 unit is whitespace (\s of ECMA-262, all of it in the BMP). */
function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether a token boundary falls before `text[at]` whatever the text around:
 * either end, or a change between whitespace and anything else. A whitespace
 * run is always one whole token and no other token holds whitespace, so
 * the tokens of a text are the tokens of the pieces it is cut into there.
 */
function isTokenBoundary(text: string, at: number): boolean {
  return at === 0 || at === text.length || isSpaceCode(text.charCodeAt(at - 1)) !== isSpaceCode(text.charCodeAt(at));
}

/**
 * The common prefix and suffix of two texts, in UTF-16 units, each cut back
 * to a position that is a token boundary (isTokenBoundary) in both texts:
 * the tokens of each text are then the prefix's, the middle's and the
 * suffix's, and the two share the prefix's and the suffix's. The suffix
 * does not overlap the prefix (pre + suf ≤ the shorter length).
 */
export function commonEnds(a: string, b: string): [pre: number, suf: number] {
  const n = a.length;
  const m = b.length;
  const min = n < m ? n : m;
  let pre = 0;
  while (pre < min && a.charCodeAt(pre) === b.charCodeAt(pre)) pre++;
  while (pre > 0 && !(isTokenBoundary(a, pre) && isTokenBoundary(b, pre))) pre--;
  let suf = 0;
  while (suf < min - pre && a.charCodeAt(n - 1 - suf) === b.charCodeAt(m - 1 - suf)) suf++;
  while (suf > 0 && !(isTokenBoundary(a, n - suf) && isTokenBoundary(b, m - suf))) suf--;
  return [pre, suf];
}

/** Whether text[from, to) has a character that is not whitespace. */
export function hasNonSpace(text: string, from = 0, to = text.length): boolean {
  for (let k = from; k < to; k++) if (!isSpaceCode(text.charCodeAt(k))) return true;
  return false;
}

/** Characters of text[from, to) that are not whitespace: the similarity weight of NFC-stable text. */
export function nonSpaceLength(text: string, from = 0, to = text.length): number {
  let w = 0;
  for (let k = from; k < to; k++) if (!isSpaceCode(text.charCodeAt(k))) w++;
  return w;
}

/**
 * Whether `parts.join('\n')` has the tokens joinTokens gives the parts:
 * no part is empty or has whitespace at a seam (there the line break would
 * join a whitespace run instead of being a token of its own).
 */
export function joinsCleanly(parts: readonly string[]): boolean {
  for (let k = 0; k < parts.length; k++) {
    const t = parts[k]!;
    if (t.length === 0) return false;
    if (k > 0 && isSpaceCode(t.charCodeAt(0))) return false;
    if (k < parts.length - 1 && isSpaceCode(t.charCodeAt(t.length - 1))) return false;
  }
  return true;
}

// Dictionary keys of the two stand-in tokens below: no text tokenizes to
// them (a token starting with U+0000 is that character alone).
const PREFIX_KEY = '\u0000<';
const SUFFIX_KEY = '\u0000>';

/**
 * The token list of `text` with its first `pre` and last `suf` characters
 * (cut by commonEnds against the text it will be compared with) each one
 * stand-in token, the same on both sides: only the middle is tokenized.
 * Its weights (of NFC-stable text: characters that are not whitespace)
 * and so every similarity count are those of the full token list, and so
 * is its diff (see diffTrimmed). Only for NFC-stable text.
 */
export function prepareTrimmedTokens(text: string, pre: number, suf: number, dictionary: TokenDictionary): Tokens {
  const out: Tokens = { text: [], ids: [], weight: [], wordIds: [], wordWeights: [] };
  if (pre > 0) pushWhole(out, text.slice(0, pre), intern(dictionary, PREFIX_KEY));
  appendTokens(out, text.slice(pre, text.length - suf), dictionary);
  if (suf > 0) pushWhole(out, text.slice(text.length - suf), intern(dictionary, SUFFIX_KEY));
  return out;
}

function pushWhole(out: Tokens, text: string, id: number): void {
  const w = nonSpaceLength(text);
  out.text.push(text);
  out.ids.push(id);
  out.weight.push(w);
  if (w > 0) {
    out.wordIds.push(id);
    out.wordWeights.push(w);
  }
}

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
