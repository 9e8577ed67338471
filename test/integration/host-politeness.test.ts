/**
 * Per-site politeness across real processes on one SQLite file: the service
 * (as `stet serve` runs it) and the `stet` bin script in a child process,
 * against a real site on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { Store } from '../../src/db/store.ts';
import { stet, STET_BIN } from '../support/cli.ts';
import { ORIGINAL, renderArticlePage } from '../support/newsroom.ts';
import { startTestService } from '../support/service.ts';

type Service = Awaited<ReturnType<typeof startTestService>>;

let dir: string;
let env: Record<string, string>;
let site: { origin: string; paths: string[]; server: Server };
let service: Service | undefined;

async function startSite(handler: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<typeof site> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, server };
}

/** Adds articles to the shared database file as `stet watch` would, without checking them. */
function watch(urls: string[]): number[] {
  const store = new Store(openDatabase(env.DATABASE_PATH!));
  try {
    return urls.map((url) => store.addArticle({ url, intervalMinutes: 30, now: Date.now() - 1000 }).article.id);
  } finally {
    store.close();
  }
}

const pages = () => site.paths.filter((p) => p.startsWith('/news/'));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stet-hosts-'));
  env = { DATABASE_PATH: join(dir, 'stet.db'), ALLOW_PRIVATE_NETWORKS: 'true' };
});
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  site.server.closeAllConnections();
  await new Promise((resolve) => site.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('one site, two processes on one database', () => {
  it('stet check --all beside the running server skips a site the server holds under Retry-After, without a request', async () => {
    site = await startSite((req, res) => {
      if (req.url === '/news/1') return res.writeHead(503, { 'retry-after': '3600' }).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(ORIGINAL));
    });
    const [first] = watch([`${site.origin}/news/1`, `${site.origin}/news/2`]);
    service = await startTestService(env);
    expect((await service.monitor.checkNow(first!)).outcome).toBe('failed');

    const checked = await stet(['check', '--all'], env);
    expect(checked.stdout).toMatch(/^#2\tnot checked: the site \(127\.0\.0\.1:\d+\) asked stet to wait until \S+ \(Retry-After\); a check by hand can be made then/m);
    expect(checked.code).toBe(0);
    expect(pages()).toEqual(['/news/1']);
  });

  it('stet check <id> beside the running server makes no request while the site\'s Retry-After runs: says until when, exit 1', async () => {
    site = await startSite((req, res) => {
      if (req.url === '/news/1') return res.writeHead(503, { 'retry-after': '3600' }).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(ORIGINAL));
    });
    const [first, second] = watch([`${site.origin}/news/1`, `${site.origin}/news/2`]);
    service = await startTestService(env);
    expect((await service.monitor.checkNow(first!)).outcome).toBe('failed');

    for (const id of [first!, second!]) {
      const checked = await stet(['check', String(id)], env);
      expect(checked.stderr).toMatch(new RegExp(`^#${id}\tnot checked: the site \\(127\\.0\\.0\\.1:\\d+\\) asked stet to wait until \\d{4}-\\S+Z \\(Retry-After\\); a check by hand can be made then`, 'm'));
      expect(checked.code).toBe(1);
    }
    expect(pages()).toEqual(['/news/1']);
  });

  it('stet check --all skips the rest of a site that answers 429 with Retry-After: 120 mid-run and says so, instead of waiting two minutes', async () => {
    // Whichever article goes first gets the 429; the other must not be asked for.
    site = await startSite((req, res) => {
      if (req.url?.startsWith('/news/')) return res.writeHead(429, { 'retry-after': '120' }).end();
      res.writeHead(404).end();
    });
    watch([`${site.origin}/news/1`, `${site.origin}/news/2`]);
    const started = Date.now();
    const checked = await stet(['check', '--all'], env);
    expect(Date.now() - started).toBeLessThan(30_000);
    // With how long the site asked for and when stet looks again (it said nothing of the wait).
    expect(checked.stdout).toMatch(/^#\d\tfailed: the server answered 429[^\n]*; the site asked stet to wait 120 s \(Retry-After\); next check at \S+Z/m);
    expect(checked.stdout).toMatch(/^#\d\tnot checked: the site \(127\.0\.0\.1:\d+\) asked stet to wait until \S+ \(Retry-After\); a check by hand can be made then/m);
    expect(checked.stdout).toMatch(/^checked 1 of 2; 1 not checked now \(their site asked stet to wait, or another process was checking it\); 1 failed$/m);
    expect(pages()).toHaveLength(1);
  });

  it('a 500 with Retry-After holds only its article, and stet check says so, not that the site asked to wait (QA); the next article of the site is checked', async () => {
    site = await startSite((req, res) => {
      if (req.url === '/news/1') return res.writeHead(500, { 'retry-after': '600' }).end();
      res.writeHead(404).end();
    });
    watch([`${site.origin}/news/1`, `${site.origin}/news/2`]);
    const checked = await stet(['check', '--all'], env);
    expect(checked.stdout).toMatch(/^#\d\tfailed: the server answered 500[^\n]*; the server asked stet to wait before checking this article again, 600 s \(Retry-After\); next check at \S+Z/m);
    expect(checked.stdout).not.toMatch(/the site asked stet to wait/);
    expect(pages().sort()).toEqual(['/news/1', '/news/2']);
  });

  it('a check killed mid-fetch (SIGKILL) leaves the site leased until the lease runs out; then the server checks it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    site = await startSite(async (req, res) => {
      if (req.url === '/news/1') await held;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(ORIGINAL));
    });
    const [first, second] = watch([`${site.origin}/news/1`, `${site.origin}/news/2`]);

    // `stet check 1` in a child process, killed while its fetch is under way: no release, no recorded check.
    const { BASE_URL: _viteBase, ...inherited } = process.env;
    const child = spawn(process.execPath, [STET_BIN, 'check', String(first)], { env: { ...inherited, ...env, FETCH_TIMEOUT_MS: '30000' }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (!pages().includes('/news/1')) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    release();

    // The server's clock: real time, then past the dead check's lease (FETCH_TIMEOUT_MS × 2 + 1 minute).
    let skipped = 0;
    service = await startTestService({ ...env, SCHEDULER: 'true', SCHEDULER_TICK_SECONDS: '3600' }, () => Date.now() + skipped);
    await service.monitor.tick();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pages()).toEqual(['/news/1']);

    skipped = 121_000;
    service.monitor.poke();
    while (service.store.listChecks(second!, 1).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.store.listChecks(second!, 1)[0]?.outcome).toBe('first-version');
    expect(pages()).toContain('/news/2');
  });
});
