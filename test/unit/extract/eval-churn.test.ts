/**
 * Page churn (src/eval/churn.ts): what a page changes between fetches without an edit, and the false-alarm count built
 * on it; and one-word edits (src/eval/edits.ts) that a reader must see.
 */
import { describe, expect, it } from 'vitest';
import { churn, churnedFetches, LIVE_WIDGETS } from '../../../src/eval/churn.ts';
import { seededRandom } from '../../../src/eval/random.ts';
import { editablePage, editWord, paragraphChange } from '../../../src/eval/edits.ts';
import { evaluateCorpus, formatChurnTable } from '../../../src/eval/report.ts';
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
    expect(counts).toEqual({ scripts: 1, attributes: 1, times: 2, boxes: 1, slots: 5, widgets: 1 });
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

  it('churnedFetches serves each fetch as churn() would', () => {
    const fetches = [...churnedFetches(PAGE, [7, 8, 9].map((seed) => seededRandom(seed)))];
    expect(fetches).toEqual([7, 8, 9].map((seed) => churn(PAGE, seededRandom(seed))));
  });

  const story = (cls: string, inner = ''): string => `<div class="${cls}">${[1, 2, 3, 4].map((n) => `<p>${prose(n)}</p>`).join('')}${inner}</div>`;
  it.each([
    ['of two story containers with as many paragraphs, the slots go into the later', `<body>${story('first')}${story('second')}</body>`, 'class="second"', '</body>'],
    ['of two where one holds the other, into the outer', `<body>${story('outer', story('inner'))}</body>`, 'class="outer"', 'class="inner"'],
  ])('%s', (_rule, page, after, before) => {
    const { html } = churn(page, seededRandom(1));
    const slot = html.indexOf('class="newsletter-signup"');
    expect(slot).toBeGreaterThan(html.indexOf(after));
    expect(slot).toBeLessThan(html.indexOf(before));
  });
});

describe('churn: a live widget in the story', () => {
  // Pages alike but for their headline: each draws its own widget.
  const pages = Array.from({ length: 300 }, (_, i) => PAGE.replaceAll('Harbour board borrows', `Harbour board borrows ${i}`));
  const fetchesOf = (page: string) => [...churnedFetches(page, [1, 2, 3].map((seed) => seededRandom(seed)))];
  /** The widget's markup with its numbers (and their signs, a quote's arrow, a unit's plural) taken out: what a site keeps. */
  const shape = (html: string): string => html.replace(/(?:[▲▼]\s*|[+-])?\d(?:[\d,.]*\d)?/g, '#').replace(/\b(hour|minute)s\b/g, '$1');
  const numbers = (html: string): string => html.match(/\d+/g)!.join(' ');
  const served = pages.map(fetchesOf);

  it('is served inside the story container on every fetch, one a fetch', () => {
    for (const fetches of served) {
      for (const f of fetches) {
        const at = f.html.indexOf(f.widget!.html);
        expect(at).toBeGreaterThan(f.html.indexOf('<div class="story">'));
        expect(at).toBeLessThan(f.html.indexOf('<div class="most-read">'));
        expect(f.counts.widgets).toBe(1);
      }
    }
  });

  it('is the same kind in the same markup at the same place on every fetch of a page, with other numbers on each', () => {
    for (const fetches of served) {
      const [first, ...rest] = fetches.map((f) => f.widget!);
      // Its place: how many of the story's paragraphs come before it.
      const place = (f: (typeof fetches)[number]): number => f.html.slice(0, f.html.indexOf(f.widget!.html)).split('<p>Paragraph ').length - 1;
      for (const w of rest) {
        expect(w.kind).toBe(first!.kind);
        expect(shape(w.html)).toBe(shape(first!.html));
      }
      expect(new Set(fetches.map(place)).size).toBe(1);
      expect(new Set(fetches.map((f) => numbers(f.widget!.html))).size).toBe(fetches.length);
    }
  });

  it('comes in every kind and every markup across pages', () => {
    const tags = (html: string): string => html.replace(/>[^<]*</g, '><');
    const shapes = new Map<string, Set<string>>();
    for (const [f] of served) shapes.set(f!.widget!.kind, (shapes.get(f!.widget!.kind) ?? new Set()).add(tags(f!.widget!.html)));
    expect(new Map([...shapes].map(([kind, s]) => [kind, s.size]))).toEqual(new Map(LIVE_WIDGETS.map((w) => [w.kind, w.markups.length])));
  });

  it('is not served on a page without a story container', () => {
    const { widget, counts } = churn(`<html><body><h1>Short</h1><p>${prose(1)}</p></body></html>`, seededRandom(1));
    expect(widget).toBeNull();
    expect(counts.widgets).toBe(0);
  });

  it('leaves the rest of the fetch as it was: its draws come last', () => {
    // The story's paragraphs around the widget and the slots are the same whichever widget the page drew.
    const [a, b] = [pages[0]!, pages[1]!].map((page) => churn(page, seededRandom(7)));
    const without = (f: ReturnType<typeof churn>, i: number): string => f.html.replace(f.widget!.html, '').replaceAll(`borrows ${i}`, 'borrows');
    expect(a!.widget!.kind).not.toBe(b!.widget!.kind);
    expect(without(a!, 0)).toBe(without(b!, 1));
  });
});

