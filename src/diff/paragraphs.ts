/**
 * Paragraph alignment and pairing: which paragraphs of the old version became
 * which paragraphs of the new one (docs/diff.md has the why of each step).
 *
 * 1. Align by exact normalised key (NFC, whitespace collapsed). Paragraphs
 *    unique on both sides anchor the alignment (patience diff), so a moved
 *    block does not shred it; the gaps between anchors are aligned
 *    recursively and, when nothing unique is left, with jsdiff `diffArrays`
 *    bounded by `maxEditLength`.
 * 2. Inside each gap, pair removed and added paragraphs as `changed` by the
 *    best in-order matching (maximum total similarity, no crossings), with
 *    wikidiff2's similarity over a word diff.
 * 3. Splits and merges: one paragraph against two or three consecutive ones
 *    when the joined text is similar enough and better than one-to-one.
 * 4. Moves: leftover removed and added paragraphs matched across the whole
 *    article, one-to-one, best first.
 */
import { diffArrays } from 'diff';
import type { Block, Segment } from './model.ts';
import { onlyTypography } from './typography.ts';
import {
  diffTokens,
  joinTokens,
  prepareTokens,
  scoreSimilarity,
  similarityUpperBound,
  commonWeight,
  commonEnds,
  diffTrimmed,
  isNfcStable,
  joinsCleanly,
  hasNonSpace,
  prepareTrimmedTokens,
  toNfc,
  type TokenDictionary,
  type Tokens,
} from './words.ts';

export interface ParagraphDiffOptions {
  /** Pair a removed and an added paragraph of the same gap as `changed` at or above this similarity. */
  pairThreshold: number;
  /** Call a leftover pair a move at or above this similarity (wikidiff2: 0.4). */
  moveThreshold: number;
  /** Only paragraphs with at least this many letters and digits can move by similarity (wikidiff2: 20). */
  moveMinChars: number;
  /** Skip similarity moves when leftover adds + removes exceed this (wikidiff2: 100). */
  moveMaxCandidates: number;
  /** A split or merge needs the joined text at least this similar (and better than one-to-one). */
  splitThreshold: number;
  /** Paragraph alignment gives up (removed + added) beyond this many edits in one region. */
  maxParagraphEdits: number;
  /** Word diffs give up (delete + insert) beyond this many token edits. */
  maxWordEdits: number;
  /** Pair removed × added paragraphs of one gap at most this many; a larger gap stays removed + added. */
  maxGapPairs: number;
  /** Pair inside a gap of at most this many removed + added paragraphs (each is tokenized). */
  maxGapParagraphs: number;
  /** Pair at most about this many paragraphs over the whole diff (each pair costs a word diff). */
  maxPairs: number;
  /** Work for similarity scoring over the whole diff, in Myers steps (diagonals visited). */
  maxScoringSteps: number;
}

export const DEFAULT_PARAGRAPH_OPTIONS: ParagraphDiffOptions = {
  pairThreshold: 0.2,
  moveThreshold: 0.4,
  moveMinChars: 20,
  moveMaxCandidates: 100,
  splitThreshold: 0.6,
  maxParagraphEdits: 500,
  maxWordEdits: 1000,
  maxGapPairs: 40_000,
  maxGapParagraphs: 4_000,
  maxPairs: 2_000,
  maxScoringSteps: 20_000_000,
};

/** The key two paragraphs must share to be the same paragraph. */
export function paragraphKey(text: string): string {
  // Most paragraphs are already their own key: one scan to tell.
  if (ALREADY_KEY.test(text)) return text;
  return toNfc(text).replace(/\s+/gu, ' ').trim();
}

/**
 * Text that is its own key: words of characters that are not whitespace and
 * that NFC leaves alone (inside the ranges of words.ts NFC_STABLE), single
 * spaces between them, none at either end. One anchored scan, 2.5× faster
 * in V8 than searching for a character outside the class and then for a
 * double space.
 */
const KEY_CHAR = '[\\x21-\\x7e\\u00a1-\\u02ff\\u0400-\\u0482\\u048a-\\u052f\\u200b-\\u2027\\u2030-\\u205e\\u2060-\\u2125\\u2127-\\u2129\\u212c-\\u2328\\u232b-\\u2bff]';
const ALREADY_KEY = new RegExp(`^(?:${KEY_CHAR}+(?: ${KEY_CHAR}+)*)?$`, 'u');

type AlignOp = { kind: 'equal'; o: number; n: number } | { kind: 'removed'; o: number } | { kind: 'added'; n: number };

/**
 * What keeping an anchor in place is worth: a whole part (≥ 1), and a
 * fraction in [0, 1) that only breaks ties between chains of equal whole
 * weight (computed only then). The chain weighs Σ whole + 10⁻³ · Σ tieBreak.
 */
export interface AnchorWeight {
  whole(id: number): number;
  tieBreak(id: number): number;
}

/** Anchors weighed by their text: its length, ties broken by a hash of it. */
class TextWeight implements AnchorWeight {
  constructor(private readonly texts: readonly string[]) {}
  whole(id: number): number {
    return 1 + this.texts[id]!.length;
  }
  tieBreak(id: number): number {
    return contentFraction(this.texts[id]!);
  }
}

/** Plain patience: the longest chain. */
const UNIT_WEIGHT: AnchorWeight = { whole: () => 1, tieBreak: () => 0 };

/** Patience recursion deeper than this goes straight to diffArrays. */
const MAX_PATIENCE_DEPTH = 64;

/** Aligns two id sequences (from oldFrom and newFrom on): equal ids on the longest sensible in-order chain. */
export function alignParagraphs(
  oldIds: readonly number[],
  newIds: readonly number[],
  maxEdits: number,
  limits: Set<string>,
  anchorWeight: AnchorWeight = UNIT_WEIGHT,
  oldFrom = 0,
  newFrom = 0,
): AlignOp[] {
  const aligner = new Aligner(oldIds, newIds, maxEdits, limits, anchorWeight);
  aligner.region(oldFrom, oldIds.length, newFrom, newIds.length, 0);
  return aligner.out;
}

