import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_ENTRIES, isCutOff, parseSourceListing } from '../../../src/discover/parse.ts';

const BASE = 'https://news.example/feed.xml';
const at = (iso: string) => Date.parse(iso);

describe('feeds: each item is an article link, with its date and title', () => {
  it('RSS 2.0: links resolved against the feed, fragments dropped, a permalink guid standing in for a missing link, non-http links skipped', () => {
    const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Courier &amp; Star</title><link>https://news.example/</link>
  <item><title>Storm hits the coast</title><link>https://news.example/storm#comments</link><pubDate>Sun, 29 Nov 2026 10:00:00 GMT</pubDate></item>
  <item><title>Relative link</title><link>/news/relative</link></item>
  <item><title>Only a guid</title><guid isPermaLink="true">https://news.example/guid-only</guid></item>
  <item><title>Not a page</title><link>javascript:alert(1)</link></item>
  <item><title>No link at all</title><guid isPermaLink="false">tag:news.example,2026:1</guid></item>
</channel></rss>`;
    expect(parseSourceListing(rss, BASE)).toEqual({
      kind: 'feed',
      title: 'The Courier & Star',
      entries: [
        { url: 'https://news.example/storm', publishedAt: at('2026-11-29T10:00:00Z'), title: 'Storm hits the coast' },
        { url: 'https://news.example/news/relative', publishedAt: null, title: 'Relative link' },
        { url: 'https://news.example/guid-only', publishedAt: null, title: 'Only a guid' },
      ],
    });
  });

  it('Atom 1.0: the alternate link and the updated time', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
  <entry><title>Council votes</title><link rel="alternate" href="https://news.example/council"/><updated>2026-11-29T09:30:00+01:00</updated></entry></feed>`;
    expect(parseSourceListing(atom, BASE)).toEqual({
      kind: 'feed',
      title: 'Courier',
      entries: [{ url: 'https://news.example/council', publishedAt: at('2026-11-29T08:30:00Z'), title: 'Council votes' }],
    });
  });

  it('RDF (RSS 1.0)', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>Old</title></channel>
  <item rdf:about="https://news.example/rdf-1"><title>One</title><link>https://news.example/rdf-1</link></item></rdf:RDF>`;
    expect(parseSourceListing(rdf, BASE)).toMatchObject({ kind: 'feed', entries: [{ url: 'https://news.example/rdf-1', title: 'One' }] });
  });
});

describe('sitemaps: each <url><loc> is an article link', () => {
  it('a news sitemap gives the publication date and title; a plain one its lastmod; whitespace around <loc> is ignored', () => {
    const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a</loc><news:news><news:publication><news:name>Courier</news:name><news:language>en</news:language></news:publication>
    <news:publication_date>2026-11-29T09:00:00+01:00</news:publication_date><news:title>A story</news:title></news:news></url>
  <url><loc>
    https://news.example/b
  </loc><lastmod>2026-11-28</lastmod></url>
  <url><lastmod>2026-11-28</lastmod></url>
</urlset>`;
    expect(parseSourceListing(sitemap, 'https://news.example/sitemap.xml')).toEqual({
      kind: 'sitemap',
      title: null,
      entries: [
        { url: 'https://news.example/a', publishedAt: at('2026-11-29T08:00:00Z'), title: 'A story' },
        { url: 'https://news.example/b', publishedAt: at('2026-11-28'), title: null },
      ],
    });
  });

  it('a sitemap index lists its child sitemaps', () => {
    const index = `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/sitemap-2026-11.xml</loc><lastmod>2026-11-29</lastmod></sitemap></sitemapindex>`;
    expect(parseSourceListing(index, 'https://news.example/sitemap.xml')).toEqual({
      kind: 'sitemap-index',
      title: null,
      entries: [{ url: 'https://news.example/sitemap-2026-11.xml', publishedAt: at('2026-11-29'), title: null }],
    });
  });

  it(`stops at ${MAX_SOURCE_ENTRIES} links (the sitemaps.org limit)`, () => {
    const urls = Array.from({ length: MAX_SOURCE_ENTRIES + 10 }, (_, i) => `<url><loc>https://news.example/${i}</loc></url>`).join('');
    const listing = parseSourceListing(`<urlset>${urls}</urlset>`, BASE);
    expect(listing.kind === 'sitemap' && listing.entries.length).toBe(MAX_SOURCE_ENTRIES);
  });
});

