/**
 * The paragraph diff's block list: keys and aligns the two versions
 * (paragraphs.ts), pairs what is left in the gaps (pairing.ts), and writes
 * the blocks in reading order of the new version.
 */
import type { Block, Segment } from './model.ts';
import { alignParagraphs, maxWeightChain, TextWeight, type AlignOp, type ParagraphDiffOptions } from './paragraphs.ts';
import { Differ, type Gap, type Match } from './pairing.ts';
import { onlyTypography } from './typography.ts';

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
  let differ = new Differ(oldTexts, newTexts, opts, limits);
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
  // Chains are weighed by count, then text length (TextWeight); ties go by
  // content, so that the diff mirrors when old and new swap: a hash of the
  // text (a hash, not a rank or an index: sums of different anchors must not
  // tie again, as ranks 0 + 1 + 2 would with 3).
  const weight = new TextWeight(distinct);
  const ops = alignParagraphs(oldIds, newIds, opts.maxParagraphEdits, limits, weight, pre, pre);

  let layout = pairAround(differ, sequenceOf(ops, pre));
  // An unchanged paragraph that leapt over edited ones: the edited ones stay in place and it moved (QA), when
  // that reads better (fewer moves, nothing lost; see betterLayout).
  const backbone = heavierBackbone(differ, layout);
  if (backbone !== null) {
    const secondLimits = new Set<string>();
    const second = new Differ(oldTexts, newTexts, differ.remainingOptions(), secondLimits);
    const relaid = pairAround(second, sequenceAround(backbone, pre, oldEnd, newEnd));
    if (betterLayout(relaid, layout, pre, oldEnd, newEnd)) {
      differ = second;
      layout = relaid;
      for (const l of secondLimits) limits.add(l);
    }
  }
  const { sequence, moves } = layout;

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

type Sequence = (Extract<AlignOp, { kind: 'equal' }> | Gap)[];

interface Layout {
  sequence: Sequence;
  gaps: Gap[];
  /** Moves by new index. */
  moves: Map<number, Match>;
}