class Aligner {
  readonly out: AlignOp[] = [];
  /** Scratch of uniqueAnchors, by id (arrays, not Maps: ids are small and dense). */
  readonly oldPos: number[];
  readonly newPos: number[];
  constructor(
    private readonly oldIds: readonly number[],
    private readonly newIds: readonly number[],
    private readonly maxEdits: number,
    private readonly limits: Set<string>,
    private readonly anchorWeight: AnchorWeight,
  ) {
    let ids = 0;
    for (const id of oldIds) if (id >= ids) ids = id + 1;
    for (const id of newIds) if (id >= ids) ids = id + 1;
    this.oldPos = new Array<number>(ids).fill(-2);
    this.newPos = new Array<number>(ids).fill(-2);
  }

  /** A region without unique anchors: jsdiff `diffArrays`, bounded. */
  private fallback(o0: number, o1: number, n0: number, n1: number): void {
    const { out, oldIds, newIds, maxEdits, limits } = this;
    // Ids absent from the other side can never be equal: leave them out of
    // the Myers diff (GNU diff's discard_confusing_lines idea), so 1 vs 13,000
    // paragraphs costs nothing.
    const inOld = new Set<number>();
    const inNew = new Set<number>();
    for (let i = o0; i < o1; i++) inOld.add(oldIds[i]!);
    for (let j = n0; j < n1; j++) inNew.add(newIds[j]!);
    const oPos: number[] = [];
    const nPos: number[] = [];
    for (let i = o0; i < o1; i++) if (inNew.has(oldIds[i]!)) oPos.push(i);
    for (let j = n0; j < n1; j++) if (inOld.has(newIds[j]!)) nPos.push(j);
    const pairs: [number, number][] = [];
    if (oPos.length > 0 && nPos.length > 0) {
      const changes = diffArrays(
        oPos.map((i) => oldIds[i]!),
        nPos.map((j) => newIds[j]!),
        { maxEditLength: maxEdits },
      );
      if (changes === undefined) {
        limits.add(
          `paragraph alignment: more than ${maxEdits} edits in a region of ${o1 - o0} old and ${n1 - n0} new paragraphs; shown as removed + added`,
        );
      } else {
        let a = 0;
        let b = 0;
        for (const c of changes) {
          const len = c.count ?? c.value.length;
          if (c.added) b += len;
          else if (c.removed) a += len;
          else {
            for (let k = 0; k < len; k++) pairs.push([oPos[a + k]!, nPos[b + k]!]);
            a += len;
            b += len;
          }
        }
      }
    }
    let co = o0;
    let cn = n0;
    for (const [i, j] of pairs) {
      while (co < i) out.push({ kind: 'removed', o: co++ });
      while (cn < j) out.push({ kind: 'added', n: cn++ });
      out.push({ kind: 'equal', o: co++, n: cn++ });
    }
    while (co < o1) out.push({ kind: 'removed', o: co++ });
    while (cn < n1) out.push({ kind: 'added', n: cn++ });
  }

  /** Equal ends, then patience anchors and the stretches between them, recursively. */
  region(o0: number, o1: number, n0: number, n1: number, depth: number): void {
    const { out, oldIds, newIds } = this;
    while (o0 < o1 && n0 < n1 && oldIds[o0] === newIds[n0]) out.push({ kind: 'equal', o: o0++, n: n0++ });
    let suffix = 0;
    while (o1 - suffix > o0 && n1 - suffix > n0 && oldIds[o1 - 1 - suffix] === newIds[n1 - 1 - suffix]) suffix++;
    o1 -= suffix;
    n1 -= suffix;
    if (o0 === o1 || n0 === n1) {
      for (let i = o0; i < o1; i++) out.push({ kind: 'removed', o: i });
      for (let j = n0; j < n1; j++) out.push({ kind: 'added', n: j });
    } else {
      const anchors = depth < MAX_PATIENCE_DEPTH ? uniqueAnchors(oldIds, newIds, o0, o1, n0, n1, this.anchorWeight, this.oldPos, this.newPos) : [];
      if (anchors.length === 0) {
        this.fallback(o0, o1, n0, n1);
      } else {
        let co = o0;
        let cn = n0;
        for (const [i, j] of anchors) {
          this.region(co, i, cn, j, depth + 1);
          out.push({ kind: 'equal', o: i, n: j });
          co = i + 1;
          cn = j + 1;
        }
        this.region(co, o1, cn, n1, depth + 1);
      }
    }
    for (let k = 0; k < suffix; k++) out.push({ kind: 'equal', o: o1 + k, n: n1 + k });
  }
}

/**
 * Patience diff: ids occurring once on each side, then the heaviest chain
 * increasing on both. Plain patience takes the longest chain; weighing each
 * anchor by its text keeps the long paragraphs in place and calls the short
 * ones moved, and makes the choice the same whichever side is old.
 */
