/**
 * The running service: the database, the scheduler and the web server,
 * started and stopped together. `stet serve` (and `npm start`) runs this;
 * the integration tests start the very same thing.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { RobotsCache } from './fetch/politeness.ts';
import { Store } from './db/store.ts';
import { createLogger, type Logger } from './log.ts';
import { Monitor } from './monitor/scheduler.ts';
import { createApp } from './web/app.tsx';

export interface RunningService {
  store: Store;
  monitor: Monitor;
  /** Where the web server listens, e.g. http://127.0.0.1:8787 */
  url: string;
  stop(): Promise<void>;
}

export function createMonitor(store: Store, config: Config, log: Logger): Monitor {
  return new Monitor(
    {
      store,
      config,
      now: Date.now,
      random: Math.random,
      // One cache for the life of the process: robots.txt is fetched once a day per origin.
      robots: config.RESPECT_ROBOTS_TXT
        ? new RobotsCache({ userAgent: config.USER_AGENT, timeoutMs: config.FETCH_TIMEOUT_MS, allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS })
        : undefined,
    },
    {
      concurrency: config.FETCH_CONCURRENCY,
      tickMs: config.SCHEDULER_TICK_SECONDS * 1000,
      onResult: (article, r) => {
        const what = r.outcome === 'failed' ? `failed: ${r.error}` : r.outcome + (r.versionOrdinal ? ` v${r.versionOrdinal}` : '');
        log[r.outcome === 'failed' ? 'warn' : 'info'](`check #${article.id} ${article.url}: ${what} (${r.durationMs} ms)`);
      },
      onError: (article, error) => log.error(`check #${article.id} ${article.url} crashed: ${error instanceof Error ? error.stack : String(error)}`),
    },
  );
}

export async function startService(config: Config, options: { log?: Logger } = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const store = new Store(openDatabase(config.DATABASE_PATH));
  const monitor = createMonitor(store, config, log);
  const app = createApp({ store, config, monitor });

  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  if (config.SCHEDULER) monitor.start();
  const prune = setInterval(() => store.pruneChecks(Date.now() - config.CHECKS_RETENTION_DAYS * 86_400_000), 3_600_000);
  prune.unref();
  log.info(`stet listening on ${url} (database ${config.DATABASE_PATH}${config.SCHEDULER ? '' : ', scheduler off'})`);

  let stopping: Promise<void> | undefined;
  return {
    store,
    monitor,
    url,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(prune);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive connections would hold close() open.
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await monitor.stop();
        store.close();
      })()),
  };
}