describe('an HTML page names its feeds', () => {
  it('<link rel=alternate> RSS and Atom feeds, resolved against <base>, in page order, once each', () => {
    const page = `<!doctype html><html><head><title>The Courier</title><base href="https://news.example/en/">
  <link rel="alternate" type="application/rss+xml" href="rss.xml"><link rel="stylesheet" href="x.css">
  <link rel="alternate" type="application/atom+xml" href="https://news.example/atom"><link rel="alternate" type="application/rss+xml" href="rss.xml">
  <link rel="alternate" hreflang="de" href="https://news.example/de/"></head><body><p>Front page</p></body></html>`;
    expect(parseSourceListing(page, 'https://news.example/')).toEqual({
      kind: 'html',
      title: 'The Courier',
      feeds: ['https://news.example/en/rss.xml', 'https://news.example/atom'],
    });
  });
});

describe('anything else is not a source, and never throws', () => {
  it.each([
    ['JSON', '{"items": []}'],
    ['plain text', 'hello'],
    ['empty', ''],
    ['an unrelated XML document', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ['binary', '\u0000\u0001\u0002PNG'],
  ])('%s', (_name, text) => {
    expect(parseSourceListing(text, BASE)).toEqual({ kind: 'unknown' });
  });

  it('broken XML still yields what can be read', () => {
    expect(parseSourceListing('<rss><channel><item><link>https://news.example/x</link></item>', BASE)).toMatchObject({ kind: 'feed', entries: [{ url: 'https://news.example/x' }] });
  });
});

describe('what the first review of sources broke', () => {
  it('an upper-case <!DOCTYPE HTML> front page, or one without <html>, is still a page whose feeds are read', () => {
    const upper = '<!DOCTYPE HTML>\n<HTML><HEAD><TITLE>Gazette</TITLE><LINK REL="alternate" TYPE="application/rss+xml" HREF="/rss.xml"></HEAD><BODY></BODY></HTML>';
    expect(parseSourceListing(upper, 'https://news.example/')).toEqual({ kind: 'html', title: 'Gazette', feeds: ['https://news.example/rss.xml'] });
    const bare = '<head><link rel="alternate" type="text/xml" href="/feed"></head><p>Front</p>';
    expect(parseSourceListing(bare, 'https://news.example/')).toMatchObject({ kind: 'html', feeds: ['https://news.example/feed'] });
  });

  it('an <?xml-stylesheet?> line (Yoast sitemaps) or a <!DOCTYPE> (RSS 0.91) before the root is read past, and no DTD entity is expanded', () => {
    const yoast = '<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" href="//news.example/main-sitemap.xsl"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/post-sitemap.xml</loc></sitemap></sitemapindex>';
    expect(parseSourceListing(yoast, BASE)).toMatchObject({ kind: 'sitemap-index', entries: [{ url: 'https://news.example/post-sitemap.xml' }] });
    const rss091 = '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title><item><title>One</title><link>https://news.example/1</link></item></channel></rss>';
    expect(parseSourceListing(rss091, BASE)).toMatchObject({ kind: 'feed', title: 'Old', entries: [{ url: 'https://news.example/1' }] });
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title><item><link>https://news.example/x</link></item></channel></rss>';
    const listing = parseSourceListing(bomb, BASE);
    expect(listing).toMatchObject({ kind: 'feed', entries: [{ url: 'https://news.example/x' }] });
    expect(listing.kind === 'feed' && (listing.title ?? '').length).toBeLessThan(20);
  });

  it('Atom: the alternate HTML link, not a replies or self link listed first; published, not updated', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><entry><title>Post</title>
      <link rel="replies" type="application/atom+xml" href="https://news.example/feeds/1/comments"/><link rel="self" type="application/atom+xml" href="https://news.example/feeds/1.json"/>
      <link rel="alternate" type="text/html" href="https://news.example/2016/post.html"/>
      <published>2016-03-01T10:00:00Z</published><updated>2026-11-29T10:00:00Z</updated></entry></feed>`;
    expect(parseSourceListing(atom, BASE)).toMatchObject({ entries: [{ url: 'https://news.example/2016/post.html', publishedAt: at('2016-03-01T10:00:00Z') }] });
  });

  it('CDATA titles and links are read', () => {
    const rss = '<rss><channel><title><![CDATA[Courier & Co]]></title><item><title><![CDATA[Storm <b>hits</b>]]></title><link><![CDATA[https://news.example/a]]></link></item></channel></rss>';
    expect(parseSourceListing(rss, BASE)).toEqual({ kind: 'feed', title: 'Courier & Co', entries: [{ url: 'https://news.example/a', publishedAt: null, title: 'Storm hits' }] });
  });

  it('a sitemap time without a zone is UTC (not the server\'s zone); control characters never reach a title', () => {
    const sitemap = '<urlset><url><loc>https://news.example/a</loc><lastmod>2026-11-28T10:00:00</lastmod></url></urlset>';
    expect(parseSourceListing(sitemap, BASE)).toMatchObject({ entries: [{ publishedAt: at('2026-11-28T10:00:00Z') }] });
    expect(parseSourceListing('<rss><channel><title>A\u001b[2J\u001b]0;pwned\u0007B</title></channel></rss>', BASE)).toMatchObject({ title: 'A [2J ]0;pwned B' });
  });

  it('200,000 nested elements neither overflow the stack nor take long: the parse stops at the depth limit, keeping what it read', () => {
    const deep = `<urlset><url><loc>https://news.example/a</loc></url>${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}<url><loc>https://news.example/b</loc></url></urlset>`;
    expect(parseSourceListing(deep, BASE)).toMatchObject({ kind: 'sitemap', entries: [{ url: 'https://news.example/a' }] });
    const deepPage = `<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>${'<div>'.repeat(200_000)}</body></html>`;
    expect(parseSourceListing(deepPage, 'https://news.example/')).toMatchObject({ kind: 'html', feeds: ['https://news.example/rss'] });
  });
});

