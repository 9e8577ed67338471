/**
 * A diff in a few facts, kept with each version so lists and feeds can say
 * what changed without diffing again — and say it without crying wolf:
 * paragraphs and headlines whose change is only typography (curly quotes,
 * dashes, spaces) are counted apart from changes of words.
 */
import type { ArticleDiff, DiffStats, FieldDiff } from './model.ts';
import { typographyKey } from './typography.ts';

export interface ChangeSummary extends DiffStats {
  /** The headline's words changed (not only its typography). */
  titleChanged: boolean;
  bylineChanged: boolean;
  /** The headline changed only in typography. */
  titleRetypeset?: boolean;
  /** Of the `changed` paragraphs, how many changed only in typography. */
  retypeset?: number;
  /**
   * Nothing differs from the version before: a version an older stet made from what this one leaves out (an ad, a
   * widget), read again (monitor/reread.ts). Also `boring`, so the feeds leave it out.
   */
  same?: true;
}

const onlyTypography = (f: FieldDiff | null): boolean => f !== null && typographyKey(f.old ?? '') === typographyKey(f.new ?? '');

export function summarizeChange(diff: ArticleDiff): ChangeSummary {
  const titleRetypeset = onlyTypography(diff.title);
  return {
    ...diff.stats,
    titleChanged: diff.title !== null && !titleRetypeset,
    bylineChanged: diff.byline !== null && !onlyTypography(diff.byline),
    titleRetypeset,
    retypeset: diff.blocks.filter((b) => b.op === 'changed' && b.boring === true).length,
  };
}

/** "headline changed, 4 paragraphs changed, 4 added, 3 removed, 19 only retypeset". */
export function describeChange(s: ChangeSummary): string {
  if (s.same) return 'no change when read again';
  const retypeset = s.retypeset ?? 0;
  const parts = [s.titleChanged ? 'headline changed' : '', s.bylineChanged ? 'byline changed' : ''].filter(Boolean);
  const words = { ...s, changed: s.changed - retypeset };
  const paragraphsMoved = words.changed + s.added + s.removed + s.moved + s.split + s.merged > 0;
  if (paragraphsMoved) parts.push(summarizeStats(words));
  if (retypeset > 0) parts.push(`${retypeset} ${retypeset === 1 ? 'paragraph' : 'paragraphs'} only retypeset`);
  if (s.titleRetypeset) parts.push('headline only retypeset');
  return parts.length > 0 ? parts.join(', ') : summarizeStats(s);
}

const STAT_WORDS: [keyof Omit<DiffStats, 'boring' | 'unchanged'>, string][] = [
  ['changed', 'changed'],
  ['added', 'added'],
  ['removed', 'removed'],
  ['moved', 'moved'],
  ['split', 'split'],
  ['merged', 'merged'],
];

/** "2 paragraphs changed, 1 added" (the first count names the unit). */
/** What changed, in the sentence lists, feeds, the CLI and the diff page use: "headline changed, 1 paragraph changed". */
export function describeDiff(diff: ArticleDiff): string {
  return describeChange(summarizeChange(diff));
}

export function summarizeStats(stats: DiffStats): string {
  const parts: string[] = [];
  for (const [key, word] of STAT_WORDS) {
    const n = stats[key];
    if (!n) continue;
    parts.push(parts.length === 0 ? `${n} ${n === 1 ? 'paragraph' : 'paragraphs'} ${word}` : `${n} ${word}`);
  }
  if (parts.length === 0) return stats.boring ? 'typography only' : 'no paragraph changes';
  return parts.join(', ') + (stats.boring ? ' (typography only)' : '');
}
