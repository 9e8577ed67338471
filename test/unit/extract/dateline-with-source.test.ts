import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: above the first paragraph, a numeric date stamp followed by a source or author label is the dateline, not text.
const prose = (n: number): string =>
  `Paragraph ${n}: the council met on Tuesday, and after a long debate about the budget, the library, and the pool, it voted to keep all three open for another year.`;
const page = (body: string): string => `<html><head><title>Budget</title></head><body><article>${body}</article></body></html>`;

describe('dateline with its source or author', () => {
  it.each([['2017-03-10 09:58 来源：网易科学人'], ['2017-03-10 09:58:03来源：网易科学人作者：责任编辑：肖春芳'], ['12.03.2019, 14:05 Uhr | Quelle: dpa'], ['2019/05/01 Source: Reuters']])(
    'drops %j at the top',
    (line) => {
      const a = extractArticle(page(`<p>${line}</p><p>${prose(1)}</p><p>${prose(2)}</p>`));
      expect(a.paragraphs).toEqual([prose(1), prose(2)]);
    },
  );

  it('keeps a first sentence that opens with a date, and such a line further down', () => {
    const lead = '2017年3月10日，美国宇航局宣布了新的计划。';
    const later = '2019-05-01 Source: the council minutes, as quoted above.';
    const a = extractArticle(page(`<p>${lead}</p><p>${prose(1)}</p><p>${later}</p><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([lead, prose(1), later, prose(2)]);
  });
});
