import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

const prose = (n: number): string =>
  `Paragraph ${n}: the council met on Tuesday, and after a long debate about the budget, the library, and the pool, it voted to keep all three open for another year.`;
const page = (article: string, extra = ''): string =>
  `<html><head><title>Council keeps library open | Town Crier</title><meta property="og:site_name" content="Town Crier"></head><body>
  <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>${extra}
  <main><article>${article}</article></main>
  <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/1">Other story one</a></li><li><a href="/2">Other story two</a></li></ul></aside>
  <footer><p>© 2024 Town Crier. All rights reserved.</p></footer></body></html>`;

describe('body extraction', () => {
  it('returns one paragraph per block: p, li, blockquote, headings and pre', () => {
    const a = extractArticle(page(`<h1>Council keeps library open</h1><p>${prose(1)}</p><h2>What happens next</h2><ul><li>The pool reopens in May, the council said.</li><li>The library keeps its hours.</li></ul><blockquote>“We listened,” said the mayor.</blockquote><pre>budget: 1.2m</pre><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([prose(1), 'What happens next', 'The pool reopens in May, the council said.', 'The library keeps its hours.', '“We listened,” said the mayor.', 'budget: 1.2m', prose(2)]);
  });

  it('leaves out navigation, sidebars, footers and the repeated headline', () => {
    const a = extractArticle(page(`<h1>Council keeps library open</h1><p>${prose(1)}</p><p>${prose(2)}</p>`));
    expect(a.title).toBe('Council keeps library open');
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('drops the header lines above the first paragraph: byline and date line', () => {
    const a = extractArticle(page(`<p class="kicker">By Jane Doe</p><p>January 31, 2019 12:29 am</p><p>${prose(1)}</p><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('removes in-body furniture and all-link cross-promotion paragraphs', () => {
    const a = extractArticle(
      page(`<p>${prose(1)}</p><div class="ad-slot"><span>Story continues below</span></div><p><strong>READ MORE:</strong> <a href="/x">Pool reopening delayed</a></p>
      <p><a href="/y">Who will run for mayor in 2025?</a></p><p>${prose(2)}</p><p>Sign up for our daily newsletter</p><p>${prose(3)}</p>`),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), prose(3)]);
  });

  it('splits on two <br> in a row and joins lines broken by one', () => {
    const a = extractArticle(page(`<div class="story-body">${prose(1)}<br>still the first paragraph.<br><br>${prose(2)}<br/><br/>${prose(3)}</div>`));
    expect(a.paragraphs).toEqual([`${prose(1)} still the first paragraph.`, prose(2), prose(3)]);
  });

  it('reads prose loose in a container next to block children', () => {
    const a = extractArticle(page(`<div itemprop="articleBody">${prose(1)}<div class="fake-br"></div>${prose(2)}<div class="fake-br"></div>${prose(3)}</div>`));
    expect(a.paragraphs).toEqual([prose(1), prose(2), prose(3)]);
  });

  it('leaves out the comments section and related-story lists inside the article', () => {
    const a = extractArticle(
      page(`<p>${prose(1)}</p><p>${prose(2)}</p><div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Library funding explained in detail</a></li><li><a href="/b">Pool history over the years</a></li></ul></div>
      <section id="comments"><p>Great news, finally, and about time, too, if you ask me, and I think many agree.</p></section>`),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  // From a hands-on test: a German thread beside the <article> was read as the story, and each new comment made a version.
  it.each([['leserkommentare'], ['kommentare'], ['comentarios'], ['comentários'], ['reacties']])('leaves out a comment thread named "%s", however many comments it has', (name) => {
    const thread = (n: number) =>
      `<div class="${name}"><h2>Leserkommentare (${n})</h2>${Array.from({ length: n }, (_, i) => `<div class="kommentar"><p>Kommentar ${i}: Wieder ein Streik, unglaublich, das kann doch nicht wahr sein, meint der Leser.</p></div>`).join('')}</div>`;
    const html = (n: number) =>
      `<html><head><title>Harbour board</title></head><body><main><article><h1>Harbour board</h1>${[1, 2, 3, 4, 5].map((i) => `<p>${prose(i)}</p>`).join('')}</article>${thread(n)}</main></body></html>`;
    for (const n of [2, 3]) expect(extractArticle(html(n)).paragraphs).toEqual([1, 2, 3, 4, 5].map(prose));
  });

  // From a review: names that hold published text are no comment threads: letters to the editor, an opinion section.
  it.each([['leserbriefe'], ['ressort-kommentare'], ['wrap kommentare-open']])('reads a story in a box named "%s"', (name) => {
    const html = `<html><head><title>Harbour board</title></head><body><div class="${name}"><h1>Harbour board</h1>${[1, 2, 3, 4, 5].map((i) => `<p>${prose(i)}</p>`).join('')}</div><footer><p>Impressum</p></footer></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual([1, 2, 3, 4, 5].map(prose));
  });

  it('drops figure captions and image credits', () => {
    const a = extractArticle(page(`<p>${prose(1)}</p><figure><img src="a.jpg"><figcaption>The library on Main Street. Photo: Jane Doe</figcaption></figure><p>${prose(2)}</p>`));
    expect(a.paragraphs).toEqual([prose(1), prose(2)]);
  });

  it('finds an article split across sibling containers', () => {
    const a = extractArticle(
      `<body><div id="page"><div class="story-part"><p>${prose(1)}</p><p>${prose(2)}</p></div><div class="inline-ad"></div><div class="story-part"><p>${prose(3)}</p><p>${prose(4)}</p></div></div></body>`,
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), prose(3), prose(4)]);
  });
});

describe('stub pages', () => {
  it('reads a page too short to score as it is rather than returning nothing', () => {
    expect(extractArticle('<html><body><p>Gone fishing.</p></body></html>').paragraphs).toEqual(['Gone fishing.']);
  });
});

describe('recommendation blocks inside the article', () => {
  it('drops a "More … Stories" heading and the list under it, keeps the prose after it', () => {
    const a = extractArticle(
      `<body><article><p>${'The council met on Tuesday, and after a long debate about the budget, it voted to keep the library open. '.repeat(3)}</p>
      <div class="heading">More Great Town Stories</div><ul><li>Pool reopens, <a href="/a">finally</a></li><li>Mayor speaks, <a href="/b">at last</a></li></ul>
      <p>${'The vote was eleven to two, with one abstention from the member for the north ward, who left early. '.repeat(2)}</p></article></body>`,
    );
    expect(a.paragraphs.map((p) => p.slice(0, 12))).toEqual(['The council ', 'The vote was']);
  });
});

describe('header lines after a standfirst', () => {
  it('drops a byline-and-date line among the first paragraphs and a headline repeated without the site suffix', () => {
    const standfirst = 'Having cut Britain adrift of Europe, the government is indulging in an old fantasy about a new national destiny, and it shows.';
    const body = 'Theresa May’s government is trying to square all sorts of circles, but it cannot conceal the trade-offs it faces, and the markets know it.';
    const a = extractArticle(
      `<html><head><title>The Anglosphere: an old dream | Prospect</title></head><body><article><h1>The Anglosphere: an old dream</h1><p>${standfirst}</p><p>by Duncan Bell / January 19, 2017 / Leave a comment</p><p>${body}</p><p>${body}</p></article></body></html>`,
    );
    expect(a.paragraphs).toEqual([standfirst, body, body]);
  });
});

describe('a "The Latest" box of teasers inside the article', () => {
  it('drops teaser headings and short lines after the box heading, and stops at prose (160+ characters)', () => {
    const prose = 'The Senate majority leader said on Monday that the chamber would investigate the reports, and that both parties had agreed to the hearing, which is set for next month.';
    const a = extractArticle(
      `<body><article><p>${prose}</p><p>${prose}</p><h3>The Latest</h3><h2><a href="/a">Recount is unlikely to change the result</a></h2><p>Updated by Tara Golshan</p><h2><a href="/b">McConnell on Russia</a></h2><p>Updated by Jeff Stein</p><p>${prose.replace('Monday', 'Tuesday')}</p></article></body>`,
    );
    expect(a.paragraphs).toEqual([prose, prose, prose.replace('Monday', 'Tuesday')]);
  });
});

describe('the byline line after a standfirst', () => {
  it('drops "by <the byline metadata found>" among the first paragraphs', () => {
    const standfirst = 'NASA’s sights are set on landing on our Moon and Mars, but Jupiter’s moon Europa may have the ingredients for life, scientists say.';
    const body = 'The agency said on Monday that it had picked five companies to bid for landers, and that it would choose among them next year.';
    const a = extractArticle(`<meta name="author" content="Laura Winter"><body><article><p>${standfirst}</p><p>by Laura Winter</p><p>${body}</p><p>${body}</p></article></body>`);
    expect(a.byline).toBe('Laura Winter');
    expect(a.paragraphs).toEqual([standfirst, body, body]);
  });
});

describe('a meta bar under the headline of a short article is not its first paragraph', () => {
  // User test: byline, stamps, "N minutes ago", comment and view counts in one line made a "stealth edit" on every check.
  const page = (ago: number, comments: number, views: string) => `<!doctype html><html lang="en"><head><title>City council approves new transit budget</title></head><body>
<article><h1>City council approves new transit budget</h1>
<div class="meta"><span class="byline">By Sam Carter</span> <time datetime="2024-05-01T08:00:00Z">Published 2024-05-01</time>
 <span class="updated">Updated: <time>2024-05-01T09:00:00Z</time></span> <span class="ago">${ago} minutes ago</span>
 <a class="comments" href="#comments">${comments} comments</a> <span class="view-count">${views} views</span></div>
<div class="article-body">
<p>The city council on Tuesday approved a $2.1 billion transit budget after a nine-hour debate.</p>
<p>The plan adds 40 new electric buses and extends late-night service on three lines.</p>
<p>Opponents said the fare increase of 25 cents would hurt low-income riders.</p>
</div></article></body></html>`;
  it('two fetches a minute apart read the same paragraphs, none of them the meta bar', () => {
    const first = extractArticle(page(3, 41, '10,031')).paragraphs;
    expect(first[0]).toBe('The city council on Tuesday approved a $2.1 billion transit budget after a nine-hour debate.');
    expect(extractArticle(page(4, 42, '10,032')).paragraphs).toEqual(first);
  });
});

describe('a long byline-and-date line above the first paragraph is a header line', () => {
  it('is dropped there as it is after a standfirst (it used to end the header zone at 100 characters and stay)', () => {
    const prose = ['The city council on Tuesday approved a $2.1 billion transit budget after a nine-hour debate.', 'The plan adds 40 new electric buses and extends late-night service on three lines.'];
    const html = `<html><body><article><h1>Council approves budget</h1><p>By Sam Carter and Jane Doe, City Hall reporters for the Gazette | Published May 1, 2024 | Updated May 1, 2024</p>${prose.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(prose);
  });
});

describe('a lede that opens with By, Par, Por, Von or Door is no byline', () => {
  const rest = '<p>The council met again on Tuesday evening and voted to keep the library open for another year, officials said.</p>';
  it.each([
    ['By March 1, 2024, more than 3,000 residents had signed the petition calling for the mayor to resign, organisers said on Friday.'],
    ['By May 3, 2024, the river had risen three metres.'],
    ['By June, the council had spent the budget.'],
    ['By March the river was high again.'],
    ['Por primera vez desde el 1 de enero de 2024, el Ayuntamiento de Madrid ha decidido cerrar el centro de la ciudad al tráfico privado.'],
    ['Par un arrêté du 12 mars 2024, le préfet de police a interdit toute manifestation sur la place de la République, selon un communiqué.'],
    ['Von 1. Januar 2025 an gelten für Mieter in Berlin neue Regeln, wie ein Sprecher mitteilte.'],
  ])('%s', (lede) => {
    expect(extractArticle(`<html><body><article><h1>Council</h1><p>${lede}</p>${rest}</article></body></html>`).paragraphs[0]).toBe(lede);
  });
  it('while a byline, with or without its date, still goes', () => {
    // a first name that is also a month (QA: "By Jan Smith", "Door Jan de Vries" were kept as the first paragraph)
    for (const line of ['By Jane Doe', 'By JANE DOE, Associated Press', 'By Jane Doe. Published May 1, 2024.', 'By Jan Smith', 'By May Lee', 'By June Carter', 'Door Jan de Vries', 'Von Jan Müller', 'Par Jan Dupont']) {
      expect(extractArticle(`<html><body><article><h1>Council</h1><p>${line}</p>${rest}</article></body></html>`).paragraphs[0], line).not.toBe(line);
    }
  });
});
