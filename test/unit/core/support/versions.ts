/**
 * Seeding a store with versions for the web tests: each new version's change
 * summary is computed by the real differ against the latest one, as a check
 * would store it.
 */
import { expect } from 'vitest';
import { sha256Hex, type ArticleRow, type Store } from '../../../../src/db/store.ts';
import { diffArticles } from '../../../../src/diff/index.ts';
import { summarizeChange } from '../../../../src/diff/summary.ts';
import { contentFingerprint } from '../../../../src/monitor/fingerprint.ts';

const MINUTE = 60_000;

export interface Content {
  title: string;
  byline: string;
  paragraphs: string[];
}

export interface PublisherStamps {
  publishedAt?: string | null;
  modifiedAt?: string | null;
}

/** Stores a new version of `content` at `at`, with the publisher's stamps given (none by default). */
export function addVersion(store: Store, article: ArticleRow, at: number, content: Content, publisher: PublisherStamps = {}): void {
  storeVersion(store, article, at, content, publisher, {});
}

/**
 * A drastic cut as monitor/check.ts records it (confirm.ts): held, not
 * stored, when first seen at `seenAt`; stored as a version by the check that
 * sees it again at `confirmedAt`.
 */
export function confirmCut(store: Store, article: ArticleRow, seenAt: number, confirmedAt: number, content: Content): void {
  const fingerprint = contentFingerprint(content);
  const latest = store.listVersions(article.id).at(-1);
  store.recordCheck(article.id, {
    kind: 'unconfirmed', at: seenAt, status: 200, durationMs: 1, nextCheckAt: seenAt + 10 * MINUTE, fingerprint, pendingSince: seenAt, expectedVersionId: latest?.id ?? null,
  });
  storeVersion(store, article, confirmedAt, content, {}, { expectedPendingFingerprint: fingerprint });
}

function storeVersion(store: Store, article: ArticleRow, at: number, content: Content, publisher: PublisherStamps, expected: { expectedPendingFingerprint?: string }): void {
  const latest = store.listVersions(article.id).at(-1);
  const previous = latest ? store.getVersion(article.id, latest.ordinal)! : undefined;
  const body = new TextEncoder().encode(`<html>${at}</html>`);
  const result = store.recordCheck(article.id, {
    kind: 'new-version', at, status: 200, durationMs: 1, nextCheckAt: at + 30 * MINUTE, etag: null, lastModified: null, bodyHash: sha256Hex(body), body,
    ...expected,
    version: {
      fingerprint: contentFingerprint(content), ...content, publishedAt: null, modifiedAt: null, ...publisher, canonicalUrl: null, lang: 'en',
      diffSummary: previous ? summarizeChange(diffArticles(previous, content)) : null,
    },
  });
  expect(result.conflict).toBe(false);
}

/** Watches `url` from `at`, every 30 minutes. */
export function watch(store: Store, url: string, at: number): ArticleRow {
  return store.addArticle({ url, intervalMinutes: 30, now: at }).article;
}

/**
 * A live page watched at `t0` with `count` versions, version n stored n minutes after it with the stamps `stamps(n)`
 * gives, and `paragraphs(n)` as its text (one line naming n, by default).
 */
export function liveBlog(
  store: Store,
  t0: number,
  count: number,
  stamps: (n: number) => PublisherStamps = () => ({}),
  paragraphs: (n: number) => string[] = (n) => [`Update number ${n} came in.`],
): ArticleRow {
  const article = watch(store, 'https://news.example/live', t0);
  for (let n = 1; n <= count; n++) addVersion(store, article, t0 + n * MINUTE, { title: 'Live', byline: 'Desk', paragraphs: paragraphs(n) }, stamps(n));
  return article;
}
