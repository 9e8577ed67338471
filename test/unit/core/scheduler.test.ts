/**
 * The Monitor: selects due rows and hands them to a bounded pool (STYLE 4),
 * against real HTTP servers on 127.0.0.1. Each server is its own host (its
 * own port), so in-flight requests per server show the per-host limit. No
 * timing is asserted: slow or held responses only make checks overlap.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import type { ArticleRow } from '../../../src/db/store.ts';
import type { CheckResult } from '../../../src/monitor/check.ts';
import { RobotsCache } from '../../../src/fetch/politeness.ts';
import { ArticleNotFoundError, HostHeldError, Monitor } from '../../../src/monitor/scheduler.ts';
import { ORIGINAL, renderArticlePage } from '../../support/newsroom.ts';
import { gate, html, sleep, Tracker, until, type Site } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const HOUR = 3_600_000;

const t = storeAndSite();
let monitor: Monitor | undefined;
let results: { article: ArticleRow; result: CheckResult }[] = [];
let errors: unknown[] = [];

beforeEach(() => {
  results = [];
  errors = [];
});
// After the helper's, so it runs before it: the Monitor stops before its store closes and its sites go.
afterEach(async () => {
  await monitor?.stop();
  monitor = undefined;
});

function startMonitor(concurrency: number, options: { start?: boolean } = {}): Monitor {
  monitor = new Monitor(
    {
      store: t.store,
      config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', FETCH_TIMEOUT_MS: '10000' }),
      now: Date.now,
      random: () => 0.5,
    },
    {
      concurrency,
      // Ticks only when the test (or a finished check) asks.
      tickMs: HOUR,
      onResult: (article, result) => results.push({ article, result }),
      onError: (_article, error) => errors.push(error),
    },
  );
  if (options.start ?? true) monitor.start();
  return monitor;
}

/** A site whose every page is the article, answered after `hold` settles. */
async function articleSite(hold: () => Promise<unknown> = async () => undefined, tracker?: Tracker): Promise<Site> {
  return t.serve(async (_req, res) => {
    await hold();
    html(res, renderArticlePage(ORIGINAL));
  }, tracker);
}

const watch = (url: string, now = Date.now() - 1000) => t.store.addArticle({ url, intervalMinutes: 30, now }).article;

describe('the pool', () => {
  it('never runs more than FETCH_CONCURRENCY checks, and at most one per host at a time', async () => {
    const tracker = new Tracker();
    const hosts = await Promise.all([0, 1, 2].map(() => articleSite(() => sleep(30), tracker)));
    // Same-host articles are due next to each other: the easiest way to start two at once.
    const articles = hosts.flatMap((site) => [1, 2, 3].map((n) => watch(`${site.origin}/news/${n}`)));

    startMonitor(2);
    await until(() => results.length === articles.length);

    expect(errors).toEqual([]);
    expect(tracker.maxInFlight).toBe(2);
    expect(hosts.map((s) => s.maxInFlight)).toEqual([1, 1, 1]);
    expect(hosts.map((s) => s.requests.length)).toEqual([3, 3, 3]);
    expect(results.map((r) => r.result.outcome)).toEqual(articles.map(() => 'first-version'));
  });

  it('a check asked for by hand also waits for its host (checkNow shares the per-host limit)', async () => {
    const site = await articleSite(() => sleep(30));
    const a = watch(`${site.origin}/news/1`);
    const b = watch(`${site.origin}/news/2`);
    const m = startMonitor(4, { start: false });
    const outcomes = await Promise.all([m.checkNow(a.id), m.checkNow(b.id)]);
    expect(outcomes.map((r) => r.outcome)).toEqual(['first-version', 'first-version']);
    expect(site.requests).toHaveLength(2);
    expect(site.maxInFlight).toBe(1);
  });

  it('checks asked for by hand beyond the pool size wait for a free slot', async () => {
    const tracker = new Tracker();
    const hosts = await Promise.all([0, 1, 2, 3].map(() => articleSite(() => sleep(30), tracker)));
    const articles = hosts.map((site) => watch(`${site.origin}/news/1`, Date.now() + HOUR));
    const m = startMonitor(2, { start: false });
    const outcomes = await Promise.all(articles.map((a) => m.checkNow(a.id)));
    expect(outcomes.every((r) => r.outcome === 'first-version')).toBe(true);
    expect(tracker.maxInFlight).toBe(2);
  });
});

