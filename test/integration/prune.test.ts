/**
 * The check log is a bounded window (CHECKS_RETENTION_DAYS): the service
 * prunes it at start and hourly, in batches that yield between them, so a
 * long backlog (a stop of weeks, a shorter retention) is dropped whole
 * without one statement holding the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { Store } from '../../src/db/store.ts';
import { createLogger } from '../../src/log.ts';
import { startService } from '../../src/service.ts';
import { until } from '../unit/core/support/sites.ts';

const DAY = 86_400_000;
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('pruning the check log', () => {
  it('a backlog of 25,000 rows past the retention (three batches) is dropped at start, and the recent rows stay', async () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-prune-'));
    const path = join(dir, 'stet.db');
    const seed = new Store(openDatabase(path));
    const article = seed.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: Date.now() }).article;
    const insert = seed.db.$client.prepare("insert into checks (article_id, at, outcome, status, duration_ms) values (?, ?, 'unchanged', 200, 5)");
    const old = Date.now() - 40 * DAY;
    seed.db.$client.transaction(() => {
      for (let k = 0; k < 25_000; k++) insert.run(article.id, old + k);
      for (let k = 0; k < 3; k++) insert.run(article.id, Date.now() - k * DAY);
    })();
    seed.close();

    const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: path, SCHEDULER: 'false', CHECKS_RETENTION_DAYS: '30' });
    const service = await startService(config, { log: createLogger('silent') });
    try {
      const count = () => (service.store.db.$client.prepare('select count(*) as n from checks').get() as { n: number }).n;
      await until(() => count() === 3);
      expect(service.store.listChecks(article.id, 10)).toHaveLength(3);
    } finally {
      await service.stop();
    }
  });
});
