/**
 * Live blogs: one page, one headline, and under it a feed of entries, each
 * stamped with the time of day it was posted ("10:42", "3:13 p.m. ET",
 * "Updated 14:05"). The page grows on every check, newest entry first, so
 * the article must be the same structure whatever the number of entries:
 * the headline, what lies between it and the feed (the standfirst, the
 * byline), and the entries. Found by the shape of the page, not by its
 * class names: sibling boxes of one kind ("entry", "post", "update",
 * "live-update": the name does not matter) each opening with a time of day.
 *
 * Pure DOM reading, bounded: a fixed number of candidate feeds, entries and
 * elements per entry are looked at.
 */
import { isClockTime, parseHumanDate } from './dates.ts';
import { isTag, isText, textOf, walkElements, type AnyNode, type Element, type ParentNode } from './dom.ts';

export interface LiveBlog {
  /** The page's headline: the first <h1> above the entries that is not a link (a masthead's home link is not). */
  headline: Element;
  /** The element whose children the entries are. */
  feed: Element;
  /** The entries, in document order (newest first on most pages): children of `feed`, all of one kind. */
  entries: Element[];
}

/** What the body scorer measured: characters of text and of link text in an element. */
export interface TextFacts {
  text(el: Element): number;
  link(el: Element): number;
}

/**
 * Entries a feed needs: one box with a time in it is just a box, unless the page declares itself a live blog
 * (schema.org LiveBlogPosting, which Google asks of live blogs), so that its first version is read as the later ones.
 */
const MIN_ENTRIES = 2;
const MIN_ENTRIES_DECLARED = 1;
/** Boxes an entry can be (a <p> with a time in it is a paragraph, not an entry). */
const ENTRY_TAGS = new Set(['div', 'article', 'section', 'li']);
/** Elements of an entry looked at for its stamp: the stamp opens the entry, it is not buried in the text. */
const STAMP_SEARCH_ELEMENTS = 30;
/** A stamp is a short line: "Updated 5 January 2024, 10:42 GMT" fits, a sentence does not. */
const MAX_STAMP_CHARS = 48;
/** Entries looked at per group of like boxes. */
const MAX_ENTRIES_CHECKED = 60;
const STAMP_LABEL = /^(?:last\s+updated|updated|posted|published|aktualisiert|ver(?:ö|oe)ffentlicht|mis\s+à\s+jour|publié|actualizado|publicado|aggiornato)\s*:?\s*(?:at|um|à|a\s+las)?\s*/i;

/** Something a time of day is written with: "10:42", "14.05", "10h42", "9 a.m.", "10pm". */
const CLOCK_DIGITS = /\d[:：.h]\d\d|\d\s*[ap]\.?\s?m\b/i;

/** "10:42", "3:13 p.m. ET", "Updated 14:05", "5 January 2024, 10:42": a time of day, perhaps with its day and a label. */
export function isTimeOfDayStamp(text: string): boolean {
  if (text.length === 0 || text.length > MAX_STAMP_CHARS) return false;
  const t = text.replace(STAMP_LABEL, '').trim();
  if (!CLOCK_DIGITS.test(t)) return false;
  if (isClockTime(t)) return true;
  // A day alone ("13. Januar 2014") is how a blog's index dates its posts; a live entry says the time.
  return parseHumanDate(t)?.includes('T') ?? false;
}

/** Elements an entry's text is written in: a timeline's list item ("<li><b>10:00</b> Police arrive</li>") has none. */
const PROSE_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);
/** Elements of an entry looked at in all. */
const ENTRY_SEARCH_ELEMENTS = 200;

/**
 * Is this box a live blog entry: opening with a time-of-day stamp (an
 * element inside it, among its first few), and holding a heading or a
 * paragraph of its own, not mostly links (a list of timed links is a
 * "Latest news" box)?
 */
function isStampedEntry(el: Element, facts: TextFacts): boolean {
  const total = facts.text(el);
  if (total === 0 || facts.link(el) >= 0.5 * total) return false;
  let seen = 0;
  let stamped = false;
  let prose = false;
  walkElements(el, (node) => {
    if ((stamped && prose) || ++seen > ENTRY_SEARCH_ELEMENTS || (!stamped && seen > STAMP_SEARCH_ELEMENTS)) return false;
    const chars = facts.text(node);
    if (!stamped && chars > 0 && chars <= MAX_STAMP_CHARS && isTimeOfDayStamp(textOf(node, MAX_STAMP_CHARS * 2))) {
      stamped = true;
      return false;
    }
    if (!prose && PROSE_TAGS.has(node.name) && chars >= 25) prose = true;
    return true;
  });
  return stamped && prose;
}

