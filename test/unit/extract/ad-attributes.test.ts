import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a short box that ad code configures (data-ad-* attributes, AdSense's <ins class="adsbygoogle">) or a
// live ticker above the story is never the article: its text changes on every fetch.
const prose = (n: number): string =>
  `Paragraph ${n}: the harbour board met on Tuesday, and after a long debate about dredging, fees, and the ferry timetable, it voted to borrow four million.`;
const story = [1, 2, 3, 4, 5].map(prose);
const page = (slot: string): string =>
  `<html><head><title>Harbour board</title></head><body><article><h1>Harbour board</h1>${story.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}${slot}${story.slice(3).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

describe('ad slots named by their attributes, live tickers', () => {
  it.each([
    ['a box with data-ad-unit', '<div data-ad-unit="mpu"><p>Big sale on garden furniture — shop the sale now.</p></div>'],
    ['a box with data-ad-slot', '<div data-ad-slot="4821"><p>Big sale on garden furniture — shop the sale now.</p></div>'],
    ['AdSense', '<ins class="adsbygoogle" data-ad-client="ca-pub-1">Big sale on garden furniture — shop the sale now.</ins>'],
    ['a market ticker', '<div class="market-ticker"><p>Markets: Dow up 112 points at 10:42</p></div>'],
  ])('%s stays out', (_name, slot) => {
    expect(extractArticle(page(slot)).paragraphs).toEqual(story);
  });

  // from a review: a CMS puts targeting attributes on the story's own boxes; a brief is short; a German live blog is a "Liveticker"
  it.each([
    ['a brief whose body carries data-ad-targeting', '<div class="story-body" data-ad-targeting=\'{"section":"local"}\'><p>The city council approved a property tax increase on Tuesday, by a vote of 7-2.</p></div>'],
    ['a span carrying data-ad-keyword', '<p><span data-ad-keyword="tax">Property taxes</span> will rise 4% next year.</p>'],
    ['a quote carrying data-ad-exclude', '<blockquote data-ad-exclude>“We had no other choice,” the mayor said.</blockquote>'],
  ])('%s is read', (_name, box) => {
    const text = extractArticle(page(box)).paragraphs.join('\n');
    expect(text).toContain(box.replace(/<[^>]+>/g, ''));
  });

  it('a live blog named "liveticker" is read whole', () => {
    const entries = [6, 7, 8, 9].map((n) => `<div class="ticker-entry"><time>10:0${n}</time><p>${prose(n)}</p></div>`).join('');
    const a = extractArticle(page(`<div class="liveticker">${entries}</div>`));
    for (const n of [6, 7, 8, 9]) expect(a.paragraphs).toContain(prose(n));
  });

  it('a story wrapped in <marquee> (a legacy page) is still read by the lenient attempt', () => {
    const html = `<html><head><title>Storm</title></head><body><main><h1>Storm</h1><marquee>${story.map((p) => `<p>${p}</p>`).join('')}</marquee></main></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story);
  });

  it('a long box that happens to carry a data-ad attribute is still read (a CMS marks its story so)', () => {
    const long = `<div data-ad-targeting="news">${[6, 7, 8].map((n) => `<p>${prose(n)}</p>`).join('')}</div>`;
    expect(extractArticle(page(long)).paragraphs).toEqual([...story.slice(0, 3), prose(6), prose(7), prose(8), ...story.slice(3)]);
  });
});