function uniqueAnchors(
  oldIds: readonly number[],
  newIds: readonly number[],
  o0: number,
  o1: number,
  n0: number,
  n1: number,
  anchorWeight: AnchorWeight,
  oldPos: number[],
  newPos: number[],
): [number, number][] {
  // position on each side, or -1 once seen twice (-2: not seen); the arrays
  // are the aligner's, indexed by id, and left as they were found
  const anchors: [number, number][] = [];
  let crossing = false;
  for (let i = o0; i < o1; i++) {
    const id = oldIds[i]!;
    oldPos[id] = oldPos[id] === -2 ? i : -1;
  }
  for (let j = n0; j < n1; j++) {
    const id = newIds[j]!;
    if (oldPos[id]! < 0) continue;
    newPos[id] = newPos[id] === -2 ? j : -1;
  }
  for (let i = o0; i < o1; i++) {
    const id = oldIds[i]!;
    const j = newPos[id]!;
    if (j >= 0 && oldPos[id] === i) {
      if (anchors.length > 0 && j < anchors[anchors.length - 1]![1]) crossing = true;
      anchors.push([i, j]);
    }
  }
  for (let i = o0; i < o1; i++) oldPos[oldIds[i]!] = -2;
  for (let j = n0; j < n1; j++) newPos[newIds[j]!] = -2;
  // Nothing moved (the usual case): every anchor is on the chain, and its
  // weight, a hash of its whole text, need not be computed.
  if (!crossing) return anchors;
  // Chains are weighed by text length; the content hash only breaks ties
  // of length, so it is computed only when two chains tie somewhere (hashing
  // every paragraph was a third of a diff with one move). Below 500 anchors
  // the hash fractions sum to under 0.5, so they never outweigh a length
  // difference: without a tie, both weighings keep the same chain.
  if (anchors.length < 500) {
    const byLength = maxWeightChain(
      anchors.map(([i, j]) => ({ i, j, s: anchorWeight.whole(oldIds[i]!) })),
      n0,
      n1 - n0,
    );
    if (!byLength.tied) return byLength.chain.map((c) => [c.i, c.j]);
  }
  const candidates = anchors.map(([i, j]) => ({
    i,
    j,
    s: anchorWeight.whole(oldIds[i]!) + anchorWeight.tieBreak(oldIds[i]!) * 1e-3,
  }));
  return maxWeightChain(candidates, n0, n1 - n0).chain.map((c) => [c.i, c.j]);
}

/** A group of old paragraphs that became a group of new ones. */
interface Match {
  olds: number[];
  news: number[];
  similarity: number;
  kind: 'pair' | 'move';
}

interface Gap {
  o0: number;
  o1: number;
  n0: number;
  n1: number;
  matches: Match[];
}

/** Whether the text has at least `min` letters and digits (wikidiff2's move minimum counts those). */
function hasLettersOrDigits(text: string, min: number): boolean {
  if (min <= 0) return true;
  // stops at the min-th one: long paragraphs are decided in their first words
  let re = LETTERS_AT_LEAST.get(min);
  if (!re) LETTERS_AT_LEAST.set(min, (re = new RegExp(`^(?:[^\\p{L}\\p{N}]*[\\p{L}\\p{N}]){${min}}`, 'u')));
  return re.test(text);
}
const LETTERS_AT_LEAST = new Map<number, RegExp>();

class Side {
  private readonly keys: (string | undefined)[] = [];
  private readonly tokens: (Tokens | undefined)[] = [];
  private readonly weights: (number | undefined)[] = [];
  constructor(
    readonly texts: readonly string[],
    readonly dictionary: TokenDictionary,
  ) {}
  /** The normalised key, computed when first asked for. */
  key(i: number): string {
    return (this.keys[i] ??= paragraphKey(this.texts[i]!));
  }
  private readonly hashes: (number | undefined)[] = [];
  /** A hash of the key as a fraction (tie-breaking by content). */
  keyHash(i: number): number {
    return (this.hashes[i] ??= contentFraction(this.key(i)));
  }
  tok(i: number): Tokens {
    return (this.tokens[i] ??= prepareTokens(this.texts[i]!, this.dictionary));
  }
  private readonly stables: (boolean | undefined)[] = [];
  /** Whether these paragraphs are NFC-stable text (words.ts isNfcStable): then they can be trimmed. */
  stable(idx: readonly number[]): boolean {
    for (const i of idx) if (!(this.stables[i] ??= isNfcStable(this.texts[i]!))) return false;
    return true;
  }
  /** Non-whitespace length of the normalised text: what the similarity counts. */
  weight(i: number): number {
    return (this.weights[i] ??= this.key(i).length - countSpaces(this.key(i)));
  }
  /** Long enough to move by similarity: at least `min` letters and digits. */
  movable(i: number, min: number): boolean {
    return hasLettersOrDigits(this.texts[i]!, min);
  }
  private readonly joins = new Map<string, Tokens>();
  /** Tokens of consecutive paragraphs joined by a line break (scored as a split or merge, then shown). */
  joinedTokens(idx: readonly number[]): Tokens {
    if (idx.length === 1) return this.tok(idx[0]!);
    const key = idx.join(',');
    let joined = this.joins.get(key);
    if (!joined) {
      joined = joinTokens(
        idx.map((i) => this.tok(i)),
        this.dictionary,
      );
      this.joins.set(key, joined);
    }
    return joined;
  }
  joined(idx: readonly number[]): string {
    return idx.length === 1 ? this.texts[idx[0]!]! : idx.map((i) => this.texts[i]!).join('\n');
  }
  /** Whether the joined text tokenizes as joinedTokens joins the parts (words.ts joinsCleanly). */
  joinsCleanly(idx: readonly number[]): boolean {
    return idx.length === 1 || joinsCleanly(idx.map((i) => this.texts[i]!));
  }
}

