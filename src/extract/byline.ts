/**
 * The byline: which credit names the article's author (an author field,
 * JSON-LD, rel=author, a byline box, meta tags, "By …" lines, the publisher,
 * the site's owner), cleaned down to the names.
 */
import { isTag, isText, type AnyNode, type Document } from './dom.ts';
import { parseHumanDate } from './dates.ts';
import type { LdFacts } from './jsonld.ts';
import { AT_TIME, FRENCH_RELATIVE_DAY, RELATIVE_DAY, looseKey, normalizeText } from './normalize.ts';
import { STARTS_UPPER, type Collected } from './page-facts.ts';
import { namesTheSite, stripSiteSuffix, type SiteNames } from './site.ts';

/** Lead-in words before a name; removed so a byline is the names ("By Jane Doe" → "Jane Doe"). */
const BY_PREFIX =
  /^(?:(?:written|posted|reported|published|words|text|story|photos?|video|analysis|opinion|commentary|review|reporting|interview)\s+by|view all posts by|more by|articles? by|stories by|by|von|vom|par|por|door|di|av|af|autor(?:in)?|author|auteur|text|texto|verfasst von|geschrieben von|eingestellt von|piše|napisao|napisala)(?![\p{L}\p{N}])\s*:?\s*/iu;

function cleanByline(s: string | null | undefined, site: SiteNames | null = null, keepBy = false, rejectSite = true): string | null {
  if (s === null || s === undefined) return null;
  let t = normalizeText(s);
  if (t.length === 0 || t.length > 200 || /^https?:\/\//.test(t) || /^[\p{P}\p{S}\s]+$/u.test(t)) return null;
  // A byline line often carries the date too ("By Jane Doe | January 31, 2019"): keep the name part.
  t = t.replace(/\s*(?:[|•·]|\s[-–—/]\s|@\w).*$/, '').trim();
  // A stamp after the name ("Sarah Archer 1:39 PM ET", "Jane Doe Jan. 31, 2019", "Jane Doe Updated …").
  t = t.replace(STAMP_AFTER_NAME, '').trim();
  // The site's own name after a comma ("Stephen Collinson, CNN" on cnn.com): the byline is the person.
  if (site !== null) {
    const comma = t.lastIndexOf(',');
    if (comma > 0) {
      const tail = looseKey(t.slice(comma + 1));
      if (tail.length > 0 && (site.keys.has(tail) || tail === site.hostLabel) && /\s/.test(t.slice(0, comma).trim())) t = t.slice(0, comma).trim();
    }
  }
  // A weekday left over from a stamp ("Jeff Foust Monday, November 18, 2019"), a relative time ("P. Mucović prije 26 minuta", "Jane Doe 2 hours ago").
  t = t.replace(/[\s,]+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)[\s,.]*$/i, '').trim();
  t = t.replace(RELATIVE_TIME_TAIL, '').replace(BARE_DAY_TAIL, '').trim();
  // The same after the unit, in Russian, Ukrainian, Italian, Dutch, Polish ("Иван Петров, 3 часа назад"); \b knows no Cyrillic.
  t = t.replace(/[\s,]+\d+\s+\p{L}+\s+(?:назад|тому|fa|geleden|temu)(?!\p{L}).*$/iu, '').trim();
  // A role after a comma ("TOM KRISHER, AP Auto Writer", "Chris Cillizza, CNN Editor-at-large").
  t = t.replace(/,\s*[^,]*\b(?:writer|reporter|editor(?:-at-large)?|correspondent|columnist|producer|contributor|editor-in-chief)s?\b[^,]*$/i, '').trim();
  // A news agency credited after the name ("David Hutzler, dpa"): the byline is the person.
  t = t.replace(/,\s*(?:dpa|ap|afp|reuters|apa|sda|kna|epd|anp|efe|ansa|ddp|dapd|afx|dpa-afx)$/i, '').trim();
  // Spelled out, with or without the comma ("MEG KINNARD and ERRIN HAINES, Associated Press", "… ERIC TUCKER Associated Press").
  t = t.replace(/(?:,\s*|\s+)(?:the\s+)?(?:associated press|agence france-presse|press association|deutsche presse-agentur)$/i, '').trim();
  // Role and widget words that follow the name in byline boxes ("Howard Blume Staff Writer", "… 5 Min Read", "… Twitter").
  t = t.replace(/(?:\s+|(?<=\p{Ll})(?=\p{Lu}))(?:staff writers?|staff reporters?|(?:news|senior|political|chief|investigative|sports|business|science|tech) reporters?|senior (?:writer|editor|correspondent)|(?:foreign |political |chief )?correspondents?|contributors?|contributing writer|\d+\s*min(?:ute)?s? read|twitter|facebook|e-?mail|follow|bio)\b.*$/iu, '').trim();
  // A visible byline keeps its plain "By"/"Par" as the page shows it; labels ("Posted by", "Autor:") go.
  const by = keepBy ? /^(?:by|par)\s+(?=\p{Lu})/iu.exec(t)?.[0] ?? '' : '';
  for (let i = 0; i < 2; i++) t = t.replace(BY_PREFIX, '').trim();
  t = t.replace(/^[,:;\s]+|[,:;\s]+$/g, '');
  if (t.length < 2 || !/\p{L}/u.test(t)) return null;
  // Interface words that sit in author boxes ("Anmelden", "Size", "vorlesen"), not names.
  if (/^(?:about the author|anmelden|abmelden|login|log in|sign in|sign up|register|subscribe|abonnieren|vorlesen|listen|size|text size|interviews?|share|menu|search|suche|more|mehr|follow|contact|kontakt|home|collectif|redaktion|staff|admin|administrator|editor|guest|gast|anonymous|unknown)$/i.test(t)) return null;
  // Labels and stamps, not names.
  if (/^(?:published|posted|updated|publiziert|veröffentlicht|am|on|le|el|the)\b/i.test(t) || parseHumanDate(t) !== null) return null;
  // A domain or the site's own name is a publisher, not a byline.
  if (/^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i.test(t)) return null;
  if (site !== null) {
    if (namesTheSite(t, site)) t = stripSiteSuffix(t, site);
    if (rejectSite && namesTheSite(t, site)) return null;
  }
  return by + joinNames(t);
}

