/**
 * extractArticle never throws and stays bounded on hostile input. These tests
 * assert that it returns a well-formed Article; speed is measured in bench/.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import type { Article } from '../../../src/extract/article.ts';
import { decodeHtml } from '../../../src/fetch/decode.ts';
import { MAX_DEPTH, MAX_NODES, parseHtml } from '../../../src/extract/dom.ts';

function wellFormed(a: Article): void {
  expect(Object.keys(a).sort()).toEqual(['byline', 'canonicalUrl', 'lang', 'modifiedAt', 'paragraphs', 'publishedAt', 'title']);
  expect(Array.isArray(a.paragraphs)).toBe(true);
  for (const p of a.paragraphs) {
    expect(p.length).toBeGreaterThan(0);
    expect(p).toBe(p.trim());
    expect(p).not.toMatch(/\s{2}/);
  }
}

const sentence = 'The council voted on Tuesday to keep the library open, after a long debate about its budget. ';

describe('extractArticle on hostile input', () => {
  it('returns an empty article for an empty string', () => {
    const a = extractArticle('');
    wellFormed(a);
    expect(a.paragraphs).toEqual([]);
    expect(a.title).toBeNull();
  });

  it('returns an empty article for non-string input passed by a JavaScript caller', () => {
    wellFormed(extractArticle(undefined as unknown as string));
    wellFormed(extractArticle(42 as unknown as string));
  });

  it('survives binary garbage decoded as text', () => {
    const bytes = new Uint8Array(200_000);
    let x = 12345;
    for (let i = 0; i < bytes.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = x & 0xff;
    }
    const a = extractArticle(new TextDecoder('latin1').decode(bytes));
    wellFormed(a);
  });

  it('handles 100,000 nested elements without overflowing the stack', () => {
    const depth = 100_000;
    const html = '<div>'.repeat(depth) + `<p>${sentence.repeat(5)}</p>` + '</div>'.repeat(depth);
    wellFormed(extractArticle(html));
  });

  it('keeps the article that precedes absurdly deep nesting (the parse stops at MAX_DEPTH)', () => {
    const html = `<article><p>${sentence.repeat(3)}</p><p>${sentence.repeat(3)}</p></article>` + '<div>'.repeat(MAX_DEPTH * 4) + 'deep';
    const a = extractArticle(html);
    wellFormed(a);
    expect(a.paragraphs).toEqual([sentence.repeat(3).trim(), sentence.repeat(3).trim()]);
  });

  it('reads text nested just under MAX_DEPTH', () => {
    const depth = MAX_DEPTH - 10;
    const a = extractArticle('<div>'.repeat(depth) + `<p>${sentence.repeat(5)}</p>` + '</div>'.repeat(depth));
    expect(a.paragraphs).toEqual([sentence.repeat(5).trim()]);
  });

  it('stops building the tree at MAX_NODES and keeps what came first', () => {
    const junk = '<span>a, b</span>'.repeat(MAX_NODES);
    const a = extractArticle(`<article><p>${sentence.repeat(3)}</p></article>${junk}<p>never read</p>`);
    wellFormed(a);
    expect(a.paragraphs[0]).toBe(sentence.repeat(3).trim());
    expect(a.paragraphs.join(' ')).not.toContain('never read');
    let count = 0;
    const stack: unknown[] = [parseHtml(junk)];
    while (stack.length > 0) {
      const n = stack.pop() as { children?: unknown[] };
      count++;
      for (const c of n.children ?? []) stack.push(c);
    }
    expect(count).toBeLessThanOrEqual(MAX_NODES + 1);
  });

  // From a review: rules that search or match per line must stay linear (each of these took seconds to hours).
  it('reads a paragraph shaped to make a market-quotes pattern backtrack', () => {
    const line = `${'A 1 +1 '.repeat(36)}!`;
    const a = extractArticle(`<article><p>${sentence.repeat(3)}</p><p>${line}</p></article>`);
    expect(a.paragraphs).toContain(line);
  });

  it('reads a note under chrome nested near MAX_DEPTH, several times over', () => {
    const note = 'Correction: An earlier version of this story misstated the vote count.';
    const chain = (n: number) => `${'<aside><span>correction</span>'.repeat(n)}<p>${note}</p>${'</aside>'.repeat(n)}`;
    const a = extractArticle(`<html><body><article><header><h1>Harbour</h1>${'<div>'.repeat(1500)}<p>${note}</p>${'</div>'.repeat(1500)}</header>${chain(600)}${chain(600)}<p>${sentence.repeat(3)}</p></article></body></html>`);
    wellFormed(a);
    expect(a.paragraphs).toContain(sentence.repeat(3).trim());
  });

  it('handles 100,000 unclosed nested elements', () => {
    const a = extractArticle('<html><body>' + '<span><b>'.repeat(50_000) + sentence);
    wellFormed(a);
  });

  it('extracts from a 10 MB page and returns its article', () => {
    const filler = '<div class="ad">x</div>'.repeat(10_000);
    const paragraphs = Array.from({ length: 2000 }, (_, i) => `<p>${i}: ${sentence.repeat(4)}</p>`).join('');
    let html = `<html><head><title>Big</title></head><body>${filler}<article>${paragraphs}</article>`;
    while (html.length < 10 * 1024 * 1024) html += '<!-- ' + 'z'.repeat(100_000) + ' -->';
    html += '</body></html>';
    const a = extractArticle(html);
    wellFormed(a);
    expect(a.title).toBe('Big');
    expect(a.paragraphs.length).toBe(2000);
  });

  it('cuts pages larger than its limit instead of parsing them whole', () => {
    const head = `<html><body><article>${`<p>${sentence.repeat(3)}</p>`.repeat(20)}</article>`;
    const a = extractArticle(head + ' '.repeat(20 * 1024 * 1024));
    wellFormed(a);
    expect(a.paragraphs.length).toBe(20);
  });

  it('reads through broken markup: unclosed tags, stray end tags, bad attributes', () => {
    const html = `<html><head><title>Broken</title><body><div class=article"><p>${sentence}<p>${sentence}</b></i></div></span>
      <p <p>>${sentence}<table><tr><td>${sentence}</div><script>var x = "</p>";</script><p>${sentence}`;
    const a = extractArticle(html);
    wellFormed(a);
    expect(a.title).toBe('Broken');
    expect(a.paragraphs.filter((p) => p.includes('The council voted')).length).toBeGreaterThanOrEqual(3);
    expect(a.paragraphs.join(' ')).not.toContain('var x');
  });

  it('decodes a windows-1252 page that declares its charset, and keeps accents', () => {
    const text = `<html><head><meta charset="windows-1252"><title>Caf\u00e9</title></head><body><article><p>${'Le caf\u00e9 est ouvert, d\u00e9j\u00e0 tr\u00e8s t\u00f4t le matin. '.repeat(5)}</p></article></body></html>`;
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const a = extractArticle(decodeHtml(bytes).html);
    expect(a.title).toBe('Caf\u00e9');
    expect(a.paragraphs[0]).toContain('d\u00e9j\u00e0 tr\u00e8s');
  });

  it('keeps going on a page decoded with the wrong charset (mojibake is text, not an error)', () => {
    const utf8 = new TextEncoder().encode(`<html><body><article><p>${'Zürich und Genève, 10 € pro Tag. '.repeat(10)}</p></article></body></html>`);
    const a = extractArticle(new TextDecoder('windows-1252').decode(utf8));
    wellFormed(a);
    expect(a.paragraphs[0]).toContain('ZÃ¼rich');
  });

  it('never reads scripts, styles or JSON blobs as body text', () => {
    const a = extractArticle(`<body><script>${'var a = 1, b = 2, c = 3;'.repeat(100)}</script><style>p{}</style><p>${sentence.repeat(3)}</p></body>`);
    expect(a.paragraphs).toEqual([sentence.repeat(3).trim()]);
  });

  it('accepts a URL that does not parse, and resolves a relative canonical only against a real one', () => {
    const html = `<link rel="canonical" href="/news/1"><article><p>${sentence.repeat(3)}</p></article>`;
    expect(extractArticle(html, 'not a url').canonicalUrl).toBeNull();
    expect(extractArticle(html, 'https://news.example/x?utm=1').canonicalUrl).toBe('https://news.example/news/1');
  });

  it('survives malformed JSON-LD', () => {
    const a = extractArticle(`<head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Half</script></head><body><p>${sentence}</p></body>`);
    wellFormed(a);
  });
});
