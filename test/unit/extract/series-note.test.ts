import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { isSeriesNote } from '../../../src/extract/normalize.ts';

// Rule: an editor's note in italics saying the article is one part of a series is not the article's text.
const prose = (n: number): string =>
  `Paragraph ${n}: the council met on Tuesday, and after a long debate about the budget, the library, and the pool, it voted to keep all three open for another year.`;
const page = (body: string): string => `<html><head><title>The budget, part two</title></head><body><article>${body}</article></body></html>`;

describe('series note in italics', () => {
  it('drops the note at the end of the article, link and all', () => {
    const a = extractArticle(
      page(`<p>${prose(1)}</p><p>${prose(2)}</p><p class="rteright"><i>Dies ist Teil 2 zum Text "<a href="/artikel/teil-1">Der Haushalt</a>", der vergangene Woche im </i>Boten<i> erschienen ist.</i></p>`),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('drops an English note at the top', () => {
    const a = extractArticle(page(`<p><em>This is part 2 of our series on the town budget. <a href="/part-1">Read part 1</a>.</em></p><p>${prose(1)}</p><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('keeps the same sentence as a plain paragraph (the article introducing itself) and other italic lines', () => {
    const a = extractArticle(
      page(`<p>${prose(1)}</p><p>This is the second article in a series about the town budget.</p><p><em>Names have been changed to protect the families.</em></p><p>${prose(2)}</p>`),
    );
    expect(a.paragraphs).toEqual([prose(1), 'This is the second article in a series about the town budget.', 'Names have been changed to protect the families.', prose(2)]);
  });

  it.each([
    ['This is part 2 of a three-part series.'],
    ['This article is part of our series on the future of work.'],
    ['Dies ist der zweite Teil unserer Serie über den Haushalt.'],
    ['Cet article fait partie d’une série sur le budget.'],
    ['Esta es la segunda parte de una serie sobre el presupuesto.'],
  ])('%j is a series note', (p) => {
    expect(isSeriesNote(p)).toBe(true);
  });

  it.each([['This is part of a broader pattern, the mayor said.'], ['Dies ist Teil eines größeren Problems.'], ['Dies ist Teil der Lösung, sagte die Ministerin.'], ['It is the second time the council has voted on it.']])('%j is not', (p) => {
    expect(isSeriesNote(p)).toBe(false);
  });
});
