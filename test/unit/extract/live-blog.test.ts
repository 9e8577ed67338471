import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { isTimeOfDayStamp } from '../../../src/extract/live-blog.ts';

// Rule: a live blog (entries stamped with a time of day, under one headline, on one page) is one article, not a
// listing of posts: its standfirst stays, and every entry is read. It grows on every check, so a new entry is the
// only change: the paragraphs of version n are those of version n-1 plus the new entry (docs/extraction.md, step 4).

const HEADLINE = 'Storm Ida: live updates as the hurricane moves up the coast';
const STANDFIRST =
  'Follow our live coverage of the storm as it moves up the coast, with updates from our reporters in three states and the latest warnings from forecasters.';

interface Entry {
  time: string;
  title: string;
  text: string;
}
/** Oldest first; a page with n entries shows entries n-1 … 0, newest on top. */
const ENTRIES: Entry[] = [
  ['10:02', 'Warning extended', 'The National Weather Service has extended the hurricane warning north to the state line, officials said, and asked residents to finish their preparations by the evening.'],
  ['10:31', 'Power cuts', 'Power has been cut to about 40,000 homes in the county, and crews are waiting for the wind to drop before they go out to repair the lines.'],
  ['11:05', 'Guard on standby', 'The governor said the state guard would be on standby overnight, with shelters open in every school in the district until the storm has passed.'],
  ['11:48', 'Highway closed', 'Flooding has closed the coastal highway between the two bridges, and police are turning drivers back at both ends, the transport department said.'],
  ['12:20', 'Landfall', 'The storm made landfall just after noon, about twenty miles south of the city, with sustained winds of 90 mph, according to the hurricane center.'],
  ['13:15', 'Schools closed', 'Schools will stay closed tomorrow, the district announced, and bus services across the county have been suspended until further notice.'],
  ['14:40', 'More rain', 'A second band of heavy rain is expected this evening, forecasters said, with up to six inches in some places and a risk of flash floods.'],
  ['15:05', 'No injuries', 'Emergency services reported no injuries so far, though several roads are blocked by fallen trees and power lines, the county sheriff said.'],
].map(([time, title, text]) => ({ time: time!, title: title!, text: text! }));

interface EntryKind {
  /** One entry's markup (`i`: its index, for ids and links). */
  html: (e: Entry, i: number) => string;
  /** The paragraphs one entry reads as. */
  reads: (e: Entry) => string[];
  /** The box holding the entries. */
  feed: (entries: string) => string;
}
const inFeedBox = (entries: string): string => `<div class="live-feed">${entries}</div>`;
const KINDS: Record<string, EntryKind> = {
  '<div class="entry">, the time in a paragraph of its own': {
    html: (e) => `<div class="entry"><p><time>${e.time}</time></p><p>${e.text}</p></div>`,
    reads: (e) => [`${e.time} ${e.text}`],
    feed: inFeedBox,
  },
  '<div class="entry">, a <time> then an <h2> heading': {
    html: (e) => `<div class="entry"><time datetime="2021-08-29T${e.time}:00-05:00">${e.time}</time><h2>${e.title}</h2><p>${e.text}</p></div>`,
    reads: (e) => [`${e.time} ${e.title}`, e.text],
    feed: inFeedBox,
  },
  '<article class="post">, an <h3> heading linking to the entry, then the time and share links': {
    html: (e, i) =>
      `<article class="post" id="post-${i}"><h3><a href="#post-${i}">${e.title}</a></h3><p class="time">${e.time}</p><p>${e.text}</p>` +
      `<div class="share"><a href="https://twitter.com/intent/tweet?url=%23post-${i}">Share</a> <a href="#post-${i}">Copy link</a></div></article>`,
    reads: (e) => [`${e.time} ${e.text}`],
    feed: inFeedBox,
  },
  '<li class="live-update"> in an <ol>, an "Updated" stamp and two paragraphs': {
    html: (e, i) =>
      `<li class="live-update"><article><span class="stamp">Updated ${e.time}</span><h2>${e.title}</h2><p>${e.text}</p><p>${ENTRIES[(i + 4) % ENTRIES.length]!.text}</p></article></li>`,
    reads: (e) => {
      const i = ENTRIES.indexOf(e);
      return [`Updated ${e.time}`, e.title, e.text, ENTRIES[(i + 4) % ENTRIES.length]!.text];
    },
    feed: (entries) => `<ol class="stream">${entries}</ol><button>Load more</button>`,
  },
  '<div class="entry"> whose heading links to a page of its own (a listing would read only the first)': {
    html: (e, i) => `<div class="entry"><h2><a href="/live/storm-ida/entry-${i}">${e.title}</a></h2><time>${e.time}</time><p>${e.text}</p></div>`,
    reads: (e) => [`${e.time} ${e.text}`],
    feed: inFeedBox,
  },
};

