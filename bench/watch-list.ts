/**
 * `npm run bench watch-list`: the watch list (/articles) with 5,000 watched
 * articles, each checked once (an unchanged check: no version, so a row
 * shows its URL, not a title, and a lighter row than a real list's): the
 * size of its HTML, the server's time to
 * answer it (app.request(), median of 5), and Chromium's time to load it
 * from a real server until the load event. The home page is measured beside
 * it, as the page the watch list should be no slower than.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { Store } from '../src/db/store.ts';
import { createApp } from '../src/web/app.tsx';

const ARTICLES = 5000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const dir = mkdtempSync(join(tmpdir(), 'stet-bench-'));
const config = parseConfig({ DATABASE_PATH: join(dir, 'bench.db'), ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'http://127.0.0.1' });
const store = new Store(openDatabase(config.DATABASE_PATH));
const T0 = Date.UTC(2026, 0, 15, 9);
for (let i = 0; i < ARTICLES; i++) {
  const { article } = store.addArticle({ url: `https://news.example/2026/01/15/story-number-${i}-with-a-long-slug`, intervalMinutes: 30, now: T0 + i * 1000 });
  store.recordCheck(article.id, {
    kind: 'unchanged', at: T0 + i * 1000 + 500, status: 200, durationMs: 1, nextCheckAt: T0 + i * 1000 + 1_800_000, etag: null, lastModified: null, bodyHash: null,
  });
}
const app = createApp({ store, config });

async function serverTime(path: string): Promise<{ bytes: number; ms: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const res = await app.request(path);
    bytes = Buffer.byteLength(await res.text());
    times.push(performance.now() - start);
  }
  return { bytes, ms: times.sort((a, b) => a - b)[2]! };
}

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();

async function browserTime(path: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await page.goto(origin + path, { waitUntil: 'load' });
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2]!;
}

console.log(`${ARTICLES} watched articles; medians of 5`);
console.log('page        HTML KB   server ms   Chromium load ms');
for (const path of ['/', '/articles']) {
  const { bytes, ms } = await serverTime(path);
  const load = await browserTime(path);
  console.log(`${path.padEnd(10)} ${(bytes / 1024).toFixed(1).padStart(8)} ${ms.toFixed(1).padStart(11)} ${load.toFixed(1).padStart(18)}`);
}
await browser.close();
server.close();
store.close();
rmSync(dir, { recursive: true, force: true });
