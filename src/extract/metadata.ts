/**
 * Title, byline, the publisher's stamps, canonical URL and language.
 *
 * Sources, strongest first (each field takes the first source that gives a
 * usable value):
 *   1. JSON-LD (schema.org), including `@graph`, top-level arrays and nested
 *      `mainEntity`; only Article-like objects count for stamps and byline.
 *   2. OpenGraph / `article:*` / Dublin Core / parsely / sailthru meta tags.
 *   3. Microdata (`itemprop="datePublished"`, `itemprop="author"`…).
 *   4. `<time datetime>` elements (a `pubdate` attribute or an "updated" hint
 *      in the element or its label decides which stamp).
 *   5. Visible lines: "January 31, 2019 12:29 am / Updated: January 31, 2019
 *      3:13 pm" — see `scanVisibleStamps`.
 *   6. A date in the URL path (/2019/01/31/), day precision only.
 */
import { attr, classAndId, findFirst, isInside, isTag, isText, textOf, walkElements, type AnyNode, type Document, type Element } from './dom.ts';
import { parseHumanDate, parseMachineDate } from './dates.ts';
import type { Article } from './article.ts';
import { normalizeText } from './normalize.ts';

/** Everything of an Article but its body, plus the site's name (used to clean titles and bylines). */
export interface Metadata extends Omit<Article, 'paragraphs'> {
  siteName: string | null;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const ARTICLE_TYPES = /^(?:\w+:)?(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting|TechArticle|ScholarlyArticle|Report|Review|CreativeWork|VideoObject|Recipe|MedicalWebPage|WebPage|ItemPage|AboutPage|CollectionPage|Blog|Posting)$/;
const STRONG_ARTICLE_TYPES = /Article|BlogPosting|Posting|Report|Review|Recipe/;

/** Flatten JSON-LD: arrays, @graph, and a few nesting properties where publishers put the article. */
function flattenJsonLd(root: Json, out: JsonObject[]): void {
  const stack: Json[] = [root];
  let guard = 0;
  while (stack.length > 0 && guard++ < 5000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]!);
    } else if (v !== null && typeof v === 'object') {
      out.push(v);
      if (v['@graph'] !== undefined) stack.push(v['@graph']);
      if (v['mainEntity'] !== undefined && typeof v['mainEntity'] === 'object') stack.push(v['mainEntity']);
      if (v['mainEntityOfPage'] !== undefined && typeof v['mainEntityOfPage'] === 'object') stack.push(v['mainEntityOfPage']);
    }
  }
}

function types(o: JsonObject): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const s = normalizeText(decodeEntitiesLoose(v));
    return s.length > 0 ? s : null;
  }
  if (Array.isArray(v)) for (const x of v) {
    const s = str(x);
    if (s !== null) return s;
  }
  return null;
}

/** JSON-LD strings are sometimes HTML-escaped twice ("&amp;#8217;"). Undo the common cases. */
function decodeEntitiesLoose(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|quot|apos|lt|gt|nbsp));/gi, (m, dec: string, hex: string, name: string) => {
    if (dec) return String.fromCodePoint(Number(dec) % 0x110000);
    if (hex) return String.fromCodePoint(parseInt(hex, 16) % 0x110000);
    return { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' }[name.toLowerCase()] ?? m;
  });
}

/** Author names from a schema.org author value; Organization authors are kept apart (a publisher is a weak byline). */
function personNames(v: Json | undefined, byId: Map<string, JsonObject>): { people: string[]; organizations: string[] } {
  const people: string[] = [];
  const organizations: string[] = [];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  for (let item of list.slice(0, 20)) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && typeof item['@id'] === 'string' && item['name'] === undefined) {
      item = byId.get(item['@id']) ?? item;
    }
    if (typeof item === 'string') {
      const s = normalizeText(item);
      if (s && !/^https?:\/\//.test(s)) people.push(s);
    } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const name = str(item['name']);
      if (name === null || /^https?:\/\//.test(name)) continue;
      if (types(item).some((t) => /Organization|Corporation|NewsMediaOrganization/.test(t))) organizations.push(name);
      else people.push(name);
    }
  }
  return { people, organizations };
}

/**
 * Split a script body into its top-level JSON values: publishers concatenate
 * several objects in one block ("{…}{…}", "{…},{…}") or leave a stray
 * semicolon after it. Scans once, tracking strings and nesting depth.
 */
export function splitJsonValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escape
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (depth === 0) start = i;
      depth++;
    } else if ((c === 125 || c === 93) && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    }
  }
  return out;
}

interface LdFacts {
  headline: string | null;
  authors: string[];
  organizationAuthors: string[];
  published: string | null;
  modified: string | null;
}

