/**
 * Feeds of revisions (RSS 2.0, Atom 1.0, JSON Feed 1.1), pure: items in,
 * XML/JSON out (STYLE 7). One item per revision, carrying the diff itself in
 * feed-safe HTML. GUIDs are derived only from stored facts (article id,
 * version number, content fingerprint), so they never change between fetches
 * and a reverted-then-reapplied edit still gets a new one.
 */
import { Feed } from 'feed';

export interface FeedChannel {
  title: string;
  /** The page this feed mirrors. */
  link: string;
  /** Absolute URL of the feed itself (atom:link rel=self). */
  selfUrl: string;
  description: string;
}

export interface FeedItem {
  guid: string;
  title: string;
  link: string;
  /** When stet first saw this version. */
  date: Date;
  /** Plain-text summary ("2 paragraphs changed, 1 added"). */
  summary: string;
  /** Feed-safe HTML: the diff, with inline styles. */
  contentHtml: string;
}

function buildFeed(channel: FeedChannel, items: FeedItem[], selfLinks: { rss?: string; atom?: string; json?: string }): Feed {
  // The newest item's date, not "now": the same items give the same bytes.
  const updated = items.reduce<Date | undefined>((max, i) => (!max || i.date > max ? i.date : max), undefined) ?? new Date(0);
  const feed = new Feed({
    title: channel.title,
    id: channel.link,
    link: channel.link,
    description: channel.description,
    updated,
    generator: 'stet',
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
      description: item.summary,
      content: item.contentHtml,
    });
  }
  return feed;
}

export function toRss(channel: FeedChannel, items: FeedItem[]): string {
  return buildFeed(channel, items, { rss: channel.selfUrl }).rss2();
}

export function toAtom(channel: FeedChannel, items: FeedItem[]): string {
  return buildFeed(channel, items, { atom: channel.selfUrl }).atom1();
}

export function toJsonFeed(channel: FeedChannel, items: FeedItem[]): string {
  return buildFeed(channel, items, { json: channel.selfUrl }).json1();
}
