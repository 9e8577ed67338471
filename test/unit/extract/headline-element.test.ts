import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: the headline as the page shows it is never a body paragraph, whichever title the metadata rules chose.
// Above the first paragraph of prose, the first <h1> read is the article's headline element and goes whatever its
// text; a copy of the page's one <h1> goes too (same words only), as does a line equal to the chosen title.
const prose = [
  'The mayor resigned on Monday evening after weeks of pressure from the council and from her own party, aides said.',
  'She will stay in office until a successor is chosen at a special meeting later this month, the clerk said.',
];
const body = prose.map((p) => `<p>${p}</p>`).join('');
const page = (head: string, article: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body><article>${article}</article></body></html>`;
const extract = (head: string, article: string) => extractArticle(page(head, article));

describe('the headline element is never a body paragraph', () => {
  it.each([
    ['og:title and <title> changed, <h1> unchanged (the user test)', '<title>Mayor resigns amid probe | Fixture News</title><meta property="og:title" content="Mayor resigns amid probe">', '<h1>Mayor resigns</h1>'],
    ['only <title> changed', '<title>Mayor resigns amid probe</title>', '<h1>Mayor resigns</h1>'],
    ['a JSON-LD headline in other words', '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Why the mayor finally left"}</script>', '<h1>Mayor resigns</h1>'],
    ['a kicker inside the <h1>', '<meta property="og:title" content="Mayor resigns amid probe">', '<h1><span class="kicker">Exclusive</span> Mayor resigns</h1>'],
    ['an <h1> split in two lines by <br><br>', '<meta property="og:title" content="Mayor resigns amid probe">', '<h1>Mayor resigns<br><br>after weeks of pressure</h1>'],
    ['responsive copies of the <h1>', '<meta property="og:title" content="Mayor resigns amid probe">', '<h1 class="mobile">Mayor resigns</h1><h1 class="desktop">Mayor resigns</h1>'],
    ['a copy of the <h1> in an <h2> at the top of the body', '<meta property="og:title" content="Mayor resigns amid probe">', '<header><h1>Mayor resigns</h1></header><h2 class="title">Mayor resigns</h2>'],
    ['a byline line between headline and text', '<meta property="og:title" content="Mayor resigns amid probe">', '<h1>Mayor resigns</h1><p>By Jane Reporter</p>'],
  ])('%s', (_name, head, top) => {
    expect(extract(head, top + body).paragraphs).toEqual(prose);
  });

  it('a headline change made only in the metadata changes the title, not the body', () => {
    const before = extract('<title>Mayor resigns | Fixture News</title><meta property="og:title" content="Mayor resigns">', `<h1>Mayor resigns</h1>${body}`);
    const after = extract('<title>Mayor resigns amid probe | Fixture News</title><meta property="og:title" content="Mayor resigns amid probe">', `<h1>Mayor resigns</h1>${body}`);
    expect([before.title, after.title]).toEqual(['Mayor resigns', 'Mayor resigns amid probe']);
    expect(after.paragraphs).toEqual(before.paragraphs);
  });

  const og = '<meta property="og:title" content="Mayor resigns amid probe">';
  it.each([
    ['a lead that resembles the headline', '<h1>Mayor resigns</h1><p>Mayor resigns, again.</p>', ['Mayor resigns, again.', ...prose]],
    ['a lead that starts like the headline (only the same words count)', '<h1>Resignation afterwards</h1><p>Resignation after</p>', ['Resignation after', ...prose]],
    ['a second, different <h1> above the prose', '<h1>Mayor resigns</h1><p>Updated with her statement.</p><h1>Her statement</h1>', ['Updated with her statement.', 'Her statement', ...prose]],
  ])('keeps %s', (_name, top, expected) => {
    expect(extract(og, top + body).paragraphs).toEqual(expected);
  });

  it('keeps an <h1> section heading that follows short intro lines (the header zone is still open, but body text came first)', () => {
    const intro = ['The new rules start in April.', 'Here is what changes for you.'];
    const sections = [
      'The amount you can earn before paying any income tax goes up by £500 to £13,070, which the Treasury says will save a basic-rate taxpayer about £100 a year.',
      'Relief on pension contributions will be capped at £40,000 a year for everyone, including higher earners who previously could contribute more.',
    ];
    const html = `<html><head><title>Ten things to know about the new tax rules | Money Desk</title></head><body>
<header class="site-header"><a href="/">Money Desk</a></header>
<article><header><h1>Ten things to know about the new tax rules</h1><p>By Ana Ruiz</p></header>
<div class="body">${intro.map((p) => `<p>${p}</p>`).join('\n')}
<h1>1. The personal allowance rises</h1><p>${sections[0]}</p><h1>2. Pension relief is capped</h1><p>${sections[1]}</p></div></article></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual([...intro, '1. The personal allowance rises', sections[0], '2. Pension relief is capped', sections[1]]);
  });

  it('keeps an <h1> used as a section heading below the first paragraph of prose', () => {
    const a = extract(og, `<h1>Mayor resigns</h1><p>${prose[0]}</p><h1>What happens next</h1><p>${prose[1]}</p>`);
    expect(a.paragraphs).toEqual([prose[0], 'What happens next', prose[1]]);
  });
});