describe('checkNow', () => {
  it('merges with a check already under way for the same article: one HTTP request, one answer', async () => {
    const held = gate();
    const site = await articleSite(() => held.promise);
    const article = watch(`${site.origin}/news/1`, Date.now() + HOUR);
    const m = startMonitor(2, { start: false });

    const first = m.checkNow(article.id);
    await until(() => site.requests.length === 1);
    const second = m.checkNow(article.id);
    held.open();
    const [a, b] = await Promise.all([first, second]);

    expect(b).toBe(a);
    expect(a.outcome).toBe('first-version');
    expect(site.requests).toHaveLength(1);
    expect(t.store.listChecks(article.id, 10)).toHaveLength(1);
  });

  it('merges with the scheduler\'s own check of that article', async () => {
    const held = gate();
    const site = await articleSite(() => held.promise);
    const article = watch(`${site.origin}/news/1`);
    const m = startMonitor(2);
    await until(() => site.requests.length === 1);
    const byHand = m.checkNow(article.id);
    held.open();
    expect((await byHand).outcome).toBe('first-version');
    expect(site.requests).toHaveLength(1);
    expect(t.store.listChecks(article.id, 10)).toHaveLength(1);
  });

  it('rejects an unknown article with ArticleNotFoundError', async () => {
    const m = startMonitor(1, { start: false });
    await expect(m.checkNow(12345)).rejects.toBeInstanceOf(ArticleNotFoundError);
  });

  it('a check that is not merged runs again: two checks in a row are two requests', async () => {
    const site = await articleSite();
    const article = watch(`${site.origin}/news/1`, Date.now() + HOUR);
    const m = startMonitor(1, { start: false });
    expect((await m.checkNow(article.id)).outcome).toBe('first-version');
    expect((await m.checkNow(article.id)).outcome).toBe('unchanged');
    expect(site.requests).toHaveLength(2);
  });
});

describe('ticks', () => {
  it('a due article is picked, leased while it runs, and its next check moves into the future', async () => {
    const held = gate();
    const site = await articleSite(() => held.promise);
    const article = watch(`${site.origin}/news/1`);
    const m = startMonitor(2);
    await until(() => site.requests.length === 1);

    // Leased: not due while the check runs, so another tick does not pick it again.
    expect(t.store.getArticle(article.id)!.nextCheckAt).toBeGreaterThan(Date.now());
    expect(t.store.findDueArticles(Date.now(), 10)).toEqual([]);
    await m.tick();

    held.open();
    await until(() => results.length === 1);
    expect(site.requests).toHaveLength(1);
    const after = t.store.getArticle(article.id)!;
    expect(after.nextCheckAt).toBeGreaterThan(Date.now());
    expect(after.nextCheckAt).toBe(results[0]?.result.nextCheckAt);
    expect(after.lastCheckedAt).not.toBeNull();
  });

  it('an article not yet due is left alone', async () => {
    const site = await articleSite();
    watch(`${site.origin}/news/1`, Date.now() + HOUR);
    const m = startMonitor(2);
    await m.tick();
    await sleep(20);
    expect(site.requests).toEqual([]);
  });

  it('paused articles are not picked', async () => {
    const site = await articleSite();
    const article = watch(`${site.origin}/news/1`);
    t.store.db.$client.prepare("update articles set state = 'paused' where id = ?").run(article.id);
    const m = startMonitor(2);
    await m.tick();
    await sleep(20);
    expect(site.requests).toEqual([]);
  });

  it('poke() looks for due work at once, without waiting for the next tick', async () => {
    const site = await articleSite();
    const m = startMonitor(2);
    const article = watch(`${site.origin}/news/1`);
    m.poke();
    await until(() => results.length === 1);
    expect(results[0]?.article.id).toBe(article.id);
  });
});

