/**
 * toRss / toAtom / toJsonFeed: pure serializers (STYLE 7). The output is
 * parsed back, never pattern-matched: one item per input, GUIDs as given,
 * no clock in the bytes, and untrusted article text stays text.
 */
import { textContent } from 'domutils';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'htmlparser2';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toAtom, toJsonFeed, toRss, type FeedChannel, type FeedItem } from '../../../src/web/feeds.ts';

const channel: FeedChannel = {
  id: 'urn:stet:all',
  title: 'stet: article revisions',
  link: 'https://stet.example/',
  selfUrl: 'https://stet.example/feed.xml',
  description: 'Every change stet has seen in the articles it watches.',
  since: null,
};

const item = (n: number, overrides: Partial<FeedItem> = {}): FeedItem => ({
  guid: `https://stet.example/articles/7/versions/${n}#0123456789abcdef`,
  title: `Updated: Story ${n}`,
  link: `https://stet.example/articles/7/diff/${n - 1}..${n}`,
  externalUrl: `https://news.example/story-${n}`,
  date: new Date(Date.UTC(2026, 0, n, 12, 0, 0)),
  summary: `${n} paragraphs changed`,
  contentHtml: `<p>Version ${n}: <del>old</del> <ins>new</ins></p>`,
  ...overrides,
});

/** Article text an attacker controls: closes CDATA, opens a script, and carries entities. */
const HOSTILE = 'Tom & Jerry ]]><script>alert("x")</script> &amp; <b>bold</b> ]]> end';

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false });
const parseXml = (text: string) => xml.parse(text) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every element name anywhere in a parsed XML tree. */
function elementNames(node: unknown, names = new Set<string>()): Set<string> {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (!key.startsWith('@') && key !== '#text') names.add(key);
      for (const child of list(value)) elementNames(child, names);
    }
  }
  return names;
}

/** What a reader shows for a value that the feed declares to be HTML: its text, and whether it holds a script. */
function asHtml(fragment: string) {
  const doc = parseDocument(fragment);
  const tags: string[] = [];
  const walk = (nodes: typeof doc.children) => {
    for (const n of nodes) {
      if ('name' in n) tags.push(n.name);
      if ('children' in n) walk(n.children);
    }
  };
  walk(doc.children);
  return { text: textContent(doc), tags };
}

/** A strict XML 1.0 parser's verdict (fast-xml-parser is lenient): null when well-formed. */
const { DOMParser } = new JSDOM('').window;
function xmlError(text: string): string | null {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : String((value as { '#text': unknown })['#text']));

const rssItems = (out: string) => list(parseXml(out).rss.channel.item) as Record<string, unknown>[];
const atomEntries = (out: string) => list(parseXml(out).feed.entry) as Record<string, unknown>[];
const jsonItems = (out: string) => (JSON.parse(out) as { items: Record<string, unknown>[] }).items;

afterEach(() => {
  vi.useRealTimers();
});

