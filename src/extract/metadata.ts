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
 *
 * This file reads the stamps and assembles the result; the other fields are
 * decided in jsonld.ts (JSON-LD facts), page-facts.ts (the one DOM walk),
 * site.ts (the site's names), title.ts and byline.ts.
 */
import { isTag, isText, type AnyNode, type Document } from './dom.ts';
import { BEFORE_LABEL, LABEL_MODIFIED, LABEL_PUBLISHED, STARTS_MODIFIED, STARTS_PUBLISHED, leadingMeridiemOrZone, parseHumanDate, parseMachineDate } from './dates.ts';
import type { Article } from './article.ts';
import { normalizeText } from './normalize.ts';
import { jsonLdFacts } from './jsonld.ts';
import { collect, dateFromUrl, hostOf, type Collected } from './page-facts.ts';
import { siteNames } from './site.ts';
import { pageHeadline, pickTitle } from './title.ts';
import { pickByline } from './byline.ts';

/**
 * Everything of an Article but its body, plus the site's name (used to clean titles and bylines) and the
 * headline as the page shows it (its one <h1>; the body drops a copy of it, see article.ts isHeaderLine).
 */
export interface Metadata extends Omit<Article, 'paragraphs'> {
  siteName: string | null;
  headline: string | null;
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

/**
 * Visible stamps: walk text nodes in reading order (scripts and styles
 * skipped) and read dates written for people, with the label that precedes
 * them in the same or the previous text node ("Updated:", "Aktualisiert am",
 * "Mis à jour le", "更新时间：" → modified; "Published", "Posted", "Publié le",
 * "发布" → published; no label → first such date is published). The labels
 * are in dates.ts. `lang`, the page's declared language, tells whether a
 * numeric date such as 05/10/2018 is written day first.
 */
export function scanVisibleStamps(root: AnyNode, lang: string | null = null, maxNodes = 20000): { published: string | null; modified: string | null; unlabeled: string | null } {
  const out = { published: null as string | null, modified: null as string | null, unlabeled: null as string | null };
  const texts = textNodesInOrder(root, maxNodes);
  let prev = '';
  for (let next = texts.next(); !next.done; ) {
    let t = next.value;
    next = texts.next();
    // Every date pattern we read carries a four-digit year: a cheap filter before the date regexes.
    if (t.length > 400 || !/(?:19|20)\d\d/.test(t)) {
      if (/\S/.test(t)) prev = t.length > 400 ? '' : t;
      continue;
    }
    // "3:13 <span>pm</span> ET": a meridiem or zone set in an element of its own belongs to the time before it
    // (read alone, 3:13 was morning).
    if (!next.done && /\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?\s*$/i.test(t)) {
      const tail = leadingMeridiemOrZone(next.value);
      if (tail !== null) t = `${t.trimEnd()} ${tail}`;
    }
    // A text node may hold several stamps: "January 31, 2019 12:29 am / Updated: January 31, 2019 3:13 pm".
    const pieces = t.split(BEFORE_LABEL);
    let label = prev;
    for (const piece of pieces) {
      const d = parseHumanDate(piece, { label, lang });
      if (d === null) {
        label = piece;
        continue;
      }
      const idx = piece.search(/\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i);
      const before = `${label} ${piece.slice(0, Math.max(0, idx))}`.trim();
      if (LABEL_MODIFIED.test(before) || STARTS_MODIFIED.test(piece)) out.modified ??= d;
      else if (LABEL_PUBLISHED.test(before) || STARTS_PUBLISHED.test(piece)) out.published ??= d;
      else out.unlabeled ??= d;
      label = '';
    }
    prev = t;
    if (out.modified !== null && out.published !== null) break;
  }
  return out;
}

/** The text nodes under `root` in reading order (scripts, styles and other unseen elements skipped), at most `maxNodes`. */
function* textNodesInOrder(root: AnyNode, maxNodes: number): Generator<string> {
  const stack: AnyNode[] = [root];
  let seen = 0;
  while (stack.length > 0 && seen < maxNodes) {
    const node = stack.pop()!;
    if (isText(node)) {
      seen++;
      yield node.data;
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
const HINT_MODIFIED = /updat|modif|edited|revis|aktualisiert|mis à jour|actualiz|aggiorn|atualiz|更新/i;
const HINT_PUBLISHED = /publi|pubbl|posted|created|erschienen|veröffentlicht|publié|pubdate|first|发布|發布|發佈/i;

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
  const lang = c.lang ?? c.meta.get('content-language') ?? c.meta.get('og:locale') ?? null;
  const needVisible = ld.published === null || ld.modified === null;
  const visible = needVisible ? scanVisibleStamps(doc, lang) : { published: null, modified: null, unlabeled: null };

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

  return {
    title: pickTitle(c, ld, site),
    byline: pickByline(doc, c, ld, site),
    publishedAt,
    modifiedAt,
    canonicalUrl,
    // og:locale writes en_US; BCP 47 (RFC 5646) writes en-US.
    lang: lang ? normalizeText(lang).replace(/_/g, '-') || null : null,
    siteName,
    headline: pageHeadline(c, site),
  };
}
