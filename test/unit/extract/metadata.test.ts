import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/dom.ts';
import { splitJsonValues } from '../../../src/extract/jsonld.ts';
import { extractMetadata, scanVisibleStamps } from '../../../src/extract/metadata.ts';

const meta = (html: string, url: string | null = null) => extractMetadata(parseHtml(html), url);
const ld = (obj: unknown): string => `<script type="application/ld+json">${JSON.stringify(obj)}</script>`;

describe('JSON-LD', () => {
  it('reads an Article inside @graph, skipping WebSite/Organization nodes', () => {
    const m = meta(
      ld({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebSite', name: 'Globe News', datePublished: '2001-01-01' },
          { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
          { '@type': ['NewsArticle'], headline: 'Council keeps library open', author: { '@id': '#jane' }, datePublished: '2019-01-31T00:29:00-05:00', dateModified: '2019-01-31T15:13:00-05:00' },
        ],
      }),
    );
    expect(m.title).toBe('Council keeps library open');
    expect(m.byline).toBe('Jane Doe');
    expect(m.publishedAt).toBe('2019-01-31T00:29:00-05:00');
    expect(m.modifiedAt).toBe('2019-01-31T15:13:00-05:00');
  });

  it('reads a top-level array and joins several authors', () => {
    const m = meta(ld([{ '@type': 'BreadcrumbList' }, { '@type': 'ReportageNewsArticle', headline: 'H', author: [{ '@type': 'Person', name: 'Stella Kim' }, { name: 'Jennifer Jett' }], datePublished: '2024-12-06T22:00:40.000Z' }]));
    expect(m.byline).toBe('Stella Kim, Jennifer Jett');
    expect(m.publishedAt).toBe('2024-12-06T22:00:40.000Z');
  });

  it('prefers a real article type over WebPage when both carry dates', () => {
    const m = meta(ld({ '@graph': [{ '@type': 'WebPage', datePublished: '2018-05-05' }, { '@type': 'BlogPosting', datePublished: '2019-02-02' }] }));
    expect(m.publishedAt).toBe('2019-02-02');
  });

  it('survives concatenated objects, CDATA wrappers and raw newlines inside strings', () => {
    const html = `<script type="application/ld+json">/*<![CDATA[*/{"@type":"Organization","name":"X"}{"@type":"NewsArticle","headline":"Two
lines","datePublished":"2020-10-26T18:10:00+01:00"}/*]]>*/</script>`;
    const m = meta(html);
    expect(m.publishedAt).toBe('2020-10-26T18:10:00+01:00');
    expect(m.title).toBe('Two lines');
  });

  it('ignores invalid JSON-LD without failing', () => {
    const m = meta(`<title>Fallback</title><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>`);
    expect(m.title).toBe('Fallback');
  });

  it('splitJsonValues splits top-level values and ignores braces inside strings', () => {
    expect(splitJsonValues('{"a":"}{"} ,[1,2] ;{"b":1}')).toEqual(['{"a":"}{"}', '[1,2]', '{"b":1}']);
  });
});

describe('meta tags, microdata and <time>', () => {
  it('reads OpenGraph / article:* meta', () => {
    const m = meta(`<meta property="og:title" content="Headline"><meta property="article:published_time" content="2016-11-18T05:00:00Z">
      <meta property="article:modified_time" content="2016-11-19T08:00:00Z"><meta name="author" content="Will Leitch"><link rel="canonical" href="/a/1"><html lang="en-GB">`, 'https://news.example/a/1?utm=x');
    expect(m).toMatchObject({ title: 'Headline', byline: 'Will Leitch', publishedAt: '2016-11-18T05:00:00Z', modifiedAt: '2016-11-19T08:00:00Z', canonicalUrl: 'https://news.example/a/1' });
  });

  it('reads microdata itemprops (datetime / content attributes, nested author name)', () => {
    const m = meta(`<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">H</h1>
      <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Aleš Vávra</span></span>
      <time itemprop="datePublished" datetime="2021-11-01T10:52:50+01:00">1. listopadu 2021</time>
      <meta itemprop="dateModified" content="2021-11-02T08:00:00+01:00"></div>`);
    expect(m.byline).toBe('Aleš Vávra');
    expect(m.publishedAt).toBe('2021-11-01T10:52:50+01:00');
    expect(m.modifiedAt).toBe('2021-11-02T08:00:00+01:00');
  });

  it('tells several <time> elements apart by their labels and classes', () => {
    const m = meta(`<article><p class="dates">Published <time datetime="2019-01-31T05:29:00Z">Jan 31</time>,
      updated <time class="updated" datetime="2019-01-31T20:13:00Z">3:13 pm</time></p>
      <p>Related from 2017: <time datetime="2017-03-03">March 3</time></p></article>`);
    expect(m.publishedAt).toBe('2019-01-31T05:29:00Z');
    expect(m.modifiedAt).toBe('2019-01-31T20:13:00Z');
  });

  it('uses a date in the URL path, day precision only, when nothing else gives one', () => {
    expect(meta('<p>no stamps</p>', 'https://laprensa.example/2020/02/17/story/').publishedAt).toBe('2020-02-17');
  });

  it('drops a modified stamp that predates publication (template noise)', () => {
    const m = meta('<meta property="article:published_time" content="2020-05-05"><meta property="article:modified_time" content="2011-01-01">');
    expect(m.modifiedAt).toBeNull();
  });
});

