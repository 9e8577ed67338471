/**
 * What `stet source add --read` and `stet source read` print about a read
 * (commands/source.ts): why the links listed were not watched, and a warning
 * on stderr for a feed cut off before it listed anything. In process, against
 * a real HTTP server on 127.0.0.1 and a database file of the test's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sourceCommand } from '../../../src/commands/source.ts';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { Monitor } from '../../../src/monitor/scheduler.ts';
import { startSite, type Site } from './support/sites.ts';

let dir: string;
let site: Site;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stet-source-report-'));
  process.exitCode = undefined;
});
afterEach(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function stetSource(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const out = { stdout: '', stderr: '' };
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true));
  const config = parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false' });
  const command = sourceCommand({
    loadConfig: () => config,
    openStore: () => new Store(openDatabase(join(dir, 'stet.db'))),
    createMonitor: (store, cfg) => new Monitor({ store, config: cfg, now: Date.now, random: Math.random }, { concurrency: 1, tickMs: 3_600_000 }),
  });
  try {
    await command.exitOverride().parseAsync(args, { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { ...out, code };
}

const rssOf = (links: { url: string; published: number }[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>${links
    .map((l) => `<item><link>${l.url}</link><pubDate>${new Date(l.published).toUTCString()}</pubDate></item>`)
    .join('')}</channel></rss>`;

describe('stet source: a read that watches none of the links it lists says why', () => {
  it('listed before, and older than SOURCE_MAX_AGE_HOURS (48 h by default)', async () => {
    let links = [{ url: '', published: Date.now() - 3_600_000 }];
    site = await startSite((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssOf(links)));
    links = [{ url: `${site.origin}/news/a`, published: Date.now() - 3_600_000 }];
    expect(await stetSource(['add', `${site.origin}/feed.xml`, '--read'])).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/\n#1\tfeed: 1 link\(s\), 1 new article\(s\) watched\n$/) });
    links.push({ url: `${site.origin}/news/old`, published: Date.now() - 72 * 3_600_000 });
    expect(await stetSource(['read', '1'])).toEqual({
      code: 0,
      stderr: '',
      stdout: '#1\tfeed: 2 link(s), 0 new article(s) watched (1 listed by this source before, 1 published more than 48 h (SOURCE_MAX_AGE_HOURS) ago)\n',
    });
  });
});

describe('stet source: a feed cut off before it lists anything is added and read, with a warning on stderr', () => {
  it('add --read: kept, exit 0, "cut off or malformed: 0 links read"', async () => {
    site = await startSite((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><item><ti'));
    const added = await stetSource(['add', `${site.origin}/feed.xml`, '--read']);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^added source #1 .*\n#1\tfeed: 0 link\(s\), 0 new article\(s\) watched\n$/) });
    expect(added.stderr).toBe('stet source: #1: warning: the feed is cut off or malformed (its root element <rss, feed or rdf:RDF> is never closed): 0 links read\n');
    expect((await stetSource(['read', '1'])).stderr).toMatch(/^stet source: #1: warning: the feed is cut off or malformed/);
  });
});