describe('stop', () => {
  it('waits for the checks under way, which are recorded, then picks nothing new', async () => {
    const held = gate();
    const site = await articleSite(() => held.promise);
    const article = watch(`${site.origin}/news/1`);
    const m = startMonitor(2);
    await until(() => site.requests.length === 1);

    let stopped = false;
    const stopping = m.stop().then(() => (stopped = true));
    await sleep(20);
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    expect(t.store.listChecks(article.id, 10).map((c) => c.outcome)).toEqual(['first-version']);

    const later = watch(`${site.origin}/news/2`);
    await m.tick();
    m.poke();
    await sleep(20);
    expect(site.requests).toHaveLength(1);
    expect(t.store.listChecks(later.id, 10)).toEqual([]);
  });
});

describe('fairness and failures', () => {
  it('a busy site with many due articles does not keep another site waiting', async () => {
    const held = gate();
    const busy = await articleSite(() => held.promise);
    const other = await articleSite();
    const t = Date.now() - 60_000;
    // 1,200 articles of the busy site come due first: more than a tick used to look through (1,000 rows).
    for (let n = 0; n < 1200; n++) watch(`${busy.origin}/news/${n}`, t + n / 100);
    watch(`${other.origin}/news/1`, t + 100);

    startMonitor(2);
    await until(() => other.requests.length === 1);
    expect(busy.requests).toHaveLength(1);
    held.open();
  });

  it('a bug met during a check is recorded on the article as a failed check with back-off', async () => {
    const site = await articleSite();
    const article = watch(`${site.origin}/news/1`);
    monitor = new Monitor(
      {
        store: t.store,
        config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' }),
        now: Date.now,
        random: () => 0.5,
        robots: { check: () => Promise.reject(new Error('boom')) } as never,
      },
      { concurrency: 1, tickMs: HOUR, onError: (_a, error) => errors.push(error) },
    );
    await expect(monitor.checkNow(article.id)).rejects.toThrow('boom');
    const after = t.store.getArticle(article.id)!;
    expect(after.failureCount).toBe(1);
    expect(after.lastError).toBe('internal: boom');
    expect(after.nextCheckAt).toBeGreaterThan(Date.now() + 20 * 60_000);
    expect(t.store.listChecks(article.id, 5)[0]).toMatchObject({ outcome: 'failed', error: 'internal: boom' });
    expect(errors).toHaveLength(1);
  });

  it('an article deleted while its check runs ends as not found, not as a crash', async () => {
    let hold: Promise<void> | null = null;
    const site = await articleSite(() => hold ?? Promise.resolve());
    const article = watch(`${site.origin}/news/1`);
    startMonitor(1, { start: false });
    expect((await monitor!.checkNow(article.id)).outcome).toBe('first-version');
    const held = gate();
    hold = held.promise;
    site.handler = async (_req, res) => {
      await held.promise;
      // A different page, so the check gets as far as diffing against the deleted version.
      html(res, renderArticlePage({ ...ORIGINAL, paragraphs: [...ORIGINAL.paragraphs, 'A new closing paragraph about the talks.'] }));
    };
    const pending = monitor!.checkNow(article.id);
    await until(() => site.requests.length === 2);
    t.store.deleteArticle(article.id);
    held.open();
    await expect(pending).rejects.toBeInstanceOf(ArticleNotFoundError);
    expect(errors).toEqual([]);
  });
});

describe('Crawl-delay', () => {
  it('the next scheduled check of a host waits for its robots.txt Crawl-delay; a check by hand does not', async () => {
    const site = await t.serve((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 60\n');
        return;
      }
      html(res, renderArticlePage(ORIGINAL));
    });
    const first = watch(`${site.origin}/news/1`, Date.now() - 2000);
    const second = watch(`${site.origin}/news/2`, Date.now() - 1000);
    const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' });
    monitor = new Monitor(
      {
        store: t.store,
        config,
        now: Date.now,
        random: () => 0.5,
        robots: new RobotsCache({ userAgent: config.USER_AGENT, timeoutMs: 2000, allowPrivateNetworks: true }),
      },
      { concurrency: 2, tickMs: HOUR, onResult: (article, result) => results.push({ article, result }) },
    );
    monitor.start();
    await until(() => results.length === 1);
    await monitor.tick();
    await sleep(50);
    const pages = () => site.requests.filter((r) => r.path.startsWith('/news/'));
    expect(pages().map((r) => r.path)).toEqual(['/news/1']);
    expect(results[0]?.article.id).toBe(first.id);
    // Asked for by hand, it runs now.
    expect((await monitor.checkNow(second.id)).outcome).toBe('first-version');
    expect(pages()).toHaveLength(2);
  });
});