describe('visible stamps', () => {
  it('reads "date / Updated: date" lines like the seed article', () => {
    const doc = parseHtml('<div class="byline"><span>January 31, 2019 12:29 am</span><br><span>Updated: January 31, 2019 3:13 pm</span></div>');
    expect(scanVisibleStamps(doc)).toEqual({ published: null, modified: '2019-01-31T15:13:00', unlabeled: '2019-01-31T00:29:00' });
  });

  it('reads both stamps from one text node', () => {
    const doc = parseHtml('<p>January 31, 2019 12:29 am / Updated: January 31, 2019 3:13 pm ET</p>');
    expect(scanVisibleStamps(doc)).toMatchObject({ modified: '2019-01-31T15:13:00-05:00', unlabeled: '2019-01-31T00:29:00' });
  });

  it('takes the label from the previous text node ("<b>Posted:</b> date")', () => {
    const doc = parseHtml('<p><b>Posted:</b> <span>March 3, 2020</span></p><p><b>Last updated</b> <span>March 4, 2020 9:00 GMT</span></p>');
    expect(scanVisibleStamps(doc)).toMatchObject({ published: '2020-03-03', modified: '2020-03-04T09:00:00Z' });
  });

  it('never reads dates inside scripts', () => {
    const doc = parseHtml('<script>var d = "Updated: January 1, 2001";</script><p>No date here.</p>');
    expect(scanVisibleStamps(doc)).toEqual({ published: null, modified: null, unlabeled: null });
  });
});

describe('title', () => {
  it('drops the site name from <title> using og:site_name', () => {
    expect(meta('<title>Seven secrets hotels hide | The Independent</title><meta property="og:site_name" content="The Independent">').title).toBe('Seven secrets hotels hide');
  });
  it('drops the site name recognised from the host when there is no og:site_name', () => {
    expect(meta("<title>Gregory Szorc's Digital Home | Mercurial's Journey to Python 3</title>", 'https://gregoryszorc.com/blog/2020/01/13/x/').title).toBe("Mercurial's Journey to Python 3");
  });
  it('keeps a headline that contains a separator-like dash when nothing names the site', () => {
    expect(meta('<title>Brexit - what happens next?</title>', 'https://news.example/x').title).toBe('Brexit - what happens next?');
  });
  it('prefers the <h1> wording when it matches the metadata up to typography', () => {
    expect(meta(`<meta property="og:title" content="It's here"><h1>It’s here</h1>`).title).toBe('It’s here');
  });
  it('prefers the <h1> when it extends a shortened meta title', () => {
    expect(meta('<meta property="og:title" content="Ultium Cells raises capacity - Battery-News.de"><meta property="og:site_name" content="Battery-News.de"><h1>Ultium Cells raises capacity in Tennessee</h1>').title).toBe('Ultium Cells raises capacity in Tennessee');
  });
  it('ignores an og:title that is only the site name', () => {
    expect(meta('<meta property="og:title" content="Krimiblog"><meta property="og:site_name" content="Krimiblog"><title>Das Musikvideo : Krimiblog</title><h1>Das Musikvideo</h1>').title).toBe('Das Musikvideo');
  });
});

