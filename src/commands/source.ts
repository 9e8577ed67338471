/**
 * `stet source add <url> | list | read <id> | pause <id> | resume <id> | interval <id> <minutes> | remove <id>`:
 * the feeds and sitemaps that bring new articles in (monitor/sources.ts).
 * A read asked for here runs in this process, beside a server that may be
 * running on the same database (the per-site lease keeps them apart).
 */
import { Command } from 'commander';
import type { Config } from '../config.ts';
import { LONGEST_BASE_INTERVAL_MINUTES } from '../config.ts';
import type { SourceRow, Store } from '../db/store.ts';
import type { Monitor } from '../monitor/scheduler.ts';
import { type NotWatched, type SourceCheckResult } from '../monitor/sources.ts';
import { describeFailure, notAddedWords } from '../monitor/failure-words.ts';
import { InvalidUrlError, readNewSource, setReadInterval, watchSource } from '../monitor/watch.ts';
import { sourceJson } from '../web/sources-api.ts';
import { intervalMinutes, minutesArgument, positiveInt } from './input.ts';

export interface SourceCommandDeps {
  loadConfig(): Config;
  openStore(config: Config): Store;
  createMonitor(store: Store, config: Config): Monitor;
}

function sourceLine(s: SourceRow): string {
  const read = s.lastCheckedAt ? `read ${new Date(s.lastCheckedAt).toISOString()}` : 'never read';
  const kind = s.kind ? ` ${s.kind}` : '';
  const via = s.feedUrl ? ` via ${s.feedUrl}` : '';
  return `#${s.id}\t${s.state}${kind}\tevery ${s.intervalMinutes} min\t${s.articlesAdded} article(s) added\t${read}\t${s.title ? `${s.title} <${s.url}>` : s.url}${via}${problem(s)}`;
}

/**
 * Why the last read failed; for a failing source, since when it has been
 * refused and how to read it again. Only that state is called failing: a
 * source whose last read failed for a while is still read on its schedule.
 */
function problem(s: SourceRow): string {
  if (s.state === 'failing') return `\t(${refusedSince(s)}: ${s.lastError === null ? 'no reason kept' : describeFailure(s.lastError)}; not read until resumed: stet source resume ${s.id})`;
  return s.lastError ? `\t(last read failed: ${describeFailure(s.lastError)})` : '';
}

function refusedSince(s: SourceRow): string {
  const since = s.refusedSince === null ? '' : ` since ${new Date(s.refusedSince).toISOString()}`;
  return `refused on every read${since}, ${s.refusalCount} read(s)`;
}

