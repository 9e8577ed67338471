/**
 * `extractArticle(html, url)`: the article as a reader sees it, plus the
 * publisher's stamps. Pure (no I/O, no clock), never throws, and bounded in
 * time and memory on any input: oversized input is cut at MAX_HTML_CHARS
 * before parsing and every DOM walk is iterative.
 */
import type { Article } from './article.ts';
import { extractBody } from './article.ts';
import { parseHtml } from './dom.ts';
import { extractMetadata } from './metadata.ts';

export type { Article } from './article.ts';

/** Larger pages are truncated: no real article needs more, and it bounds parse time and memory. */
export const MAX_HTML_CHARS = 12 * 1024 * 1024;

export function emptyArticle(): Article {
  return { title: null, byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: [] };
}

export function extractArticle(html: string, url?: string | null): Article {
  try {
    if (typeof html !== 'string' || html.length === 0) return emptyArticle();
    const input = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
    const doc = parseHtml(input);
    const meta = extractMetadata(doc, url ?? null);
    const { paragraphs, postHeadline } = extractBody(doc, { title: meta.title, headline: meta.headline, byline: meta.byline });
    return {
      // A blog's index page read as its newest post: the headline is the post's, not the listing's ("blog").
      title: postHeadline ?? meta.title,
      byline: meta.byline,
      publishedAt: meta.publishedAt,
      modifiedAt: meta.modifiedAt,
      canonicalUrl: meta.canonicalUrl,
      lang: meta.lang,
      paragraphs,
    };
  } catch {
    // Exceptions here are bugs (the contract is "never throws"); an empty article is the safe outcome.
    return emptyArticle();
  }
}
