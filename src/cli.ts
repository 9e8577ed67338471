/**
 * The `stet` command line: `stet serve | watch | list | pause | resume | interval | delete | check | source | extract | diff | export | import | demo`.
 * Every command has --help. Settings come from the environment (README
 * "Settings"), exactly as for the service.
 *
 * Exit codes (README "Command line"): 0 done; 1 a check (or a page of
 * `extract --manifest`) failed; 2 the command was used wrongly or given bad
 * input, commander's own usage errors included.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, LONGEST_BASE_INTERVAL_MINUTES, parseConfig, type Config } from './config.ts';
import { describeChange } from './diff/summary.ts';
import { DatabaseOpenError, openDatabase } from './db/client.ts';
import { Store, type RemovalChange } from './db/store.ts';
import { demoCommand } from './commands/demo.ts';
import { diffCommand } from './commands/diff.ts';
import { InputError, intervalMinutes, minutesArgument, positiveInt, readInputBytes } from './commands/input.ts';
import { stopOnSignals } from './commands/signals.ts';
import { exportCommand } from './commands/export.ts';
import { extractCommand } from './commands/extract.ts';
import { importCommand } from './commands/import.ts';
import { sourceCommand } from './commands/source.ts';
import { createLogger } from './log.ts';
import { type CheckResult } from './monitor/check.ts';
import { describeFailure } from './monitor/failure-words.ts';
import { InvalidUrlError, setCheckInterval, watchArticle } from './monitor/watch.ts';
import { HostBusyError, HostHeldError, type Monitor } from './monitor/scheduler.ts';
import { createMonitor, listenErrorMessage, startService } from './service.ts';
import { articleJson } from './web/api.ts';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** The command being run ("pause", "source read"), so that each error starts with its name: "stet pause: …". */
let runningCommand: string | null = null;

function errorPrefix(): string {
  return runningCommand ? `stet ${runningCommand}` : 'stet';
}

/** What `stet <command>` says when asked about an article that is not there (exit 2). */
function noSuchArticle(command: string, articleId: number): void {
  process.stderr.write(`stet ${command}: no article #${articleId} (stet list shows the ids)\n`);
  process.exitCode = 2;
}

