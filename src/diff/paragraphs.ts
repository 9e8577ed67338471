/**
 * Paragraph keys and alignment: which paragraphs of the old version are the
 * same paragraph in the new one (docs/diff.md has the why of each step).
 *
 * 1. Align by exact normalised key (NFC, whitespace collapsed). Paragraphs
 *    unique on both sides anchor the alignment (patience diff), so a moved
 *    block does not shred it; the gaps between anchors are aligned
 *    recursively and, when nothing unique is left, with jsdiff `diffArrays`
 *    bounded by `maxEditLength`.
 *
 * Also the options of the paragraph diff and the maximum-weight chain the
 * alignment and the pairing (pairing.ts) share. What is left in the gaps is
 * paired in pairing.ts; blocks.ts runs the steps and writes the blocks.
 */
import { diffArrays } from 'diff';
import { toNfc } from './tokens.ts';

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
 * that NFC leaves alone (inside the ranges of tokens.ts NFC_STABLE), single
 * spaces between them, none at either end. One anchored scan, 2.5× faster
 * in V8 than searching for a character outside the class and then for a
 * double space.
 */
const KEY_CHAR = '[\\x21-\\x7e\\u00a1-\\u02ff\\u0400-\\u0482\\u048a-\\u052f\\u200b-\\u2027\\u2030-\\u205e\\u2060-\\u2125\\u2127-\\u2129\\u212c-\\u2328\\u232b-\\u2bff]';
const ALREADY_KEY = new RegExp(`^(?:${KEY_CHAR}+(?: ${KEY_CHAR}+)*)?$`, 'u');

export type AlignOp = { kind: 'equal'; o: number; n: number } | { kind: 'removed'; o: number } | { kind: 'added'; n: number };

/**
 * What keeping an anchor in place is worth: a whole part (≥ 1), and a
 * fraction in [0, 1) that only breaks ties between chains of equal whole
 * weight (computed only then). The chain weighs Σ whole + 10⁻¹⁰ · Σ tieBreak.
 */
export interface AnchorWeight {
  whole(id: number): number;
  tieBreak(id: number): number;
}

/**
 * Anchors counted, as a reader counts paragraphs moved: each weighs 1 and a ten-millionth more a character, so that
 * the chain keeping more paragraphs in place wins, and of two keeping as many, the one with more text (under 10
 * million characters of text in all, the characters never outweigh a paragraph); ties then broken by a hash of it.
 */
export class TextWeight implements AnchorWeight {
  constructor(private readonly texts: readonly string[]) {}
  whole(id: number): number {
    return 1 + 1e-7 * this.texts[id]!.length;
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
  // Chains are weighed by count and text length (TextWeight); the content
  // hash only breaks ties of those, so it is computed only when two chains tie
  // somewhere (hashing every paragraph was a third of a diff with one move).
  // Below 500 anchors the hash fractions sum to under 5 · 10⁻⁸, less than a
  // character's 10⁻⁷, so they never outweigh a length difference: without a
  // tie, both weighings keep the same chain.
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
    s: anchorWeight.whole(oldIds[i]!) + anchorWeight.tieBreak(oldIds[i]!) * 1e-10,
  }));
  return maxWeightChain(candidates, n0, n1 - n0).chain.map((c) => [c.i, c.j]);
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
export function maxWeightChain<P extends { i: number; j: number; s: number }>(points: P[], n0: number, l: number): { chain: P[]; tied: boolean } {
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
  const chain: P[] = [];
  for (let p = bestIdx; p !== -1; p = prev[p]!) chain.push(points[p]!);
  return { chain: chain.reverse(), tied: tree.tied };
}

/** A deterministic pseudo-random fraction in [0, 1) from a text (FNV-1a, 32 bits). */
export function contentFraction(text: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return (h >>> 0) / 4294967296;
}