describe('one item per revision, in the order given, with the GUID given', () => {
  const items = [item(3), item(2), item(1)];

  it('RSS 2.0', () => {
    const parsed = parseXml(toRss(channel, items));
    expect(parsed.rss['@version']).toBe('2.0');
    const out = rssItems(toRss(channel, items));
    expect(out).toHaveLength(3);
    expect(out.map((i) => textOf(i.guid))).toEqual(items.map((i) => i.guid));
    expect(out.map((i) => (i.guid as Record<string, string>)['@isPermaLink'])).toEqual(['false', 'false', 'false']);
    expect(out.map((i) => i.link)).toEqual(items.map((i) => i.link));
    expect(out.map((i) => i.pubDate)).toEqual(items.map((i) => i.date.toUTCString()));
    expect(out.map((i) => i['content:encoded'])).toEqual(items.map((i) => i.contentHtml));
  });

  it('Atom 1.0 (RFC 4287)', () => {
    const feed = parseXml(toAtom(channel, items)).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const out = atomEntries(toAtom(channel, items));
    expect(out).toHaveLength(3);
    expect(out.map((e) => e.id)).toEqual(items.map((i) => i.guid));
    expect(out.map((e) => e.updated)).toEqual(items.map((i) => i.date.toISOString()));
    expect(out.map((e) => textOf(e.content))).toEqual(items.map((i) => i.contentHtml));
    expect(list(feed.link).find((l: Record<string, string>) => l['@rel'] === 'self')?.['@href']).toBe(channel.selfUrl);
  });

  it('the Atom feed is named by the id given, not by its link (RFC 4287 §4.2.6: an id never changes; the link does when the service moves)', () => {
    const feed = parseXml(toAtom(channel, items)).feed;
    expect(feed.id).toBe('urn:stet:all');
    expect(parseXml(toAtom({ ...channel, link: 'https://moved.example/' }, items)).feed.id).toBe('urn:stet:all');
  });

  it('Atom names an author, which RFC 4287 §4.1.1 requires of a feed whose entries have none', () => {
    const feed = parseXml(toAtom(channel, items)).feed;
    const entriesHaveAuthors = atomEntries(toAtom(channel, items)).every((e) => e.author !== undefined);
    expect(feed.author !== undefined || entriesHaveAuthors).toBe(true);
    if (feed.author !== undefined) expect(list(feed.author)[0]).toMatchObject({ name: expect.any(String) });
  });

  it('JSON Feed', () => {
    const json = JSON.parse(toJsonFeed(channel, items));
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    // 1.1's authors, and 1.0's author for older readers
    expect(json.authors).toEqual([{ name: 'stet' }]);
    expect(json.author).toEqual({ name: 'stet' });
    expect(json.feed_url).toBe(channel.selfUrl);
    expect(json.home_page_url).toBe(channel.link);
    const out = jsonItems(toJsonFeed(channel, items));
    expect(out.map((i) => i.id)).toEqual(items.map((i) => i.guid));
    expect(out.map((i) => i.url)).toEqual(items.map((i) => i.link));
    // the article itself, beside stet's page about it (QA)
    expect(out.map((i) => i.external_url)).toEqual(items.map((i) => i.externalUrl));
    expect(out.map((i) => i.content_html)).toEqual(items.map((i) => i.contentHtml));
    expect(out.map((i) => i.title)).toEqual(items.map((i) => i.title));
    // an item is published once and never changes: both dates are when stet saw it
    expect(out.map((i) => [i.date_published, i.date_modified])).toEqual(items.map((i) => [i.date.toISOString(), i.date.toISOString()]));
  });

  it.each([['RSS', toRss], ['Atom', toAtom], ['JSON Feed', toJsonFeed]] as const)('%s: no items is a valid empty feed', (_name, serialize) => {
    const out = serialize(channel, []);
    if (serialize === toJsonFeed) expect(jsonItems(out)).toEqual([]);
    else if (serialize === toRss) expect(rssItems(out)).toEqual([]);
    else expect(atomEntries(out)).toEqual([]);
  });
});

describe('the same items give the same bytes (no "now" in a feed)', () => {
  it.each([['RSS', toRss], ['Atom', toAtom], ['JSON Feed', toJsonFeed]] as const)('%s', (_name, serialize) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-05-05T05:05:05Z'));
    const first = serialize(channel, [item(2), item(1)]);
    const empty = serialize(channel, []);
    vi.setSystemTime(new Date('2031-06-06T06:06:06Z'));
    expect(serialize(channel, [item(2), item(1)])).toBe(first);
    expect(serialize(channel, [])).toBe(empty);
    expect(first).not.toMatch(/2030|2031/);
  });

  it('with no item yet, the feed\'s own date is when there was first something to watch (not 1970, not "now")', () => {
    const since = new Date(Date.UTC(2026, 0, 15, 9, 0, 0));
    expect(parseXml(toRss({ ...channel, since }, [])).rss.channel.lastBuildDate).toBe(since.toUTCString());
    expect(parseXml(toAtom({ ...channel, since }, [])).feed.updated).toBe(since.toISOString());
    // items date it once there are some
    expect(parseXml(toAtom({ ...channel, since }, [item(3)])).feed.updated).toBe(item(3).date.toISOString());
  });

  it('the feed\'s own date is its newest item\'s date', () => {
    const items = [item(1), item(5), item(3)];
    expect(parseXml(toRss(channel, items)).rss.channel.lastBuildDate).toBe(item(5).date.toUTCString());
    expect(parseXml(toAtom(channel, items)).feed.updated).toBe(item(5).date.toISOString());
  });
});

