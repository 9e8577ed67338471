/**
 * Per-site politeness held in the database (table `hosts`), so that it holds
 * across processes on one SQLite file (the server and `stet check` beside
 * it) and across restarts. Two Monitors, each with its own Store on the same
 * file, stand for two processes; real HTTP servers on 127.0.0.1 are the
 * sites (each its own host), and a clock offset lets a hold run out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { RobotsCache } from '../../../src/fetch/politeness.ts';
import type { CheckResult } from '../../../src/monitor/check.ts';
import { HostBusyError, HostHeldError, Monitor } from '../../../src/monitor/scheduler.ts';
import { createApp } from '../../../src/web/app.tsx';
import { ORIGINAL, renderArticlePage } from '../../support/newsroom.ts';
import { gate, html, sleep, startSite, until, type Handler, type Site } from './support/sites.ts';

const HOUR = 3_600_000;
const T0 = 1_800_000_000_000;

let dir: string;
let stores: Store[] = [];
let monitors: Monitor[] = [];
let sites: Site[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stet-hosts-'));
});
afterEach(async () => {
  await Promise.all(monitors.map((m) => m.stop()));
  await Promise.all(sites.map((s) => s.close()));
  for (const s of stores) s.close();
  [monitors, sites, stores] = [[], [], []];
  rmSync(dir, { recursive: true, force: true });
});

/** A connection to the shared database file, as a process opens it. */
function openStore(): Store {
  const store = new Store(openDatabase(join(dir, 'stet.db')));
  stores.push(store);
  return store;
}

/** A process's Monitor on its own connection; `clock` lets a test move its time on. */
function startProcess(
  options: { tickMs?: number; fetchTimeoutMs?: number; robots?: boolean; start?: boolean; clock?: () => number } = {},
): { store: Store; monitor: Monitor; results: CheckResult[] } {
  const store = openStore();
  const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', FETCH_TIMEOUT_MS: String(options.fetchTimeoutMs ?? 10_000) });
  const results: CheckResult[] = [];
  const monitor = new Monitor(
    {
      store,
      config,
      now: options.clock ?? Date.now,
      random: () => 0.5,
      robots: options.robots ? new RobotsCache({ userAgent: config.USER_AGENT, timeoutMs: 2000, allowPrivateNetworks: true }) : undefined,
    },
    // Ticks only when the test (or a finished check) asks, unless told otherwise.
    { concurrency: 4, tickMs: options.tickMs ?? HOUR, onResult: (_article, result) => results.push(result) },
  );
  monitors.push(monitor);
  if (options.start ?? true) monitor.start();
  return { store, monitor, results };
}

async function site(handler: Handler): Promise<Site> {
  const s = await startSite(handler);
  sites.push(s);
  return s;
}

const articleSite = (hold: () => Promise<unknown> = async () => undefined) =>
  site(async (_req, res) => {
    await hold();
    html(res, renderArticlePage(ORIGINAL));
  });

const watch = (store: Store, url: string, now = Date.now() - 1000) => store.addArticle({ url, intervalMinutes: 30, now }).article;
const pages = (s: Site) => s.requests.map((r) => r.path).filter((p) => p.startsWith('/news/'));

