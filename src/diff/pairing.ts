/**
 * Pairing inside the gaps the alignment (paragraphs.ts) leaves: which removed
 * paragraphs became which added ones (docs/diff.md §2–4 have the why).
 *
 * 2. Inside each gap, pair removed and added paragraphs as `changed` by the
 *    best in-order matching (maximum total similarity, no crossings), with
 *    wikidiff2's similarity over a word diff.
 * 3. Splits and merges: one paragraph against two or three consecutive ones
 *    when the joined text is similar enough and better than one-to-one.
 * 4. Moves: leftover removed and added paragraphs matched across the whole
 *    article, one-to-one, best first.
 */
import type { Segment } from './model.ts';
import { contentFraction, maxWeightChain, paragraphKey, type ParagraphDiffOptions } from './paragraphs.ts';
import {
  commonEnds,
  hasNonSpace,
  isNfcStable,
  joinTokens,
  joinsCleanly,
  prepareTokens,
  prepareTrimmedTokens,
  type TokenDictionary,
  type Tokens,
} from './tokens.ts';
import { commonWeight, diffTokens, diffTrimmed, scoreSimilarity, similarityUpperBound } from './words.ts';

/** A group of old paragraphs that became a group of new ones. */
export interface Match {
  olds: number[];
  news: number[];
  similarity: number;
  kind: 'pair' | 'move';
}

export interface Gap {
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
  /** Whether these paragraphs are NFC-stable text (tokens.ts isNfcStable): then they can be trimmed. */
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
  /** Whether the joined text tokenizes as joinedTokens joins the parts (tokens.ts joinsCleanly). */
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

export class Differ {
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
   * The options a second layout of the same diff runs with (blocks.ts): what is left of the scoring steps and of
   * the paragraph pairs, so that both together stay within the bounds.
   */
  remainingOptions(): ParagraphDiffOptions {
    return { ...this.opts, maxScoringSteps: Math.max(0, this.scoring.steps), maxPairs: Math.max(0, this.opts.maxPairs - this.pairedParagraphs) };
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
   * lies between their common ends (tokens.ts commonEnds), the same value the
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
    // Unpaired paragraphs: a split into pieces none of which was similar enough alone (or a merge, the other way).
    const all = [...result];
    this.groupLeftovers(gap, all, 'olds', usedOld, usedNew);
    this.groupLeftovers(gap, all, 'news', usedNew, usedOld);
    gap.matches = all.sort((a, b) => a.news[0]! - b.news[0]!);
  }

  /**
   * Each paragraph of one side left unpaired against two or three
   * consecutive free paragraphs of the other side, without crossing the
   * matches so far: a split (an old paragraph) or a merge (a new one).
   */
  private groupLeftovers(gap: Gap, all: Match[], own: 'olds' | 'news', usedOwn: Set<number>, usedOther: Set<number>): void {
    const isOld = own === 'olds';
    const [from, to, otherLo, otherHi] = isOld ? [gap.o0, gap.o1, gap.n0, gap.n1] : [gap.n0, gap.n1, gap.o0, gap.o1];
    const ownSide = isOld ? this.oldSide : this.newSide;
    const otherSide = isOld ? this.newSide : this.oldSide;
    for (let x = from; x < to; x++) {
      if (usedOwn.has(x)) continue;
      const [lo, hi] = window(all, own, x, otherLo, otherHi);
      let best: Match | null = null;
      for (let start = lo; start < hi && start < lo + 20; start++) {
        for (let size = 2; size <= 3 && start + size <= hi; size++) {
          if (!freeRun(usedOther, start, start + size)) continue;
          if (ownSide.weight(x) < this.opts.splitThreshold * sumWeights(otherSide, start, start + size)) continue;
          const group = range(start, start + size);
          const s = isOld ? this.groupSimilarity([x], group) : this.groupSimilarity(group, [x]);
          if (s >= this.opts.splitThreshold && s > (best?.similarity ?? 0)) {
            best = isOld ? { olds: [x], news: group, similarity: s, kind: 'pair' } : { olds: group, news: [x], similarity: s, kind: 'pair' };
          }
        }
      }
      if (best) {
        for (const y of isOld ? best.news : best.olds) usedOther.add(y);
        usedOwn.add(x);
        all.push(best);
      }
    }
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