describe('Retry-After holds the whole host', () => {
  it('a 429 or 503 with Retry-After keeps every article of that host waiting, not only the one that got it; other hosts go on', async () => {
    const busy = await t.serve((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(503, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const other = await articleSite();
    watch(`${busy.origin}/news/1`, Date.now() - 3000);
    watch(`${busy.origin}/news/2`, Date.now() - 2000);
    watch(`${other.origin}/news/3`, Date.now() - 1000);
    startMonitor(1);
    await until(() => results.length === 2);
    await monitor!.tick();
    await sleep(50);
    expect(results.map((r) => [r.article.url.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), r.result.outcome])).toEqual([
      ['/news/1', 'failed'],
      ['/news/3', 'first-version'],
    ]);
    expect(busy.requests.map((r) => r.path)).toEqual(['/news/1']);
  });
});

describe('polite checks by hand (stet check --all)', () => {
  it('wait for the host\'s Crawl-delay between two articles of one site; a single check by hand does not', async () => {
    const times: number[] = [];
    const site = await t.serve((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 1\n');
      times.push(Date.now());
      html(res, renderArticlePage(ORIGINAL));
    });
    const [a, b, c] = [watch(`${site.origin}/news/1`), watch(`${site.origin}/news/2`), watch(`${site.origin}/news/3`)];
    const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' });
    monitor = new Monitor(
      { store: t.store, config, now: Date.now, random: () => 0.5, robots: new RobotsCache({ userAgent: config.USER_AGENT, timeoutMs: 2000, allowPrivateNetworks: true }) },
      { concurrency: 2, tickMs: HOUR },
    );
    await Promise.all([monitor.checkNow(a.id, { polite: true }), monitor.checkNow(b.id, { polite: true })]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    await monitor.checkNow(c.id);
    expect(times[2]! - times[1]!).toBeLessThan(950);
  });

  it('skip a site whose Retry-After runs longer than a Crawl-delay (HostHeldError), without a request or a recorded check', async () => {
    const busy = await t.serve((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const [first, second] = [watch(`${busy.origin}/news/1`), watch(`${busy.origin}/news/2`)];
    startMonitor(2, { start: false });
    expect((await monitor!.checkNow(first.id, { polite: true })).outcome).toBe('failed');
    await expect(monitor!.checkNow(second.id, { polite: true })).rejects.toThrow(HostHeldError);
    expect(busy.requests.map((r) => r.path)).toEqual(['/news/1']);
    expect(t.store.listChecks(second.id, 5)).toEqual([]);
  });

  it('a single check by hand is refused too while a Retry-After runs (README: no request while it runs), the held article and another of the site alike', async () => {
    const busy = await t.serve((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(503, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const [first, second] = [watch(`${busy.origin}/news/1`), watch(`${busy.origin}/news/2`)];
    startMonitor(2, { start: false });
    expect((await monitor!.checkNow(first.id)).outcome).toBe('failed');
    for (const article of [first, second]) {
      const error = await monitor!.checkNow(article.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HostHeldError);
      expect((error as Error).message).toMatch(/the site \(127\.0\.0\.1:\d+\) asked stet to wait until \S+ \(Retry-After\); a check by hand can be made then$/);
    }
    expect(busy.requests.map((r) => r.path)).toEqual(['/news/1']);
    expect(t.store.listChecks(second.id, 5)).toEqual([]);
  });

  it('a Retry-After of 120 s (no longer than the Crawl-delay cap) is still a Retry-After: a polite check skips the site at once, it does not wait', async () => {
    const busy = await t.serve((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': '120' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const [first, second] = [watch(`${busy.origin}/news/1`), watch(`${busy.origin}/news/2`)];
    startMonitor(2, { start: false });
    const started = Date.now();
    const [a, b] = await Promise.allSettled([monitor!.checkNow(first.id, { polite: true }), monitor!.checkNow(second.id, { polite: true })]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'failed', status: 429 } });
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(HostHeldError) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(busy.requests.map((r) => r.path)).toEqual(['/news/1']);
  });
});