function countSpaces(s: string): number {
  let n = 0;
  for (let i = s.indexOf(' '); i !== -1; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

let bagCounts = new Int32Array(1024);

class Differ {
  readonly oldSide: Side;
  readonly newSide: Side;
  readonly rawPrefix: number;
  readonly rawSuffix: number;
  readonly dictionary: TokenDictionary = new Map();
  private readonly scoring = { steps: 0 };
  /** Paragraphs of the smaller side of every gap paired so far (maxPairs). */
  private pairedParagraphs = 0;
  constructor(
    oldTexts: readonly string[],
    newTexts: readonly string[],
    readonly opts: ParagraphDiffOptions,
    readonly limits: Set<string>,
  ) {
    // Versions mostly share their first and last paragraphs byte for byte:
    // those need no normalised key.
    const min = Math.min(oldTexts.length, newTexts.length);
    let pre = 0;
    while (pre < min && oldTexts[pre] === newTexts[pre]) pre++;
    let suf = 0;
    while (suf < min - pre && oldTexts[oldTexts.length - 1 - suf] === newTexts[newTexts.length - 1 - suf]) suf++;
    this.rawPrefix = pre;
    this.rawSuffix = suf;
    this.scoring.steps = opts.maxScoringSteps;
    this.oldSide = new Side(oldTexts, this.dictionary);
    this.newSide = new Side(newTexts, this.dictionary);
  }

  /**
   * A weight far below any similarity difference that orders equal-similarity
   * pairs by content (a hash of both keys, combined symmetrically), the same
   * whichever side is old, so swapping mirrors.
   */
  tieBreak(i: number, j: number): number {
    const a = this.oldSide.keyHash(i);
    const b = this.newSide.keyHash(j);
    return 1e-9 * ((Math.min(a, b) * 0.7548776662466927 + Math.max(a, b)) % 1);
  }

  /** Similarity of old i and new j, or -1 when it surely is below `threshold`. */
  similarity(i: number, j: number, threshold: number): number {
    const o = this.oldSide;
    const n = this.newSide;
    if (o.key(i) === n.key(j)) return 1;
    const wa = o.weight(i);
    const wb = n.weight(j);
    if (Math.min(wa, wb) < threshold * Math.max(wa, wb) - 1e-9) return -1;
    let s = NaN;
    if (o.stable([i]) && n.stable([j])) s = this.scoreTrimmed(o.key(i), o.texts[i]!, n.key(j), n.texts[j]!, wa, wb, threshold);
    if (Number.isNaN(s)) {
      const a = o.tok(i);
      const b = n.tok(j);
      if (similarityUpperBound(a, b, this.scratchFor()) < threshold) return -1;
      s = this.score(o.key(i), a, n.key(j), b, threshold);
    }
    return s >= threshold ? s : -1;
  }

  /**
   * The similarity of two NFC-stable texts of weights wa and wb from what
   * lies between their common ends (words.ts commonEnds), the same value the
   * full token lists give: when one middle has no words, only words were
   * added (or removed) and the similarity is min ÷ max of the weights, with
   * nothing tokenized; else only the middles are tokenized. -1 when the bag
   * bound rules the pair out; NaN when the ends are not worth it (little in
   * common: tokenize the whole paragraphs once, for every candidate pair).
   */
  private scoreTrimmed(keyA: string, a: string, keyB: string, b: string, wa: number, wb: number, threshold: number): number {
    const [pre, suf] = commonEnds(a, b);
    if (pre + suf === 0) return NaN;
    // A middle without words: the other middle weighs |wa - wb| (the ends are
    // common), at most one word edit per character, so within maxWordEdits
    // the full diff would find only those insertions (or deletions).
    if ((!hasNonSpace(a, pre, a.length - suf) || !hasNonSpace(b, pre, b.length - suf)) && Math.abs(wa - wb) <= this.opts.maxWordEdits) {
      return wa === wb ? 1 : Math.min(wa, wb) / Math.max(wa, wb);
    }
    if (4 * pre + 4 * suf < a.length + b.length) return NaN;
    const x = prepareTrimmedTokens(a, pre, suf, this.dictionary);
    const y = prepareTrimmedTokens(b, pre, suf, this.dictionary);
    if (similarityUpperBound(x, y, this.scratchFor()) < threshold) return -1;
    return this.score(keyA, x, keyB, y, threshold);
  }

  /** A zeroed counter array as long as the token dictionary (similarityUpperBound). */
  private scratchFor(): Int32Array {
    // shared by all diffs (each use leaves it zeroed): one allocation, off the V8 heap, less per diff
    if (bagCounts.length < this.dictionary.size) bagCounts = new Int32Array(this.dictionary.size * 2);
    return bagCounts;
  }

  /** Similarity of joined groups (splits and merges), or -1 when it surely is below the split threshold. */
  groupSimilarity(olds: number[], news: number[]): number {
    const threshold = this.opts.splitThreshold;
    const wa = sumWeights(this.oldSide, olds[0]!, olds[olds.length - 1]! + 1);
    const wb = sumWeights(this.newSide, news[0]!, news[news.length - 1]! + 1);
    if (Math.min(wa, wb) < threshold * Math.max(wa, wb) - 1e-9) return -1;
    if (this.oldSide.stable(olds) && this.newSide.stable(news)) {
      const s = this.scoreTrimmed(this.oldSide.joined(olds), this.oldSide.joined(olds), this.newSide.joined(news), this.newSide.joined(news), wa, wb, threshold);
      if (!Number.isNaN(s)) return s;
    }
    // The bag bound for a group: what one side shares with the pieces of the
    // other, summed, is at least what it shares with them joined.
    let common = 0;
    for (const i of olds) for (const j of news) common += commonWeight(this.oldSide.tok(i), this.newSide.tok(j), this.scratchFor());
    if (common < threshold * Math.max(wa, wb) - 1e-9) return -1;
    const oldText = this.oldSide.joined(olds);
    const newText = this.newSide.joined(news);
    return this.score(oldText, this.oldSide.joinedTokens(olds), newText, this.newSide.joinedTokens(news), threshold);
  }

  /**
   * wikidiff2's similarity, diffing in a fixed order (smaller key first): the
   * measure is symmetric in its counts, but a word diff with ties ("the
   * Venezuela" vs "Venezuela the") may align differently in each direction,
   * and the pairing must be the same whichever version is old.
   */
  private score(keyA: string, a: Tokens, keyB: string, b: Tokens, threshold: number): number {
    const [x, y] = keyA <= keyB ? [a, b] : [b, a];
    const s = scoreSimilarity(x, y, this.opts.maxWordEdits, this.scoring, threshold);
    if (this.scoring.steps < 0) {
      this.limits.add(
        `similarity: scoring work over ${this.opts.maxScoringSteps} steps; remaining candidates left unpaired`,
      );
    } else if (s < 0) {
      this.limits.add(
        `similarity: a paragraph pair needs more than ${this.opts.maxWordEdits} word edits; treated as unrelated (removed + added)`,
      );
    }
    return s;
  }

  /** Best in-order pairing inside one gap: maximum total similarity, no crossings. */
  pairGap(gap: Gap): void {
    const k = gap.o1 - gap.o0;
    const l = gap.n1 - gap.n0;
    if (k === 0 || l === 0) return;
    if (this.pairedParagraphs >= this.opts.maxPairs) {
      this.limits.add(`pairing: more than ${this.opts.maxPairs} paragraph pairs; later gaps shown as removed + added`);
      return;
    }
    if (k + l > this.opts.maxGapParagraphs) {
      this.limits.add(
        `pairing: a gap of ${k} removed + ${l} added paragraphs exceeds ${this.opts.maxGapParagraphs}; shown as removed + added`,
      );
      return;
    }
    if (k * l > this.opts.maxGapPairs) {
      this.limits.add(
        `pairing: a gap of ${k} removed × ${l} added paragraphs exceeds ${this.opts.maxGapPairs} pairs; shown as removed + added`,
      );
      return;
    }
    const points: { i: number; j: number; s: number }[] = [];
    for (let i = gap.o0; i < gap.o1; i++) {
      if (this.movedAway.has(i)) continue;
      for (let j = gap.n0; j < gap.n1; j++) {
        if (this.exactMoves.has(j)) continue;
        const s = this.similarity(i, j, this.opts.pairThreshold);
        if (s >= 0) points.push({ i, j, s: s + this.tieBreak(i, j) });
      }
    }
    this.pairedParagraphs += Math.min(k, l);
    gap.matches = maxWeightChain(points, gap.n0, l).chain.map((p) => ({
      olds: [p.i],
      news: [p.j],
      similarity: p.s - this.tieBreak(p.i, p.j),
      kind: 'pair' as const,
    }));
    this.findSplitsAndMerges(gap);
  }

  /**
   * One paragraph against two or three consecutive ones of the same gap:
   * a split (or merge) when the joined text is at least `splitThreshold`
   * similar and better than the one-to-one pairing it replaces.
   */
  private findSplitsAndMerges(gap: Gap): void {
    const usedOld = new Set<number>();
    const usedNew = new Set<number>();
    for (let i = gap.o0; i < gap.o1; i++) if (this.movedAway.has(i)) usedOld.add(i);
    for (let j = gap.n0; j < gap.n1; j++) if (this.exactMoves.has(j)) usedNew.add(j);
    for (const m of gap.matches) {
      m.olds.forEach((i) => usedOld.add(i));
      m.news.forEach((j) => usedNew.add(j));
    }
    const result: Match[] = [];
    const sorted = [...gap.matches].sort((a, b) => a.news[0]! - b.news[0]!);
    // bounds of the window each candidate may draw from, so order is kept
    for (let idx = 0; idx <= sorted.length; idx++) {
      const m = sorted[idx];
      const prev = result[result.length - 1];
      const oLo = prev ? prev.olds[prev.olds.length - 1]! + 1 : gap.o0;
      const nLo = prev ? prev.news[prev.news.length - 1]! + 1 : gap.n0;
      const next = sorted[idx + 1];
      const oHi = next ? next.olds[0]! : gap.o1;
      const nHi = next ? next.news[0]! : gap.n1;
      if (m) {
        let best: Match = m;
        const i = m.olds[0]!;
        const j = m.news[0]!;
        for (const news of groupsAround(j, nLo, nHi)) {
          if (!news.every((x) => x === j || !usedNew.has(x))) continue;
          const s = this.groupSimilarity([i], news);
          if (s >= this.opts.splitThreshold && s > best.similarity) best = { olds: [i], news, similarity: s, kind: 'pair' };
        }
        for (const olds of groupsAround(i, oLo, oHi)) {
          if (!olds.every((x) => x === i || !usedOld.has(x))) continue;
          const s = this.groupSimilarity(olds, [j]);
          if (s >= this.opts.splitThreshold && s > best.similarity) best = { olds, news: [j], similarity: s, kind: 'pair' };
        }
        best.olds.forEach((x) => usedOld.add(x));
        best.news.forEach((x) => usedNew.add(x));
        result.push(best);
      }
    }
    // Unpaired paragraphs: a split into pieces none of which was similar enough alone.
    const all = [...result];
    for (let o = gap.o0; o < gap.o1; o++) {
      if (usedOld.has(o)) continue;
      const [lo, hi] = window(all, 'olds', o, gap.n0, gap.n1);
      let best: Match | null = null;
      for (let start = lo; start < hi && start < lo + 20; start++) {
        for (let size = 2; size <= 3 && start + size <= hi; size++) {
          if (!freeRun(usedNew, start, start + size)) continue;
          if (this.oldSide.weight(o) < this.opts.splitThreshold * sumWeights(this.newSide, start, start + size)) continue;
          const s = this.groupSimilarity([o], range(start, start + size));
          if (s >= this.opts.splitThreshold && s > (best?.similarity ?? 0)) {
            best = { olds: [o], news: range(start, start + size), similarity: s, kind: 'pair' };
          }
        }
      }
      if (best) {
        best.news.forEach((x) => usedNew.add(x));
        usedOld.add(o);
        all.push(best);
      }
    }
    for (let n = gap.n0; n < gap.n1; n++) {
      if (usedNew.has(n)) continue;
      const [lo, hi] = window(all, 'news', n, gap.o0, gap.o1);
      let best: Match | null = null;
      for (let start = lo; start < hi && start < lo + 20; start++) {
        for (let size = 2; size <= 3 && start + size <= hi; size++) {
          if (!freeRun(usedOld, start, start + size)) continue;
          if (this.newSide.weight(n) < this.opts.splitThreshold * sumWeights(this.oldSide, start, start + size)) continue;
          const s = this.groupSimilarity(range(start, start + size), [n]);
          if (s >= this.opts.splitThreshold && s > (best?.similarity ?? 0)) {
            best = { olds: range(start, start + size), news: [n], similarity: s, kind: 'pair' };
          }
        }
      }
      if (best) {
        best.olds.forEach((x) => usedOld.add(x));
        usedNew.add(n);
        all.push(best);
      }
    }
    gap.matches = all.sort((a, b) => a.news[0]! - b.news[0]!);
  }

  /** Identical moves found before pairing, by new index; and their old indexes. */
  readonly exactMoves = new Map<number, Match>();
  readonly movedAway = new Set<number>();

  /**
   * Identical paragraphs that changed place, found before any pairing so a
   * moved paragraph is not paired with a look-alike in its old gap: exact
   * keys, always (hashing is cheap), but only a key that occurs once among
   * the removed and once among the added paragraphs of all gaps: a repeated
   * "Advertisement" that came and went did not move.
   */
  findExactMoves(gaps: Gap[]): void {
    const oldByKey = new Map<string, number>();
    const newByKey = new Map<string, number>();
    for (const g of gaps) {
      if (g.o0 === g.o1 && g.n0 === g.n1) continue;
      for (let i = g.o0; i < g.o1; i++) {
        const k = this.oldSide.key(i);
        oldByKey.set(k, oldByKey.has(k) ? -1 : i);
      }
    }
    if (oldByKey.size === 0) return;
    for (const g of gaps) {
      for (let j = g.n0; j < g.n1; j++) {
        const k = this.newSide.key(j);
        if (oldByKey.has(k)) newByKey.set(k, newByKey.has(k) ? -1 : j);
      }
    }
    for (const [k, j] of newByKey) {
      const i = oldByKey.get(k);
      if (j === -1 || i === undefined || i === -1) continue;
      this.movedAway.add(i);
      this.exactMoves.set(j, { olds: [i], news: [j], similarity: 1, kind: 'move' });
    }
  }

  /** Leftover removed and added paragraphs matched across the article, one-to-one, best first. */
  findMoves(gaps: Gap[]): Map<number, Match> {
    const moves = new Map<number, Match>(this.exactMoves); // by new index
    const leftOld: number[] = [];
    const leftNew: number[] = [];
    for (const g of gaps) {
      const usedOld = new Set<number>(this.movedAway);
      const usedNew = new Set<number>();
      for (const m of g.matches) {
        m.olds.forEach((i) => usedOld.add(i));
        m.news.forEach((j) => usedNew.add(j));
      }
      for (let i = g.o0; i < g.o1; i++) if (!usedOld.has(i)) leftOld.push(i);
      for (let j = g.n0; j < g.n1; j++) if (!usedNew.has(j) && !moves.has(j)) leftNew.push(j);
    }
    if (leftOld.length === 0 || leftNew.length === 0) return moves;
    const takenOld = new Set<number>();
    const restOld = leftOld.filter((i) => !takenOld.has(i) && this.oldSide.movable(i, this.opts.moveMinChars));
    const restNew = leftNew.filter((j) => !moves.has(j) && this.newSide.movable(j, this.opts.moveMinChars));
    if (restOld.length === 0 || restNew.length === 0) return moves;
    if (restOld.length + restNew.length > this.opts.moveMaxCandidates) {
      this.limits.add(
        `moves: ${restOld.length} removed + ${restNew.length} added paragraphs exceed ${this.opts.moveMaxCandidates}; edited moves not looked for (as wikidiff2)`,
      );
      return moves;
    }
    const candidates: { i: number; j: number; s: number }[] = [];
    for (const i of restOld) {
      for (const j of restNew) {
        const s = this.similarity(i, j, this.opts.moveThreshold);
        if (s >= 0) candidates.push({ i, j, s });
      }
    }
    candidates.sort((a, b) => b.s - a.s || a.j - b.j || a.i - b.i);
    for (const c of candidates) {
      if (takenOld.has(c.i) || moves.has(c.j)) continue;
      takenOld.add(c.i);
      moves.set(c.j, { olds: [c.i], news: [c.j], similarity: c.s, kind: 'move' });
    }
    return moves;
  }

  segmentsFor(olds: number[], news: number[]): Segment[] {
    const o = this.oldSide;
    const n = this.newSide;
    const options = { maxEditLength: this.opts.maxWordEdits };
    // Tokenize only between the common ends when the joined text has the joined tokens.
    const trimmed =
      o.stable(olds) && n.stable(news) && o.joinsCleanly(olds) && n.joinsCleanly(news)
        ? diffTrimmed(o.joined(olds), n.joined(news), this.dictionary, options)
        : undefined;
    const d = trimmed ?? diffTokens(o.joinedTokens(olds), n.joinedTokens(news), options);
    if (d.aborted) {
      this.limits.add(`word diff: more than ${this.opts.maxWordEdits} word edits in a paragraph; shown as delete + insert`);
    }
    return d.segments;
  }
}

function freeRun(used: Set<number>, from: number, to: number): boolean {
  for (let x = from; x < to; x++) if (used.has(x)) return false;
  return true;
}

/**
 * The window [lo, hi) of the other side that paragraph `x` of side `own`
 * may match without crossing any of `matches` (inside [lo, hi) at most).
 */
function window(matches: readonly Match[], own: 'olds' | 'news', x: number, lo: number, hi: number): [number, number] {
  const other = own === 'olds' ? 'news' : 'olds';
  for (const m of matches) {
    const mine = m[own];
    const theirs = m[other];
    if (mine[mine.length - 1]! < x) lo = Math.max(lo, theirs[theirs.length - 1]! + 1);
    else if (mine[0]! > x) hi = Math.min(hi, theirs[0]!);
  }
  return [lo, hi];
}

function sumWeights(side: Side, from: number, to: number): number {
  let s = 0;
  for (let x = from; x < to; x++) s += side.weight(x);
  return s;
}

/** Runs of two or three consecutive indexes containing `x`, inside [lo, hi). */
function groupsAround(x: number, lo: number, hi: number): number[][] {
  const out: number[][] = [];
  for (let size = 2; size <= 3; size++) {
    for (let start = x - size + 1; start <= x; start++) {
      if (start >= lo && start + size <= hi) out.push(range(start, start + size));
    }
  }
  return out;
}

/** [from, from + 1, …, to - 1] */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let x = from; x < to; x++) out.push(x);
  return out;
}

