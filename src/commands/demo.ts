/**
 * `stet demo`: the whole product in one command, with nothing to configure.
 * A small newsroom on 127.0.0.1 publishes the seed article (Global News,
 * 31 January 2019) and edits it every few seconds — a corrected number and
 * an added paragraph with a new "Updated" stamp, then a softened headline
 * with no new stamp (a stealth edit), then a stamp that moves alone — while
 * stet watches it, so the pages and feeds fill up as a reader would see them.
 */
import { Command, InvalidArgumentError } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../config.ts';
import { DatabaseOpenError } from '../db/client.ts';
import { EDITIONS, startNewsroom } from '../demo/newsroom.ts';
import { stopOnSignals } from './signals.ts';
import { watchArticle } from '../monitor/watch.ts';
import { listenErrorMessage, startService } from '../service.ts';

const seconds = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > 3600) throw new InvalidArgumentError('expected seconds between 1 and 3600');
  return n;
};

export function demoCommand(): Command {
  return new Command('demo')
    .description('run stet against a local demo newsroom whose article changes every few seconds')
    .option('--every <seconds>', 'seconds between edits of the demo article', seconds, 15)
    .option('--database <path>', 'SQLite file to use (default: a temporary file, removed on exit)')
    .action(async (opts: { every: number; database?: string }) => {
      const dir = opts.database ? null : mkdtempSync(join(tmpdir(), 'stet-demo-'));
      const newsroom = await startNewsroom(EDITIONS[0]);
      // The newsroom lives on loopback, which stet refuses by default: the demo allows it for itself.
      const config = parseConfig({
        ...process.env,
        DATABASE_PATH: opts.database ?? join(dir ?? '.', 'demo.db'),
        ALLOW_PRIVATE_NETWORKS: 'true',
      });
      let service;
      try {
        service = await startService(config);
      } catch (error) {
        await newsroom.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
        // The path came from --database (or is the demo's own temporary file), not from DATABASE_PATH: say so.
        if (error instanceof DatabaseOpenError) {
          const where = opts.database ? `--database ${JSON.stringify(error.path)}` : `(a temporary file, ${JSON.stringify(error.path)})`;
          process.stderr.write(`stet demo: cannot open the database ${where}: ${error.reason}\n`);
          process.exit(2);
        }
        const message = listenErrorMessage(error, config);
        if (!message) throw error;
        process.stderr.write(`stet demo: ${message}\n`);
        process.exit(2);
      }
      const { article } = watchArticle(service.store, { url: newsroom.articleUrl, intervalMinutes: config.CHECK_INTERVAL_MINUTES, now: Date.now() });
      const say = (line: string) => process.stdout.write(`${line}\n`);
      say(`stet demo: stet is at ${service.url}/ and watches ${newsroom.articleUrl}`);
      say(`  timeline: ${service.url}/articles/${article.id}   feed: ${service.url}/feed.xml`);

      const checkAndReport = async (label: string) => {
        const r = await service.monitor.checkNow(article.id);
        say(`  ${label}: ${r.outcome}${r.versionOrdinal ? ` → version ${r.versionOrdinal}` : ''}${r.error ? ` (${r.error})` : ''}`);
      };
      const labels = ['original published', 'number corrected, paragraph added, "Updated" stamp moved', 'headline softened, paragraph cut, no new stamp (stealth edit)', 'stamp moved, no words changed (stamp-only)'];
      await checkAndReport(labels[0] ?? 'original');
      let next = 1;
      const timer = setInterval(() => {
        const edition = EDITIONS[next];
        if (!edition) {
          clearInterval(timer);
          say(`stet demo: the story is told; compare ${service.url}/articles/${article.id}/diff/1..${service.store.latestVersion(article.id)?.ordinal ?? 1}. Ctrl-C to stop.`);
          return;
        }
        newsroom.edition = edition;
        void checkAndReport(labels[next] ?? `edit ${next}`);
        next++;
      }, opts.every * 1000);

      stopOnSignals(
        async () => {
          clearInterval(timer);
          await Promise.all([service.stop(), newsroom.close()]);
          if (dir) rmSync(dir, { recursive: true, force: true });
        },
        (line) => process.stderr.write(`${line}\n`),
        () => service.monitor.underWay(),
      );
    });
}
