/**
 * Page churn (src/eval/churn.ts): what a page changes between fetches without an edit, and the false-alarm count built
 * on it; and one-word edits (src/eval/edits.ts) that a reader must see.
 */
import { describe, expect, it } from 'vitest';
import { churn } from '../../../src/eval/churn.ts';
import { seededRandom } from '../../../src/eval/random.ts';
import { editWord, paragraphChange } from '../../../src/eval/edits.ts';
import { evaluateChurn, evaluateEdits } from '../../../src/eval/report.ts';
import type { ExtractionPage } from '../../../src/eval/corpus.ts';
import type { Article } from '../../../src/extract/article.ts';
import { parseHtml, textOf } from '../../../src/extract/dom.ts';
import { extractArticle } from '../../../src/extract/index.ts';

const prose = (n: number): string =>
  `Paragraph ${n}: the harbour board met on Tuesday, and after a long debate about dredging, fees, and the ferry timetable, it voted to borrow four million.`;
const PAGE =
  `<html><head><title>Harbour board borrows</title><script>var t = 1700000000; var id = "a81f3";</script>` +
  `<script type="application/ld+json">{"headline": "Harbour board borrows", "datePublished": "2026-11-29T10:00:00Z"}</script></head><body>` +
  `<h1>Harbour board borrows</h1><div class="meta"><span>3 minutes ago</span> · <span>41 comments</span></div>` +
  `<div class="story">${[1, 2, 3, 4, 5].map((n) => `<p>${prose(n)}</p>`).join('')}<img src="/photo.jpg?v=12345"></div>` +
  `<div class="most-read"><h3>Most read</h3><ul><li><a href="/a">Ferry fares rise again this winter</a></li><li><a href="/b">Dredger runs aground off the point</a></li></ul></div>` +
  `</body></html>`;

describe('churn', () => {
  const { html, counts } = churn(PAGE, seededRandom(7));

  it('changes scripts, query strings, relative times, counters and rotating boxes, and inserts slots', () => {
    expect(html).not.toContain('1700000000');
    expect(html).not.toContain('/photo.jpg?v=12345');
    expect(html).toContain('/photo.jpg?v=');
    expect(html).not.toContain('3 minutes ago');
    expect(html).toMatch(/\d+ minutes ago/);
    expect(html).not.toContain('Ferry fares rise again this winter');
    expect(html).toContain('Most read'); // a label stays
    expect(html).toContain('<div class="related-stories">');
    expect(html).toContain('<div class="cookie-consent" role="dialog">');
    expect(html).toContain('<div class="newsletter-signup">');
    expect(html).toContain('<div class="breaking-news-bar">');
    expect(html).toMatch(/ads\.example/);
    expect(counts).toEqual({ scripts: 1, attributes: 1, times: 2, boxes: 1, slots: 5 });
  });

  it('leaves the story, the headline and the JSON-LD alone', () => {
    const text = textOf(parseHtml(html));
    for (const n of [1, 2, 3, 4, 5]) expect(text).toContain(prose(n));
    expect(html).toContain('<h1>Harbour board borrows</h1>');
    expect(html).toContain('"datePublished": "2026-11-29T10:00:00Z"');
  });

  it('is the same for the same seed and differs between seeds', () => {
    expect(churn(PAGE, seededRandom(7)).html).toBe(html);
    expect(churn(PAGE, seededRandom(8)).html).not.toBe(html);
  });
});

describe('evaluateChurn', () => {
  const page: ExtractionPage = { id: 'harbour', source: 'test', url: 'https://news.example/harbour', html: 'unused', expected: { title: null, byline: null, published: null, modified: null } };

  it('counts no false alarm for stet on this page', () => {
    const [r] = evaluateChurn([page], () => PAGE, extractArticle);
    expect(r!.falseAlarm).toBe(false);
    expect(r!.difference).toBeNull();
  });

  it('counts one for an extractor that reads the whole page, and says what changed', () => {
    const everything = (html: string): Article => ({ ...extractArticle(html), paragraphs: [textOf(parseHtml(html))] });
    const [r] = evaluateChurn([page], () => PAGE, everything);
    expect(r!.falseAlarm).toBe(true);
    expect(r!.difference).toMatch(/^paragraphs −\[/);
  });
});

describe('editWord and paragraphChange (edits a reader must see)', () => {
  const line = prose(3);

  it('changes one word inside the text node that holds the annotated line, not the first place the word appears', () => {
    const html = `<html><body><nav><a href="/">harbour news</a></nav><div class="story"><p>${prose(1)}</p><p>${line}</p></div></body></html>`;
    const edited = editWord(html, line, seededRandom(3))!;
    expect(edited).not.toBeNull();
    expect(edited.to).not.toBe(edited.from);
    expect(edited.html).toContain('<a href="/">harbour news</a>');
    const text = textOf(parseHtml(edited.html));
    expect(text).toContain(prose(1));
    expect(text).not.toContain(line);
    expect(text).toContain(line.replace(new RegExp(`(?<!\\p{L})${edited.from}(?!\\p{L})`, 'u'), edited.to));
  });

  it('gives up when no text node holds enough of the line', () => {
    expect(editWord('<p>Paragraph <b>3</b>: the harbour</p>', line, seededRandom(1))).toBeNull();
  });

  it('counts paragraphs lost and gained as multisets', () => {
    expect(paragraphChange(['a', 'b', 'b'], ['a', 'b', 'b'])).toEqual({ lost: 0, gained: 0 });
    expect(paragraphChange(['a', 'b', 'b'], ['a', 'b', 'c'])).toEqual({ lost: 1, gained: 1 });
    expect(paragraphChange(['a'], ['x', 'a', 'y'])).toEqual({ lost: 0, gained: 2 });
  });

  it('evaluateEdits finds stet showing each edit alone on a plain page', () => {
    const html = `<html><head><title>T</title></head><body><article>${[1, 2, 3, 4, 5].map((n) => `<p>${prose(n)}</p>`).join('')}</article></body></html>`;
    const page: ExtractionPage = { id: 'p', source: 'test', url: null, html: 'unused', expected: { title: null, byline: null, published: null, modified: null, body: [1, 2, 3, 4, 5].map(prose).join('\n') } };
    const results = evaluateEdits([page], () => html, extractArticle);
    expect(results).toHaveLength(3);
    for (const r of results) expect([r.lost, r.gained]).toEqual([1, 1]);
  });
});