/**
 * Several people are listed the way JSON-LD authors are joined, "A, B": the
 * page's "Howard Schneider and Lindsay Dunsmuir" and the metadata's
 * "Howard Schneider, Lindsay Dunsmuir" are the same byline, and a diff must
 * not see a change when one capture has the one and the next the other. Only
 * when every part is a name of two words or more ("Smith and Jones", "Mac & i",
 * "Brenda Goodman, MA" stay as they are) and nothing is in brackets.
 */

/**
 * A stamp after the name, to the end of the line: a time ("Sarah Archer 1:39 PM ET"), a date ("Jane Doe Jan. 31,
 * 2019"), "Updated …"; with the day it names relative to today ("Jane Doe Yesterday at 3:10 pm").
 */
const STAMP_AFTER_NAME = new RegExp(String.raw`\s+(?:(?:${RELATIVE_DAY}|${FRENCH_RELATIVE_DAY}),?\s+)?(?:(?:um|at|à|a las|alle|om|on|am|le)\s+)?(?:\d{1,2}[:.]\d{2}\b|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:updated|published|posted|aktualisiert|veröffentlicht)\b).*$`, 'iu');

/**
 * A relative time after a name, to the end of the line: "prije 26 minuta", "3 hours, 5 minutes ago", a day named
 * relative to today with its time ("Yesterday at 3:10 pm", "heute, 10:02 Uhr", "hier à 10h02"), or without it at
 * the end, where a stamp's time was taken off before (only words no surname is: "Ayer" is one; see BARE_DAY_TAIL).
 */
const RELATIVE_TIME_TAIL = new RegExp(
  String.raw`\s+(?:(?:prije|vor|hace|il y a|há|fa)\s+\d+\s+\p{L}+|\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)(?:,?\s+(?:and\s+)?\d+\s+\p{L}+)*\s+ago|(?:${RELATIVE_DAY}|${FRENCH_RELATIVE_DAY}),?\s*${AT_TIME}?\s*\d{1,2}[:.h]\d{2})\b.*$`,
  'iu',
);

/**
 * The day word alone at the end, in lower case ("Jane Doe today"), or right
 * after a dash ("Jane Doe—Today"; a spaced separator has cut the line before).
 * Capitalised after a word it is the end of a publication's name: "Jane Doe,
 * USA TODAY", "Elliot Brownstein Florida Today", "Psychology Today".
 */
