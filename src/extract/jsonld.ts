/**
 * JSON-LD (schema.org) facts: the headline, the authors (people apart from
 * organizations) and the stamps of the strongest Article-like object, read
 * from `<script type="application/ld+json">` blocks however publishers wrote them.
 */
import { parseMachineDate } from './dates.ts';
import { normalizeText } from './normalize.ts';

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

export interface LdFacts {
  headline: string | null;
  authors: string[];
  organizationAuthors: string[];
  published: string | null;
  modified: string | null;
}

export function jsonLdFacts(blocks: string[]): LdFacts {
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