/** A Fenwick tree of prefix maxima over positions 1..l, each with the argument that reached it. */
// Plain arrays here: a patience or pairing chain is mostly tens of points,
// where typed arrays (allocated off the V8 heap) cost 4× more to create.
class PrefixMax {
  private readonly val: number[];
  private readonly arg: number[];
  /** Whether two different ways reached the same value (a comparison the weights did not decide). */
  tied = false;
  constructor(private readonly l: number) {
    this.val = new Array<number>(l + 1).fill(0);
    this.arg = new Array<number>(l + 1).fill(-1);
  }
  /** The maximum over positions 1..pos and its argument ([0, -1] when none). */
  query(pos: number): [number, number] {
    let best = 0;
    let arg = -1;
    for (let x = pos; x > 0; x -= x & -x) {
      if (this.val[x]! > best) {
        best = this.val[x]!;
        arg = this.arg[x]!;
      } else if (best > 0 && this.val[x] === best) {
        this.tied = true;
      }
    }
    return [best, arg];
  }
  update(pos: number, v: number, arg: number): void {
    for (let x = pos; x <= this.l; x += x & -x) {
      if (v > this.val[x]!) {
        this.val[x] = v;
        this.arg[x] = arg;
      } else if (v === this.val[x]) {
        this.tied = true;
      }
    }
  }
}

