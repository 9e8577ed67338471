/** `npm run eval -- <root> --misses`: title and byline misses, expected beside extracted. */
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/extract/article.ts';
import type { ExtractionPage, Pair } from '../../../src/eval/corpus.ts';
import { evaluatePairs, formatMisses, pageMisses, pageResult } from '../../../src/eval/report.ts';

const article = (title: string | null, byline: string | null): Article => ({ title, byline, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: ['x'] });
const page = (id: string, title: string | null, byline: string | null): ExtractionPage => ({ id, source: 's', url: null, html: '', expected: { title, byline, published: null, modified: null } });

describe('misses', () => {
  it.each([
    ['a wrong title is listed with both values', page('p1', 'Headline', null), article('Other', 'X'), [{ id: 'p1', field: 'title', want: 'Headline', got: 'Other' }]],
    ['a missing byline is listed with got = null', page('p2', null, 'Jane Doe'), article('T', null), [{ id: 'p2', field: 'byline', want: 'Jane Doe', got: null }]],
    ['fields the source does not give are never listed', page('p3', null, null), article('T', 'B'), []],
    ['matches (up to white space) are not listed', page('p4', 'A  b', 'Jane'), article('A b', 'Jane'), []],
  ])('%s', (_rule, p, a, expected) => {
    expect(pageMisses([pageResult(p, a, 0)])).toEqual(expected);
  });

  it('pair misses name the capture side', () => {
    const side = (title: string) => ({ html: title, captured_at: null, expected: { title, byline: null, published: null, modified: null } });
    const pair: Pair = { id: 'pr', source: 's', url: null, label: null, old: side('Old headline'), new: side('New headline') };
    const [r] = evaluatePairs([pair], (path) => article(path === 'Old headline' ? 'Wrong' : path, null));
    expect(r!.misses).toEqual([{ id: 'pr (old)', field: 'title', want: 'Old headline', got: 'Wrong' }]);
    expect(formatMisses(r!.misses)).toContain('want "Old headline"');
    expect(r!.sameTitle).toBe(false);
    expect(r!.sameByline).toBe(true);
  });
});
