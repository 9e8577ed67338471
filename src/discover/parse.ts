/**
 * What a source lists: the article links of an RSS (0.9x, 2.0), RDF (RSS
 * 1.0) or Atom 1.0 feed, of a sitemap (news sitemaps included), or the child
 * sitemaps of a sitemap index; for an HTML page, the feeds it announces
 * (`<link rel=alternate>`), so a site's front page can be given as a source.
 * Pure: text in, values out. Never throws; every walk is iterative (a
 * document nested 200,000 deep is just a deep document).
 *
 * XML is parsed by htmlparser2 in XML mode (bounded in depth and size like
 * pages, extract/dom.ts), which does not read DTDs: no entity of a
 * `<!DOCTYPE>` is ever expanded (no "billion laughs", no external entities). Sitemaps follow sitemaps.org 0.9 and Google's news
 * extension (`news:publication_date`, `news:title`); element names are
 * matched without their namespace prefix.
 */
import { isTag, parseHtml, parseXml, textOf, walkElements, type Element, type ParentNode } from '../extract/dom.ts';

/** sitemaps.org: "no more than 50,000 URLs"; a feed lists far fewer. Anything past it is ignored. */
export const MAX_SOURCE_ENTRIES = 50_000;

export interface SourceEntry {
  /** Absolute http(s) URL, fragment removed. */
  url: string;
  /** When the source says the article was published (RSS pubDate / dc:date, Atom published else updated, news:publication_date else lastmod), epoch ms; null when it does not say. */
  publishedAt: number | null;
  title: string | null;
}

export type SourceListing =
  | { kind: 'feed'; title: string | null; entries: SourceEntry[] }
  | { kind: 'sitemap'; title: null; entries: SourceEntry[] }
  /** A sitemap index: `entries` are the child sitemaps, with their lastmod. */
  | { kind: 'sitemap-index'; title: null; entries: SourceEntry[] }
  /** An HTML page: the feeds it links to as alternates, in page order. */
  | { kind: 'html'; title: string | null; feeds: string[] }
  | { kind: 'unknown' };

const SOURCE_ROOTS = new Set(['rss', 'rdf', 'feed', 'urlset', 'sitemapindex']);

export function parseSourceListing(text: string, baseUrl: string): SourceListing {
  if (text.trim() === '') return { kind: 'unknown' };
  const xml = parseXml(text);
  const root = firstElement(xml);
  const name = root === null ? '' : localName(root.name);
  if (root !== null && SOURCE_ROOTS.has(name)) {
    if (name === 'urlset') return { kind: 'sitemap', title: null, entries: sitemapEntries(root, 'url', baseUrl) };
    if (name === 'sitemapindex') return { kind: 'sitemap-index', title: null, entries: sitemapEntries(root, 'sitemap', baseUrl) };
    if (name === 'feed') return { kind: 'feed', title: atomTitle(childElement(root, 'title')), entries: atomEntries(root, baseUrl) };
    return { kind: 'feed', title: channelTitle(root), entries: rssItems(root, baseUrl) };
  }
  // Whatever the doctype's case, or none at all: a page is HTML if it says so anywhere near its top.
  if (/<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(text.slice(0, 4096))) return htmlFeeds(text, baseUrl);
  return { kind: 'unknown' };
}

/**
 * Whether a feed or sitemap stops before its root element is closed: a
 * download cut short, or a file broken where it is written (`<rss><channel>…`
 * and then nothing). parseSourceListing reads such a document leniently, for
 * whatever it holds; this says that what it holds may not be all. XML 1.0
 * §2.1: a document is one element, after which only comments, processing
 * instructions and white space may follow.
 */
