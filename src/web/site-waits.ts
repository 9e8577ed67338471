import type { ArticleRow, Store } from '../db/store.ts';

/**
 * The sites of these articles that asked stet to wait (a 429 or 503 Retry-After running now), until when, by host:
 * the scheduler checks none of their articles before then, whatever their own next-check times say, and the watch
 * list, the article page and the API say so.
 */
export function siteWaits(store: Store, articles: readonly Pick<ArticleRow, 'host'>[], now = Date.now()): Map<string, number> {
  const out = new Map<string, number>();
  for (const host of new Set(articles.map((a) => a.host))) {
    const until = store.hostState(host).retryAfterUntil;
    if (until > now) out.set(host, until);
  }
  return out;
}

/** The end of the Retry-After the article's site asked for, while it runs; else undefined. */
export function siteWaitOf(store: Store, article: Pick<ArticleRow, 'host'>): number | undefined {
  const until = store.hostState(article.host).retryAfterUntil;
  return until > Date.now() ? until : undefined;
}
