/**
 * The running service: the database, the scheduler and the web server,
 * started and stopped together. `stet serve` (and `npm start`) runs this;
 * the integration tests start the very same thing.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { derivedBaseUrl, type Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { RobotsCache } from './fetch/politeness.ts';
import { Store } from './db/store.ts';
import { closeFetchConnections } from './fetch/fetcher.ts';
import { createLogger, type Logger } from './log.ts';
import { Monitor } from './monitor/scheduler.ts';
import { createApp } from './web/app.tsx';

/** How long a stopping server lets answers under way finish once the checks are done. */
const STOP_GRACE_MS = 2000;
/** Check rows dropped by one statement of the hourly prune (about 10 ms each). */
const PRUNE_BATCH = 10_000;

export interface RunningService {
  store: Store;
  monitor: Monitor;
  /** Where the web server listens, e.g. http://127.0.0.1:8787 */
  url: string;
  stop(): Promise<void>;
}

/** `now`: the checks' clock (tests pass their own to let minutes pass). */
export function createMonitor(store: Store, config: Config, log: Logger, now: () => number = Date.now): Monitor {
  return new Monitor(
    {
      store,
      config,
      now,
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
        // What the check did to a removal, as `stet check` says it (QA: the log read the same for a first sighting and the removal).
        const removal = r.removal?.kind === 'removed' ? '; recorded as removed' : r.removal?.kind === 'restored' ? '; back online' : '';
        log[r.outcome === 'failed' ? 'warn' : 'info'](`check #${article.id} ${article.url}: ${what}${removal} (${r.durationMs} ms)`);
      },
      onError: (article, error) => log.error(`check #${article.id} ${article.url} crashed: ${error instanceof Error ? error.stack : String(error)}`),
      onSourceResult: (source, r) => {
        const what = r.outcome === 'failed' ? `failed: ${r.error}` : r.outcome === 'unchanged' ? 'unchanged' : `${r.listed} link${r.listed === 1 ? '' : 's'}, ${r.added} new article${r.added === 1 ? '' : 's'}`;
        log[r.outcome === 'failed' ? 'warn' : 'info'](`source #${source.id} ${source.url}: ${what}`);
        if (r.state === 'failing' && source.state !== 'failing') {
          log.warn(`source #${source.id} ${source.url}: refused on every read for a day and more; no longer read until resumed (stet source resume ${source.id}, or Resume on /sources)`);
        }
      },
    },
  );
}

/** A sentence for the errors a user can fix by choosing another address, or null for anything else. */
export function listenErrorMessage(error: unknown, config: Pick<Config, 'HOST' | 'PORT'>): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL' && code !== 'ENOTFOUND') return null;
  return `cannot listen on ${config.HOST}:${config.PORT} (${code}); set PORT or HOST to another value`;
}

export async function startService(config: Config, options: { log?: Logger; now?: () => number } = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const store = new Store(openDatabase(config.DATABASE_PATH));

  // Listen first: with PORT=0 the port, and so the derived BASE_URL that
  // feeds and forms use, is known only then. No request arrives before.
  let handle: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: (request) => handle(request), hostname: config.HOST, port: config.PORT }, () => resolve(s));
      s.once('error', reject);
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const effective: Config = config.BASE_URL_DERIVED ? { ...config, BASE_URL: derivedBaseUrl(config.HOST, address.port) } : config;

  const monitor = createMonitor(store, effective, log, options.now);
  const app = createApp({ store, config: effective, monitor });
  handle = (request) => app.fetch(request);

  if (config.SCHEDULER) monitor.start();
  let stopping: Promise<void> | undefined;
  // Hourly, in batches that yield to requests between them: the first prune after a long stop or a shorter
  // CHECKS_RETENTION_DAYS may drop millions of rows (one DELETE of 600,000 blocked the server for 0.5 s).
  let pruneUnderWay: Promise<void> | undefined;
  const prune = () => {
    pruneUnderWay ??= (async () => {
      const before = Date.now() - config.CHECKS_RETENTION_DAYS * 86_400_000;
      while (!stopping && store.pruneChecks(before, PRUNE_BATCH) === PRUNE_BATCH) await new Promise((resolve) => setImmediate(resolve));
    })()
      .catch((error: unknown) => log.error(`pruning the check log failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (pruneUnderWay = undefined));
  };
  prune();
  const pruning = setInterval(prune, 3_600_000);
  pruning.unref();
  log.info(`stet listening on ${url} (database ${config.DATABASE_PATH}${config.SCHEDULER ? '' : ', scheduler off'})`);

  return {
    store,
    monitor,
    url,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(pruning);
        await pruneUnderWay;
        // Stop accepting, drop idle keep-alive connections, let checks under
        // way finish (a POST …/check waiting on one still gets its answer),
        // then close what is left.
        let isClosed = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve())).then(() => (isClosed = true));
        const http = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        http.closeIdleConnections?.();
        await monitor.stop();
        // The answers to checks that just finished are still being written: let each
        // connection finish its response (closing it once idle), for up to STOP_GRACE_MS.
        for (const until = Date.now() + STOP_GRACE_MS; !isClosed && Date.now() < until; ) {
          http.closeIdleConnections?.();
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        http.closeAllConnections?.();
        await closed;
        await closeFetchConnections();
        store.close();
      })()),
  };
}
