/**
 * `npm run bench check`: the whole check pipeline — HTTP fetch, hashing,
 * extraction, fingerprint, diff, brotli, SQLite writes — through the real
 * Monitor, against local newsroom servers on 127.0.0.1 whose pages are the
 * size of real news pages (~190 KB with scripts and navigation) and whose
 * furniture changes on every request.
 *
 * Three rounds over the same articles: the first check of each (a version
 * written), a re-check where only ads and tokens changed (the common case:
 * no version), and a round where every article was edited (a version and a
 * diff each). Reports checks per second and peak RSS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { Store } from '../src/db/store.ts';
import { ORIGINAL, UPDATE_1, renderArticlePage, type Edition } from '../src/demo/newsroom.ts';
import { createLogger } from '../src/log.ts';
import { createMonitor } from '../src/service.ts';

const HOSTS = 4;
const ARTICLES_PER_HOST = 50;

// Real article pages carry far more than their story: inline scripts, JSON state, menus.
const padding =
  `<script>window.__STATE__=${JSON.stringify({ items: Array.from({ length: 1500 }, (_, i) => ({ id: i, slug: `story-${i}`, t: 'Lorem ipsum dolor sit amet '.repeat(3) })) })}</script>` +
  `<nav class="mega">${Array.from({ length: 400 }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join('')}</nav>`;

function page(edition: Edition, article: number): string {
  const own = { ...edition, title: `${edition.title} (${article})` };
  return renderArticlePage(own).replace('</head>', `${padding}</head>`);
}

async function startSite(state: { edition: Edition }): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const article = Number(/\/news\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(state.edition, article));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const state = { edition: ORIGINAL };
const sites = await Promise.all(Array.from({ length: HOSTS }, () => startSite(state)));
const dir = mkdtempSync(join(tmpdir(), 'stet-bench-'));
const config = parseConfig({ DATABASE_PATH: join(dir, 'bench.db'), ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', FETCH_CONCURRENCY: String(HOSTS) });
const store = new Store(openDatabase(config.DATABASE_PATH));
const monitor = createMonitor(store, config, createLogger('error'));
const ids = sites.flatMap((s) =>
  Array.from({ length: ARTICLES_PER_HOST }, (_, i) => store.addArticle({ url: `${s.origin}/news/${i}`, intervalMinutes: 30, now: Date.now() }).article.id),
);
const pageKb = Math.round(Buffer.byteLength(page(ORIGINAL, 1)) / 1024);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function round(name: string, expected: string): Promise<void> {
  const started = performance.now();
  const outcomes = await Promise.all(ids.map((id) => monitor.checkNow(id)));
  const ms = performance.now() - started;
  const wrong = outcomes.filter((o) => o.outcome !== expected);
  console.log(
    `${name.padEnd(34)} ${String(ids.length).padStart(5)} checks ${(ms / 1000).toFixed(2).padStart(6)} s ${(ids.length / (ms / 1000)).toFixed(0).padStart(5)} checks/s ${(ms / ids.length).toFixed(1).padStart(6)} ms/check` +
      (wrong.length ? `  !! ${wrong.length} not ${expected}: ${wrong[0]?.outcome} ${wrong[0]?.error ?? ''}` : ''),
  );
  if (wrong.length) process.exitCode = 1;
}

console.log(`${ids.length} articles on ${HOSTS} hosts, ${pageKb} KB pages, FETCH_CONCURRENCY=${HOSTS} (one check per host at a time)\n`);
await round('first check (version written)', 'first-version');
await round('furniture changed (no version)', 'unchanged');
state.edition = UPDATE_1;
await round('article edited (version + diff)', 'new-version');
clearInterval(sampler);
console.log(`\npeak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`);

await monitor.stop();
store.close();
await Promise.all(sites.map((s) => new Promise((r) => s.server.close(r))));
rmSync(dir, { recursive: true, force: true });