export function isCutOff(text: string): boolean {
  const root = firstElement(parseXml(text));
  if (root === null) return true;
  let tail = text.trimEnd();
  // Comments and processing instructions after the root (XML 1.0 §2.8 "Misc").
  for (let end = /(?:-->|\?>)$/.exec(tail); end !== null; end = /(?:-->|\?>)$/.exec(tail)) {
    const start = tail.lastIndexOf(end[0] === '-->' ? '<!--' : '<?');
    if (start <= 0) break;
    tail = tail.slice(0, start).trimEnd();
  }
  const name = root.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`</${name}\\s*>$`, 'i').test(tail)) return false;
  return !(root.children.length === 0 && tail.endsWith('/>'));
}

/** The first element of a document, past its prolog (`<?xml?>`, `<?xml-stylesheet?>`, `<!DOCTYPE>`, comments). */
function firstElement(doc: ParentNode): Element | null {
  for (const node of doc.children) if (isTag(node)) return node;
  return null;
}

/** RSS 2.0 `<channel><item>` and RDF's `<item>`s beside the channel. */
function rssItems(root: Element, baseUrl: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  walkElements(root, (el) => {
    if (entries.length >= MAX_SOURCE_ENTRIES) return false;
    if (localName(el.name) !== 'item') return true;
    // RSS's own elements have no prefix: an <atom:link/> or <media:title> before them is something else.
    const link = childText(el, 'link', true);
    // An item may give its page only as a permalink guid (RSS 2.0: isPermaLink defaults to true), and only an
    // absolute http(s) one: "story-12345" is an id, not an address to resolve against the feed.
    const guid = childElement(el, 'guid', true);
    const guidText = guid !== null && guid.attribs['isPermaLink'] !== 'false' ? textOf(guid) : '';
    const permalink = /^https?:\/\//i.test(guidText) ? guidText : null;
    const url = absoluteHttpUrl(link ?? undefined, baseUrl) ?? absoluteHttpUrl(permalink ?? undefined, baseUrl);
    if (url !== null) entries.push({ url, publishedAt: parseTime(childText(el, 'pubDate', true) ?? childText(el, 'date')), title: titleText(childElement(el, 'title', true), 'guess') });
    return false;
  });
  return entries;
}

/** Atom entries: the alternate link (rel absent or "alternate", HTML or untyped), published, else updated. */
function atomEntries(root: Element, baseUrl: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const entry of root.children) {
    if (entries.length >= MAX_SOURCE_ENTRIES) break;
    if (!isTag(entry) || localName(entry.name) !== 'entry') continue;
    let href: string | undefined;
    for (const link of entry.children) {
      if (!isTag(link) || localName(link.name) !== 'link') continue;
      const rel = (link.attribs['rel'] ?? 'alternate').toLowerCase();
      const type = (link.attribs['type'] ?? 'text/html').toLowerCase();
      if (rel === 'alternate' && (type === 'text/html' || type === 'application/xhtml+xml')) {
        href = link.attribs['href'];
        break;
      }
    }
    const url = absoluteHttpUrl(href, baseUrl);
    if (url !== null) entries.push({ url, publishedAt: parseTime(childText(entry, 'published') ?? childText(entry, 'updated')), title: atomTitle(childElement(entry, 'title')) });
  }
  return entries;
}

function channelTitle(root: Element): string | null {
  const channel = childElement(root, 'channel');
  return channel === null ? null : titleText(childElement(channel, 'title'), 'guess');
}

/**
 * A title as text. RSS and news sitemaps do not say whether a title is
 * text or HTML, and feeds send both ("<![CDATA[<b>Mayor</b> &amp; council]]>",
 * "Rent &lt;em&gt;rises&lt;/em&gt;"): one that holds a tag or an entity
 * once the XML is read is read as HTML, as feed readers do. Atom says
 * (`type`, atomTitle).
 */
function titleText(el: Element | null, kind: 'guess' | 'html' | 'text'): string | null {
  if (el === null) return null;
  const text = textOf(el);
  return kind === 'html' || (kind === 'guess' && LOOKS_LIKE_HTML.test(text)) ? clean(textOf(parseHtml(text))) : clean(text);
}

const LOOKS_LIKE_HTML = /<\/?[a-z][^<>]*>|&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

