/**
 * Tokens: where the tokens of a text start and end, and which tokens compare
 * equal (the word diff in words.ts and the pairing in pairing.ts compare these).
 *
 * Tokens are whole words (letters, marks, digits), whole numbers ("4,000",
 * "3.5", "12:30" are one token, so 63 → 66 is one change), whitespace runs,
 * single punctuation characters and whole emoji sequences. Runs of scripts
 * written without spaces (Han, Kana, Hangul, Thai, Lao, Khmer, Myanmar) are
 * split into words by `Intl.Segmenter`. A text's tokens concatenate back to
 * the text exactly.
 */

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

// Hot paths here and in words.ts, paragraphs.ts, pairing.ts and myers.ts define no named closures:
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
export function isSpaceToken(t: string): boolean {
  return isSpaceCode(t.charCodeAt(0));
}

/**
 * Text made only of characters NFC leaves alone (Latin, Cyrillic without its
 * combining marks, general punctuation, symbols; not the singletons U+2000,
 * U+2001, U+2126, U+212A, U+212B, U+2329, U+232A) is already NFC: skip
 * `normalize`, which costs more than the rest of keying a paragraph.
 */
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 by definition
export const NFC_STABLE = /^[\x00-\u02ff\u0400-\u0482\u048a-\u052f\u2002-\u2125\u2127-\u2129\u212c-\u2328\u232b-\u2bff]*$/u;

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
export function isSpaceCode(c: number): boolean {
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
export function isTokenBoundary(text: string, at: number): boolean {
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
