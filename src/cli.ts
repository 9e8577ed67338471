/**
 * The `stet` command line: `stet serve | watch | list | pause | resume | check | extract | diff | export | import | demo`.
 * Every command has --help. Settings come from the environment (README
 * "Settings"), exactly as for the service.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, parseConfig, type Config } from './config.ts';
import { DatabaseOpenError, openDatabase } from './db/client.ts';
import { Store } from './db/store.ts';
import { demoCommand } from './commands/demo.ts';
import { diffCommand } from './commands/diff.ts';
import { InputError } from './commands/input.ts';
import { exportCommand } from './commands/export.ts';
import { extractCommand } from './commands/extract.ts';
import { importCommand } from './commands/import.ts';
import { createLogger } from './log.ts';
import { InvalidUrlError, watchArticle } from './monitor/watch.ts';
import { createMonitor, listenErrorMessage, startService } from './service.ts';
import { articleJson } from './web/api.ts';

function loadConfig(): Config {
  try {
    return parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`stet: ${error.message}\n(see the Settings table in README.md)\n`);
      process.exit(2);
    }
    throw error;
  }
}

function openStore(config: Config): Store {
  return new Store(openDatabase(config.DATABASE_PATH));
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

export function buildProgram(): Command {
  const program = new Command('stet')
    .description('Watches news articles, keeps every version, and shows what changed.')
    .showHelpAfterError()
    .addHelpText('after', '\nSettings are environment variables (PORT, HOST, DATABASE_PATH, …); see README.md.');

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
      process.stdout.write(`stet is running at ${service.url}/ — watch list at ${service.url}/articles\n`);
      const shutdown = () => {
        process.stderr.write('stopping: waiting for checks under way…\n');
        void service.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('watch <url>')
    .description('add an article URL to the watch list')
    .option('--interval <minutes>', 'base check interval in minutes (default: CHECK_INTERVAL_MINUTES)', positiveInt)
    .option('--check', 'check it once right away and print the outcome')
    .action(async (url: string, opts: { interval?: number; check?: boolean }) => {
      const config = loadConfig();
      const store = openStore(config);
      try {
        const { article, created } = watchArticle(store, { url, intervalMinutes: opts.interval ?? config.CHECK_INTERVAL_MINUTES, now: Date.now() });
        process.stdout.write(`${created ? 'watching' : 'already watching'} #${article.id} ${article.url}\n`);
        if (article.state !== 'active') process.stdout.write(`#${article.id} is ${article.state}: stet resume ${article.id} checks it again\n`);
        if (opts.check) {
          const monitor = createMonitor(store, config, createLogger('error'));
          const result = await monitor.checkNow(article.id);
          process.stdout.write(`${result.outcome}${result.versionOrdinal ? ` → version ${result.versionOrdinal}` : ''}${result.error ? `: ${result.error}` : ''}\n`);
        }
      } catch (error) {
        if (!(error instanceof InvalidUrlError)) throw error;
        process.stderr.write(`stet watch: ${error.message}\n`);
        process.exitCode = 2;
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
        const last = a.lastCheckedAt ? new Date(a.lastCheckedAt).toISOString() : 'never';
        const removed = a.removedSince !== null ? ` (removed since ${new Date(a.removedSince).toISOString()})` : '';
        process.stdout.write(`#${a.id}\t${a.versionCount} version(s)\t${a.state}${removed}\tchecked ${last}\t${a.url}${a.lastError ? `\t(failing: ${a.lastError})` : ''}\n`);
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
        const articleId = positiveInt(id);
        const config = loadConfig();
        const store = openStore(config);
        try {
          const article = store.setArticleState(articleId, state, Date.now());
          if (!article) {
            process.stderr.write(`stet ${name}: no article #${articleId} (stet list shows the ids)\n`);
            process.exitCode = 2;
            return;
          }
          process.stdout.write(`#${article.id}\t${article.state}\t${article.url}\n`);
        } finally {
          store.close();
        }
      });
  }

  program
    .command('check [id]')
    .description('check one article (by id) or all active ones now, and print the outcomes')
    .option('--all', 'check every active article')
    .action(async (id: string | undefined, opts: { all?: boolean }) => {
      if (!id && !opts.all) throw new InvalidArgumentError('give an article id or --all');
      const config = loadConfig();
      const store = openStore(config);
      const monitor = createMonitor(store, config, createLogger('error'));
      try {
        const ids = opts.all
          ? store.listArticles().filter((a) => a.state === 'active').map((a) => a.id)
          : [positiveInt(id ?? '')];
        let done = 0;
        let failed = 0;
        await Promise.all(
          ids.map(async (articleId) => {
            try {
              const r = await monitor.checkNow(articleId);
              if (r.outcome === 'failed') failed++;
              process.stdout.write(
                `#${articleId}\t${r.outcome}${r.versionOrdinal ? ` → version ${r.versionOrdinal}` : ''}${r.error ? `: ${r.error}` : ''} (${r.durationMs} ms)` +
                  (ids.length > 1 ? `\t[${++done}/${ids.length}]` : '') + '\n',
              );
            } catch (error) {
              failed++;
              process.stderr.write(`#${articleId}\t${error instanceof Error ? error.message : String(error)}\n`);
            }
          }),
        );
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
  program.addCommand(demoCommand());
  return program;
}

const program = buildProgram();
program.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DatabaseOpenError || error instanceof InputError) {
    process.stderr.write(`stet: ${error.message}\n`);
    process.exit(2);
  }
  // InvalidArgumentError is a CommanderError too: the ones our actions throw have not been printed yet.
  if (error instanceof InvalidArgumentError) {
    process.stderr.write(`stet: ${error.message}\n`);
    process.exit(2);
  }
  if (error instanceof CommanderError) process.exit(error.exitCode);
  throw error;
}