describe('the hosts table', () => {
  it('of two processes asking for one site\'s lease, one gets it; the other only once it is released', () => {
    const [a, b] = [openStore(), openStore()];
    const ask = (store: Store, owner: string) => store.claimHost('news.example', { owner, now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: T0 });
    expect(ask(a, 'server')).toEqual({ claimed: true, notBefore: 0 });
    expect(ask(b, 'cli')).toEqual({ claimed: false, notBefore: 0, retryAfterUntil: 0, busyUntil: T0 + 60_000 });
    a.releaseHost('news.example', 'server', T0);
    expect(ask(b, 'cli').claimed).toBe(true);
  });

  it('a lease that ran out (its process crashed) is taken over, and the late release of the old owner leaves the new lease alone', () => {
    const store = openStore();
    store.claimHost('news.example', { owner: 'crashed', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: T0 });
    expect(store.claimHost('news.example', { owner: 'next', now: T0 + 59_999, leaseUntil: T0 + 120_000, acceptHoldUntil: T0 + 59_999 }).claimed).toBe(false);
    expect(store.claimHost('news.example', { owner: 'next', now: T0 + 60_000, leaseUntil: T0 + 120_000, acceptHoldUntil: T0 + 60_000 }).claimed).toBe(true);
    store.releaseHost('news.example', 'crashed', T0 + 61_000);
    expect(store.hostState('news.example')).toEqual({ notBefore: 0, retryAfterUntil: 0, busyUntil: T0 + 120_000 });
  });

  it('a claim is refused while the site is held beyond what the claim accepts (a scheduled check accepts no hold)', () => {
    const store = openStore();
    store.holdHost('news.example', T0 + 5000);
    expect(store.claimHost('news.example', { owner: 'tick', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: T0 })).toEqual({ claimed: false, notBefore: T0 + 5000, retryAfterUntil: 0, busyUntil: 0 });
    expect(store.claimHost('news.example', { owner: 'polite', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: T0 + 120_000 })).toEqual({ claimed: true, notBefore: T0 + 5000 });
    expect(store.findHeldOrBusyHosts(T0)).toEqual(new Set(['news.example']));
  });

  it('a hold keeps the longer of two (another article\'s Retry-After outlasts a Crawl-delay); none lifts it', () => {
    const store = openStore();
    store.holdHost('news.example', T0 + HOUR, T0 + HOUR);
    store.holdHost('news.example', T0 + 10_000);
    expect(store.hostState('news.example')).toMatchObject({ notBefore: T0 + HOUR, retryAfterUntil: T0 + HOUR });
    store.holdHost('news.example', null);
    expect(store.hostState('news.example')).toMatchObject({ notBefore: 0, retryAfterUntil: 0 });
  });

  it('a short Retry-After is known as one to every process: a claim by hand that would wait out a Crawl-delay is refused during it', () => {
    const [server, cli] = [openStore(), openStore()];
    server.holdHost('news.example', T0 + 30_000, T0 + 30_000);
    expect(cli.claimHost('news.example', { owner: 'cli', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: Infinity })).toMatchObject({ claimed: false, retryAfterUntil: T0 + 30_000 });
    // A Crawl-delay of the same length is waited out (or ignored by a single check), not refused.
    server.holdHost('other.example', T0 + 30_000);
    expect(cli.claimHost('other.example', { owner: 'cli', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: Infinity }).claimed).toBe(true);
  });

  it('rows whose hold and lease are both past are deleted on release, so the table keeps only what still holds', () => {
    const store = openStore();
    store.holdHost('old.example', T0 - 1);
    store.holdHost('held.example', T0 + HOUR);
    store.claimHost('checked.example', { owner: 'me', now: T0, leaseUntil: T0 + 60_000, acceptHoldUntil: T0 });
    store.releaseHost('checked.example', 'me', T0);
    const rows = store.db.$client.prepare('select host from hosts order by host').all() as { host: string }[];
    expect(rows.map((r) => r.host)).toEqual(['held.example']);
  });
});