/** Atom's title: `type="html"` is escaped HTML, "text" (the default) is text, "xhtml" a <div> whose text is the title. */
function atomTitle(el: Element | null): string | null {
  return titleText(el, el?.attribs['type']?.toLowerCase() === 'html' ? 'html' : 'text');
}

/** `<url><loc>` (or `<sitemap><loc>`) entries. */
function sitemapEntries(root: Element, entryTag: string, baseUrl: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const node of root.children) {
    if (entries.length >= MAX_SOURCE_ENTRIES) break;
    if (!isTag(node) || localName(node.name) !== entryTag) continue;
    const url = absoluteHttpUrl(childText(node, 'loc') ?? undefined, baseUrl);
    if (url === null) continue;
    const news = childElement(node, 'news');
    const published = (news === null ? null : childText(news, 'publication_date')) ?? childText(node, 'lastmod');
    const title = news === null ? null : titleText(childElement(news, 'title'), 'guess');
    entries.push({ url, publishedAt: parseTime(published), title });
  }
  return entries;
}

/**
 * The feeds an HTML page announces: `<link rel="alternate">` typed as RSS or
 * Atom (or generic XML), resolved against `<base>`, in page order, once each.
 */
function htmlFeeds(text: string, baseUrl: string): SourceListing {
  const doc = parseHtml(text);
  let base = baseUrl;
  let title: string | null = null;
  const feeds: string[] = [];
  walkElements(doc, (el) => {
    if (el.name === 'body') return false; // the head announces feeds; the body is the page
    if (el.name === 'base' && base === baseUrl) base = absoluteHttpUrl(el.attribs['href'], baseUrl) ?? baseUrl;
    else if (el.name === 'title' && title === null) title = clean(textOf(el));
    else if (el.name === 'link') {
      const rel = (el.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
      const type = (el.attribs['type'] ?? '').toLowerCase().trim();
      if (rel.includes('alternate') && /^(?:application\/(?:rss|atom|rdf)\+xml|application\/rss|application\/xml|text\/xml)$/.test(type)) {
        const url = absoluteHttpUrl(el.attribs['href'], base);
        if (url !== null && !feeds.includes(url)) feeds.push(url);
      }
    }
    return true;
  });
  return { kind: 'html', title, feeds };
}

/**
 * The text of an element's first child element named `local` (any prefix,
 * or with `unprefixed` none: RSS's own <link> rather than <atom:link>),
 * whitespace collapsed; null when absent or empty.
 */
function childText(el: Element, local: string, unprefixed = false): string | null {
  const child = childElement(el, local, unprefixed);
  return child === null ? null : clean(textOf(child));
}

function childElement(el: Element, local: string, unprefixed = false): Element | null {
  const wanted = local.toLowerCase();
  for (const node of el.children) {
    if (!isTag(node) || (unprefixed && node.name.includes(':'))) continue;
    if (localName(node.name) === wanted) return node;
  }
  return null;
}

function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
}

function absoluteHttpUrl(href: string | undefined, baseUrl: string): string | null {
  if (href === undefined || href.trim() === '') return null;
  try {
    const url = new URL(href.trim(), baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.toString();
  } catch {
    return null;
  }
}

/**
 * RFC 822 (RSS), RFC 3339 (Atom), W3C datetime (sitemaps). A date-time
 * without a zone is read as UTC (sitemaps.org requires one; the server's
 * own zone would be a guess), a bare day is UTC midnight.
 */
function parseTime(text: string | null): number | null {
  if (text === null) return null;
  const t = text.trim();
  const zoneless = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?$/.test(t);
  const ms = Date.parse(zoneless ? `${t}Z` : t);
  return Number.isFinite(ms) ? ms : null;
}

/** Whitespace collapsed, control characters dropped (a title goes to terminals too); null when nothing is left. */
function clean(text: string | null | undefined): string | null {
  // eslint-disable-next-line no-control-regex
  const t = text?.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t ? t : null;
}