/** The alignment as equal paragraphs and the gaps between them (each with a position on both sides). */
function sequenceOf(ops: readonly AlignOp[], pre: number): Sequence {
  const sequence: Sequence = [];
  let current: Gap | null = null;
  for (const op of ops) {
    if (op.kind === 'equal') {
      current = null;
      sequence.push(op);
      continue;
    }
    if (!current) {
      current = { o0: Infinity, o1: -Infinity, n0: Infinity, n1: -Infinity, matches: [] };
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
  return sequence;
}

/** Pairs the gaps of a sequence (pairing.ts): exact moves, each gap's pairs, splits and merges, then moves. */
function pairAround(differ: Differ, sequence: Sequence): Layout {
  const gaps = sequence.filter((item): item is Gap => !('kind' in item));
  differ.findExactMoves(gaps);
  for (const g of gaps) differ.pairGap(g);
  return { sequence, gaps, moves: differ.findMoves(gaps) };
}

/** One paragraph kept in place: unchanged (equal), or edited in place (a gap of one old and one new paragraph). */
interface Kept {
  o: number;
  n: number;
  equal: boolean;
}

/**
 * The paragraphs that stay in place when the heaviest in-order chain of all
 * one-to-one matches (unchanged anchors, pairs inside gaps, edited moves)
 * holds an edited move; null when it holds none (the common case: the
 * alignment stands). The chain counts paragraphs, as a reader does: an
 * unchanged one weighs 1, an edited pair its similarity (at least the 0.2
 * of a pair), each a millionth more a character so that of two chains of
 * one count the one with more text stays. So a paragraph moved to the top
 * over corrected ones is the one that moved, where the alignment, which sees
 * only the unchanged paragraphs and keeps the longest in place, called the
 * corrected ones moved (QA: "3 paragraphs moved", and "4 paragraphs moved"
 * when the one that moved was the longest of the article). Only the chain's
 * unchanged paragraphs and edited moves are kept; pairs inside gaps are
 * found again between them (betterLayout decides whether that reads better).
 */
function heavierBackbone(differ: Differ, layout: Layout): Kept[] | null {
  const length = (i: number, j: number): number => (differ.oldSide.texts[i]!.length + differ.newSide.texts[j]!.length) / 2;
  const equalWeight = (o: number, n: number): number => 1 + 1e-6 * length(o, n);
  // a move weighs as an edited pair, or (identical) as an unchanged paragraph: either may stay in place in the other layout
  const moveWeight = (m: Match): number => (m.similarity < 1 ? m.similarity + 1e-6 * length(m.olds[0]!, m.news[0]!) : equalWeight(m.olds[0]!, m.news[0]!));
  const moves = [...layout.moves.values()].filter((m) => m.olds.length === 1 && m.news.length === 1);
  const edited = moves.filter((m) => m.similarity < 1);
  if (edited.length === 0) return null;
  // Keeping an edited move in place drops at least the unchanged paragraphs it crosses: when all the moves together
  // weigh no more than the lightest such set, the alignment stands (a paragraph moved far, the usual case).
  let movesWeight = 0;
  for (const m of moves) movesWeight += moveWeight(m);
  let leastCrossed = Infinity;
  for (const m of edited) {
    const [i, j] = [m.olds[0]!, m.news[0]!];
    let crossed = 0;
    for (const item of layout.sequence) if ('kind' in item && (item.o < i) !== (item.n < j)) crossed += equalWeight(item.o, item.n);
    leastCrossed = Math.min(leastCrossed, crossed);
  }
  if (movesWeight <= leastCrossed) return null;
  // `kept`: whether the point stays in a second layout, unchanged (true) or edited (false); null: found again there
  const points: { i: number; j: number; s: number; kept: boolean | null }[] = [];
  let n0 = Infinity;
  let n1 = -Infinity;
  const add = (i: number, j: number, s: number, kept: boolean | null): void => {
    // ties go by content (a hash of both texts), not by position, as in the alignment and the pairing
    points.push({ i, j, s: s + differ.tieBreak(i, j), kept });
    n0 = Math.min(n0, j);
    n1 = Math.max(n1, j + 1);
  };
  for (const item of layout.sequence) {
    if ('kind' in item) add(item.o, item.n, equalWeight(item.o, item.n), true);
    else for (const m of item.matches) if (m.olds.length === 1 && m.news.length === 1) add(m.olds[0]!, m.news[0]!, m.similarity + 1e-6 * length(m.olds[0]!, m.news[0]!), null);
  }
  for (const m of moves) add(m.olds[0]!, m.news[0]!, moveWeight(m), m.similarity === 1);
  const kept: Kept[] = [];
  for (const p of maxWeightChain(points, n0, n1 - n0).chain) if (p.kept !== null) kept.push({ o: p.i, n: p.j, equal: p.kept });
  return kept.some((k) => !k.equal) ? kept : null;
}

/** What a reader counts in a layout: paragraphs moved, splits and merges, and paragraphs left removed or added. */
function layoutCounts(layout: Layout, pre: number, oldEnd: number, newEnd: number): { moved: number; grouped: number; unmatched: number } {
  let matchedOld = 0;
  let matchedNew = 0;
  let grouped = 0;
  for (const item of layout.sequence) {
    if ('kind' in item) {
      matchedOld++;
      matchedNew++;
      continue;
    }
    for (const m of item.matches) {
      matchedOld += m.olds.length;
      matchedNew += m.news.length;
      if (m.olds.length > 1 || m.news.length > 1) grouped++;
    }
  }
  for (const m of layout.moves.values()) {
    matchedOld += m.olds.length;
    matchedNew += m.news.length;
  }
  return { moved: layout.moves.size, grouped, unmatched: oldEnd - pre - matchedOld + (newEnd - pre - matchedNew) };
}

/**
 * Whether the second layout reads better than the first: fewer paragraphs moved, with every split and merge
 * and every pairing kept (no more paragraphs left removed or added). An adversarial review of the first rule,
 * which took the heavier chain as it came, had it lose splits next to a rewritten move, leave pairs it
 * separated as removed + added, and call thirty corrected one-liners moved around one long edited paragraph.
 * The counts mirror when old and new swap, and a tie keeps the first layout, which mirrors.
 */
function betterLayout(second: Layout, first: Layout, pre: number, oldEnd: number, newEnd: number): boolean {
  const a = layoutCounts(second, pre, oldEnd, newEnd);
  const b = layoutCounts(first, pre, oldEnd, newEnd);
  return a.moved < b.moved && a.grouped >= b.grouped && a.unmatched <= b.unmatched;
}

/** The sequence around kept paragraphs: each unchanged one equal, each edited one a gap of its own, the rest gaps between. */
function sequenceAround(kept: readonly Kept[], pre: number, oldEnd: number, newEnd: number): Sequence {
  const sequence: Sequence = [];
  let o = pre;
  let n = pre;
  const gapTo = (o1: number, n1: number): void => {
    if (o1 > o || n1 > n) sequence.push({ o0: o, o1, n0: n, n1, matches: [] });
  };
  for (const k of kept) {
    gapTo(k.o, k.n);
    sequence.push(k.equal ? { kind: 'equal', o: k.o, n: k.n } : { o0: k.o, o1: k.o + 1, n0: k.n, n1: k.n + 1, matches: [] });
    o = k.o + 1;
    n = k.n + 1;
  }
  gapTo(oldEnd, newEnd);
  return sequence;
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

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
