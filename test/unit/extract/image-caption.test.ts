import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: an italic or small line right under an image ("<img><br><em>…</em><br>") is the image's caption, not body text.
const prose = (n: number): string =>
  `Paragraph ${n}: the fire brigade bought its first motor pump in 1912, and after a long debate about the cost, the crew, and the station, the council paid for two more.`;
const page = (body: string): string =>
  `<html><head><title>The motor pumps of 1912</title></head><body><nav><a href="/">Home</a></nav><div class="entry-content">${body}</div></body></html>`;

describe('image caption under an image', () => {
  it('drops an <em> line attached to an image inside running text, and keeps the prose on the next line', () => {
    const a = extractArticle(
      page(
        `${prose(1)}<br><br><img src="a.jpg"><br><em>Motor pump, 1912, later sold to a collector.<br></em><br>${prose(2)}<br><br>` +
          `<a href="b.jpg"><img src="b-small.jpg"></a><br /> <small>The station in 1930 (archive)</small><br>${prose(3)}`,
      ),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), prose(3)]);
  });

  it('drops it in a photo box too', () => {
    const a = extractArticle(page(`<p>${prose(1)}</p><div class="photobox"><img src="a.jpg"><br><em>The pump on its first day.</em></div><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('keeps italic text that is not on the image line or goes on as prose', () => {
    const a = extractArticle(
      page(
        `<p>${prose(1)}</p><p><img src="a.jpg"><br><em>Emphasis</em> that continues the sentence after the image, as prose does.</p>` +
          `<p>Some text, then <em>an italic phrase</em> with no image near it.</p><p><img src="b.jpg"><br>Prose after a <i>br</i>.</p><p>${prose(2)}</p>`,
      ),
    );
    expect(a.paragraphs).toEqual([
      prose(1),
      'Emphasis that continues the sentence after the image, as prose does.',
      'Some text, then an italic phrase with no image near it.',
      'Prose after a br.',
      prose(2),
    ]);
  });

  it('keeps a long italic standfirst under a lead image', () => {
    const standfirst = `${prose(9)} ${prose(10)} ${prose(11)}`;
    const a = extractArticle(page(`<p><img src="lead.jpg"><br><em>${standfirst}</em></p><p>${prose(1)}</p><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([standfirst, prose(1), prose(2)]);
  });
});
