/**
 * How the `stet` command says no: unknown ids, malformed arguments and a
 * database that cannot be opened exit 2 with one line that starts with the
 * command's own name ("stet pause: …") and names what was wrong.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, stet, STET_BIN } from '../support/cli.ts';

describe('stet command errors', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stet-cli-errors-'));
    env = { DATABASE_PATH: join(dir, 'stet.db') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Node's recursive mkdir loops for ever on a folder /proc cannot hold (it answers ENOENT to each mkdir);
  // `timeout` stops the old behaviour after 10 s, so the test fails instead of hanging.
  it.runIf(existsSync('/proc/self'))('a DATABASE_PATH in a folder that cannot be made (/proc/nope) exits 2 at once, naming the path', async () => {
    const started = Date.now();
    const result = await run('timeout', ['10', process.execPath, STET_BIN, 'list'], { ...env, DATABASE_PATH: '/proc/nope/x.db' });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stet list: cannot open the database DATABASE_PATH="\/proc\/nope\/x\.db": .*\/proc\/nope/);
  });

  it.each([
    [['check', '9999'], 'stet check: no article #9999 (stet list shows the ids)\n'],
    [['pause', '9999'], 'stet pause: no article #9999 (stet list shows the ids)\n'],
    [['interval', '9999', '5'], 'stet interval: no article #9999 (stet list shows the ids)\n'],
    [['delete', '9999', '--yes'], 'stet delete: no article #9999 (stet list shows the ids)\n'],
    [['source', 'read', '9999'], 'stet source read: no source #9999 (stet source list shows the ids)\n'],
    [['source', 'interval', '9999', '5'], 'stet source interval: no source #9999 (stet source list shows the ids)\n'],
    [['source', 'pause', '9999'], 'stet source pause: no source #9999 (stet source list shows the ids)\n'],
    [['source', 'resume', '9999'], 'stet source resume: no source #9999 (stet source list shows the ids)\n'],
    [['source', 'remove', '9999'], 'stet source remove: no source #9999 (stet source list shows the ids)\n'],
  ])('an unknown id: stet %j exits 2 and says which id and where the ids are', async (args, stderr) => {
    expect(await stet(args, env)).toMatchObject({ code: 2, stdout: '', stderr });
  });

  it.each([
    [['pause', 'abc'], 'stet pause: the article id must be a positive whole number, got "abc"\n'],
    [['check', '0'], 'stet check: the article id must be a positive whole number, got "0"\n'],
    [['delete', '1e1'], 'stet delete: the article id must be a positive whole number, got "1e1"\n'],
    [['interval', '1', 'often'], 'stet interval: the minutes must be a whole number from 1 to 10080 (7 days), got "often"\n'],
    [['source', 'read', 'x'], 'stet source read: the source id must be a positive whole number, got "x"\n'],
    [['source', 'interval', '1', '0'], 'stet source interval: the minutes must be a whole number from 1 to 10080 (7 days), got "0"\n'],
  ])('a malformed argument: stet %j names the command and the argument, exit 2', async (args, stderr) => {
    expect(await stet(args, env)).toMatchObject({ code: 2, stdout: '', stderr });
  });

  it.each([
    [['watch', 'http://127.0.0.1:8001/news/1'], /^stet watch: http:\/\/127\.0\.0\.1:8001\/news\/1 cannot be fetched: 127\.0\.0\.1 is loopback .*set ALLOW_PRIVATE_NETWORKS=true/],
    [['source', 'add', 'http://localhost:8001/feed.xml', '--read'], /^stet source add: http:\/\/localhost:8001\/feed\.xml cannot be fetched: localhost is the loopback .*set ALLOW_PRIVATE_NETWORKS=true/],
  ])('a local address without ALLOW_PRIVATE_NETWORKS: stet %j is refused (exit 2), saying why and how to allow it; nothing is kept', async (args, stderr) => {
    const result = await stet(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(stderr);
    expect((await stet(['list'], env)).stdout).not.toContain('127.0.0.1');
    expect((await stet(['source', 'list'], env)).stdout).not.toContain('localhost');
  });

  it('a bad setting is reported under the command\'s name', async () => {
    const result = await stet(['source', 'list'], { ...env, PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stet source list: invalid settings:\n {2}PORT="eighty"/);
  });

  it.runIf(existsSync('/proc/self'))('demo --database names --database, not DATABASE_PATH, when that file cannot be opened', async () => {
    const result = await run('timeout', ['20', process.execPath, STET_BIN, 'demo', '--database', '/proc/nope/demo.db'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^stet demo: cannot open the database --database "\/proc\/nope\/demo\.db": /);
    expect(result.stderr).not.toContain('DATABASE_PATH');
  });

  it('watch --interval for a URL already watched says the interval stays, and how to change it; exit 0', async () => {
    const db = { ...env, DATABASE_PATH: join(dir, 'watch.db') };
    expect(await stet(['watch', 'https://news.example/story', '--interval', '5'], db)).toMatchObject({ code: 0, stdout: 'watching #1 https://news.example/story\n' });
    const again = await stet(['watch', 'https://news.example/story?utm_source=x', '--interval', '60'], db);
    expect(again).toMatchObject({ code: 0, stdout: 'already watching #1 https://news.example/story (interval stays 5 min; `stet interval 1 60` changes it)\n' });
    expect(JSON.parse((await stet(['list', '--json'], db)).stdout)).toMatchObject([{ id: 1, intervalMinutes: 5 }]);
    // No --interval, or the interval it has: nothing to say.
    expect((await stet(['watch', 'https://news.example/story'], db)).stdout).toBe('already watching #1 https://news.example/story\n');
    expect((await stet(['watch', 'https://news.example/story', '--interval', '5'], db)).stdout).toBe('already watching #1 https://news.example/story\n');
  });
});
