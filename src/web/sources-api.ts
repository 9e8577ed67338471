/**
 * The JSON API for sources (feeds and sitemaps that bring new articles in),
 * mounted at /api/sources: validated at the edge, errors through the app's
 * error handler, like api.ts for articles.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { SourceRow, Store } from '../db/store.ts';
import { HostBusyError, HostHeldError, type Monitor } from '../monitor/scheduler.ts';
import { type SourceCheckResult, type SourceRefusal } from '../monitor/sources.ts';
import { notAddedWords } from '../monitor/failure-words.ts';
import { InvalidUrlError, PrivateAddressError, readNewSource, setReadInterval, watchSource } from '../monitor/watch.ts';
import type { AppEnv } from './context.ts';
import { HttpError, notFound } from './errors.ts';
import { intervalMinutes, iso, jsonBody, parseInput, stateOrIntervalPatch } from './input.ts';
import { monitorOr503, sourceOr404 } from './lookup.ts';


export function sourceJson(s: SourceRow) {
  return {
    id: s.id,
    url: s.url,
    /** The feed a front page given as the source led to; null when the source is read at its own address. */
    feedUrl: s.feedUrl,
    /** 'feed', 'sitemap' or 'sitemap-index' once read; null before. */
    kind: s.kind,
    title: s.title,
    /** 'active', 'paused', or 'failing': refused on every read for a day and more (no feed any more, 404/410…), not read until resumed. */
    state: s.state,
    intervalMinutes: s.intervalMinutes,
    /** Check interval of the articles it adds; null: the service default (CHECK_INTERVAL_MINUTES). */
    articleIntervalMinutes: s.articleIntervalMinutes,
    createdAt: iso(s.createdAt),
    lastCheckedAt: iso(s.lastCheckedAt),
    nextCheckAt: s.state === 'active' ? iso(s.nextCheckAt) : null,
    failureCount: s.failureCount,
    lastError: s.lastError,
    /** Consecutive reads that said the address is no source (any more), and when the first of them was; 0 and null when none. */
    refusalCount: s.refusalCount,
    refusedSince: iso(s.refusedSince),
    articlesAdded: s.articlesAdded,
  };
}

function readJson(r: SourceCheckResult) {
  return { sourceId: r.sourceId, outcome: r.outcome, refusal: r.refusal, state: r.state, kind: r.kind, listed: r.listed, added: r.added, status: r.status, error: r.error, nextCheckAt: r.state === 'active' ? iso(r.nextCheckAt) : null };
}

/** The 422 error code of a new source refused by its first read (SourceCheckResult.refusal). */
const REFUSAL_CODES: Record<SourceRefusal, string> = {
  'no-feed-announced': 'not_a_source',
  'not-a-feed': 'not_a_source',
  gone: 'source_gone',
  'duplicate-feed': 'duplicate_source',
};

/**
 * The first read of a new source (readNewSource), or null when it cannot run
 * now (another process is reading the site, or the site asked to be left
 * alone a while): the source stays, read on its schedule. The API and the
 * form both read a new source so.
 */
export async function readNewSourceIfFree(store: Store, monitor: Monitor, sourceId: number): Promise<SourceCheckResult | null> {
  try {
    return await readNewSource(store, monitor, sourceId);
  } catch (error) {
    if (error instanceof HostBusyError || error instanceof HostHeldError) return null;
    throw error;
  }
}

/**
 * A new source read at once; one that is no source at all is not kept and
 * never will be: a HttpError 422 with its REFUSAL_CODES code, the reason in
 * words (the code is the machine-readable part).
 */
async function readNewSourceOrRefuse(store: Store, monitor: Monitor, source: SourceRow): Promise<SourceCheckResult | null> {
  const read = await readNewSourceIfFree(store, monitor, source.id);
  if (read !== null && read.refusal !== null) throw new HttpError(422, REFUSAL_CODES[read.refusal], notAddedWords(source.url, read));
  return read;
}

export function sourceApiRoutes() {
  const api = new Hono<AppEnv>();

  api.get('/', (c) => c.json({ sources: c.get('store').listSources().map(sourceJson) }));

  api.post('/', async (c) => {
    const body = parseInput(
      z.object({ url: z.string().max(4096), intervalMinutes: intervalMinutes.optional(), articleIntervalMinutes: intervalMinutes.optional() }).strict(),
      await jsonBody(c, '{"url": "https://…/feed.xml"}'),
      'body',
    );
    const config = c.get('config');
    let added;
    try {
      added = watchSource(c.get('store'), {
        url: body.url,
        intervalMinutes: body.intervalMinutes ?? config.SOURCE_INTERVAL_MINUTES,
        articleIntervalMinutes: body.articleIntervalMinutes ?? null,
        now: Date.now(),
        allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
      });
    } catch (error) {
      if (error instanceof InvalidUrlError) throw new HttpError(422, error instanceof PrivateAddressError ? 'blocked_address' : 'invalid_url', error.message);
      throw error;
    }
    const monitor = c.get('monitor');
    if (!added.created || !monitor) {
      monitor?.poke();
      return c.json({ ...sourceJson(added.source), created: added.created }, added.created ? 201 : 200);
    }
    // A new source is read at once: one that is no source at all is refused (422) rather than kept to fail for ever.
    const read = await readNewSourceOrRefuse(c.get('store'), monitor, added.source);
    const source = c.get('store').getSource(added.source.id) ?? added.source;
    return c.json({ ...sourceJson(source), created: true, read: read && readJson(read) }, 201);
  });

  api.get('/:id', (c) => c.json(sourceJson(sourceOr404(c.get('store'), c.req.param('id')))));

  api.post('/:id/read', async (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    const monitor = monitorOr503(c.get('monitor'), 'reading sources is');
    return c.json(readJson(await monitor.readSourceNow(source.id)));
  });

  // Pause or resume reading; the articles it added stay watched either way.
  api.patch('/:id', async (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    const body = parseInput(
      stateOrIntervalPatch,
      await jsonBody(c, '{"state": "paused"} or {"intervalMinutes": 60}'),
      'body',
    );
    const store = c.get('store');
    const now = Date.now();
    let updated: SourceRow | undefined = source;
    if (body.intervalMinutes !== undefined) updated = setReadInterval(store, { sourceId: source.id, intervalMinutes: body.intervalMinutes, now });
    if (body.state !== undefined && updated) updated = store.setSourceState(source.id, body.state, now);
    if (!updated) throw notFound(`source ${source.id}`);
    if (updated.state === 'active') c.get('monitor')?.poke();
    return c.json(sourceJson(updated));
  });

  // The source and what it remembers go; the articles it added stay watched.
  api.delete('/:id', (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    c.get('store').deleteSource(source.id);
    return c.body(null, 204);
  });

  return api;
}