/**
 * Maximum-weight chain of points strictly increasing in both i and j
 * (weighted LCS over sparse points), with a Fenwick tree of prefix maxima
 * over j: O(p log l).
 */
function maxWeightChain(
  points: { i: number; j: number; s: number }[],
  n0: number,
  l: number,
): { chain: { i: number; j: number; s: number }[]; tied: boolean } {
  if (points.length === 0) return { chain: [], tied: false };
  points.sort((a, b) => a.i - b.i || a.j - b.j);
  const tree = new PrefixMax(l);
  const value = new Array<number>(points.length).fill(0);
  const prev = new Array<number>(points.length).fill(-1);
  let bestIdx = -1;
  let start = 0;
  while (start < points.length) {
    let end = start;
    while (end < points.length && points[end]!.i === points[start]!.i) end++;
    // all points of one old paragraph read the tree before any of them is written
    for (let p = start; p < end; p++) {
      const [v, arg] = tree.query(points[p]!.j - n0); // positions < j (1-based j - n0 covers j' < j)
      value[p] = v + points[p]!.s;
      prev[p] = arg;
    }
    for (let p = start; p < end; p++) {
      tree.update(points[p]!.j - n0 + 1, value[p]!, p);
      if (bestIdx === -1 || value[p]! > value[bestIdx]!) bestIdx = p;
      else if (value[p] === value[bestIdx]) tree.tied = true;
    }
    start = end;
  }
  const chain: { i: number; j: number; s: number }[] = [];
  for (let p = bestIdx; p !== -1; p = prev[p]!) chain.push(points[p]!);
  return { chain: chain.reverse(), tied: tree.tied };
}

