/**
 * The lookups every route starts with: an id from the path, and the article
 * it names. Ids are decimal digits only, so "1e0", "0x1" or " 1" never
 * quietly mean article 1.
 */
import type { ArticleRow, SourceRow, Store } from '../db/store.ts';
import type { Monitor } from '../monitor/scheduler.ts';
import { badRequest, HttpError, notFound } from './errors.ts';
import { queryInt } from './input.ts';

export function parsePositiveId(raw: string | undefined, what: string): number {
  const id = queryInt(raw) ?? NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw badRequest(`${what}: expected a positive whole number, not ${JSON.stringify(raw ?? '')}`);
  return id;
}

export function articleOr404(store: Store, raw: string | undefined): ArticleRow {
  const id = parsePositiveId(raw, 'article id');
  const article = store.getArticle(id);
  if (!article) throw notFound(`article ${id}`);
  return article;
}

export function sourceOr404(store: Store, raw: string | undefined): SourceRow {
  const id = parsePositiveId(raw, 'source id');
  const source = store.getSource(id);
  if (!source) throw notFound(`source ${id}`);
  return source;
}

/** The Monitor that runs checks and reads, or 503 no_monitor in a process without one (SCHEDULER=false is still one with). */
export function monitorOr503(monitor: Monitor | undefined, what: string): Monitor {
  if (!monitor) throw new HttpError(503, 'no_monitor', `${what} not available in this process`);
  return monitor;
}