/** The first name in an element's class attribute, lower-cased ("" for none). */
function firstClass(el: Element): string {
  const c = (el.attribs['class'] ?? '').trimStart();
  const end = c.search(/\s/);
  return (end < 0 ? c : c.slice(0, end)).toLowerCase();
}

/** The entries of a feed when `el` is one: the largest group of like children (same tag, same first class) opening with a time of day. */
function feedEntries(el: Element, facts: TextFacts, minEntries: number): Element[] | null {
  let boxes = 0;
  for (const c of el.children) if (isTag(c) && ENTRY_TAGS.has(c.name)) boxes++;
  if (boxes < minEntries) return null;
  const groups = new Map<string, Element[]>();
  for (const c of el.children) {
    if (!isTag(c) || !ENTRY_TAGS.has(c.name) || facts.text(c) === 0) continue;
    const key = `${c.name} ${firstClass(c)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }
  let best: Element[] | null = null;
  let bestText = 0;
  for (const group of groups.values()) {
    if (group.length < minEntries) continue;
    let text = 0;
    for (const entry of group) text += facts.text(entry);
    // The most entries; of as many, the most text (a declared live blog's one entry, not its byline box).
    if (best !== null && (group.length < best.length || (group.length === best.length && text <= bestText))) continue;
    let checked = 0;
    let stamped = 0;
    for (const entry of group) {
      if (++checked > MAX_ENTRIES_CHECKED || (checked > 4 && stamped === 0)) break;
      if (isStampedEntry(entry, facts)) stamped++;
    }
    // Most of them stamped: a pinned summary or an embed-only entry among them may lack one.
    if (stamped * 2 < Math.min(checked, MAX_ENTRIES_CHECKED)) continue;
    if (stamped >= Math.min(group.length, MIN_ENTRIES)) {
      best = group;
      bestText = text;
    }
  }
  return best;
}

/** Characters of text, and of text inside links, under an element (bounded). */
function linkShare(el: Element): { text: number; link: number } {
  let text = 0;
  let link = 0;
  const stack: { node: AnyNode; inLink: boolean }[] = [{ node: el, inLink: false }];
  while (stack.length > 0 && text < 2000) {
    const { node, inLink } = stack.pop()!;
    if (isText(node)) {
      const n = node.data.trim().length;
      text += n;
      if (inLink) link += n;
    } else if (isTag(node)) {
      for (const c of node.children) stack.push({ node: c, inLink: inLink || node.name === 'a' });
    }
  }
  return { text, link };
}

/** The first <h1> before `entry` in document order whose text is not mostly a link: the page's headline. */
function headlineAbove(root: ParentNode, entry: Element): Element | null {
  let found: Element | null = null;
  let done = false;
  walkElements(root, (el) => {
    if (done) return false;
    if (el === entry) {
      done = true;
      return false;
    }
    if (el.name !== 'h1') return true;
    const { text, link } = linkShare(el);
    if (text > 0 && link < 0.5 * text) {
      found = el;
      done = true;
    }
    return false;
  });
  return found;
}

function isAncestor(ancestor: Element, node: Element): boolean {
  for (let p = node.parent, d = 0; p !== null && d < 3000; p = p.parent, d++) if (p === ancestor) return true;
  return false;
}

/** Levels above the top candidate searched for the feed it is an entry of (the top may be an entry's text box). */
const FEED_LEVELS_UP = 4;
/** Elements under the top candidate searched for a feed it holds. */
const FEED_SEARCH_DOWN = 200;
/**
 * A live blog's head (standfirst, byline, date line, "Key events") is short. More text than this between the
 * headline and the entries is an article of its own, and a list of timed boxes in it (a timeline, teasers of
 * other stories) is part of that article, unless the list holds half the text.
 */
const MAX_HEAD_CHARS = 1000;

/**
 * The live blog the top candidate belongs to, or null. The page must have a
 * headline above the entries, and the top candidate must be
 * - an entry, or a box inside one (the feed is an ancestor), or
 * - the feed, or a box holding it, when the head is short or the feed
 *   holds at least half the top's text, or
 * - part of the head (a summary box beside the feed, outscoring entries
 *   that are still few), when the head is short.
 */
export function findLiveBlog(root: ParentNode, top: Element, facts: TextFacts, declared = false): LiveBlog | null {
  return searchFeed(root, top, facts, MIN_ENTRIES) ?? (declared ? searchFeed(root, top, facts, MIN_ENTRIES_DECLARED) : null);
}

/**
 * findLiveBlog with feeds of at least `minEntries` entries. With one entry
 * (a declared live blog's first version), the innermost such box that holds
 * at least half the top candidate's text, so that it is the box the later
 * versions' entries will be.
 */
function searchFeed(root: ParentNode, top: Element, facts: TextFacts, minEntries: number): LiveBlog | null {
  const single = minEntries < MIN_ENTRIES;
  const at = (feed: Element, accept: (live: LiveBlog) => boolean): LiveBlog | null => {
    const entries = feedEntries(feed, facts, minEntries);
    if (entries === null || (single && facts.text(entries[0]!) < 0.5 * facts.text(top))) return null;
    const headline = headlineAbove(root, entries[0]!);
    if (headline === null) return null;
    const live = { headline, feed, entries };
    return accept(live) ? live : null;
  };
  const head = (live: LiveBlog): Element[] => liveBlogParts(live).head;
  const shortHead = (live: LiveBlog): boolean => {
    let chars = 0;
    for (const el of head(live)) chars += facts.text(el);
    return chars <= MAX_HEAD_CHARS;
  };
  // The top candidate is an entry, or inside one. (One entry: every box above a time holds it; the innermost is below.)
  const inEntry = (): LiveBlog | null => {
    let child: Element = top;
    for (let level = 0; level < FEED_LEVELS_UP; level++) {
      const p = child.parent;
      if (p === null || !isTag(p) || p.name === 'html') break;
      const entry = child;
      const live = at(p, (l) => l.entries.includes(entry));
      if (live !== null) return live;
      child = p;
    }
    return null;
  };
  if (!single) {
    const live = inEntry();
    if (live !== null) return live;
  }
  // The top candidate is the feed or holds it; or the feed follows it, at its level or a few above.
  const holds = (live: LiveBlog): boolean => facts.text(live.feed) >= 0.5 * facts.text(top) || shortHead(live);
  const follows = (live: LiveBlog): boolean => head(live).some((h) => h === top || isAncestor(h, top)) && shortHead(live);
  const queue: { el: Element; accept: (live: LiveBlog) => boolean }[] = [{ el: top, accept: holds }];
  let from: Element = top;
  for (let level = 0; level < FEED_LEVELS_UP; level++) {
    for (let s = from.next; s !== null; s = s.next) if (isTag(s)) queue.push({ el: s, accept: follows });
    const p = from.parent;
    if (p === null || !isTag(p) || p.name === 'body' || p.name === 'html') break;
    from = p;
  }
  let innermost: LiveBlog | null = null;
  for (let seen = 0; queue.length > 0 && seen < FEED_SEARCH_DOWN; seen++) {
    const { el, accept } = queue.shift()!;
    if (facts.text(el) === 0) continue;
    const live = at(el, accept);
    if (live !== null && !single) return live;
    if (live !== null && (innermost === null || isAncestor(innermost.entries[0]!, live.entries[0]!))) innermost = live;
    for (const c of el.children) if (isTag(c)) queue.push({ el: c, accept });
  }
  return innermost ?? (single ? inEntry() : null);
}

/**
 * What is read of a live blog, in document order: its head (the headline,
 * everything after it up to the first entry: the standfirst, the byline, a
 * summary), then the feed from its first entry to its last. Only structure
 * decides, never how much text each part holds, so a new entry changes
 * nothing else. `box` is the smallest element holding all of it.
 */
export function liveBlogParts(live: LiveBlog): { head: Element[]; feed: Element[]; box: Element } {
  const first = live.entries[0]!;
  const last = live.entries[live.entries.length - 1]!;
  // The path from the first entry up to the smallest element holding it and the headline (`box`).
  const entryPath = new Map<ParentNode, Element>();
  for (let y: Element = first; y.parent !== null && isTag(y.parent); y = y.parent) entryPath.set(y.parent, y);
  let box: Element | null = null;
  let headlineSide: Element = live.headline;
  for (let p = live.headline.parent; p !== null && isTag(p); headlineSide = p, p = p.parent) {
    if (entryPath.has(p)) {
      box = p;
      break;
    }
  }
  if (box === null) return { head: [], feed: [live.feed], box: live.feed };
  const head: Element[] = [live.headline];
  // Up from the headline to `box`: what follows it at each level.
  for (let x: Element = live.headline; x !== headlineSide; x = x.parent as Element) {
    for (let s = x.next; s !== null; s = s.next) if (isTag(s)) head.push(s);
  }
  // Down from `box` to the first entry: what precedes it at each level.
  let from: AnyNode | null = headlineSide.next;
  for (let p: Element = box; p !== first.parent; ) {
    const target = entryPath.get(p)!;
    for (let s = from; s !== null && s !== target; s = s.next) if (isTag(s)) head.push(s);
    from = target.children[0] ?? null;
    p = target;
  }
  for (let s = from; s !== null && s !== first; s = s.next) if (isTag(s)) head.push(s);
  // The entries and whatever sits between them (an ad, a pinned note), not what follows the last ("Load more").
  const feed: Element[] = [];
  for (let s: AnyNode | null = first; s !== null; s = s.next) {
    if (isTag(s)) feed.push(s);
    if (s === last) break;
  }
  return { head, feed, box };
}
