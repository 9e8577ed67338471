/**
 * What extraction returns: the article as a reader sees it, plus the
 * publisher's own time stamps (the publisher's clock; see DESIGN "Time").
 */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601, offset kept when the page gives one; a bare day (YYYY-MM-DD) when that is all it gives. */
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  /** One string per block of the body, whitespace-normalised, never empty. */
  paragraphs: string[];
}