/** The id of a text in `ids` (by content), added to `texts` when new. */
function textId(ids: Map<string, number>, texts: string[], text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    ids.set(text, (id = texts.length));
    texts.push(text);
  }
  return id;
}

/** Paragraph blocks in reading order of the new version, removed ones where they used to be. */
export function diffParagraphBlocks(
  oldTexts: readonly string[],
  newTexts: readonly string[],
  opts: ParagraphDiffOptions,
  limits: Set<string>,
): Block[] {
  const differ = new Differ(oldTexts, newTexts, opts, limits);
  // The byte-equal first and last paragraphs are unchanged as they are;
  // everything below works on the stretch between them, in its own indexes
  // (offset by `pre` when blocks are made).
  const { rawPrefix: pre, rawSuffix: suf } = differ;
  const oldEnd = oldTexts.length - suf;
  const newEnd = newTexts.length - suf;
  // A paragraph whose exact text is on the other side too is keyed by that
  // text: keys (a scan of every character) are only computed for the
  // paragraphs that changed. Two texts equal only after normalisation still
  // meet: unless one of them is on both sides as it is, both are keyed.
  // One dictionary of texts by content: the raw texts first (bit 1: on the
  // old side, 2: on the new side), then the keys of those not on both.
  const textIds = new Map<string, number>();
  const distinct: string[] = [];
  const sides: number[] = [];
  const oldIds: number[] = new Array<number>(oldEnd).fill(-1);
  const newIds: number[] = new Array<number>(newEnd).fill(-1);
  for (let i = pre; i < oldEnd; i++) {
    const id = textId(textIds, distinct, oldTexts[i]!);
    sides[id] = (sides[id] ?? 0) | 1;
    oldIds[i] = id;
  }
  for (let j = pre; j < newEnd; j++) {
    const id = textId(textIds, distinct, newTexts[j]!);
    sides[id] = (sides[id] ?? 0) | 2;
    newIds[j] = id;
  }
  for (let i = pre; i < oldEnd; i++) if (sides[oldIds[i]!] !== 3) oldIds[i] = textId(textIds, distinct, differ.oldSide.key(i));
  for (let j = pre; j < newEnd; j++) if (sides[newIds[j]!] !== 3) newIds[j] = textId(textIds, distinct, differ.newSide.key(j));
  // Ties between chains of equal text length go by content, so that the
  // diff mirrors when old and new swap: a fraction of a character from a hash
  // of the text (a hash, not a rank or an index: sums of different anchors
  // must not tie again, as ranks 0 + 1 + 2 would with 3).
  const ops = alignParagraphs(oldIds, newIds, opts.maxParagraphEdits, limits, new TextWeight(distinct), pre, pre);

  // Gaps: the stretches between two equal paragraphs.
  const gaps: Gap[] = [];
  const sequence: (Extract<AlignOp, { kind: 'equal' }> | Gap)[] = [];
  let current: Gap | null = null;
  for (const op of ops) {
    if (op.kind === 'equal') {
      current = null;
      sequence.push(op);
      continue;
    }
    if (!current) {
      current = { o0: Infinity, o1: -Infinity, n0: Infinity, n1: -Infinity, matches: [] };
      gaps.push(current);
      sequence.push(current);
    }
    if (op.kind === 'removed') {
      current.o0 = Math.min(current.o0, op.o);
      current.o1 = Math.max(current.o1, op.o + 1);
    } else {
      current.n0 = Math.min(current.n0, op.n);
      current.n1 = Math.max(current.n1, op.n + 1);
    }
  }
  // A gap with only one side still needs a position on the other one.
  let lastO = pre;
  let lastN = pre;
  for (const item of sequence) {
    if ('kind' in item) {
      lastO = item.o + 1;
      lastN = item.n + 1;
      continue;
    }
    if (item.o0 === Infinity) item.o0 = item.o1 = lastO;
    if (item.n0 === Infinity) item.n0 = item.n1 = lastN;
    lastO = item.o1;
    lastN = item.n1;
  }

  differ.findExactMoves(gaps);
  for (const g of gaps) differ.pairGap(g);
  const moves = differ.findMoves(gaps);

  const out = new BlockWriter(differ, moves);
  const blocks = out.blocks;
  for (let k = 0; k < pre; k++) blocks.push({ op: 'unchanged', old: k, new: k, text: newTexts[k]! });
  for (const item of sequence) {
    if ('kind' in item) {
      blocks.push({ op: 'unchanged', old: item.o, new: item.n, text: newTexts[item.n]! });
      continue;
    }
    let co = item.o0;
    let cn = item.n0;
    for (const m of item.matches) {
      while (co < m.olds[0]!) out.old(co++);
      while (cn < m.news[0]!) out.new(cn++);
      out.match(m);
      co = m.olds[m.olds.length - 1]! + 1;
      cn = m.news[m.news.length - 1]! + 1;
    }
    while (co < item.o1) out.old(co++);
    while (cn < item.n1) out.new(cn++);
  }
  for (let k = 0; k < suf; k++) blocks.push({ op: 'unchanged', old: oldEnd + k, new: newEnd + k, text: newTexts[newEnd + k]! });
  return blocks;
}

