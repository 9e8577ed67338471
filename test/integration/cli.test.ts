/**
 * The `stet` command as a user runs it: the real bin script in a child
 * process, a real SQLite file, a real newsroom on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stet } from '../support/cli.ts';
import { ORIGINAL, UPDATE_1, startNewsroom, type Newsroom } from '../support/newsroom.ts';

describe('stet CLI', () => {
  let newsroom: Newsroom;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    newsroom = await startNewsroom(ORIGINAL);
    dir = mkdtempSync(join(tmpdir(), 'stet-cli-'));
    env = { DATABASE_PATH: join(dir, 'stet.db'), ALLOW_PRIVATE_NETWORKS: 'true' };
  });
  afterAll(async () => {
    await newsroom?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('watch --check, check and list work on one database', async () => {
    const watched = await stet(['watch', newsroom.articleUrl, '--check'], env);
    expect(watched.stdout).toMatch(/watching #1 /);
    expect(watched.stdout).toMatch(/first-version → version 1/);
    expect(watched.code).toBe(0);

    newsroom.edition = UPDATE_1;
    const checked = await stet(['check', '--all'], env);
    expect(checked.stdout).toMatch(/#1\tnew-version → version 2/);

    const listed = await stet(['list', '--json'], env);
    const articles = JSON.parse(listed.stdout) as { id: number; versionCount: number }[];
    expect(articles).toMatchObject([{ id: 1, versionCount: 2 }]);
  });

  it('pause keeps the article out of check --all and list shows it paused; resume brings it back', async () => {
    const paused = await stet(['pause', '1'], env);
    expect(paused).toMatchObject({ code: 0, stdout: expect.stringMatching(/^#1\tpaused\t/) });
    expect((await stet(['watch', newsroom.articleUrl], env)).stdout).toMatch(/already watching #1 .*\n#1 is paused: stet resume 1 checks it again/);
    expect((await stet(['check', '--all'], env)).stdout).toBe('');
    expect(JSON.parse((await stet(['list', '--json'], env)).stdout)).toMatchObject([{ id: 1, state: 'paused', versionCount: 2 }]);

    expect((await stet(['resume', '1'], env)).stdout).toMatch(/^#1\tactive\t/);
    expect((await stet(['check', '--all'], env)).stdout).toMatch(/^#1\t/);

    const missing = await stet(['pause', '99'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no article #99/);
  });

  it('refuses loopback addresses unless ALLOW_PRIVATE_NETWORKS is set, and says why', async () => {
    const checked = await stet(['check', '1'], { ...env, ALLOW_PRIVATE_NETWORKS: 'false' });
    expect(checked.stdout).toMatch(/failed: blocked-address: 127\.0\.0\.1 is loopback .*ALLOW_PRIVATE_NETWORKS=true/);
    expect(checked.code).toBe(1);
  });

  it('a bad setting stops the command with a message naming the variable', async () => {
    const run = await stet(['list'], { ...env, PORT: 'eighty' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT');
  });

  it.each([[['check']], [['check', 'abc']], [['check', '0']]])('stet %j explains what it needs and exits 2', async (args) => {
    const run = await stet(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give an article id or --all|positive whole number/);
  });

  it('a DATABASE_PATH that is not a database is named in the error, exit 2', async () => {
    const notADatabase = join(dir, 'notes.txt');
    writeFileSync(notADatabase, 'these are my notes, not a database\n'.repeat(100));
    const run = await stet(['list'], { ...env, DATABASE_PATH: notADatabase });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_PATH');
    expect(readFileSync(notADatabase, 'utf8')).toMatch(/^these are my notes/);
  });

  it('files that are missing or malformed are named in one line, exit 2', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '["a paragraph",');
    const cases: [string[], RegExp][] = [
      [['extract', join(dir, 'missing.html')], /cannot read .*missing\.html: no such file/],
      [['diff', '--paragraphs', broken, broken], /broken\.json: not JSON/],
      [['diff', join(dir, 'missing.html'), join(dir, 'missing.html')], /no such file/],
    ];
    for (const [args, message] of cases) {
      const run = await stet(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
  });

  it('a bad URL is refused with exit code 2', async () => {
    const run = await stet(['watch', 'not a url'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a valid URL/);
  });

  it('demo plays the whole story: three versions and a stamp-only update', async () => {
    const run = await stet(['demo', '--every', '1'], { PORT: '0', LOG_LEVEL: 'warn' }, { until: /story is told/ });
    expect(run.stdout).toMatch(/first-version → version 1/);
    expect(run.stdout).toMatch(/new-version → version 2/);
    expect(run.stdout).toMatch(/new-version → version 3/);
    expect(run.stdout).toMatch(/stamp-only/);
    expect(run.code).toBe(0);
  });
});