function loadConfig(): Config {
  try {
    return parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${errorPrefix()}: ${error.message}\n(see the Settings table in README.md)\n`);
      process.exit(2);
    }
    throw error;
  }
}

function openStore(config: Config): Store {
  return new Store(openDatabase(config.DATABASE_PATH));
}

/** How a person recognises an article in one line: its title and URL, or the URL alone until a check has found a title. */
function articleLabel(article: { title: string | null; url: string }): string {
  // A title is one line of text in a tab-separated row, whatever the page put in it.
  const title = article.title?.replace(/\s+/g, ' ').trim();
  return title ? `${title} <${article.url}>` : article.url;
}

/**
 * Checks one article now. `report` prints the outcome line; the answer is
 * false when the check failed (an outcome of 'failed' or an error), which
 * `stet check` and `stet watch --check` alike turn into exit code 1.
 * `skipped` (a bulk check) counts the articles left for their site's hold.
 */
async function checkAndReport(
  monitor: Monitor,
  articleId: number,
  report: (line: string) => void,
  options: { polite?: boolean; skipped?: { count: number } } = {},
): Promise<boolean> {
  try {
    const r = await monitor.checkNow(articleId, options);
    const what = r.changes ? ` (${describeChange(r.changes)})` : '';
    const removal = removalWords(r.removal);
    const problem = r.outcome === 'unconfirmed' ? `: ${UNCONFIRMED_WORDS}` : r.error ? `: ${describeFailure(r.error)}` : '';
    report(`${r.outcome}${r.versionOrdinal ? ` → version ${r.versionOrdinal}` : ''}${what}${problem}${retryAfterWords(r)}${removal}${confirmationWords(r)}${rereadWords(r)} (${r.durationMs} ms)`);
    return r.outcome !== 'failed';
  } catch (error) {
    // In a bulk check, a site that asked to be left alone (or is being checked elsewhere) is skipped: said so, not a
    // failure. A single check refused so was not made: said on stderr, exit 1, as for HostBusyError.
    if (options.polite && (error instanceof HostHeldError || error instanceof HostBusyError)) {
      report(error.message);
      if (options.skipped) options.skipped.count++;
      return true;
    }
    process.stderr.write(`#${articleId}\t${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/**
 * Checks articles and prints each outcome ("#id\t…", numbered when several);
 * the number that failed. `polite` (a bulk check): one site at a time, spaced
 * by its Crawl-delay, as the scheduler does, a site whose Retry-After runs
 * skipped, and a closing count, so that a run whose sites all asked for a
 * pause is not read as done.
 */
async function checkMany(monitor: Monitor, ids: readonly number[], options: { polite: boolean }): Promise<number> {
  let done = 0;
  let failed = 0;
  const skipped = { count: 0 };
  await Promise.all(
    ids.map(async (articleId) => {
      const ok = await checkAndReport(
        monitor,
        articleId,
        (line) => process.stdout.write(`#${articleId}\t${line}${ids.length > 1 ? `\t[${++done}/${ids.length}]` : ''}\n`),
        { polite: options.polite, skipped },
      );
      if (!ok) failed++;
    }),
  );
  if (options.polite && ids.length > 0) {
    const checked = ids.length - skipped.count;
    process.stdout.write(`checked ${checked} of ${ids.length}${skipped.count > 0 ? `; ${skipped.count} not checked now (their site asked stet to wait, or another process was checking it)` : ''}${failed > 0 ? `; ${failed} failed` : ''}\n`);
  }
  return failed;
}

/**
 * A URL given to `stet watch`, where it came from ("urls.txt line 3", null
 * for an argument), and why it is refused before it is parsed (null: not).
 */
interface GivenUrl {
  url: string;
  where: string | null;
  refusal: string | null;
}

/**
 * A URL argument of `stet watch`, trimmed. One with whitespace inside is
 * refused: the URL parser would percent-encode a space ("a b" → "a%20b") and
 * drop a tab or newline (WHATWG URL, "remove all ASCII tab or newline"), so a
 * pasted "https://x/a b" or two URLs in one quoted argument would be watched
 * as an article nobody named.
 */
function urlArgument(argument: string): GivenUrl {
  const url = argument.trim();
  const refusal = /\s/.test(url) ? `not a valid URL, whitespace inside: ${JSON.stringify(url.slice(0, 200))} (a space in a URL is written %20; give several URLs as separate arguments)` : null;
  return { url, where: null, refusal };
}

/**
 * The URLs of a file given to `stet watch --file` (- = standard input), each
 * with where it is ("urls.txt line 3"). A line holds one URL; text after it
 * that starts with # (after whitespace) is a comment, while a # right after
 * the URL is its fragment. Any other whitespace in the line (a title after a
 * tab, two URLs) refuses the line rather than watching a URL made of it.
 */
function urlsInFile(path: string): GivenUrl[] {
  const name = path === '-' ? 'standard input' : path;
  const text = new TextDecoder().decode(readInputBytes(path));
  return text.split(/\r?\n/).flatMap((line, i): GivenUrl[] => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    const where = `${name} line ${i + 1}`;
    const url = trimmed.replace(/\s+#.*$/, '');
    if (/\s/.test(url)) return [{ url, where, refusal: `one URL a line, then only a # comment: ${JSON.stringify(trimmed.slice(0, 200))}` }];
    return [{ url, where, refusal: null }];
  });
}

/** What an unconfirmed check saw (confirm.ts): said, since the outcome alone tells a person nothing. */
const UNCONFIRMED_WORDS = "most of the article's text is gone or replaced, which a passing glitch (a consent or error page) also does";

/**
 * What a check did to the article's removal (CheckResult.removal), said
 * after its outcome: recorded as removed, dated when the page was first found
 * gone, or back online. Empty when neither happened.
 */
function removalWords(change: RemovalChange | null): string {
  if (change?.kind === 'removed') return `; recorded as removed (gone since ${new Date(change.removedAt).toISOString()})`;
  if (change?.kind === 'restored') return `; back online after its removal on ${new Date(change.removedAt).toISOString()}`;
  return '';
}

/** A failed check's Retry-After (RFC 9110 §10.2.3): how long the site asked for, and when stet looks again. */
function retryAfterWords(r: Pick<CheckResult, 'retryAfterSeconds' | 'nextCheckAt' | 'state' | 'status'>): string {
  if (r.retryAfterSeconds === null) return '';
  // A 429 or 503 speaks for the whole server (the scheduler holds the site); another status only for this page (QA).
  const who = r.status === 429 || r.status === 503 ? 'the site asked stet to wait' : 'the server asked stet to wait before checking this article again,';
  return `; ${who} ${r.retryAfterSeconds} s (Retry-After)${r.state === 'active' ? `; next check at ${new Date(r.nextCheckAt).toISOString()}` : ''}`;
}

/** Versions whose stored pages this check read again, as this release reads them differently (monitor/reread.ts), said after the rest. */
function rereadWords(r: Pick<CheckResult, 'rereadVersions'>): string {
  if (r.rereadVersions === 0) return '';
  return `; this release reads the stored page${r.rereadVersions === 1 ? '' : 's'} differently: ${r.rereadVersions === 1 ? 'the latest version' : `${r.rereadVersions} versions`} read again, and compared with that reading`;
}

/**
 * For a change held unconfirmed or a page found gone once: what it takes to
 * record it, and when (a check from `confirmableFrom` on that finds the same;
 * the next check may come sooner, at a short interval, and not confirm yet).
 */
function confirmationWords(r: Pick<CheckResult, 'outcome' | 'confirmableFrom' | 'nextCheckAt' | 'state' | 'articleId'>): string {
  if (r.confirmableFrom === null) return '';
  const what = r.outcome === 'unconfirmed' ? 'stored as a version if' : 'recorded as removed if';
  const still = r.outcome === 'unconfirmed' ? 'still finds it so' : 'still finds it gone';
  // A paused article has no next check: one asked for does it (QA).
  if (r.state !== 'active') return `; ${what} a check from ${new Date(r.confirmableFrom).toISOString()} on ${still} (${r.state}: \`stet check ${r.articleId}\` or \`stet resume ${r.articleId}\`)`;
  const when =
    r.nextCheckAt >= r.confirmableFrom
      ? `the next check, at ${new Date(r.nextCheckAt).toISOString()},`
      : `a check from ${new Date(r.confirmableFrom).toISOString()} on`;
  return `; ${what} ${when} ${still}`;
}

/**
 * Commander's usage errors (unknown option, missing or invalid argument)
 * throw instead of exiting 1, so that they exit 2 like every other input
 * error. Commands added with addCommand do not inherit exitOverride, hence
 * the walk.
 */
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  // Nor do they inherit showHelpAfterError: "stet source add" without its URL said the error but not the usage.
  command.showHelpAfterError();
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}

export function buildProgram(): Command {
  const program = new Command('stet')
    .description('Watches news articles, keeps every version, and shows what changed.')
    .version(version)
    .showHelpAfterError()
    .addHelpText('after', '\nSettings are environment variables (PORT, HOST, DATABASE_PATH, …); see README.md.')
    .hook('preAction', (_program, action) => {
      const names: string[] = [];
      for (let c: Command | null = action; c && c !== program; c = c.parent) names.unshift(c.name());
      runningCommand = names.join(' ');
    });

  program
    .command('serve')
    .description('run the web server and the scheduler (what `npm start` runs)')
    .action(async () => {
      const config = loadConfig();
      let service;
      try {
        service = await startService(config);
      } catch (error) {
        const message = listenErrorMessage(error, config);
        if (!message) throw error;
        process.stderr.write(`stet serve: ${message}\n`);
        process.exit(2);
      }
      // Behind a proxy, the address readers use is BASE_URL; the listening one is said beside it.
      const publicUrl = config.BASE_URL_DERIVED ? service.url : config.BASE_URL;
      const listening = publicUrl === service.url ? '' : ` (listening on ${service.url}/)`;
      process.stdout.write(`stet is running at ${publicUrl}/ — watch list at ${publicUrl}/articles${listening}\n`);
      stopOnSignals(() => service.stop(), (line) => process.stderr.write(`${line}\n`), () => service.monitor.underWay());
    });

  program
    .command('watch [urls...]')
    .description('add article URLs to the watch list (one or more, or a file of them with --file)')
    .option(
      '--interval <minutes>',
      `base check interval in minutes, 1 to ${LONGEST_BASE_INTERVAL_MINUTES} (default: CHECK_INTERVAL_MINUTES)`,
      intervalMinutes,
    )
    .option(
      '--file <path>',
      'also watch the URLs in this file (- for standard input), one a line, a # comment after it allowed; blank lines and lines starting with # are skipped; repeatable, read in order',
      (path: string, earlier: string[] = []) => [...earlier, path],
    )
    .option('--check', 'check them once right away and print the outcomes (several: one site at a time, as check --all; exit 1 when a check fails)')
    .action(async (urls: string[], opts: { interval?: number; check?: boolean; file?: string[] }) => {
      const files = opts.file ?? [];
      const given = [...urls.map(urlArgument), ...files.flatMap(urlsInFile)];
      if (given.length === 0) {
        throw new InvalidArgumentError(files.length === 0 ? 'give an article URL, or --file with one URL a line' : `no URL in ${[...new Set(files.map((f) => (f === '-' ? 'standard input' : f)))].join(' or ')}`);
      }
      const config = loadConfig();
      const store = openStore(config);
      try {
        // In the order given, each once (a URL given twice is one article): a set, as a file may hold thousands.
        const watchedIds = new Set<number>();
        const counts = { created: 0, already: 0, again: 0, refused: 0 };
        const refuse = (where: string | null, why: string) => {
          process.stderr.write(`stet watch: ${where === null ? '' : `${where}: `}${why}\n`);
          counts.refused++;
        };
        for (const { url, where, refusal } of given) {
          if (refusal !== null) {
            refuse(where, refusal);
            continue;
          }
          let watched;
          try {
            watched = watchArticle(store, { url, intervalMinutes: opts.interval ?? config.CHECK_INTERVAL_MINUTES, now: Date.now(), allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS });
          } catch (error) {
            if (!(error instanceof InvalidUrlError)) throw error;
            refuse(where, error.message);
            continue;
          }
          const { article, created } = watched;
          // The same article again in this run (the same URL on a second line, or another address of it): said so, counted once.
          if (watchedIds.has(article.id)) {
            process.stdout.write(`${where === null ? '' : `${where}: `}#${article.id} ${article.url} listed again, watched once\n`);
            counts.again++;
            continue;
          }
          counts[created ? 'created' : 'already']++;
          watchedIds.add(article.id);
          // --interval is for a new article; an article already watched keeps its own (stet interval changes it).
          const kept =
            !created && opts.interval !== undefined && opts.interval !== article.intervalMinutes
              ? ` (interval stays ${article.intervalMinutes} min; \`stet interval ${article.id} ${opts.interval}\` changes it)`
              : '';
          process.stdout.write(`${created ? 'watching' : 'already watching'} #${article.id} ${article.url}${kept}\n`);
          if (article.state !== 'active') process.stdout.write(`#${article.id} is ${article.state}: stet resume ${article.id} checks it again\n`);
        }
        if (given.length > 1) {
          process.stdout.write(`${counts.created} newly watched, ${counts.already} already watched${counts.again > 0 ? `, ${counts.again} listed again` : ''}${counts.refused > 0 ? `, ${counts.refused} refused` : ''}\n`);
        }
        // A URL refused is the user's input to fix (exit 2), whatever else went well.
        if (counts.refused > 0) process.exitCode = 2;
        const ids = [...watchedIds];
        if (opts.check && ids.length > 0) {
          const monitor = createMonitor(store, config, createLogger('error'));
          try {
            // One URL's outcome is said as before; several go one site at a time (checkMany).
            const failed = ids.length === 1 ? ((await checkAndReport(monitor, ids[0]!, (line) => process.stdout.write(`${line}\n`))) ? 0 : 1) : await checkMany(monitor, ids, { polite: true });
            if (failed > 0 && process.exitCode !== 2) process.exitCode = 1;
          } finally {
            await monitor.stop();
          }
        }
      } finally {
        store.close();
      }
    });

  program
    .command('list')
    .description('list watched articles')
    .option('--json', 'print JSON instead of a table')
    .action((opts: { json?: boolean }) => {
      const config = loadConfig();
      const store = openStore(config);
      const articles = store.listArticles();
      store.close();
      if (opts.json) {
        process.stdout.write(JSON.stringify(articles.map(articleJson), null, 2) + '\n');
        return;
      }
      if (articles.length === 0) {
        process.stdout.write('nothing watched yet: stet watch <url>\n');
        return;
      }
      for (const a of articles) {
        // "last check failed", not "failing": that word names a source no longer read (stet source list); an article is checked again.
        // The reason in words; --json keeps it as stored, code and all.
        const last = a.lastCheckedAt ? new Date(a.lastCheckedAt).toISOString() : 'never';
        const removed = a.removedSince !== null ? ` (removed since ${new Date(a.removedSince).toISOString()})` : '';
        process.stdout.write(
          `#${a.id}\t${a.versionCount} version(s)\t${a.state}${removed}\tchecked ${last}\t${articleLabel(a)}${a.lastError ? `\t(last check failed: ${describeFailure(a.lastError)})` : ''}\n`,
        );
      }
    });

  for (const [name, state, description] of [
    ['pause', 'paused', 'stop checking an article (by id); its versions stay'],
    ['resume', 'active', 'check a paused article again, starting now'],
  ] as const) {
    program
      .command(`${name} <id>`)
      .description(description)
      .action((id: string) => {
        const articleId = positiveInt(id, 'the article id');
        const config = loadConfig();
        const store = openStore(config);
        try {
          const article = store.setArticleState(articleId, state, Date.now());
          if (!article) {
            noSuchArticle(name, articleId);
            return;
          }
          process.stdout.write(`#${article.id}\t${article.state}\t${article.url}\n`);
        } finally {
          store.close();
        }
      });
  }

  program
    .command('interval <id> <minutes>')
    .description(`set how often an article (by id) is checked: base minutes, 1 to ${LONGEST_BASE_INTERVAL_MINUTES}; a shorter interval takes effect now`)
    .action((id: string, minutes: string) => {
      const articleId = positiveInt(id, 'the article id');
      const value = minutesArgument(minutes);
      const config = loadConfig();
      const store = openStore(config);
      try {
        const article = setCheckInterval(store, { articleId, intervalMinutes: value, now: Date.now(), maxIntervalMinutes: config.MAX_INTERVAL_MINUTES });
        if (!article) {
          noSuchArticle('interval', articleId);
          return;
        }
        const next = article.state === 'active' ? `next check ${new Date(article.nextCheckAt).toISOString()}` : 'paused';
        process.stdout.write(`#${article.id}	every ${article.intervalMinutes} min	${next}	${article.url}
`);
      } finally {
        store.close();
      }
    });

  program
    .command('delete <id>')
    .description('delete an article (by id) with all its versions; needs --yes (stet pause keeps the history)')
    .option('--yes', 'really delete: the versions cannot be brought back')
    .action((id: string, opts: { yes?: boolean }) => {
      const articleId = positiveInt(id, 'the article id');
      const config = loadConfig();
      const store = openStore(config);
      try {
        const article = store.getArticle(articleId);
        const versionCount = article ? store.countVersions(article.id) : 0;
        // Deleted meanwhile (by the web page, say) is the same answer as never there.
        if (!article || (opts.yes && !store.deleteArticle(article.id))) {
          noSuchArticle('delete', articleId);
          return;
        }
        const what = `#${article.id} ${articleLabel(article)} with its ${versionCount} version(s)`;
        if (opts.yes) {
          process.stdout.write(`deleted ${what}\n`);
          return;
        }
        process.stderr.write(
          `stet delete: would delete ${what} and its check log; nothing was deleted.\n` +
            `  stet delete ${article.id} --yes deletes it for good; stet pause ${article.id} stops checking it and keeps the history.\n`,
        );
        process.exitCode = 2;
      } finally {
        store.close();
      }
    });

  program
    .command('check [id]')
    .description('check one article (by id) or all active ones now, and print the outcomes (exit 1 when any fails)')
    .option('--all', 'check every active article')
    .action(async (id: string | undefined, opts: { all?: boolean }) => {
      if (id !== undefined && opts.all) throw new InvalidArgumentError('give an article id or --all, not both');
      if (id === undefined && !opts.all) throw new InvalidArgumentError('give an article id or --all');
      const ids = opts.all ? null : [positiveInt(id!, 'the article id')];
      const config = loadConfig();
      const store = openStore(config);
      const unknown = ids?.find((articleId) => !store.getArticle(articleId));
      if (unknown !== undefined) {
        store.close();
        noSuchArticle('check', unknown);
        return;
      }
      const monitor = createMonitor(store, config, createLogger('error'));
      try {
        const due = ids ?? store.listArticles().filter((a) => a.state === 'active').map((a) => a.id);
        const failed = await checkMany(monitor, due, { polite: ids === null });
        if (failed > 0) process.exitCode = 1;
      } finally {
        await monitor.stop();
        store.close();
      }
    });

  program.addCommand(extractCommand());
  program.addCommand(diffCommand());
  program.addCommand(exportCommand(() => openStore(loadConfig())));
  program.addCommand(importCommand(() => openStore(loadConfig())));
  program.addCommand(sourceCommand({ loadConfig, openStore, createMonitor: (store, config) => createMonitor(store, config, createLogger('error')) }));
  program.addCommand(demoCommand());
  return program;
}

// The reader of our output went away (`stet list | head -1`): nothing left to print has a reader, so stop
// quietly, as export does, instead of a stack trace for an unhandled EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = buildProgram();
throwInsteadOfExiting(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DatabaseOpenError || error instanceof InputError) {
    process.stderr.write(`${errorPrefix()}: ${error.message}\n`);
    process.exit(2);
  }
  // InvalidArgumentError is a CommanderError too: the ones our actions throw have not been printed yet.
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`${errorPrefix()}: ${error.message}\n`);
    process.exit(2);
  }
  // Commander has printed these already. --help and --version end with exit code 0; every other one is a usage error.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  throw error;
}