/** The blocks of a gap, in reading order of the new version. */
class BlockWriter {
  readonly blocks: Block[] = [];
  private readonly movedAway = new Set<number>();
  constructor(
    private readonly differ: Differ,
    /** Moves by new index. */
    private readonly moves: Map<number, Match>,
  ) {
    for (const m of moves.values()) this.movedAway.add(m.olds[0]!);
  }

  match(m: Match): void {
    const { differ, blocks } = this;
    const [i] = m.olds as [number];
    const [j] = m.news as [number];
    const similarity = round3(m.similarity);
    if (m.olds.length > 1) {
      blocks.push({ op: 'merged', old: m.olds, new: j, segments: differ.segmentsFor(m.olds, m.news) });
    } else if (m.news.length > 1) {
      blocks.push({ op: 'split', old: i, new: m.news, segments: differ.segmentsFor(m.olds, m.news) });
    } else if (m.kind === 'move') {
      // an identical paragraph that moved needs no word diff
      const same = differ.oldSide.key(i) === differ.newSide.key(j);
      const text = differ.newSide.texts[j]!;
      const segments: Segment[] = !same ? differ.segmentsFor(m.olds, m.news) : text ? [{ op: 'equal', text }] : [];
      blocks.push({ op: 'moved', old: i, new: j, similarity, segments, ...boringMark(segments) });
    } else if (differ.oldSide.key(i) === differ.newSide.key(j)) {
      blocks.push({ op: 'unchanged', old: i, new: j, text: differ.newSide.texts[j]! });
    } else {
      const segments = differ.segmentsFor(m.olds, m.news);
      blocks.push({ op: 'changed', old: i, new: j, similarity, segments, ...boringMark(segments) });
    }
  }

  /** An old paragraph left unmatched: removed, unless it moved (it shows at its new place). */
  old(i: number): void {
    if (!this.movedAway.has(i)) this.blocks.push({ op: 'removed', old: i, text: this.differ.oldSide.texts[i]! });
  }

  /** A new paragraph left unmatched in its gap: moved here, or added. */
  new(j: number): void {
    const move = this.moves.get(j);
    if (move) this.match(move);
    else this.blocks.push({ op: 'added', new: j, text: this.differ.newSide.texts[j]! });
  }
}

/** `{boring: true}` when the word diff changes only typography, else nothing. */
function boringMark(segments: readonly Segment[]): { boring?: true } {
  return onlyTypography(segments) ? { boring: true } : {};
}

/** A deterministic pseudo-random fraction in [0, 1) from a text (FNV-1a, 32 bits). */
function contentFraction(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return (h >>> 0) / 4294967296;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