const BARE_DAY_TAIL = /(?:\s+(?:today|yesterday|heute|gestern|aujourd'hui)|[–—-](?:today|yesterday|heute|gestern|aujourd'hui|Today|Yesterday|Heute|Gestern|Aujourd'hui|TODAY|YESTERDAY))\W*$/u;

export function joinNames(byline: string): string {
  if (!/\s(?:and|und|et|y|e|&)\s/.test(byline) || /[()[\]\d]/.test(byline)) return byline;
  const parts = byline.split(/\s*,\s*(?:(?:and|und|et|y|e|&)\s+)?|\s+(?:and|und|et|y|e|&)\s+/);
  const nameLike = (p: string): boolean => {
    const words = p.split(' ');
    return words.length >= 2 && words.length <= 4 && words.every((w) => STARTS_UPPER.test(w) || /^(?:van|von|der|den|de|del|della|da|das|do|dos|di|du|la|le|bin|al|ter|ten|zu)$/.test(w)) && STARTS_UPPER.test(words[0]!);
  };
  return parts.length >= 2 && parts.every(nameLike) ? parts.join(', ') : byline;
}

/**
 * Byline, strongest first: JSON-LD Person authors; then what the page shows
 * (rel=author, a byline/author box, a link to an author page, a "By …" line),
 * because meta author tags often name the publisher ("Condé Nast"); then meta
 * tags and microdata; then a JSON-LD Organization author; last, the publisher
 * credited as the author ("BBC News", "Attac France") when no one else is named.
 */
export function pickByline(doc: Document, c: Collected, ld: LdFacts, site: SiteNames): string | null {
  // A credit that names the site itself is kept for last, not thrown away: with nobody else named, the page credits its publisher.
  let publisher: string | null = null;
  const clean = (raw: string | null | undefined): string | null => {
    const t = cleanByline(raw, site, false, false);
    if (t === null || !namesTheSite(t, site)) return t;
    publisher ??= t;
    return null;
  };
  const names = (list: string[]): string | null => {
    const cleaned = list.map((a) => clean(a)).filter((a): a is string => a !== null);
    return cleaned.length > 0 ? cleaned.join(', ') : null;
  };
  // A field the page labels "Author" names the author as the publisher shows it; JSON-LD from a CMS plugin
  // often names the account that posted ("Gilles Gressani" on a piece the page credits to Uriel Gadessaud).
  // Only when the name links to the author's page on the site: an unlinked "Author:" may be a book's or a film's.
  for (const f of c.authorFields) {
    if (!f.linked) continue;
    const t = clean(f.name);
    if (t !== null && t.split(' ').length <= 8) return t;
  }
  const fromLd = names(ld.authors);
  if (fromLd !== null) return fromLd;
  const metaAuthors: string[] = [];
  for (const key of ['author', 'article:author', 'og:article:author', 'dc.creator', 'dc:creator', 'parsely-author', 'sailthru.author', 'byl', 'cxenseparse:author']) {
    const b = clean(c.meta.get(key));
    if (b !== null) metaAuthors.push(b);
  }
  const visible = (lists: string[][]): string | null => {
    for (const list of lists) {
      for (const b of list) {
        const raw = cleanByline(b, site, false, false);
        if (raw === null || raw.split(' ').length > 12) continue;
        // A credit naming the publisher is kept for last: a person named later in this tier comes first.
        if (namesTheSite(raw, site)) {
          publisher ??= raw;
          continue;
        }
        // The page shows "JEFFREY GETTLEMAN"; the meta tag has the name's own casing.
        const key = looseKey(raw);
        return metaAuthors.find((m) => looseKey(m) === key) ?? raw;
      }
    }
    return null;
  };
  // Marked-up bylines first; looser signals (links to author pages, "By …" lines) only after the meta tags.
  // rel=author links naming three or more different people are a list of other stories ("most popular"): the byline box first then.
  const relIsList = new Set(c.relAuthor.map(looseKey).filter((k) => k.length > 0)).size >= 3;
  const unlinkedFields = c.authorFields.filter((f) => !f.linked).map((f) => f.name);
  const marked = visible(relIsList ? [c.bylineEls, c.relAuthor, unlinkedFields] : [c.relAuthor, c.bylineEls, unlinkedFields]);
  if (marked !== null) return marked;
  if (metaAuthors.length > 0) return metaAuthors[0]!;
  const loose = visible([c.loose]);
  if (loose !== null) return loose;
  const ip = clean(c.itemprops.get('author') ?? c.itemprops.get('creator'));
  if (ip) return ip;
  return names(ld.organizationAuthors) ?? publisher ?? ownerName(doc, c, site);
}

/**
 * A personal site names nobody as author, but its owner's name is on the page
 * spelled the way the author's handle or the host is: "Alexander Lasch" for
 * twitter:creator @AlexanderLasch, "Gregory Szorc" (in the copyright line) on
 * gregoryszorc.com. Two to four capitalised words whose letters are exactly the
 * handle's or the host label's; read only when nothing else named anyone.
 */
export function ownerName(doc: Document, c: Collected, site: SiteNames): string | null {
  const keys = new Set<string>();
  const handle = c.meta.get('twitter:creator');
  if (handle !== undefined && /^@?[A-Za-z0-9_]{5,30}$/.test(handle.trim())) keys.add(looseKey(handle));
  if (site.hostLabel !== null && site.hostLabel.length >= 7) keys.add(site.hostLabel);
  keys.delete('');
  if (keys.size === 0) return null;
  const stack: AnyNode[] = [doc];
  let seen = 0;
  while (stack.length > 0 && seen < 20000) {
    const node = stack.pop()!;
    if (isText(node)) {
      seen++;
      if (node.data.length > 300 || !/\p{Lu}/u.test(node.data)) continue;
      const words = normalizeText(node.data).split(' ');
      for (let i = 0; i < words.length; i++) {
        if (!/^\p{Lu}/u.test(words[i]!)) continue;
        let key = '';
        for (let j = i; j < words.length && j < i + 4; j++) {
          if (!/^\p{Lu}/u.test(words[j]!)) break;
          key += looseKey(words[j]!);
          if (j > i && keys.has(key)) return words.slice(i, j + 1).join(' ').replace(/[.,;:!?)'’]+$/u, '');
        }
      }
    } else if (isTag(node)) {
      const n = node.name;
      if (n === 'script' || n === 'style' || n === 'noscript' || n === 'template' || n === 'svg' || n === 'head') continue;
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    } else if ('children' in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return null;
}