describe('untrusted article text stays text', () => {
  const hostile = item(2, { title: `Updated: ${HOSTILE}`, summary: HOSTILE, contentHtml: `<p>${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>` });
  const channelHostile: FeedChannel = { ...channel, title: `stet: ${HOSTILE}`, description: `Revisions of ${HOSTILE}` };

  it('RSS: "]]>" cannot close the CDATA section; the title and channel come back as the same text', () => {
    const out = toRss(channelHostile, [hostile]);
    const parsed = parseXml(out);
    expect(elementNames(parsed).has('script')).toBe(false);
    expect(elementNames(parsed).has('b')).toBe(false);
    const [only] = rssItems(out);
    // RSS titles are plain text; descriptions are HTML (rssboard.org RSS Profile).
    expect(only?.title).toBe(hostile.title);
    expect(asHtml(String(only?.description))).toEqual({ text: hostile.summary, tags: [] });
    expect(only?.['content:encoded']).toBe(hostile.contentHtml);
    expect(parsed.rss.channel.title).toBe(channelHostile.title);
    expect(parsed.rss.channel.description).toBe(channelHostile.description);
  });

  it('RSS: the escaped article text in the diff HTML renders as the text, with no script', () => {
    const [only] = rssItems(toRss(channel, [hostile]));
    const shown = asHtml(String(only?.['content:encoded']));
    expect(shown.tags).toEqual(['p']);
    expect(shown.text).toBe(HOSTILE);
  });

  it('Atom: a type="html" title or summary (RFC 4287 §3.1.1.2) is escaped HTML that shows the plain text', () => {
    const out = toAtom(channelHostile, [hostile]);
    const parsed = parseXml(out);
    expect(elementNames(parsed).has('script')).toBe(false);
    const [entry] = atomEntries(out);
    for (const [field, expected] of [['title', hostile.title], ['summary', hostile.summary]] as const) {
      const element = entry?.[field] as { '#text': string; '@type'?: string } | string;
      const value = textOf(element);
      const type = typeof element === 'string' ? 'text' : (element['@type'] ?? 'text');
      const shown = type === 'html' ? asHtml(value) : { text: value, tags: [] };
      expect(shown.tags, `${field} must not carry markup`).toEqual([]);
      expect(shown.text, field).toBe(expected);
    }
    expect(textOf(parsed.feed.title)).toBe(channelHostile.title);
    const content = asHtml(textOf(entry?.content));
    expect(content.tags).toEqual(['p']);
    expect(content.text).toBe(HOSTILE);
  });

  it('JSON Feed: the strings come back unchanged (JSON escaping is the parser\'s business)', () => {
    const out = toJsonFeed(channelHostile, [hostile]);
    const [only] = jsonItems(out);
    expect(only).toMatchObject({ title: hostile.title, summary: hostile.summary, content_html: hostile.contentHtml });
    expect(JSON.parse(out).title).toBe(channelHostile.title);
  });
});

describe('any article text gives a well-formed XML feed (a strict XML 1.0 parser accepts it)', () => {
  const texts: [string, string][] = [
    ['the hostile sample', HOSTILE],
    ['"]]>" at the very start and end', ']]>middle]]>'],
    ['adjacent "]]>]]>"', 'a]]>]]>b'],
    ['"]]]>" and "]]]]>"', 'a]]]>b]]]]>c'],
    ['control characters from a scraped page (not XML characters, XML 1.0 §2.2)', 'bell\u0007 null\u0000 esc\u001b vt\u000b end'],
    ['non-characters and a lone surrogate', 'a\uFFFE b\uFFFF c\uD800 d'],
    ['a literal entity reference stays literal', 'AT&amp;T and &lt;b&gt; and &nbsp;'],
    ['astral characters (emoji) survive', 'Breaking 🚨 news 𝔘'],
  ];
  const withText = (text: string) => ({
    channel: { ...channel, title: `stet: ${text}`, description: text },
    items: [item(2, { title: text, summary: text, contentHtml: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`, guid: 'https://stet.example/articles/1/versions/2?x=1&y=2#0123456789abcdef' })],
  });

  it.each(texts)('RSS: %s', (_name, text) => {
    const { channel: c, items } = withText(text);
    const out = toRss(c, items);
    expect(xmlError(out)).toBeNull();
    expect(rssItems(out)).toHaveLength(1);
  });

  it.each(texts)('Atom: %s', (_name, text) => {
    const { channel: c, items } = withText(text);
    const out = toAtom(c, items);
    expect(xmlError(out)).toBeNull();
    expect(atomEntries(out)).toHaveLength(1);
  });

  it.each(texts)('JSON Feed: %s', (_name, text) => {
    const { channel: c, items } = withText(text);
    expect(jsonItems(toJsonFeed(c, items))).toHaveLength(1);
  });

  it('valid text comes back exactly: a literal "&amp;" in a title is not turned into "&"', () => {
    const text = 'AT&amp;T ]]> and &lt;b&gt; 🚨';
    const { channel: c, items } = withText(text);
    const rss = parseXml(toRss(c, items));
    expect(rss.rss.channel.title).toBe(`stet: ${text}`);
    expect(rss.rss.channel.description).toBe(text);
    expect(list(rss.rss.channel.item)[0].title).toBe(text);
    expect(textOf(list(rss.rss.channel.item)[0].guid)).toBe(items[0]!.guid);
    const atom = parseXml(toAtom(c, items));
    expect(textOf(atom.feed.title)).toBe(`stet: ${text}`);
    expect(asHtml(textOf(list(atom.feed.entry)[0].title)).text).toBe(text);
  });
});
