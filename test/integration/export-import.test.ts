/**
 * `stet export` and `stet import` as an operator runs them: the real bin
 * script in a child process, real SQLite files, a real newsroom on
 * 127.0.0.1 — moving a database to a fresh file and back out again.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, stet, STET_BIN, type Run } from '../support/cli.ts';
import { ORIGINAL, UPDATE_1, UPDATE_2, startNewsroom, type Newsroom } from '../support/newsroom.ts';

/** A shell pipeline; `vars` become its environment (paths go in by name, never spliced into the script). */
function shell(script: string, vars: Record<string, string>): Promise<Run> {
  return run('sh', ['-c', script], vars);
}

const afterHeader = (text: string) => text.slice(text.indexOf('\n') + 1);

describe('stet export | stet import', () => {
  let newsroom: Newsroom;
  let dir: string;
  let source: Record<string, string>;
  let target: Record<string, string>;

  beforeAll(async () => {
    newsroom = await startNewsroom(ORIGINAL);
    dir = mkdtempSync(join(tmpdir(), 'stet-transfer-cli-'));
    source = { DATABASE_PATH: join(dir, 'source.db'), ALLOW_PRIVATE_NETWORKS: 'true' };
    target = { DATABASE_PATH: join(dir, 'target.db'), ALLOW_PRIVATE_NETWORKS: 'true' };
    expect((await stet(['watch', newsroom.articleUrl, '--check'], source)).stdout).toMatch(/first-version → version 1/);
    newsroom.edition = UPDATE_1;
    expect((await stet(['check', '1'], source)).stdout).toMatch(/new-version → version 2/);
    newsroom.edition = UPDATE_2;
    expect((await stet(['check', '1'], source)).stdout).toMatch(/new-version → version 3/);
    expect((await stet(['pause', '1'], source)).code).toBe(0);
  });
  afterAll(async () => {
    await newsroom?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves a database: export --out, import into a fresh file, export again gives the same lines', async () => {
    const file = join(dir, 'stet.jsonl');
    const exported = await stet(['export', '--with-html', '--out', file], source);
    expect(exported).toMatchObject({ code: 0, stdout: '' });
    expect(exported.stderr).toBe(`exported 1 article, 3 versions to ${file}\n`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const imported = await stet(['import', file], target);
    expect(imported).toMatchObject({ code: 0, stdout: 'created 1 article, imported 3 versions\n', stderr: '' });
    expect(JSON.parse((await stet(['list', '--json'], target)).stdout)).toMatchObject([{ id: 1, url: newsroom.articleUrl, state: 'paused', versionCount: 3 }]);

    const again = await stet(['export', '--with-html'], target);
    expect(again.code).toBe(0);
    expect(afterHeader(again.stdout)).toBe(afterHeader(readFileSync(file, 'utf8')));

    // Importing the same export again changes nothing and says why.
    const twice = await stet(['import', '-'], target, { stdin: readFileSync(file, 'utf8') });
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe('created 0 articles, imported 0 versions\nskipped 1 article already present (use a fresh database or delete them first)\n');
    expect(twice.stderr).toBe(`skipped #1 ${newsroom.articleUrl} (line 2): already in this database\n`);
  });

  it('a malformed line: exit 2 naming the line, and the article is not written', async () => {
    const lines = (await stet(['export'], source)).stdout.trimEnd().split('\n');
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, [...lines.slice(0, 3), '{"kind":"version","url":', ...lines.slice(3)].join('\n') + '\n');
    const env = { ...target, DATABASE_PATH: join(dir, 'broken.db') };
    const run = await stet(['import', broken], env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^stet import: line 4: not JSON .*Nothing of the article on line 2 \(.*\/news\/venezuela\) was written\. No article before it was imported\.$/m);
    expect((await stet(['list'], env)).stdout).toBe('nothing watched yet: stet watch <url>\n');
  });

  it('an export cut short in a pipe (export | head -n K | import -): exit 2 and no partial article; the whole export then imports whole', async () => {
    // A real pipe through the shell, the source database for export and another for import; only the import speaks on stderr.
    const pipe = (k: number | null, database: string) =>
      shell(k === null ? '"$NODE" "$BIN" export 2>/dev/null | DATABASE_PATH="$TO" "$NODE" "$BIN" import -' : '"$NODE" "$BIN" export 2>/dev/null | head -n "$K" | DATABASE_PATH="$TO" "$NODE" "$BIN" import -', {
        ...source, NODE: process.execPath, BIN: STET_BIN, K: String(k), TO: database,
      });
    const list = async (database: string) => JSON.parse((await stet(['list', '--json'], { ...target, DATABASE_PATH: database })).stdout) as unknown[];

    // Lines: 1 header, 2 the article (3 versions), 3-5 its versions, 6 the end line.
    for (const k of [2, 4]) {
      const database = join(dir, `cut-${k}.db`);
      const run = await pipe(k, database);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toBe(
        `stet import: incomplete export: the input ends after line ${k} without the end line ({"kind":"end",…}) that closes every stet export, so it was cut short. ` +
          `The article on line 2 (${newsroom.articleUrl}) declares 3 versions but ${k === 2 ? 'none' : 'only 2'} followed, so it was not written. No article before it was imported. Import the whole export instead.\n`,
      );
      expect(await list(database)).toEqual([]);
      // Then the whole export brings the whole history (before, the partial one stayed and this was skipped).
      const whole = await pipe(null, database);
      expect(whole).toMatchObject({ code: 0, stdout: 'created 1 article, imported 3 versions\n', stderr: '' });
      expect(await list(database)).toMatchObject([{ url: newsroom.articleUrl, versionCount: 3 }]);
    }

    // Cut after the article's last version but before the end line: the article is whole and stays; the import still fails as cut short.
    const database = join(dir, 'cut-5.db');
    const run = await pipe(5, database);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^stet import: incomplete export: the input ends after line 5 .*; articles after line 5 may be missing\. 1 article was imported, each whole with all its versions\. Keeping it is safe/);
    expect(await list(database)).toMatchObject([{ versionCount: 3 }]);
  });

  it('an unknown --article id: exit 2, and --out writes no file', async () => {
    const file = join(dir, 'none.jsonl');
    const run = await stet(['export', '--article', '1', '7', '--out', file], source);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('stet export: no article #7 (stet list shows the ids)\n');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--progress reports on stderr while stdout carries the export', async () => {
    const run = await stet(['export', '--progress'], source);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('1/1 articles\nexported 1 article, 3 versions\n');
    expect(run.stdout.split('\n')[0]).toMatch(/^\{"format":"stet-export","version":1,"exportedAt":"\d{4}-\d\d-\d\dT[\d:.]+Z"\}$/);
  });
});