export function sourceCommand(deps: SourceCommandDeps): Command {
  const command = new Command('source').description('feeds and sitemaps whose new articles are watched automatically');

  command
    .command('add <url>')
    .description('add an RSS/Atom/RDF feed, a sitemap, or a front page that announces its feed')
    .option('--interval <minutes>', 'how often to read it (default: SOURCE_INTERVAL_MINUTES)', intervalMinutes)
    .option('--article-interval <minutes>', 'check interval of the articles it adds (default: CHECK_INTERVAL_MINUTES)', intervalMinutes)
    .option('--read', 'read it once right away and print what it found (a new source that is no source at all is not kept: exit 2; exit 1 when the read fails for a while)')
    .action(async (url: string, opts: { interval?: number; articleInterval?: number; read?: boolean }) => {
      const config = deps.loadConfig();
      const store = deps.openStore(config);
      try {
        let added;
        try {
          added = watchSource(store, { url, intervalMinutes: opts.interval ?? config.SOURCE_INTERVAL_MINUTES, articleIntervalMinutes: opts.articleInterval ?? null, now: Date.now(), allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS });
        } catch (error) {
          if (!(error instanceof InvalidUrlError)) throw error;
          process.stderr.write(`stet source add: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        const { source, created } = added;
        const read = opts.read ? await readNow(deps, store, config, source.id, { isNew: created }) : null;
        // A new source its first read refused is not kept, so it was never added: said instead of "added source".
        if (created && read !== null && 'result' in read && read.result.refusal !== null) {
          process.stderr.write(`stet source add: ${notAddedWords(source.url, read.result)}\n`);
          process.exitCode = 2;
          return;
        }
        const every = `every ${source.intervalMinutes} minute${source.intervalMinutes === 1 ? '' : 's'}`;
        const state = source.state === 'active' ? '' : ` (${source.state}: \`stet source resume ${source.id}\` reads it again)`;
        process.stdout.write(`${created ? `added source #${source.id} ${source.url}, read ${every}` : `already a source: #${source.id} ${source.url}${state}`}\n`);
        if (read !== null) reportRead(store, config, source.id, read, { isNew: created });
      } finally {
        store.close();
      }
    });

  command
    .command('list')
    .description('list the sources')
    .option('--json', 'print JSON instead of a table')
    .action((opts: { json?: boolean }) => {
      const config = deps.loadConfig();
      const store = deps.openStore(config);
      const sources = store.listSources();
      store.close();
      if (opts.json) process.stdout.write(JSON.stringify(sources.map(sourceJson), null, 2) + '\n');
      else if (sources.length === 0) process.stdout.write('no sources yet: stet source add <feed or sitemap URL>\n');
      else for (const s of sources) process.stdout.write(`${sourceLine(s)}\n`);
    });

  command
    .command('read <id>')
    .description('read a source now and watch the new articles it lists (exit 1 when the read fails)')
    .action(async (id: string) => {
      const sourceId = positiveInt(id, 'the source id');
      const config = deps.loadConfig();
      const store = deps.openStore(config);
      try {
        if (!existing(store, sourceId, 'read')) return;
        reportRead(store, config, sourceId, await readNow(deps, store, config, sourceId, { isNew: false }), { isNew: false });
      } finally {
        store.close();
      }
    });

  for (const [name, state, description] of [
    ['pause', 'paused', 'stop reading a source (the articles it added stay watched)'],
    ['resume', 'active', 'read a paused or failing source again, starting now'],
  ] as const) {
    command
      .command(`${name} <id>`)
      .description(description)
      .action((id: string) => {
        const sourceId = positiveInt(id, 'the source id');
        const config = deps.loadConfig();
        const store = deps.openStore(config);
        try {
          const source = store.setSourceState(sourceId, state, Date.now());
          if (!source) missing(sourceId, name);
          else process.stdout.write(`${sourceLine(source)}\n`);
        } finally {
          store.close();
        }
      });
  }

  command
    .command('interval <id> <minutes>')
    .description(`set how often a source is read (1 to ${LONGEST_BASE_INTERVAL_MINUTES} minutes; a shorter interval takes effect now)`)
    .action((id: string, value: string) => {
      const sourceId = positiveInt(id, 'the source id');
      const minutes = minutesArgument(value);
      const config = deps.loadConfig();
      const store = deps.openStore(config);
      try {
        const source = setReadInterval(store, { sourceId, intervalMinutes: minutes, now: Date.now() });
        if (!source) missing(sourceId, 'interval');
        else process.stdout.write(`${sourceLine(source)}\n`);
      } finally {
        store.close();
      }
    });

  command
    .command('remove <id>')
    .description('stop reading a source and forget the links it listed (the articles it added stay watched)')
    .action((id: string) => {
      const sourceId = positiveInt(id, 'the source id');
      const config = deps.loadConfig();
      const store = deps.openStore(config);
      try {
        if (store.deleteSource(sourceId)) process.stdout.write(`removed source #${sourceId}\n`);
        else missing(sourceId, 'remove');
      } finally {
        store.close();
      }
    });

  return command;
}

function existing(store: Store, id: number, verb: string): boolean {
  if (store.getSource(id)) return true;
  missing(id, verb);
  return false;
}

function missing(id: number, verb: string): void {
  process.stderr.write(`stet source ${verb}: no source #${id} (stet source list shows the ids)\n`);
  process.exitCode = 2;
}

/** A read asked for now: what it found, or why it could not run (another process reads the site, it asked to be left alone, a bug). */
type ReadAttempt = { result: SourceCheckResult } | { error: string };

/**
 * Reads a source now, in this process. `isNew`: the source was just added,
 * so a first read that says the address is no source at all removes it
 * again (readNewSource).
 */
async function readNow(deps: SourceCommandDeps, store: Store, config: Config, sourceId: number, options: { isNew: boolean }): Promise<ReadAttempt> {
  const monitor = deps.createMonitor(store, config);
  try {
    return { result: options.isNew ? await readNewSource(store, monitor, sourceId) : await monitor.readSourceNow(sourceId) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await monitor.stop();
  }
}

/**
 * Prints what a read found, and sets exit code 1 when it failed: for a
 * failure that made the source failing, since when it has been refused; for
 * a new source (`isNew`) whose first read failed for a while, that it is
 * kept and when it is read again.
 */
function reportRead(store: Store, config: Config, sourceId: number, read: ReadAttempt, options: { isNew: boolean }): void {
  if ('error' in read) {
    process.stderr.write(`#${sourceId}\t${read.error}\n`);
    process.exitCode = 1;
    return;
  }
  const r = read.result;
  const why = describeFailure(r.error ?? 'no reason kept');
  if (r.outcome === 'failed' && r.state === 'failing') {
    const source = store.getSource(sourceId);
    const since = source ? refusedSince(source) : 'refused on every read';
    process.stdout.write(`#${sourceId}\tfailed: ${why}\n#${sourceId}\tfailing: ${since}; not read until resumed (stet source resume ${sourceId})\n`);
    process.exitCode = 1;
  } else if (r.outcome === 'failed') {
    const retry = options.isNew ? `; the source is kept and read again at ${new Date(r.nextCheckAt).toISOString()}` : '';
    process.stdout.write(`#${sourceId}\tfailed: ${why}${retry}\n`);
    process.exitCode = 1;
  } else if (r.outcome === 'unchanged') process.stdout.write(`#${sourceId}\tunchanged since the last read\n`);
  else {
    const why = r.added === 0 && r.listed > 0 && r.notWatched !== null ? ` (${notWatchedInWords(r.notWatched, config.SOURCE_MAX_AGE_HOURS)})` : '';
    process.stdout.write(`#${sourceId}\t${r.kind}: ${r.listed} link(s), ${r.added} new article(s) watched${why}\n`);
  }
  // A file that broke off before listing anything is read (a feed may have no items), but not in silence.
  if (r.warning !== null) process.stderr.write(`stet source: #${sourceId}: warning: ${r.warning}\n`);
}

/** Why a read's links were not watched, the reasons that apply: "1 listed by this source before, 3 published more than 48 h (SOURCE_MAX_AGE_HOURS) ago". */
function notWatchedInWords(n: NotWatched, maxAgeHours: number): string {
  const reasons = [
    n.listedBefore > 0 ? `${n.listedBefore} listed by this source before` : null,
    n.alreadyWatched > 0 ? `${n.alreadyWatched} already on the watch list or deleted from it` : null,
    n.tooOld > 0 ? `${n.tooOld} published more than ${maxAgeHours} h (SOURCE_MAX_AGE_HOURS) ago` : null,
    n.undatedOnFirstRead > 0 ? `${n.undatedOnFirstRead} undated, not watched on a sitemap's first read` : null,
    n.waiting > 0 ? `${n.waiting} past SOURCE_MAX_NEW_ARTICLES, watched on a later read` : null,
  ].filter((r) => r !== null);
  return reasons.length === 0 ? 'no reason kept' : reasons.join(', ');
}