describe('churn false alarms (evaluateCorpus)', () => {
  const page: ExtractionPage = { id: 'harbour', source: 'test', url: 'https://news.example/harbour', html: 'unused', expected: { title: null, byline: null, published: null, modified: null } };

  it('counts no false alarm for stet on this page', () => {
    const [r] = evaluateCorpus([page], () => PAGE, extractArticle).churn;
    expect(r!.falseAlarm).toBe(false);
    expect(r!.difference).toBeNull();
  });

  it('counts one for an extractor that reads the whole page, and says what changed', () => {
    const everything = (html: string): Article => ({ ...extractArticle(html), paragraphs: [textOf(parseHtml(html))] });
    const [r] = evaluateCorpus([page], () => PAGE, everything).churn;
    expect(r!.falseAlarm).toBe(true);
    expect(r!.difference).toMatch(/^paragraphs −\[/);
  });

  it('prints the live widgets served and, on a false alarm, the kind the page served', () => {
    const everything = (html: string): Article => ({ ...extractArticle(html), paragraphs: [textOf(parseHtml(html))] });
    const [r] = evaluateCorpus([page], () => PAGE, everything).churn;
    expect(LIVE_WIDGETS.map((w) => w.kind)).toContain(r!.widget);
    const table = formatChurnTable([r!]);
    expect(table).toContain(', 3 live widgets');
    expect(table).toContain(`  harbour (live widget: ${r!.widget}): paragraphs −[`);
  });
});

describe('evaluateCorpus', () => {
  it('reads each page once and extracts its unchanged page once, for its scores, its churn and its edits', () => {
    const body = [1, 2, 3, 4, 5].map(prose).join('\n');
    const pages: ExtractionPage[] = ['a', 'b'].map((id) => ({ id, source: 'test', url: null, html: id, expected: { title: 'Harbour board borrows', byline: null, published: null, modified: null, body } }));
    const reads: string[] = [];
    let unchanged = 0;
    const results = evaluateCorpus(pages, (p) => (reads.push(p.id), PAGE), (html) => {
      if (html === PAGE) unchanged++;
      return extractArticle(html);
    });
    expect(reads).toEqual(['a', 'b']);
    expect(unchanged).toBe(2);
    expect(results.pages.map((r) => [r.id, r.title])).toEqual([['a', true], ['b', true]]);
    expect(results.churn.map((r) => r.id)).toEqual(['a', 'b']);
    expect(results.edits.map((r) => r.id)).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
  });
});

describe('editWord and paragraphChange (edits a reader must see)', () => {
  const line = prose(3);

  it('changes one word inside the text node that holds the annotated line, not the first place the word appears', () => {
    const html = `<html><body><nav><a href="/">harbour news</a></nav><div class="story"><p>${prose(1)}</p><p>${line}</p></div></body></html>`;
    const edited = editWord(editablePage(html), line, seededRandom(3))!;
    expect(edited).not.toBeNull();
    expect(edited.to).not.toBe(edited.from);
    expect(edited.html).toContain('<a href="/">harbour news</a>');
    const text = textOf(parseHtml(edited.html));
    expect(text).toContain(prose(1));
    expect(text).not.toContain(line);
    expect(text).toContain(line.replace(new RegExp(`(?<!\\p{L})${edited.from}(?!\\p{L})`, 'u'), edited.to));
  });

  it('gives up when no text node holds enough of the line', () => {
    expect(editWord(editablePage('<p>Paragraph <b>3</b>: the harbour</p>'), line, seededRandom(1))).toBeNull();
  });

  it('leaves the page as it was, so each edit on one parsed page is the edit alone', () => {
    const html = `<html><body><div class="story">${[1, 2, 3].map((n) => `<p>${prose(n)}</p>`).join('')}</div></body></html>`;
    const page = editablePage(html);
    for (const seed of [3, 4, 5]) expect(editWord(page, line, seededRandom(seed))).toEqual(editWord(editablePage(html), line, seededRandom(seed)));
  });

  it('counts paragraphs lost and gained as multisets', () => {
    expect(paragraphChange(['a', 'b', 'b'], ['a', 'b', 'b'])).toEqual({ lost: 0, gained: 0 });
    expect(paragraphChange(['a', 'b', 'b'], ['a', 'b', 'c'])).toEqual({ lost: 1, gained: 1 });
    expect(paragraphChange(['a'], ['x', 'a', 'y'])).toEqual({ lost: 0, gained: 2 });
  });

  it('evaluateCorpus finds stet showing each edit alone on a plain page', () => {
    const html = `<html><head><title>T</title></head><body><article>${[1, 2, 3, 4, 5].map((n) => `<p>${prose(n)}</p>`).join('')}</article></body></html>`;
    const page: ExtractionPage = { id: 'p', source: 'test', url: null, html: 'unused', expected: { title: null, byline: null, published: null, modified: null, body: [1, 2, 3, 4, 5].map(prose).join('\n') } };
    const results = evaluateCorpus([page], () => html, extractArticle).edits;
    expect(results).toHaveLength(3);
    for (const r of results) expect([r.lost, r.gained]).toEqual([1, 1]);
  });
});
