/**
 * Feeds of revisions (RSS 2.0, Atom 1.0, JSON Feed 1.1), pure: items in,
 * XML/JSON out (STYLE 7). One item per revision, carrying the diff itself in
 * feed-safe HTML. GUIDs and the feed's own id are given by the caller, built
 * from stored facts only (revisions.ts, activity.ts), so they never change
 * between fetches and a reverted-then-reapplied edit still gets a new one.
 */
import { Feed } from 'feed';

export interface FeedChannel {
  /**
   * What names the feed for ever (Atom's <id>, RFC 4287 §4.2.6: "permanent,
   * universally unique"): built from stored facts, not from BASE_URL or a row
   * id, which change when the service or its database moves.
   */
  id: string;
  title: string;
  /** The page this feed mirrors. */
  link: string;
  /** Absolute URL of the feed itself (atom:link rel=self). */
  selfUrl: string;
  description: string;
  /**
   * When there was first something to watch (the article first watched):
   * the feed's own date while it lists no item yet, as RSS lastBuildDate
   * and Atom's required <updated> (RFC 4287 §4.1.1) need one, and "now"
   * would change the bytes on every fetch. Null: the epoch, for a stet that
   * watches nothing.
   */
  since: Date | null;
}

export interface FeedItem {
  guid: string;
  title: string;
  link: string;
  /** The article's own address (JSON Feed's `external_url`: the page the item is about, where `url` is stet's). */
  externalUrl: string;
  /** When stet published it: a version first seen, a removal recorded (confirmed), a page back. */
  date: Date;
  /** Plain-text summary ("2 paragraphs changed, 1 added"). */
  summary: string;
  /** Feed-safe HTML: the diff, with inline styles. */
  contentHtml: string;
}

function buildFeed(channel: FeedChannel, items: FeedItem[], selfLinks: { rss?: string; atom?: string; json?: string }): Feed {
  // The newest item's date, not "now": the same items give the same bytes.
  const updated = items.reduce<Date | undefined>((max, i) => (!max || i.date > max ? i.date : max), undefined) ?? channel.since ?? new Date(0);
  const feed = new Feed({
    title: channel.title,
    id: channel.id,
    link: channel.link,
    description: channel.description,
    updated,
    generator: 'stet',
    // RFC 4287 §4.1.1: an Atom feed names an author when its entries do not.
    author: { name: 'stet' },
    copyright: '',
    feedLinks: selfLinks,
  });
  for (const item of items) {
    feed.addItem({
      title: item.title,
      id: item.guid,
      guid: item.guid,
      link: item.link,
      date: item.date,
      // Published and updated are the same moment, when stet stored the version; an entry changes after that only when a
      // newer stet reads its pages again (monitor/reread.ts), which is no news to announce
      // (JSON Feed's date_published, Atom's <published>; without it readers may date an item by when they fetched it).
      published: item.date,
      description: item.summary,
      content: item.contentHtml,
    });
  }
  return feed;
}

// XML 1.0 §2.2 Char: anything else (a stray control character in a scraped
// page) would make the whole feed unparsable for every reader.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// xml-js (under `feed`) splits only the first "]]>" of a CDATA section; a
// second one would end the section and turn the rest of the article text into
// markup. Each "]]>" travels as U+FFFF (not an XML character, so no input
// still holds one) and is split correctly in the finished document.
const CDATA_END_MARK = '\uFFFF';
const xmlText = (s: string) => s.replace(NOT_XML_CHAR, '');
// xml-js turns "&amp;" in a text node back into "&" before escaping (to avoid
// double escaping), so literal text "&amp;" would lose its "amp;". Escaping
// "&" first makes that step give back exactly the text we meant.
const textNode = (s: string) => xmlText(s).replace(/&/g, '&amp;');
const cdataText = (s: string) => xmlText(s).replaceAll(']]>', CDATA_END_MARK);
const finishXml = (xml: string) => xml.replaceAll(CDATA_END_MARK, ']]]]><![CDATA[>');
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function xmlChannel(channel: FeedChannel): FeedChannel {
  return { id: textNode(channel.id), title: textNode(channel.title), link: xmlText(channel.link), selfUrl: xmlText(channel.selfUrl), description: textNode(channel.description), since: channel.since };
}

/** Item fields as XML feeds carry them: `title` plain text or escaped HTML, `summary` and `content` HTML. */
function xmlItems(items: FeedItem[], format: 'rss' | 'atom'): FeedItem[] {
  const titleAsHtml = format === 'atom';
  return items.map((i) => ({
    // RSS writes the guid as a text node; Atom passes it through new URL() into atom:id.
    guid: format === 'rss' ? textNode(i.guid) : xmlText(i.guid),
    link: xmlText(i.link),
    externalUrl: xmlText(i.externalUrl),
    date: i.date,
    title: cdataText(titleAsHtml ? escapeHtml(i.title) : i.title),
    summary: cdataText(escapeHtml(i.summary)),
    contentHtml: cdataText(i.contentHtml),
  }));
}

export function toRss(channel: FeedChannel, items: FeedItem[]): string {
  // RSS titles are plain text; descriptions are HTML (rssboard.org RSS Profile, "description").
  return finishXml(buildFeed(xmlChannel(channel), xmlItems(items, 'rss'), { rss: xmlText(channel.selfUrl) }).rss2());
}

export function toAtom(channel: FeedChannel, items: FeedItem[]): string {
  // `feed` writes entry title and summary as type="html" (RFC 4287 §3.1.1.2): escape the plain text so it stays text.
  return finishXml(buildFeed(xmlChannel(channel), xmlItems(items, 'atom'), { atom: xmlText(channel.selfUrl) }).atom1());
}

export function toJsonFeed(channel: FeedChannel, items: FeedItem[]): string {
  // `feed` writes JSON Feed 1.0; 1.1 (jsonfeed.org/version/1.1) adds `authors` and keeps
  // the deprecated `author` readable, so the same document is 1.1 with those two changes.
  const feed = JSON.parse(buildFeed(channel, items, { json: channel.selfUrl }).json1()) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  const { version: _version, ...rest } = feed;
  // each item in the order given (QA: a reader had no way from an item to the article itself)
  const withExternal = feed.items?.map((item, k) => ({ ...item, external_url: items[k]!.externalUrl }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', ...rest, items: withExternal, authors: feed.author ? [feed.author] : undefined }, null, 4);
}