function jsonLdFacts(blocks: string[]): LdFacts {
  const objects: JsonObject[] = [];
  for (const raw of blocks) {
    let text = raw.trim();
    if (text.length === 0 || text.length > 2_000_000) continue;
    // Some CMSs wrap the JSON in a CDATA section or an HTML comment.
    text = text.replace(/<!\[CDATA\[|\]\]>|<!--|-->/g, '').replace(/\/\*\s*\*\//g, '');
    for (const chunk of splitJsonValues(text)) {
      try {
        flattenJsonLd(JSON.parse(chunk) as Json, objects);
      } catch {
        // Raw control characters inside strings are the commonest defect: retry once with them blanked.
        try {
          // eslint-disable-next-line no-control-regex
          flattenJsonLd(JSON.parse(chunk.replace(/[\u0000-\u001f]+/g, ' ')) as Json, objects);
        } catch {
          /* unusable block: ignore */
        }
      }
    }
  }
  const byId = new Map<string, JsonObject>();
  for (const o of objects) if (typeof o['@id'] === 'string') byId.set(o['@id'], o);
  // Prefer real article types over WebPage and friends.
  const ranked = objects
    .filter((o) => types(o).some((t) => ARTICLE_TYPES.test(t)))
    .sort((a, b) => Number(types(b).some((t) => STRONG_ARTICLE_TYPES.test(t))) - Number(types(a).some((t) => STRONG_ARTICLE_TYPES.test(t))));
  const facts: LdFacts = { headline: null, authors: [], organizationAuthors: [], published: null, modified: null };
  for (const o of ranked) {
    const strong = types(o).some((t) => STRONG_ARTICLE_TYPES.test(t));
    facts.headline ??= str(o['headline']) ?? (strong ? str(o['name']) : null);
    if (facts.authors.length === 0) {
      const names = personNames(o['author'] ?? o['creator'], byId);
      facts.authors = names.people;
      if (facts.organizationAuthors.length === 0) facts.organizationAuthors = names.organizations;
    }
    facts.published ??= parseMachineDate(str(o['datePublished']) ?? str(o['dateCreated']) ?? str(o['uploadDate']));
    facts.modified ??= parseMachineDate(str(o['dateModified']));
  }
  return facts;
}

/** Everything metadata needs from the DOM, gathered in one walk. */
interface Collected {
  meta: Map<string, string>;
  jsonLd: string[];
  titleTag: string | null;
  h1: string[];
  /** The first <h2> after the first <h1>: some pages repeat the headline there with its continuation. */
  afterH1: string | null;
  canonical: string | null;
  lang: string | null;
  /** `<time datetime>` values, the words around them (which stamp is it?) and their visible text. */
  times: { value: string; hint: string; text: string }[];
  itemprops: Map<string, string>;
  bylineEls: string[];
  relAuthor: string[];
  /** Text of links to an author page (/author/jane-doe, /staff/…, /profil/…). */
  authorLinks: string[];
  /** "By Jane Doe", "Autor: Jane Doe", "Text: Jane Doe" lines. */
  byLines: string[];
  /** Author-page links and "By …" lines together, in reading order (the first one is nearest the headline). */
  loose: string[];
  /**
   * A field labelled as the author, label and name in elements of their own: "<dt>Auteur</dt><dd>Uriel Gadessaud</dd>",
   * "<h3>Autor</h3><h4>…</h4>". `linked`: the name links to an author page on the site (a book review's "Author: Leo
   * Tolstoy" infobox does not).
   */
  authorFields: { name: string; linked: boolean }[];
  /** A /YYYY/MM/DD/ day in the first image path that has one (CMS upload folders). */
  imageDay: string | null;
}

const HINT_MODIFIED = /updat|modif|edited|revis|aktualisiert|mis à jour|actualiz|aggiorn/i;
const HINT_PUBLISHED = /publi|posted|created|erschienen|veröffentlicht|publié|pubdate|first/i;

function collect(doc: Document, pageHost: string | null): Collected {
  const c: Collected = {
    meta: new Map(),
    jsonLd: [],
    titleTag: null,
    h1: [],
    afterH1: null,
    canonical: null,
    lang: null,
    times: [],
    itemprops: new Map(),
    bylineEls: [],
    relAuthor: [],
    authorLinks: [],
    byLines: [],
    loose: [],
    authorFields: [],
    imageDay: null,
  };
  walkElements(doc, (el) => {
    const name = el.name;
    if (name === 'html') c.lang ??= attr(el, 'lang') ?? attr(el, 'xml:lang') ?? null;
    else if (name === 'meta') {
      const key = (attr(el, 'property') ?? attr(el, 'name') ?? attr(el, 'itemprop') ?? attr(el, 'http-equiv'))?.toLowerCase();
      // `value` is not HTML, but some archived captures carry meta values there.
      const content = attr(el, 'content') ?? attr(el, 'value');
      if (key !== undefined && content !== undefined && !c.meta.has(key)) c.meta.set(key, content);
      const ip = attr(el, 'itemprop');
      if (ip !== undefined && content !== undefined && !c.itemprops.has(ip)) c.itemprops.set(ip, content);
      return false;
    } else if (name === 'link') {
      const rel = attr(el, 'rel')?.toLowerCase();
      if (rel === 'canonical') c.canonical ??= attr(el, 'href') ?? null;
      return false;
    } else if (name === 'title') {
      if (c.titleTag === null && !(el.parent && isTag(el.parent) && el.parent.name === 'svg')) c.titleTag = textOf(el);
      return false;
    } else if (name === 'script') {
      if (attr(el, 'type')?.toLowerCase().includes('ld+json')) c.jsonLd.push(rawChildren(el));
      return false;
    } else if (name === 'style' || name === 'noscript' || name === 'svg' || name === 'template') return false;
    else if (name === 'h1') {
      if (c.h1.length < 5) c.h1.push(normalizeText(textOf(el, 2000)));
    } else if (name === 'h2') {
      if (c.h1.length > 0 && c.afterH1 === null) c.afterH1 = normalizeText(textOf(el, 2000));
    } else if (name === 'time') {
      const dt = attr(el, 'datetime');
      if (dt !== undefined && c.times.length < 50) {
        const prev = el.prev && isText(el.prev) ? el.prev.data : '';
        const parentText = el.parent && isTag(el.parent) ? classAndId(el.parent) : '';
        const text = textOf(el, 200);
        c.times.push({ value: dt, hint: `${attr(el, 'pubdate') !== undefined ? 'pubdate ' : ''}${classAndId(el)} ${attr(el, 'itemprop') ?? ''} ${prev} ${parentText} ${text}`, text });
      }
    } else if (name === 'img') {
      if (c.imageDay === null) c.imageDay = dateFromUrl(attr(el, 'src') ?? null);
      return false;
    } else if (name === 'a') {
      if (attr(el, 'rel')?.toLowerCase() === 'author') {
        if (c.relAuthor.length < 5) c.relAuthor.push(normalizeText(textOf(el, 200)));
      } else if (c.authorLinks.length < 5 && AUTHOR_HREF.test(attr(el, 'href') ?? '') && !TOPIC_HREF.test(attr(el, 'href')!) && sameSite(attr(el, 'href')!, pageHost) && !inRunningText(el) && !inTeaserLink(el)) {
        const t = normalizeText(textOf(el, 200));
        if (t.length >= 3 && t.length <= 60 && !/\d/.test(t)) {
          c.authorLinks.push(t);
          c.loose.push(t);
        }
      }
    } else if (name === 'strong' || name === 'b' || name === 'em' || name === 'span' || name === 'p' || name === 'byline' || name === 'div' || name === 'li') {
      // A visible label followed by a name: "<strong>Autor:</strong> Jane Doe", "<p>By Jane Doe</p>".
      if (c.byLines.length < 5 && (name === 'byline' || (el.children.length <= 4 && startsWithLabel(el)))) {
        const own = normalizeText(textOf(el, 300));
        if (own.length <= 120) {
          const m = BY_LINE.exec(own);
          // A bare "by"/"von" needs a capital after it; an explicit label ("Posted by", "Autor:") does not ("Eingestellt von der Michel").
          if (m && (m[1]!.includes(' ') || m[2]!.includes(':') || STARTS_UPPER.test(m[3]!))) {
            c.byLines.push(own);
            c.loose.push(own);
          }
          else if (LABEL_ONLY.test(own) && el.next !== null) {
            const after = normalizeText(el.next && isText(el.next) ? el.next.data : el.next && isTag(el.next) ? textOf(el.next, 200) : '');
            if (after.length >= 3 && after.length <= 80) {
              c.byLines.push(`${own} ${after}`);
              c.loose.push(`${own} ${after}`);
            }
          }
        }
      }
    }
    // A "by Duncan Bell / January 19, 2017" line loose right after the headline or standfirst heading.
    if (c.byLines.length < 5 && HEADINGS.has(name) && el.next !== null && isText(el.next)) {
      const d = el.next.data;
      if (d.length >= 6 && d.length <= 200 && LOOSE_BY.test(d) && !inPageChrome(el)) {
        const own = normalizeText(d);
        const m = BY_LINE.exec(own);
        if (m && STARTS_UPPER.test(m[3]!)) {
          c.byLines.push(own);
          c.loose.push(own);
        }
      }
    }
    if (c.authorFields.length < 3 && el.children.length === 1 && FIELD_ELEMENTS.has(name)) {
      const only = el.children[0]!;
      if (isText(only) && only.data.length < 200 && FIELD_LABEL.test(only.data)) {
        let next = el.next;
        while (next !== null && isText(next) && !/\S/.test(next.data)) next = next.next;
        if (next !== null && isTag(next) && !inPageChrome(el)) {
          const value = normalizeText(textOf(next, 200));
          const link = findFirst(next, (k) => k.name === 'a' && AUTHOR_HREF.test(attr(k, 'href') ?? '') && sameSite(attr(k, 'href')!, pageHost));
          if (value.length >= 2 && value.length <= 80) c.authorFields.push({ name: value, linked: link !== null });
        }
      }
    }
    const ip = attr(el, 'itemprop');
    if (ip !== undefined && name !== 'meta') {
      const v = attr(el, 'datetime') ?? attr(el, 'content') ?? (ip === 'author' ? authorMicrodata(el) : textOf(el, 300));
      if (!c.itemprops.has(ip) && v) c.itemprops.set(ip, v);
    }
    const ci = classAndId(el);
    if (ci && c.bylineEls.length < 5 && /\b(?:byline|by-line|author-name|authorname|article-author|post-author|story-byline|entry-author|author)\b/.test(ci) && !/avatar|image|photo|bio\b|comment|about/.test(ci) && !inPageChrome(el) && !inTeaserLink(el)) {
      // hCard / microdata inside the box names the person exactly ("vom <span class=fn>Krimiblogger</span>").
      const named = findFirst(el, (k) => /\bfn\b/.test(attr(k, 'class') ?? '') || attr(k, 'itemprop') === 'name');
      const t = normalizeText(textOf(named ?? el, 400));
      // A "vcard author" that links to the home page is the site's masthead, not a byline.
      const home = named !== null && named.name === 'a' && /^(?:(?:https?:)?\/\/[^/]+)?\/?$/.test(attr(named, 'href') ?? 'x');
      if (!home && t.length > 1 && t.length < 120) c.bylineEls.push(t);
    }
    return true;
  });
  return c;
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** A byline inside a link to another page (not an author page) is a teaser's: "<a href=/other-story>Title <small>(<span class=author>…</span>)</small></a>". */
function inTeaserLink(el: Element): boolean {
  return isInside(el, (a) => a.name === 'a' && attr(a, 'href') !== undefined && !AUTHOR_HREF.test(attr(a, 'href')!) && !/^#/.test(attr(a, 'href')!), 8);
}

/** Topic pages about a person ("/topics/people/donald-trump.html", "/tag/…"): a mention, not an author. */
const TOPIC_HREF = /\/(?:topics?|tags?|themen|thema|subjects?|sujets?|keywords?|schlagworte?)\//i;

/** A link inside a paragraph of running text ("US President <a>Donald Trump</a> has been…") names someone the story is about. */
function inRunningText(el: Element): boolean {
  let p = el.parent;
  for (let d = 0; p !== null && d < 4; d++) {
    if (isTag(p) && (p.name === 'p' || p.name === 'li' || p.name === 'blockquote')) return textOf(p, 400).length > 200;
    p = p.parent;
  }
  return false;
}

/** Author pages live on the site itself; youtube.com/user/… is not a byline. */
function sameSite(href: string, pageHost: string | null): boolean {
  const m = /^(?:https?:)?\/\/([^/?#]+)/i.exec(href);
  if (m === null) return true;
  if (pageHost === null) return false;
  const strip = (h: string): string => h.toLowerCase().replace(/^(?:www|m|amp)\./, '');
  return strip(m[1]!) === strip(pageHost);
}

const AUTHOR_HREF = /\/(?:author|authors|autor|autoren|auteur|staff|profil|profile|people|journalist|journalists|reporter|reporters|redakteur|writer|writers|contributor|contributors|columnist|columnists|user|members?)\/[^/?#]+\/?(?:[?#].*)?$/i;
/** A loose "by Jane Doe" line: the plain lead-in words only (labels such as "Autor:" come in elements of their own). */
const LOOSE_BY = /^\s*(?:by|von|par|por|door)\s+\S/i;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that hold a field label ("Author") when the value sits in the next element. */
const FIELD_ELEMENTS = new Set(['dt', 'th', 'h2', 'h3', 'h4', 'h5', 'h6', 'label', 'strong', 'b', 'span', 'div', 'p', 'td']);
/** The label of an author field: a noun, not "By" (a "By" prefix also opens other stories' teasers). */
const FIELD_LABEL = /^\s*(?:author|autor(?:in)?|auteur|autore|autora|verfasser(?:in)?|auteur\(e\)|authors|autoren|auteurs)\s*:?\s*$/i;
/** "By Jane Doe", "Von Jane Doe", "Par Jane Doe", "Autor: Jane Doe", "Text: Jane Doe", "Written by Jane Doe". */
const BY_LINE = /^((?:written |posted |reported |words |text |story )?by|von|par|por|door|di|av|autor(?:in)?|author|text|texto|auteur|verfasst von|geschrieben von|eingestellt von)(\s*:?)\s+(\S)/i;
/** The name after the label starts with a capital ("By Jane", not "By the time…"); checked apart because /i would make \p{Lu} match any letter. */
const STARTS_UPPER = /^\p{Lu}/u;
const LABEL_ONLY = /^(?:by|von|par|por|autor(?:in)?|author|text|auteur|verfasst von|geschrieben von)\s*:?$/i;

const LABEL_START = /^\s*(?:(?:written |posted |reported |words |text |story )?by|von|par|por|door|di|av|autor|author|text|texto|auteur|verfasst|geschrieben|eingestellt)\b/i;

/** Cheap pre-test before reading an element's text: does its first text start with a byline label? */
function startsWithLabel(el: Element): boolean {
  let n: AnyNode | null = el.children[0] ?? null;
  for (let d = 0; n !== null && d < 3; d++) {
    if (isText(n)) return LABEL_START.test(n.data);
    if (!isTag(n)) return false;
    n = n.children[0] ?? null;
  }
  return false;
}

/** Inside navigation, a sidebar, the footer, comments or a related-stories box: bylines there belong to other articles. */
function inPageChrome(el: Element): boolean {
  return isInside(el, (a) => {
    if (a.name === 'aside' || a.name === 'nav' || a.name === 'footer') return true;
    const ci = classAndId(a);
    const m = CHROME_NAME.exec(ci);
    return m !== null && !(m[0] === 'sidebar' && isLayoutWithSidebar(ci));
  }, 40);
}

const CHROME_NAME = /related|sidebar|comment|recirc|more-stories|promo|footer|rail|widget|teaser|card/;

/**
 * "right_sidebar main", "page has-sidebar": the page layout that holds the
 * article next to a sidebar, not the sidebar. Told by a second class that
 * names the main column, or by "has-/with-sidebar".
 */
export function isLayoutWithSidebar(classes: string): boolean {
  if (/\b(?:has|with)[-_]sidebar\b/.test(classes)) return true;
  return classes.split(/\s+/).some((t) => /^(?:main|content|container|page|layout|wrapper|site-content|main-content)$/.test(t));
}

function rawChildren(el: Element): string {
  let s = '';
  for (const k of el.children) if (isText(k)) s += k.data;
  return s;
}

function authorMicrodata(el: Element): string {
  let name: string | null = null;
  walkElements(el, (k) => {
    if (name === null && attr(k, 'itemprop') === 'name') name = attr(k, 'content') ?? textOf(k, 200);
  });
  return name ?? textOf(el, 200);
}

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
  t = t.replace(/\s+(?:(?:um|at|à|a las|alle|om|on|am|le)\s+)?(?:\d{1,2}[:.]\d{2}\b|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:updated|published|posted|aktualisiert|veröffentlicht)\b).*$/iu, '').trim();
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
  t = t.replace(/\s+(?:(?:prije|vor|hace|il y a|há|fa)\s+\d+\s+\p{L}+|\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago)\b.*$/iu, '').trim();
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
export function joinNames(byline: string): string {
  if (!/\s(?:and|und|et|y|e|&)\s/.test(byline) || /[()[\]\d]/.test(byline)) return byline;
  const parts = byline.split(/\s*,\s*(?:(?:and|und|et|y|e|&)\s+)?|\s+(?:and|und|et|y|e|&)\s+/);
  const nameLike = (p: string): boolean => {
    const words = p.split(' ');
    return words.length >= 2 && words.length <= 4 && words.every((w) => STARTS_UPPER.test(w) || /^(?:van|von|der|den|de|del|della|da|das|do|dos|di|du|la|le|bin|al|ter|ten|zu)$/.test(w)) && STARTS_UPPER.test(words[0]!);
  };
  return parts.length >= 2 && parts.every(nameLike) ? parts.join(', ') : byline;
}

/** Loose comparison key: case, quotes, dashes and punctuation ignored. */
export function looseKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Names that identify the site (og:site_name, application-name, the host's labels), as loose keys. */
interface SiteNames {
  keys: Set<string>;
  hostLabel: string | null;
}

function siteNames(c: Collected, url: string | null): SiteNames {
  const keys = new Set<string>();
  for (const k of ['og:site_name', 'application-name', 'twitter:site', 'publisher', 'copyright']) {
    const v = c.meta.get(k);
    if (v) keys.add(looseKey(v.replace(/^@/, '')));
  }
  let hostLabel: string | null = null;
  const u = url ?? c.canonical ?? c.meta.get('og:url') ?? null;
  if (u) {
    try {
      const host = new URL(u).hostname.replace(/^(?:www|m|amp|mobile)\./, '');
      keys.add(looseKey(host));
      hostLabel = looseKey(registrableLabel(host));
    } catch {
      /* not a URL */
    }
  }
  keys.delete('');
  return { keys, hostLabel };
}

/** Country-code second-level domains ("co.uk", "com.au", "ne.jp") under which the publisher's own label sits one further left. */
const GENERIC_SLD = /^(?:co|com|net|org|gov|ac|edu|or|ne|go|gv|nom|ltd|plc|sch|info|biz)$/;

/** The label that names the publisher: "heraldsun" in www.heraldsun.com.au, "prospectmagazine" in prospectmagazine.co.uk. */
export function registrableLabel(host: string): string {
  const labels = host.split('.').filter((l) => l.length > 0);
  if (labels.length < 2) return host;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  if (labels.length >= 3 && tld.length === 2 && GENERIC_SLD.test(sld)) return labels[labels.length - 3]!;
  return sld;
}

/**
 * Is this byline the site rather than a person? Its name, or a longer name
 * built on a distinctive host label ("EFC Bayrische Bembel" on
 * bayrische-bembel.de, "Krimiblog-Archiv" on krimiblog.de). Short labels are
 * left alone: on helge.at or lemire.me the author's name contains the host.
 */
function namesTheSite(byline: string, site: SiteNames): boolean {
  const k = looseKey(byline);
  if (site.keys.has(k)) return true;
  const label = site.hostLabel;
  return label !== null && label.length >= 8 && k !== label && k.includes(label);
}

/**
 * "Tanza Loudenback, Business Insider", "Elliot Brownstein Florida Today": the
 * publication after the name is the site, not part of the byline. For a byline
 * that names the site: the tail goes when it is the site's name and at least two
 * words stay.
 */
export function stripSiteSuffix(byline: string, site: SiteNames): string {
  const words = byline.split(' ');
  // Shortest tail first: "Mark Di Stefano BuzzFeed News Reporter" loses "BuzzFeed News Reporter", not "Stefano …".
  for (let i = words.length - 1; i >= 2 && i >= words.length - 6; i--) {
    const tail = words.slice(i).join(' ');
    const k = looseKey(tail);
    if (k.length >= 3 && (site.keys.has(k) || (site.hostLabel !== null && site.hostLabel.length >= 4 && k === site.hostLabel) || namesTheSite(tail, site))) {
      return words.slice(0, i).join(' ').replace(/[,;:|\s–—-]+$/u, '');
    }
  }
  return byline;
}

/** Does this title segment name the site rather than the article? */
function isSiteSegment(segment: string, site: SiteNames): boolean {
  const k = looseKey(segment);
  if (k.length === 0) return true;
  if (site.keys.has(k)) return true;
  // The host's label inside a short segment ("Prospect Magazine" on prospectmagazine.co.uk); a whole headline that
  // happens to contain it ("…Using AI" on appen.com holds "appen" nowhere, but "Why Appen…" would) is not the site.
  const label = site.hostLabel;
  if (label !== null && label.length >= 4 && ((k.includes(label) && k.length <= Math.max(label.length + 12, 2 * label.length)) || (k.length >= 4 && label.includes(k)))) return true;
  for (const key of site.keys) if (key.length >= 4 && k.length <= key.length + 12 && k.includes(key)) return true;
  return false;
}


const TITLE_SEPARATOR = /\s+[|\-–—•·»«/_:]{1,2}\s+|\s*[|｜_]\s*/;

/**
 * Remove the site's name from a title ("Headline | The Site", "The Site -
 * Headline - News"): split on separators and drop the segments that name the
 * site (og:site_name, the host name). With nothing recognisably the site's,
 * the title stays as it is.
 */
export function cleanTitle(title: string, site: SiteNames): string {
  const t = normalizeText(title);
  if (!TITLE_SEPARATOR.test(t)) return t;
  const parts = t.split(TITLE_SEPARATOR).filter((p) => p.length > 0);
  const kept = parts.filter((p) => !isSiteSegment(p, site));
  if (kept.length === 0 || kept.length === parts.length) return t;
  if (kept.length === 1) return kept[0]!;
  // Several segments left ("Headline - Section - News"): the headline is the longest.
  return kept.reduce((a, b) => (b.length > a.length ? b : a));
}

/** Same text once quotes, dashes and spacing are unified (the h1 often has typographic quotes the meta lacks). */
function sameTypography(a: string, b: string): boolean {
  const unify = (x: string): string => x.replace(/[‘’‚‛′`´]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐‑‒–—―]/g, '-').replace(/\s+/g, ' ').trim();
  return unify(a) === unify(b);
}

/** Share of the shorter title's words (3+ letters) that the other one also has. */
function wordOverlap(a: string, b: string): number {
  const words = (x: string): Set<string> => new Set(x.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? []);
  const wa = words(a);
  const wb = words(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.min(wa.size, wb.size);
}

function pickTitle(c: Collected, ld: LdFacts, site: SiteNames): string | null {
  const t = pickTitleCandidate(c, ld, site);
  return t === null ? null : continuedHeadline(t, c.afterH1);
}

/**
 * "<h1>Die Haubenfahrzeuge der Nachkriegszeit - Teil 49</h1> … <h2>Die
 * Haubenfahrzeuge der Nachkriegszeit - Teil 49 – Büssing-NAG (Baujahre 1931 –
 * 1945)</h2>": the heading under the headline repeats it and goes on after a
 * separator; the longer one is the full headline.
 */
export function continuedHeadline(title: string, next: string | null): string {
  if (next === null || next.length <= title.length + 3 || next.length > title.length * 2.5 + 20) return title;
  const head = next.slice(0, title.length);
  if (!sameTypography(head, title)) return title;
  return /^\s*[-–—:|(,]/.test(next.slice(title.length)) ? next : title;
}

function pickTitleCandidate(c: Collected, ld: LdFacts, site: SiteNames): string | null {
  const h1s = c.h1.filter((h) => h.length > 0 && !isSiteSegment(h, site));
  // Cleaned before the test for "this is only the site's name": "Headline | Appen" is a headline once its suffix goes.
  const candidates = [ld.headline, c.meta.get('og:title'), c.meta.get('twitter:title'), c.meta.get('dc.title'), c.meta.get('title'), c.meta.get('sailthru.title'), c.meta.get('parsely-title')]
    .map((x) => (x ? cleanTitle(x, site) : ''))
    .filter((x) => x.length > 0 && !isSiteSegment(x, site));
  // The visible <h1> wins when it says the same as any of the metadata titles, up to typography.
  for (const h of h1s) if (candidates.some((m) => sameTypography(h, m))) return h;
  // Metadata titles that disagree: the one another source repeats (the <title>, another meta tag) is the headline.
  const tag = c.titleTag ? cleanTitle(c.titleTag, site) : null;
  const support = (x: string): number => candidates.filter((m) => sameTypography(m, x)).length + (tag !== null && sameTypography(tag, x) ? 1 : 0);
  let first = candidates[0];
  for (const m of candidates) if (support(m) > support(first!)) first = m;
  if (first !== undefined) {
    // Or extends it (meta titles are often shortened for sharing).
    for (const h of h1s) {
      if (h.length > first.length && h.length <= first.length * 1.6 && h.startsWith(first)) return h;
    }
    const h1 = h1s.length === 1 ? h1s[0]! : null;
    // A different wording of the same story in the one <h1> is the headline readers see (sharing titles are
    // rewritten for social): it shares half its words, or is itself a full headline (five words or more).
    if (h1 !== null && h1.length >= first.length * 0.6 && (wordOverlap(h1, first) >= 0.5 || h1.split(/\s+/).length >= 5)) return h1;
    return first;
  }
  if (c.titleTag) {
    const tag = normalizeText(c.titleTag);
    // An <h1> that is a whole segment of <title> is the headline.
    for (const h of h1s) {
      if (h.length < 4) continue;
      if (tag.split(TITLE_SEPARATOR).some((seg) => sameTypography(seg, h))) return h;
      // "<h1> - Site - Tagline": the h1 starts the title and a separator follows it.
      if (tag.startsWith(h) && TITLE_SEPARATOR.test(tag.slice(h.length, h.length + 5))) return h;
    }
    const t = cleanTitle(tag, site);
    if (t.length > 0) return t;
  }
  return h1s[0] ?? null;
}

/**
 * Byline, strongest first: JSON-LD Person authors; then what the page shows
 * (rel=author, a byline/author box, a link to an author page, a "By …" line),
 * because meta author tags often name the publisher ("Condé Nast"); then meta
 * tags and microdata; then a JSON-LD Organization author; last, the publisher
 * credited as the author ("BBC News", "Attac France") when no one else is named.
 */
function pickByline(doc: Document, c: Collected, ld: LdFacts, site: SiteNames): string | null {
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

const META_PUBLISHED = ['article:published_time', 'og:article:published_time', 'og:published_time', 'datepublished', 'publishdate', 'publish-date', 'publish_date', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.created', 'dc.date.created', 'date', 'article.published', 'article_date_original', 'original-publish-date', 'cxenseparse:recs:publishtime', 'timestamp', 'published_time', 'release_date', 'citation_publication_date'];
const META_MODIFIED = ['article:modified_time', 'og:article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'lastmod', 'dcterms.modified', 'dc.date.modified', 'article.updated', 'modified_time', 'revised'];

function firstMeta(c: Collected, keys: string[]): string | null {
  for (const k of keys) {
    const v = parseMachineDate(c.meta.get(k));
    if (v !== null) return v;
  }
  return null;
}

const LABEL_MODIFIED = /(?:updated|last updated|modified|last modified|edited|revised|aktualisiert|zuletzt aktualisiert|mis à jour|actualizado|actualización|aggiornato)\s*(?:on|at|:)?\s*$/i;
const LABEL_PUBLISHED = /(?:published|posted|first published|publication date|created|released|veröffentlicht|erschienen|publié le|publicado|pubblicato)\s*(?:on|at|:)?\s*$/i;

/**
 * Visible stamps: walk text nodes in reading order (scripts and styles
 * skipped) and read dates written for people, with the label that precedes
 * them in the same or the previous text node ("Updated:" → modified,
 * "Published"/"Posted" → published, no label → first such date is published).
 */
export function scanVisibleStamps(root: AnyNode, maxNodes = 20000): { published: string | null; modified: string | null; unlabeled: string | null } {
  const out = { published: null as string | null, modified: null as string | null, unlabeled: null as string | null };
  const stack: AnyNode[] = [root];
  let prev = '';
  let seen = 0;
  while (stack.length > 0 && seen < maxNodes) {
    const node = stack.pop()!;
    if (isText(node)) {
      seen++;
      const t = node.data;
      // Every date pattern we read carries a four-digit year: a cheap filter before the date regexes.
      if (t.length > 400 || !/(?:19|20)\d\d/.test(t)) {
        if (/\S/.test(t)) prev = t.length > 400 ? '' : t;
        continue;
      }
      // A text node may hold several stamps: "January 31, 2019 12:29 am / Updated: January 31, 2019 3:13 pm".
      const pieces = t.split(/(?=\b(?:updated|last updated|modified|published|posted|aktualisiert|veröffentlicht|mis à jour|actualizado)\b)/i);
      let label = prev;
      for (const piece of pieces) {
        const d = parseHumanDate(piece);
        if (d === null) {
          label = piece;
          continue;
        }
        const idx = piece.search(/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i);
        const before = `${label} ${piece.slice(0, Math.max(0, idx))}`.trim();
        if (LABEL_MODIFIED.test(before) || /^(?:updated|last updated|modified|aktualisiert|mis à jour|actualizado)\b/i.test(piece.trim())) out.modified ??= d;
        else if (LABEL_PUBLISHED.test(before) || /^(?:published|posted|veröffentlicht)\b/i.test(piece.trim())) out.published ??= d;
        else out.unlabeled ??= d;
        label = '';
      }
      prev = t;
      if (out.modified !== null && out.published !== null) break;
    } else if (isTag(node)) {
      const n = node.name;
      if (n === 'script' || n === 'style' || n === 'noscript' || n === 'template' || n === 'svg' || n === 'head' || n === 'select' || n === 'option') continue;
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    } else if ('children' in node) {
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out;
}

function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|[-_]|$)/.exec(url) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})\//.exec(url);
  return m ? parseMachineDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`) : null;
}

/**
 * `<time datetime="2019-01-31T15:13">3:13 pm ET</time>`: the machine value
 * has no zone but the visible text names one for the same wall-clock time;
 * take the offset from the text.
 */
function withVisibleZone(machine: string | null, text: string): string | null {
  if (machine === null || machine.length < 16 || /(?:Z|[+-]\d{2}:\d{2})$/.test(machine)) return machine;
  const human = parseHumanDate(`${machine.slice(0, 10)} ${text}`) ?? parseHumanDate(text);
  if (human === null || !/(?:Z|[+-]\d{2}:\d{2})$/.test(human) || human.slice(0, 16) !== machine.slice(0, 16)) return machine;
  return machine + human.slice(19);
}

function pickTimes(c: Collected): { published: string | null; modified: string | null } {
  let published: string | null = null;
  let modified: string | null = null;
  let first: string | null = null;
  for (const t of c.times) {
    const v = withVisibleZone(parseMachineDate(t.value), t.text);
    if (v === null) continue;
    if (HINT_MODIFIED.test(t.hint)) modified ??= v;
    else if (HINT_PUBLISHED.test(t.hint)) published ??= v;
    else first ??= v;
  }
  return { published: published ?? first, modified };
}

export function extractMetadata(doc: Document, url: string | null): Metadata {
  const c = collect(doc, hostOf(url));
  const ld = jsonLdFacts(c.jsonLd);
  const site = siteNames(c, url);
  const siteName = c.meta.get('og:site_name') ?? c.meta.get('application-name') ?? null;
  const times = pickTimes(c);
  const needVisible = ld.published === null || ld.modified === null;
  const visible = needVisible ? scanVisibleStamps(doc) : { published: null, modified: null, unlabeled: null };

  const publishedAt =
    ld.published ??
    firstMeta(c, META_PUBLISHED) ??
    parseMachineDate(c.itemprops.get('datePublished') ?? c.itemprops.get('dateCreated')) ??
    times.published ??
    visible.published ??
    dateFromUrl(url ?? c.canonical) ??
    visible.unlabeled ??
    c.imageDay;
  let modifiedAt =
    ld.modified ??
    firstMeta(c, META_MODIFIED) ??
    parseMachineDate(c.itemprops.get('dateModified')) ??
    times.modified ??
    visible.modified;
  // A "modified" stamp that predates publication is noise from a template.
  if (modifiedAt !== null && publishedAt !== null && modifiedAt.slice(0, 10) < publishedAt.slice(0, 10)) modifiedAt = null;

  let canonicalUrl = c.canonical ?? c.meta.get('og:url') ?? null;
  if (canonicalUrl !== null) {
    try {
      canonicalUrl = new URL(canonicalUrl, url ?? undefined).href;
    } catch {
      canonicalUrl = /^https?:\/\//.test(canonicalUrl) ? canonicalUrl : null;
    }
  }
  const lang = c.lang ?? c.meta.get('content-language') ?? c.meta.get('og:locale') ?? null;

  return {
    title: pickTitle(c, ld, site),
    byline: pickByline(doc, c, ld, site),
    publishedAt,
    modifiedAt,
    canonicalUrl,
    // og:locale writes en_US; BCP 47 (RFC 5646) writes en-US.
    lang: lang ? normalizeText(lang).replace(/_/g, '-') || null : null,
    siteName,
  };
}