describe('what the second review of sources found', () => {
  it('an <atom:link/> or <media:title> before an item\'s own <link> and <title> is not them', () => {
    const rss = `<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel><item><atom:link rel="alternate" href="https://news.example/al-item"/><media:title>Photo title</media:title><title>Real title</title><link>https://news.example/al-item</link></item></channel></rss>`;
    expect(parseSourceListing(rss, BASE)).toMatchObject({ entries: [{ url: 'https://news.example/al-item', title: 'Real title' }] });
  });

  it('a guid stands in for a link only when it is an absolute http(s) address, not an id resolved against the feed', () => {
    const rss = '<rss><channel><item><guid>story-12345</guid></item><item><link>javascript:alert(1)</link><guid>1234</guid></item><item><guid>https://news.example/by-guid</guid></item></channel></rss>';
    expect(parseSourceListing(rss, BASE)).toMatchObject({ entries: [{ url: 'https://news.example/by-guid' }] });
  });
});

describe('titles are text', () => {
  it('an RSS or news-sitemap title holding HTML (in CDATA, or escaped) is read as HTML: its tags go and its entities are decoded', () => {
    const rss =
      '<rss><channel><title>Courier &amp;amp; Co</title>' +
      '<item><title><![CDATA[<b>Mayor</b> &amp; council <i>vote</i>]]></title><link>https://news.example/a</link></item>' +
      '<item><title>Rent &lt;em&gt;rises&lt;/em&gt; 4&amp;#37;</title><link>https://news.example/b</link></item>' +
      '<item><title>AT&amp;T profits rise; Q&amp;A with the CEO</title><link>https://news.example/c</link></item></channel></rss>';
    const listing = parseSourceListing(rss, BASE);
    expect(listing).toMatchObject({ title: 'Courier & Co', entries: [{ title: 'Mayor & council vote' }, { title: 'Rent rises 4%' }, { title: 'AT&T profits rise; Q&A with the CEO' }] });
    const sitemap =
      '<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example/a</loc><news:news><news:title>Storm &lt;b&gt;hits&lt;/b&gt;</news:title></news:news></url></urlset>';
    expect(parseSourceListing(sitemap, BASE)).toMatchObject({ entries: [{ title: 'Storm hits' }] });
  });

  it('an Atom title is HTML only when it says so (type="html"); text by default keeps what looks like markup', () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Courier &amp;amp; Co</title>' +
      '<entry><title type="html">&lt;b&gt;Mayor&lt;/b&gt; &amp;amp; council</title><link href="https://news.example/a"/></entry>' +
      '<entry><title>Why the &lt;blink&gt; tag died</title><link href="https://news.example/b"/></entry>' +
      '<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Storm <b>hits</b></div></title><link href="https://news.example/c"/></entry></feed>';
    expect(parseSourceListing(atom, BASE)).toMatchObject({
      title: 'Courier & Co',
      entries: [{ title: 'Mayor & council' }, { title: 'Why the <blink> tag died' }, { title: 'Storm hits' }],
    });
  });
});

describe('isCutOff: a feed or sitemap that stops before its root element closes (XML 1.0 §2.1)', () => {
  const cases: [string, string, boolean][] = [
    ['an RSS feed closed', '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>\n', false],
    ['an RSS feed cut off inside its channel', '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Sto', true],
    ['an RSS feed with no closing tag at all', '<rss version="2.0"><channel><title>T</title></channel>', true],
    ['an Atom feed closed, comments and a processing instruction after it', '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>\n<!-- cached 12:00 --><?pi x?>\n', false],
    ['an RDF feed closed under its prefix', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel/></rdf:RDF>', false],
    ['an empty sitemap written as one self-closing element', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', false],
    ['a sitemap cut off mid-url', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a', true],
  ];
  for (const [name, text, cutOff] of cases) {
    it(`${name}: ${cutOff ? 'cut off' : 'whole'}`, () => expect(isCutOff(text)).toBe(cutOff));
  }
});
