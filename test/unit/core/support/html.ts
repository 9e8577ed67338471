/**
 * Reading HTML the way a browser would, for escaping tests: which elements a
 * page really builds, and the text it shows. And reading a feed the way a
 * feed reader would: its RSS items or Atom entries.
 */
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'htmlparser2';

/** Every element named `tag` the HTML parser builds from `html`. */
export function elementsIn(html: string, tag: string): Element[] {
  return findAll((e) => e.name === tag, parseDocument(html).children);
}

/** The text a reader sees (entities decoded). */
export function textIn(html: string): string {
  return textContent(parseDocument(html));
}

// Attributes as '@name' beside the text as '#text'; text always a string (a title "2024" stays "2024").
const feedXml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
const list = <T,>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** An RSS <item> as parsed: the guid carries an isPermaLink attribute, so its text is guid['#text']. */
export interface RssItem {
  title: string;
  link: string;
  guid: { '#text': string };
  pubDate: string;
  description: string;
}

/** An Atom <entry> as parsed: its content has a type attribute, so its text is content['#text']. */
export interface AtomEntry {
  id: string;
  published: string;
  updated: string;
  content: { '#text': string };
}

/** The <item>s of an RSS feed, in document order (none: []). */
export function rssItemsIn(xml: string): RssItem[] {
  return list(feedXml.parse(xml).rss.channel.item) as RssItem[];
}

/** The <entry>s of an Atom feed, in document order (none: []). */
export function atomEntriesIn(xml: string): AtomEntry[] {
  return list(feedXml.parse(xml).feed.entry) as AtomEntry[];
}
