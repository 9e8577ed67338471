/**
 * The paragraph diff's block list: keys and aligns the two versions
 * (paragraphs.ts), pairs what is left in the gaps (pairing.ts), and writes
 * the blocks in reading order of the new version.
 */
import type { Block, Segment } from './model.ts';
import { alignParagraphs, TextWeight, type AlignOp, type ParagraphDiffOptions } from './paragraphs.ts';
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

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