describe('byline', () => {
  it.each([
    ['meta author', '<meta name="author" content="Howard Blume">', 'Howard Blume'],
    ["a byline element loses its \"By\"", "<div class=\"byline\">By Erin Cunningham</div>", "Erin Cunningham"],
    ['labels are removed ("Posted by", "Autor:")', '<p><strong>Autor:</strong> <a href="/profil/207/x">Klausmartin Friedrich</a></p>', 'Klausmartin Friedrich'],
    ['a link to an author page on the same site', '<p>Words: <a href="https://news.example/author/jane-doe/">Jane Doe</a></p>', 'Jane Doe'],
    ['a news agency after the name is cut', '<p class="byline">Von David Hutzler, dpa</p>', 'David Hutzler'],
    ["the date after the name is cut", "<span class=\"author\">By Jane Doe | January 31, 2019</span>", "Jane Doe"],
  ])('%s', (_rule, html, expected) => {
    expect(meta(html, 'https://news.example/2019/01/31/x').byline).toBe(expected);
  });

  it('rejects URLs and domains as bylines; the site name only when a person is named', () => {
    expect(meta('<meta name="author" content="https://facebook.com/jane">').byline).toBeNull();
    expect(meta('<meta name="author" content="jungefreiheit.de">').byline).toBeNull();
    expect(meta('<meta name="author" content="Globe News"><meta property="og:site_name" content="Globe News"><p>By Jane Doe</p>').byline).toBe('Jane Doe');
  });

  it('ignores author links to other sites (youtube.com/user/…)', () => {
    expect(meta('<a href="https://www.youtube.com/user/teufel">YouTube</a>', 'https://blog.teufel.de/x').byline).toBeNull();
  });
});

describe('visible headline', () => {
  it('prefers the one <h1> when it rewords the sharing title (same story, shared words)', () => {
    const m = meta('<meta property="og:title" content="Archaeologists Discover 2,500-Year-Old Lost City Atop a Greek Mountain"><h1>Archaeologists Just Discovered a 2,500-Year-Old Lost City Atop a Greek Mountain Peak</h1>');
    expect(m.title).toBe('Archaeologists Just Discovered a 2,500-Year-Old Lost City Atop a Greek Mountain Peak');
  });
  it('prefers a full <h1> headline (five words or more) even when the sharing title is worded differently', () => {
    const m = meta('<meta property="og:title" content="Nigeria\'s economy has best quarterly growth since recession"><h1>Nigeria’s economy is making a comeback—but it’s still not happening fast enough</h1>');
    expect(m.title).toBe('Nigeria’s economy is making a comeback—but it’s still not happening fast enough');
  });
  it('keeps the meta title when the <h1> is a fragment of it (an artist name on a review)', () => {
    expect(meta('<meta property="og:title" content="Lust for Youth: Lust for Youth Album Review"><h1>Lust for Youth</h1>').title).toBe('Lust for Youth: Lust for Youth Album Review');
  });
  it('keeps the meta title when the <h1> is about something else (a section name)', () => {
    expect(meta('<meta property="og:title" content="Council keeps library open"><h1>Local News</h1>').title).toBe('Council keeps library open');
  });
});

describe('byline lines in the text', () => {
  it('reads "Eingestellt von der Michel" (explicit label, lower-case pseudonym)', () => {
    expect(meta('<div class="post-footer"><span>Eingestellt von der Michel um 21:11</span></div>').byline).toBe('der Michel');
  });
  it('does not take a sentence that starts with "By the" for a byline', () => {
    expect(meta('<p>By the time the council met, the budget was gone.</p>').byline).toBeNull();
  });
});

describe('bylines that are the site', () => {
  it('skips a "vcard author" masthead that links home, takes the post author', () => {
    const m = meta('<h1 class="vcard author"><a href="http://archiv.krimiblog.de/" class="fn">Krimiblog-Archiv</a></h1><h4 class="vcard author">vom <span class="fn">Krimiblogger</span></h4>');
    expect(m.byline).toBe('Krimiblogger');
  });
  it('puts a club or publication named on the host after a person, keeps an author whose blog carries their name', () => {
    expect(meta('<meta name="author" content="EFC Bayrische Bembel"><p>Geschrieben von Cooper</p>', 'https://bayrische-bembel.de/504').byline).toBe('Cooper');
    expect(meta('<meta name="author" content="Helge Fahrnberger">', 'https://helge.at/2014/03/mahu/').byline).toBe('Helge Fahrnberger');
    expect(meta('<meta name="author" content="Gregory Szorc">', 'https://gregoryszorc.com/blog/x/').byline).toBe('Gregory Szorc');
  });
});

describe('<time> without a zone', () => {
  it('takes the offset from its visible text when that names a zone for the same wall-clock time', () => {
    expect(meta('<time datetime="2019-01-31T15:13">January 31, 2019 3:13 pm ET</time>').publishedAt).toBe('2019-01-31T15:13:00-05:00');
    expect(meta('<time datetime="2019-07-31T15:13:00.120">July 31, 2019 3:13 pm ET</time>').publishedAt).toBe('2019-07-31T15:13:00.120-04:00');
  });
  it('stays local when the text disagrees or names no zone', () => {
    expect(meta('<time datetime="2019-01-31T15:13">January 31, 2019 4:13 pm ET</time>').publishedAt).toBe('2019-01-31T15:13:00');
    expect(meta('<time datetime="2019-01-31T15:13">January 31</time>').publishedAt).toBe('2019-01-31T15:13:00');
  });
});