describe('two processes on one database file', () => {
  it('never fetch one site at the same moment: their scheduled checks take turns', async () => {
    const s = await articleSite(() => sleep(30));
    const server = startProcess({ tickMs: 10, start: false });
    const cli = startProcess({ tickMs: 10, start: false });
    const articles = [1, 2, 3, 4, 5, 6].map((n) => watch(server.store, `${s.origin}/news/${n}`));
    server.monitor.start();
    cli.monitor.start();
    await until(() => server.results.length + cli.results.length === articles.length);

    expect(s.maxInFlight).toBe(1);
    expect(pages(s).sort()).toEqual(articles.map((a) => new URL(a.url).pathname).sort());
  });

  it('a check by hand waits while another process checks the site, then runs', async () => {
    const held = gate();
    const s = await articleSite(() => (s.requests.length === 1 ? held.promise : Promise.resolve()));
    const server = startProcess({ start: false });
    const cli = startProcess({ start: false });
    const [first, second] = [watch(server.store, `${s.origin}/news/1`), watch(server.store, `${s.origin}/news/2`, Date.now() + HOUR)];
    server.monitor.start();
    await until(() => s.requests.length === 1);

    let answered = false;
    const byHand = cli.monitor.checkNow(second.id).finally(() => (answered = true));
    await sleep(300);
    expect(pages(s)).toEqual(['/news/1']);
    expect(answered).toBe(false);
    held.open();

    expect((await byHand).outcome).toBe('first-version');
    expect(pages(s)).toEqual(['/news/1', '/news/2']);
    expect(s.maxInFlight).toBe(1);
    expect(server.results.map((r) => r.articleId)).toEqual([first.id]);
  });

  it('a check by hand gives up with HostBusyError after FETCH_TIMEOUT_MS while another process still checks the site: nothing requested or recorded', async () => {
    const held = gate();
    const s = await articleSite(() => held.promise);
    const server = startProcess({ start: false });
    const cli = startProcess({ start: false, fetchTimeoutMs: 1000 });
    watch(server.store, `${s.origin}/news/1`);
    const second = watch(server.store, `${s.origin}/news/2`, Date.now() + HOUR);
    server.monitor.start();
    await until(() => s.requests.length === 1);

    await expect(cli.monitor.checkNow(second.id)).rejects.toBeInstanceOf(HostBusyError);
    expect(pages(s)).toEqual(['/news/1']);
    expect(cli.store.listChecks(second.id, 5)).toEqual([]);
    // Its next check is where it was, not moved by the check that was not made.
    expect(cli.store.getArticle(second.id)?.nextCheckAt).toBe(second.nextCheckAt);
    held.open();
  });

  it('a lease left by a process killed mid-check: the check by hand says the holder may have stopped, and when its lease runs out (not "checking right now")', async () => {
    const s = await articleSite();
    const cli = startProcess({ start: false, fetchTimeoutMs: 1000 });
    const article = watch(cli.store, `${s.origin}/news/1`, Date.now() + HOUR);
    const leaseUntil = Date.now() + 100_000;
    // what `kill -9` of the server during a check leaves: its lease, and no process to release it
    openStore().claimHost(new URL(s.origin).host, { owner: 'killed', now: Date.now(), leaseUntil, acceptHoldUntil: Date.now() });

    const error = await cli.monitor.checkNow(article.id).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(HostBusyError);
    expect((error as HostBusyError).busyUntil).toBe(leaseUntil);
    expect((error as Error).message).toBe(
      `not checked: another stet process holds the lease on ${new URL(s.origin).host}: it is checking the site, or it stopped mid-check and its lease runs out at ${new Date(leaseUntil).toISOString()}; try again in a moment, or after that`,
    );
    expect(s.requests).toEqual([]);
  });

  it('POST /api/articles/:id/check answers 503 host_busy when another process kept the site busy, and nothing was requested', async () => {
    const s = await articleSite();
    const cli = startProcess({ start: false, fetchTimeoutMs: 1000 });
    const article = watch(cli.store, `${s.origin}/news/1`, Date.now() + HOUR);
    openStore().claimHost(new URL(s.origin).host, { owner: 'server', now: Date.now(), leaseUntil: Date.now() + 60_000, acceptHoldUntil: Date.now() });
    const app = createApp({ store: cli.store, config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' }), monitor: cli.monitor });

    const res = await app.request(`/api/articles/${article.id}/check`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('host_busy');
    expect(s.requests).toEqual([]);
  });
});

describe('checks by hand during a Retry-After', () => {
  it('the article page\'s Check now and POST /api/articles/:id/check answer 503 host_held with until when, and nothing is requested', async () => {
    const s = await site((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const server = startProcess({ start: false });
    const [first, second] = [watch(server.store, `${s.origin}/news/1`), watch(server.store, `${s.origin}/news/2`)];
    expect((await server.monitor.checkNow(first.id)).outcome).toBe('failed');
    const app = createApp({ store: server.store, config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' }), monitor: server.monitor });

    const api = await app.request(`/api/articles/${second.id}/check`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(api.status).toBe(503);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(3500);
    const body = (await api.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('host_held');
    expect(body.error.message).toMatch(/asked stet to wait until \S+ \(Retry-After\); a check by hand can be made then/);

    const page = await app.request(`/articles/${first.id}/check`, { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(page.status).toBe(503);
    const text = await page.text();
    expect(text).toMatch(/the site \(127\.0\.0\.1:\d+\) asked stet to wait until \S+ \(Retry-After\); a check by hand can be made then/);
    // Said as what it is, with the way back to the article (it read "Error 503" with a link home only).
    expect(text).toContain('<h1>Not checked now</h1>');
    expect(text).toContain(`<a href="/articles/${first.id}">Back to the article</a>`);
    expect(pages(s)).toEqual(['/news/1']);
  });

  // A short one too (30 s, as long as a Crawl-delay can be): the hosts row says it is a Retry-After, so no process guesses.
  it.each([['10 minutes', '600'], ['30 s', '30']])('a Retry-After of %s written by another process is honoured by checks by hand in this one, single and polite', async (_name, seconds) => {
    const s = await site((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': seconds }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const server = startProcess({ start: false });
    const [first, second] = [watch(server.store, `${s.origin}/news/1`), watch(server.store, `${s.origin}/news/2`)];
    expect((await server.monitor.checkNow(first.id)).outcome).toBe('failed');
    const cli = startProcess({ start: false });
    await expect(cli.monitor.checkNow(second.id)).rejects.toBeInstanceOf(HostHeldError);
    // `stet check --all` skips the site instead of waiting it out and fetching.
    await expect(cli.monitor.checkNow(second.id, { polite: true })).rejects.toBeInstanceOf(HostHeldError);
    expect(pages(s)).toEqual(['/news/1']);
  });

  it('a check by hand is told to come back when the Retry-After ends, not at the end of a longer Crawl-delay beside it', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 120\n');
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': '30' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const server = startProcess({ robots: true, start: false });
    const [first, second] = [watch(server.store, `${s.origin}/news/1`), watch(server.store, `${s.origin}/news/2`)];
    const before = Date.now();
    expect((await server.monitor.checkNow(first.id)).outcome).toBe('failed');
    expect(server.store.hostState(new URL(s.origin).host).notBefore - before).toBeGreaterThanOrEqual(120_000);
    const refused = await server.monitor.checkNow(second.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HostHeldError);
    const until = (refused as HostHeldError).until - Date.now();
    expect(until).toBeGreaterThan(20_000);
    expect(until).toBeLessThanOrEqual(30_000);
  });
});

describe('a restart remembers what a site asked for', () => {
  it('a Retry-After hold written by one Monitor is honoured by a new Monitor after a restart', async () => {
    const s = await site((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(503, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const before = startProcess({ start: false });
    const [first, second] = [watch(before.store, `${s.origin}/news/1`), watch(before.store, `${s.origin}/news/2`)];
    expect((await before.monitor.checkNow(first.id)).outcome).toBe('failed');
    await before.monitor.stop();

    // /news/2 is due, but the site asked for an hour.
    const after = startProcess();
    await after.monitor.tick();
    await sleep(50);
    expect(pages(s)).toEqual(['/news/1']);
    await expect(after.monitor.checkNow(second.id, { polite: true })).rejects.toBeInstanceOf(HostHeldError);
    expect(pages(s)).toEqual(['/news/1']);
  });

  it('Crawl-delay spacing survives a restart: the new Monitor waits for it, then checks', async () => {
    const s = await site((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nCrawl-delay: 60\n');
      html(res, renderArticlePage(ORIGINAL));
    });
    const before = startProcess({ robots: true, start: false });
    const [first, second] = [watch(before.store, `${s.origin}/news/1`, Date.now() + HOUR), watch(before.store, `${s.origin}/news/2`)];
    expect((await before.monitor.checkNow(first.id)).outcome).toBe('first-version');
    await before.monitor.stop();

    let offset = 0;
    const after = startProcess({ robots: true, clock: () => Date.now() + offset });
    await after.monitor.tick();
    await sleep(50);
    expect(pages(s)).toEqual(['/news/1']);

    offset = 61_000;
    await after.monitor.tick();
    await until(() => after.results.length === 1);
    expect(after.results[0]?.articleId).toBe(second.id);
    expect(pages(s)).toEqual(['/news/1', '/news/2']);
  });

  it('a site lease left by a crashed process holds the site until it runs out, then the site is checked again', async () => {
    const s = await articleSite();
    let offset = 0;
    const survivor = startProcess({ start: false, clock: () => Date.now() + offset });
    const article = watch(survivor.store, `${s.origin}/news/1`);
    // What a process that died mid-check leaves behind: the site leased for a while, no release.
    survivor.store.claimHost(new URL(s.origin).host, { owner: 'crashed', now: Date.now(), leaseUntil: Date.now() + 120_000, acceptHoldUntil: Date.now() });
    survivor.monitor.start();
    await survivor.monitor.tick();
    await sleep(50);
    expect(pages(s)).toEqual([]);

    offset = 121_000;
    await survivor.monitor.tick();
    await until(() => survivor.results.length === 1);
    expect(survivor.results[0]?.articleId).toBe(article.id);
    // The lease was released and the row deleted: nothing holds the site now.
    expect(survivor.store.findHeldOrBusyHosts(Date.now() + offset).size).toBe(0);
  });
});

describe('polite checks (stet check --all)', () => {
  it('a polite check queued behind one of the same site that gets a Retry-After is skipped (HostHeldError), not sent once the Crawl-delay cap runs out', async () => {
    const s = await site((req, res) => {
      if (req.url === '/news/1') return void res.writeHead(429, { 'retry-after': '3600' }).end();
      html(res, renderArticlePage(ORIGINAL));
    });
    const cli = startProcess({ start: false });
    const [first, second] = [watch(cli.store, `${s.origin}/news/1`), watch(cli.store, `${s.origin}/news/2`)];
    // Both asked for at once, as `stet check --all` does: the second waits in the queue for the first.
    const [a, b] = await Promise.allSettled([cli.monitor.checkNow(first.id, { polite: true }), cli.monitor.checkNow(second.id, { polite: true })]);
    expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'failed', status: 429 } });
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(HostHeldError) });
    expect(pages(s)).toEqual(['/news/1']);
    expect(cli.store.getArticle(second.id)?.nextCheckAt).toBe(second.nextCheckAt);
  });
});
