/**
 * `stet serve` as a user stops it: Ctrl-C reaches the process once from the
 * terminal and again from npm/tsx passing it on. The check under way must
 * finish and be stored; the process then exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { Store } from '../../src/db/store.ts';
import { ORIGINAL, renderArticlePage } from '../support/newsroom.ts';
import { STET_BIN } from '../support/cli.ts';

describe('stet serve stops without losing the check under way', () => {
  let dir: string;
  let site: Server;
  let origin: string;
  let requested: () => void;
  const pageRequested = new Promise<void>((resolve) => (requested = resolve));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-serve-'));
    // The article takes 1.5 s to answer: long enough to stop the server in the middle of its check.
    site = createServer((req, res) => {
      if (req.url !== '/news/story') return void res.writeHead(404).end();
      requested();
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(ORIGINAL)), 1500);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => site.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl-C twice in a row (terminal + npm passing it on): the check finishes, its version is stored, exit 0', async () => {
    const database = join(dir, 'stet.db');
    const { BASE_URL: _viteBase, ...inherited } = process.env;
    const child = spawn(process.execPath, [STET_BIN, 'serve'], {
      env: { ...inherited, DATABASE_PATH: database, PORT: '0', HOST: '127.0.0.1', ALLOW_PRIVATE_NETWORKS: 'true', SCHEDULER: 'false', RESPECT_ROBOTS_TXT: 'false', LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /running at (http:\/\/[^\s/]+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`stet serve exited early: ${stderr}`)));
    });

    const watched = (await (await fetch(`${url}/api/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `${origin}/news/story` }) })).json()) as { id: number };
    const checking = fetch(`${url}/api/articles/${watched.id}/check`, { method: 'POST' }).then(async (r) => (await r.json()) as { outcome: string }, (e: unknown) => ({ outcome: `error ${String(e)}` }));
    await pageRequested;
    child.kill('SIGINT');
    // the copy passed on by npm/tsx, arriving once the first has been handled (two at once would merge into one)
    while (!stderr.includes('stopping')) await new Promise((resolve) => setTimeout(resolve, 10));
    child.kill('SIGINT');

    expect(await exited).toBe(0);
    expect(stderr).toMatch(/stopping: waiting for the check under way/);
    expect((await checking).outcome).toBe('first-version');
    const store = new Store(openDatabase(database));
    try {
      expect(store.listVersions(watched.id)).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
