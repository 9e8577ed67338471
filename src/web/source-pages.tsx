/**
 * The sources page and its form actions (sub-app mounted at /sources). The
 * redirects name stet's own paths; the app puts BASE_URL's prefix in front
 * (app.tsx prefixLocations).
 */
import { Hono } from 'hono';
import type { SourceRow } from '../db/store.ts';
import { notAddedWords } from '../monitor/failure-words.ts';
import { InvalidUrlError, watchSource } from '../monitor/watch.ts';
import { readNewSourceIfFree } from './sources-api.ts';
import type { AppEnv } from './context.ts';
import { queryInt } from './input.ts';
import { monitorOr503, sourceOr404 } from './lookup.ts';
import { SourcesPage } from './pages/sources.tsx';

/**
 * What the form says when the address given is a source already: which one,
 * and when that source is not being read (paused, or failing: refused on
 * every read), that Resume in its row reads it again, as `stet source add`
 * says on the command line. The row is looked up now, so the notice says the
 * state as it is when the page is shown.
 */
function alreadyASource(source: SourceRow | undefined, id: string): string {
  const already = `That address is already source #${id} (as given, or as the feed its page announces).`;
  if (source?.state === 'paused') return `${already} It is paused, so it is not read: Resume in its row reads it again.`;
  if (source?.state === 'failing') {
    return `${already} It is failing: every read refused it (the reason and since when are in its row), so it is no longer read; Resume in its row reads it again.`;
  }
  return already;
}

export function sourcePageRoutes() {
  const pages = new Hono<AppEnv>();

  pages.get('/', (c) => {
    // After "Read now": what that read found, carried in the address it redirected to (?read=<id>&listed=&added= or &failed).
    const read = c.req.query('read');
    const existing = c.req.query('existing');
    const added = c.req.query('added');
    const existingId = queryInt(existing);
    let notice = existingId !== null ? alreadyASource(c.get('store').getSource(existingId), existing!) : undefined;
    if (queryInt(added) !== null && c.req.query('failed') !== undefined) {
      notice = `Source #${added} is added, but its first read failed (the reason is in its row); stet reads it again on its schedule.`;
    }
    if (queryInt(read) !== null) {
      const listed = queryInt(c.req.query('listed'), 9);
      const watched = queryInt(c.req.query('added'), 9);
      if (c.req.query('failed') !== undefined) notice = `Source #${read} could not be read; the reason is in its row.`;
      else if (c.req.query('unchanged') !== undefined) notice = `Source #${read} has not changed since its last read.`;
      else if (listed !== null && watched !== null) notice = `Read source #${read}: ${listed} link${listed === 1 ? '' : 's'}, ${watched} new article${watched === 1 ? '' : 's'} watched.`;
    }
    const store = c.get('store');
    return c.render(<SourcesPage sources={store.listSources()} deleted={store.deletedFromSources()} intervalMinutes={c.get('config').SOURCE_INTERVAL_MINUTES} notice={notice} />);
  });

  pages.post('/', async (c) => {
    const form = await c.req.parseBody();
    const url = typeof form.url === 'string' ? form.url : '';
    const store = c.get('store');
    const config = c.get('config');
    const again = (error: string) => {
      c.status(422);
      return c.render(<SourcesPage sources={store.listSources()} deleted={store.deletedFromSources()} error={error} url={url} intervalMinutes={config.SOURCE_INTERVAL_MINUTES} />);
    };
    let added;
    try {
      added = watchSource(store, { url, intervalMinutes: config.SOURCE_INTERVAL_MINUTES, articleIntervalMinutes: null, now: Date.now(), allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS });
    } catch (error) {
      if (!(error instanceof InvalidUrlError)) throw error;
      return again(error.message);
    }
    const { source, created } = added;
    const monitor = c.get('monitor');
    if (!created || !monitor) {
      monitor?.poke();
      return c.redirect(created ? `/sources#source-${source.id}` : `/sources?existing=${source.id}#source-${source.id}`, 303);
    }
    // A new source is read at once: one that is no source at all is not kept, the form shown again with the reason in
    // words (the API says it with the stored code too, for programs).
    const read = await readNewSourceIfFree(store, monitor, source.id);
    if (read !== null && read.refusal !== null) return again(notAddedWords(source.url, read));
    return c.redirect(read?.outcome === 'failed' ? `/sources?added=${source.id}&failed#source-${source.id}` : `/sources#source-${source.id}`, 303);
  });

  pages.post('/:id/read', async (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    const monitor = monitorOr503(c.get('monitor'), 'reading sources is');
    const r = await monitor.readSourceNow(source.id);
    const found = r.outcome === 'failed' ? 'failed' : r.outcome === 'unchanged' ? 'unchanged' : `listed=${r.listed}&added=${r.added}`;
    return c.redirect(`/sources?read=${source.id}&${found}#source-${source.id}`, 303);
  });

  pages.post('/:id/pause', (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    c.get('store').setSourceState(source.id, 'paused', Date.now());
    return c.redirect(`/sources#source-${source.id}`, 303);
  });

  pages.post('/:id/resume', (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    c.get('store').setSourceState(source.id, 'active', Date.now());
    c.get('monitor')?.poke();
    return c.redirect(`/sources#source-${source.id}`, 303);
  });

  // The articles it added stay watched; only the source and the links it remembers go.
  pages.post('/:id/remove', (c) => {
    const source = sourceOr404(c.get('store'), c.req.param('id'));
    c.get('store').deleteSource(source.id);
    return c.redirect('/sources', 303);
  });

  return pages;
}
