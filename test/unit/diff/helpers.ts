import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ArticleDiff, Block, DiffInput, Segment } from '../../../src/diff/model.ts';

export function version(paragraphs: string[], title: string | null = null, byline: string | null = null): DiffInput {
  return { title, byline, paragraphs };
}

/** The seed article (test/fixtures/diff/guaido.json): 31 real paragraphs. */
export function guaido(): DiffInput {
  const path = fileURLToPath(new URL('../../fixtures/diff/guaido.json', import.meta.url));
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { title: string; byline: string | null; paragraphs: string[] };
  return { title: raw.title, byline: raw.byline, paragraphs: raw.paragraphs };
}

export function ops(diff: ArticleDiff): string[] {
  return diff.blocks.map((b) => b.op);
}

export function segmentsOf(b: Block | undefined): Segment[] {
  if (!b || !('segments' in b)) throw new Error(`block has no segments: ${JSON.stringify(b)}`);
  return b.segments;
}

export function sideText(segments: Segment[], side: 'old' | 'new'): string {
  return segments
    .filter((s) => s.op === 'equal' || s.op === (side === 'old' ? 'delete' : 'insert'))
    .map((s) => s.text)
    .join('');
}

export const collapse = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/**
 * Rebuilds both versions from the blocks alone: the new paragraphs exactly,
 * the old ones up to whitespace (equal segments carry the new side's
 * whitespace). Paragraphs of split / merged blocks are joined by "\n".
 */
export function rebuild(diff: ArticleDiff): { old: Map<number, string>; new: Map<number, string> } {
  const oldP = new Map<number, string>();
  const newP = new Map<number, string>();
  const put = (m: Map<number, string>, idx: number | number[], text: string): void => {
    if (Array.isArray(idx)) {
      const parts = text.split('\n');
      if (parts.length !== idx.length) throw new Error(`expected ${idx.length} parts in ${JSON.stringify(text)}`);
      idx.forEach((i, k) => m.set(i, parts[k]!));
    } else m.set(idx, text);
  };
  for (const b of diff.blocks) {
    switch (b.op) {
      case 'unchanged':
        put(oldP, b.old, b.text);
        put(newP, b.new, b.text);
        break;
      case 'added':
        put(newP, b.new, b.text);
        break;
      case 'removed':
        put(oldP, b.old, b.text);
        break;
      default:
        put(oldP, b.old, sideText(b.segments, 'old'));
        put(newP, b.new, sideText(b.segments, 'new'));
    }
  }
  return { old: oldP, new: newP };
}
