/**
 * The diff model (DESIGN "The diff model"): one JSON shape serves the page,
 * the feeds and the API. Indexes are 0-based positions in the old / new
 * paragraph arrays.
 */

export type SegmentOp = 'equal' | 'delete' | 'insert';

export interface Segment {
  op: SegmentOp;
  text: string;
}

/**
 * `boring` (optional, set only when true) on changed and moved blocks: only
 * typography changed inside the paragraph (quotes, dashes, spaces), so a page
 * or feed can play it down.
 */
export type Block =
  | { op: 'unchanged'; old: number; new: number; text: string }
  | { op: 'changed'; old: number; new: number; similarity: number; segments: Segment[]; boring?: true }
  | { op: 'removed'; old: number; text: string }
  | { op: 'added'; new: number; text: string }
  | { op: 'moved'; old: number; new: number; similarity: number; segments: Segment[]; boring?: true }
  | { op: 'split'; old: number; new: number[]; segments: Segment[] }
  | { op: 'merged'; old: number[]; new: number; segments: Segment[] };

export type BlockOp = Block['op'];

export interface FieldDiff {
  old: string | null;
  new: string | null;
  segments: Segment[];
}

export interface DiffStats {
  unchanged: number;
  changed: number;
  added: number;
  removed: number;
  moved: number;
  split: number;
  merged: number;
  /** Only typography changed (quotes, dashes, nbsp, whitespace). */
  boring: boolean;
}

export interface ArticleDiff {
  /** Reading order of the new version; removed paragraphs where they used to be. */
  blocks: Block[];
  title: FieldDiff | null;
  byline: FieldDiff | null;
  stats: DiffStats;
  /** Null, or which limit tripped and what was done instead. */
  limits: string | null;
}

/** The side of a version the differ needs. */
export interface DiffInput {
  title: string | null;
  byline: string | null;
  paragraphs: string[];
}
