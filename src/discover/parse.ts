/**
 * What a source lists: the article links of an RSS, Atom or RDF feed, of a
 * sitemap (news sitemaps included), or the child sitemaps of a sitemap index;
 * for an HTML page, the feeds it announces (`<link rel=alternate>`), so a
 * site's front page can be given as a source. Pure: text in, values out.
 *
 * Feeds are read by htmlparser2's own feed reader (domutils getFeed: RSS
 * 0.9x/2.0, RDF, Atom 1.0); sitemaps follow sitemaps.org 0.9 and Google's
 * news extension (`news:publication_date`, `news:title`).
 */
import type { Element } from 'domhandler';
import { findAll, findOne, getFeed, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

/** sitemaps.org: "no more than 50,000 URLs"; a feed lists far fewer. Anything past it is ignored. */
export const MAX_SOURCE_ENTRIES = 50_000;

export interface SourceEntry {
  /** Absolute http(s) URL, fragment removed. */
  url: string;
  /** When the source says the article was published (feed pubDate, news:publication_date, else lastmod), epoch ms; null when it does not say. */
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

export function parseSourceListing(text: string, baseUrl: string): SourceListing {
  const start = text.slice(0, 2000).replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '').trimStart();
  const root = /^<(?:!doctype\s+)?([a-zA-Z][\w:.-]*)/.exec(start)?.[1]?.toLowerCase() ?? '';
  if (root === 'html' || root === 'head' || root === 'body') return htmlFeeds(text, baseUrl);
  if (root === '') return { kind: 'unknown' };
  const doc = parseDocument(text, { xmlMode: true });
  const top = doc.children.find((n): n is Element => n.type === 'tag');
  const name = top?.name.toLowerCase() ?? '';
  if (name === 'urlset') return { kind: 'sitemap', title: null, entries: sitemapEntries(top!, 'url', baseUrl) };
  if (name === 'sitemapindex') return { kind: 'sitemap-index', title: null, entries: sitemapEntries(top!, 'sitemap', baseUrl) };
  if (name === 'rss' || name === 'feed' || name === 'rdf:rdf') {
    const feed = getFeed(doc.children);
    if (feed === null) return { kind: 'unknown' };
    const entries: SourceEntry[] = [];
    for (const item of feed.items) {
      if (entries.length >= MAX_SOURCE_ENTRIES) break;
      // RSS items may give the article only as a permalink guid.
      const url = absoluteHttpUrl(item.link ?? (item.id && /^https?:/i.test(item.id) ? item.id : undefined), baseUrl);
      if (url === null) continue;
      entries.push({ url, publishedAt: validTime(item.pubDate), title: clean(item.title) });
    }
    return { kind: 'feed', title: clean(feed.title), entries };
  }
  return { kind: 'unknown' };
}

/** `<url><loc>` (or `<sitemap><loc>`) entries, whatever namespace prefixes the file uses. */
function sitemapEntries(root: Element, entryTag: string, baseUrl: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const node of root.children) {
    if (entries.length >= MAX_SOURCE_ENTRIES) break;
    if (node.type !== 'tag' || localName(node.name) !== entryTag) continue;
    const child = (local: string) => findOne((el) => localName(el.name) === local, node.children, true);
    const loc = child('loc');
    const url = loc ? absoluteHttpUrl(textContent(loc).trim(), baseUrl) : null;
    if (url === null) continue;
    const published = child('publication_date') ?? child('lastmod');
    const title = child('title');
    entries.push({ url, publishedAt: published ? parseTime(textContent(published)) : null, title: title ? clean(textContent(title)) : null });
  }
  return entries;
}

/** `<link rel="alternate" type="application/rss+xml" href>` and the Atom equivalent, resolved against the page. */
function htmlFeeds(text: string, baseUrl: string): SourceListing {
  const doc = parseDocument(text);
  const base = findOne((el) => el.name === 'base' && typeof el.attribs['href'] === 'string', doc.children, true);
  const pageBase = absoluteHttpUrl(base?.attribs['href'], baseUrl) ?? baseUrl;
  const feeds: string[] = [];
  for (const link of findAll((el) => el.name === 'link', doc.children)) {
    const rel = (link.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
    const type = (link.attribs['type'] ?? '').toLowerCase().trim();
    if (!rel.includes('alternate') || !/^application\/(?:rss|atom|feed)\+(?:xml|json)$|^application\/rss$/.test(type)) continue;
    if (type.endsWith('+json')) continue; // JSON Feed: not read (yet)
    const url = absoluteHttpUrl(link.attribs['href'], pageBase);
    if (url !== null && !feeds.includes(url)) feeds.push(url);
  }
  const title = findOne((el) => el.name === 'title', doc.children, true);
  return { kind: 'html', title: title ? clean(textContent(title)) : null, feeds };
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

function parseTime(text: string): number | null {
  const t = Date.parse(text.trim());
  return Number.isFinite(t) ? t : null;
}

function validTime(date: Date | undefined): number | null {
  const t = date?.getTime();
  return t !== undefined && Number.isFinite(t) ? t : null;
}

function clean(text: string | undefined): string | null {
  const t = text?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}