type Layout = (feed: string, jsonLd: string) => string;
const shell = (body: string, jsonLd: string): string =>
  `<!doctype html><html lang="en"><head><title>${HEADLINE} | The Courier</title>${jsonLd}</head><body>` +
  `<header><a href="/">The Courier</a><nav><a href="/news">News</a></nav></header>${body}<footer><p>© The Courier</p></footer></body></html>`;
/** The general rules already read a page with one entry right: the standfirst sits beside the feed. */
const LAYOUTS: Record<string, Layout> = {
  'in an <article>': (feed, ld) => shell(`<main><article><h1>${HEADLINE}</h1><p class="standfirst">${STANDFIRST}</p>${feed}</article></main>`, ld),
  'no <article>, a content column beside a rail': (feed, ld) =>
    shell(`<div id="content"><h1>${HEADLINE}</h1><p>${STANDFIRST}</p>${feed}</div><div id="rail"><h2>Most read</h2><ul><li><a href="/a">Another story</a></li></ul></div>`, ld),
};
/** Only the live blog rule reads the standfirst: it sits in a box of its own with the headline. */
const HEAD_BOX_LAYOUTS: Record<string, Layout> = {
  'the headline and standfirst in a box of their own': (feed, ld) =>
    shell(`<div class="main"><div class="intro"><h1>${HEADLINE}</h1><p>${STANDFIRST}</p></div><div class="body">${feed}</div></div>`, ld),
  'a grid: headline, standfirst, byline and key events in areas of their own': (feed, ld) =>
    shell(
      `<main><article><div class="grid"><div class="area-headline"><h1>${HEADLINE}</h1></div><div class="area-standfirst"><p>${STANDFIRST}</p></div>` +
        `<div class="area-meta"><p class="byline">By Dana Reyes and Sam Ortiz</p><p>Sun 29 Aug 2021 15.05 EDT</p></div>` +
        `<div class="area-body"><div class="key-events"><h2>Key events</h2><ul><li><a href="#post-4">Landfall</a></li><li><a href="#post-0">Warning extended</a></li></ul></div>${feed}</div>` +
        `<div class="area-right"><h2>Most viewed</h2><ul><li><a href="/a">A story about something else entirely</a></li></ul></div></div></article></main>`,
      ld,
    ),
};
const LIVE_BLOG_POSTING = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"LiveBlogPosting","headline":"${HEADLINE}"}</script>`;

const page = (layout: Layout, kind: EntryKind, n: number, jsonLd = ''): string =>
  layout(kind.feed(ENTRIES.slice(0, n).map((e, i) => kind.html(e, i)).reverse().join('')), jsonLd);
const expected = (kind: EntryKind, n: number): string[] => [STANDFIRST, ...ENTRIES.slice(0, n).reverse().flatMap(kind.reads)];

const VERSIONS = [2, 3, 4, 5, 6, 7, 8];
const cases = (layouts: Record<string, Layout>): [string, string, Layout, EntryKind][] =>
  Object.entries(layouts).flatMap(([ln, layout]) => Object.entries(KINDS).map(([kn, kind]): [string, string, Layout, EntryKind] => [ln, kn, layout, kind]));

describe('a live blog grows by one entry per version, and nothing else changes', () => {
  describe.each(cases(LAYOUTS))('%s, entries %s', (_layout, _kind, layout, kind) => {
    it.each(VERSIONS)('version %i = version n-1 plus the new entry, standfirst kept, title the page headline', (n) => {
      const before = extractArticle(page(layout, kind, n - 1));
      const after = extractArticle(page(layout, kind, n));
      expect(after.paragraphs).toEqual([STANDFIRST, ...kind.reads(ENTRIES[n - 1]!), ...before.paragraphs.slice(1)]);
      expect(after.paragraphs).toEqual(expected(kind, n));
      expect(after.title).toBe(HEADLINE);
    });
  });

  describe.each(cases(HEAD_BOX_LAYOUTS))('%s, entries %s', (_layout, _kind, layout, kind) => {
    it.each(VERSIONS)('declared a LiveBlogPosting: version %i = version n-1 plus the new entry', (n) => {
      const before = extractArticle(page(layout, kind, n - 1, LIVE_BLOG_POSTING));
      const after = extractArticle(page(layout, kind, n, LIVE_BLOG_POSTING));
      expect(after.paragraphs).toEqual([STANDFIRST, ...kind.reads(ENTRIES[n - 1]!), ...before.paragraphs.slice(1)]);
      expect(after.paragraphs).toEqual(expected(kind, n));
    });

    it.each(VERSIONS.slice(1))('undeclared, from the second entry on (one timed box is not yet a feed): version %i', (n) => {
      expect(extractArticle(page(layout, kind, n - 1)).paragraphs).toEqual(expected(kind, n - 1));
      expect(extractArticle(page(layout, kind, n)).paragraphs).toEqual(expected(kind, n));
    });
  });
});

describe("an entry's byline is the entry's, not the article's header line", () => {
  const kind: EntryKind = {
    html: (e) => `<div class="entry"><time>${e.time}</time><h2>${e.title}</h2><p class="byline">By Dana Reyes</p><p>${e.text}</p></div>`,
    reads: (e) => [`${e.time} ${e.title}`, 'By Dana Reyes', e.text],
    feed: inFeedBox,
  };
  it.each(VERSIONS.slice(1))('kept in every entry from the second entry on: version %i', (n) => {
    expect(extractArticle(page(LAYOUTS['in an <article>']!, kind, n)).paragraphs).toEqual(expected(kind, n));
  });
  it.each(VERSIONS)('declared a LiveBlogPosting, from the first: version %i', (n) => {
    expect(extractArticle(page(LAYOUTS['in an <article>']!, kind, n - 1, LIVE_BLOG_POSTING)).paragraphs).toEqual(expected(kind, n - 1));
  });
});

describe('what is not a live blog', () => {
  const prose = (i: number): string => `Paragraph ${i} of the story: the council met on Tuesday, and after a long debate about the budget, it voted to keep the library open.`;

  it("a blog's index page (posts dated with a day, not a time) under an <h1> is still a listing: the first post is read", () => {
    const post = (i: number): string =>
      `<div class="post hentry"><h2 class="entry-title"><a href="/2021/0${i}/post-${i}/">Post ${i}</a></h2><div class="entry-meta"><span class="entry-date">${i}. Januar 2021</span></div>` +
      `<div class="entry-content"><p>${prose(i)}</p><p>${prose(i + 10)}</p></div></div>`;
    const a = extractArticle(`<html><head><title>Archiv</title></head><body><div id="content"><h1 class="page-title">Archiv</h1>${post(3) + post(2) + post(1)}</div></body></html>`);
    expect(a.title).toBe('Post 3');
    expect(a.paragraphs).toEqual([prose(3), prose(13)]);
  });

  it('an article with a timeline of timed list items keeps the paragraphs after the timeline', () => {
    const timeline = ['10:00', '10:30', '11:00'].map((t) => `<li><strong>${t}</strong> Police close the bridge in both directions while divers search.</li>`).join('');
    const html = `<html><body><article><h1>How the bridge closed</h1><p>${prose(1)}</p><ul>${timeline}</ul><p>${prose(2)}</p><p>${prose(3)}</p></article></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(expect.arrayContaining([prose(1), prose(2), prose(3)]));
  });

  it('a long article with teasers of timed stories under it is read as before: the closing paragraph stays', () => {
    const body = Array.from({ length: 10 }, (_, i) => `<p>${prose(i)}</p>`).join('');
    const teaser = (t: string, i: number): string => `<div class="card"><span class="time">${t}</span><h3>Another story ${i}</h3><p>${'A teaser of another story, with a few words about it. '.repeat(2)}</p></div>`;
    const html = `<html><body><article><h1>Council keeps the library open</h1>${body}<div class="latest">${teaser('09:10', 1)}${teaser('08:40', 2)}${teaser('08:05', 3)}</div><p>Closing paragraph of the story, which comes after the teasers.</p></article></body></html>`;
    const paragraphs = extractArticle(html).paragraphs;
    expect(paragraphs).toEqual(expect.arrayContaining([prose(0), prose(9), 'Closing paragraph of the story, which comes after the teasers.']));
  });
});

describe('isTimeOfDayStamp: what stamps an entry', () => {
  it.each([['10:42'], ['3:13 p.m. ET'], ['14:05 GMT'], ['Updated 10:04'], ['Posted at 9 a.m.'], ['5 January 2021, 10:42'], ['Aktualisiert 14.05 Uhr']])('%j is a time of day', (t) => {
    expect(isTimeOfDayStamp(t)).toBe(true);
  });
  it.each([
    ['a day alone (how a blog dates its posts)', '13. Januar 2014'],
    ['a score', '2:1'],
    ['a sentence that mentions a time', 'Police said the bridge would reopen at 10:42 tomorrow morning'],
    ['nothing', ''],
  ])('%s: %j is not', (_name, t) => {
    expect(isTimeOfDayStamp(t)).toBe(false);
  });
});
