/**
 * What metadata reads from the page, gathered in one DOM walk (`collect` →
 * `Collected`): meta tags, JSON-LD blocks, headings, `<time>` elements,
 * microdata and the byline candidates, deciding on the way which credits are
 * the article's and which belong to navigation, teasers or comments.
 */
import { attr, classAndId, findFirst, isInside, isTag, isText, textOf, walkElements, type AnyNode, type Document, type Element } from './dom.ts';
import { parseMachineDate } from './dates.ts';
import { normalizeText } from './normalize.ts';

/** Everything metadata needs from the DOM, gathered in one walk. */
export interface Collected {
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

export function collect(doc: Document, pageHost: string | null): Collected {
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

export function hostOf(url: string | null): string | null {
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
export const STARTS_UPPER = /^\p{Lu}/u;
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

export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:\/|[-_]|$)/.exec(url) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})\//.exec(url);
  return m ? parseMachineDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`) : null;
}
