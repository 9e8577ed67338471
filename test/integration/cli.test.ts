/**
 * The `stet` command as a user runs it: the real bin script in a child
 * process, a real SQLite file, a real newsroom on 127.0.0.1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { Store } from '../../src/db/store.ts';
import { run, stet, STET_BIN } from '../support/cli.ts';
import { ORIGINAL, UPDATE_1, startNewsroom, type Newsroom } from '../support/newsroom.ts';

describe('stet CLI', () => {
  let newsroom: Newsroom;
  let dir: string;
  let env: Record<string, string>;
  /** The settings with a database of its own, for a test that must not see (or leave) the shared article #1. */
  const freshDatabase = (name: string) => ({ ...env, DATABASE_PATH: join(dir, `${name}.db`) });

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
    // with what changed, in the words lists and feeds use
    expect(checked.stdout).toMatch(/#1\tnew-version → version 2 \(1 paragraph changed, 1 added\) \(\d+ ms\)/);

    const listed = await stet(['list', '--json'], env);
    const articles = JSON.parse(listed.stdout) as { id: number; versionCount: number }[];
    expect(articles).toMatchObject([{ id: 1, versionCount: 2 }]);
  });

  it('check says when it recorded a removal (the page gone on checks five minutes apart) and when the page is back online', async () => {
    const db = freshDatabase('removal');
    expect((await stet(['watch', newsroom.articleUrl, '--check'], db)).code).toBe(0);
    // The first sighting of the 410, six minutes ago, as a check then would have recorded it, after the first version's.
    const goneAt = Date.now() - 6 * 60_000;
    const store = new Store(openDatabase(db.DATABASE_PATH));
    store.db.$client.prepare('update checks set at = ?').run(goneAt - 60_000);
    store.recordCheck(1, { kind: 'failed', at: goneAt, status: 410, durationMs: 1, nextCheckAt: goneAt, error: 'http-status: HTTP 410 Gone' });
    store.close();
    const since = new Date(goneAt).toISOString().replace(/\./g, '\\.');
    newsroom.status = 410;
    try {
      const removed = await stet(['check', '1'], db);
      // What the server answered, in words (the code stays stored, and in the API).
      expect(removed).toMatchObject({ code: 1, stdout: expect.stringMatching(new RegExp(`^#1\tfailed: the server answered 410 Gone; recorded as removed \\(gone since ${since}\\) \\(\\d+ ms\\)\n$`)) });
      // Still gone: the removal is open already, nothing more is said.
      expect((await stet(['check', '1'], db)).stdout).toMatch(/^#1\tfailed: the server answered 410 Gone \(\d+ ms\)\n$/);
    } finally {
      newsroom.status = null;
    }
    const back = await stet(['check', '1'], db);
    expect(back).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^#1\tunchanged; back online after its removal on ${since} \\(\\d+ ms\\)\n$`)) });
    expect((await stet(['check', '1'], db)).stdout).toMatch(/^#1\tunchanged \(\d+ ms\)\n$/);
  });

  it('check says what an unconfirmed check saw and when a check confirms it; a first 410 says when a check would record the removal', async () => {
    const db = freshDatabase('confirming');
    const before = newsroom.edition;
    expect((await stet(['watch', newsroom.articleUrl, '--check'], db)).code).toBe(0);
    const inTenMinutes = (line: string) => {
      const at = Date.parse(/at (\S+),/.exec(line)?.[1] ?? '');
      return Math.abs(at - (Date.now() + 10 * 60_000)) < 60_000;
    };
    newsroom.edition = { ...before, paragraphs: [before.paragraphs[0]!, 'Please enable cookies to continue.'] };
    try {
      const held = await stet(['check', '1'], db);
      expect(held).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^#1\tunconfirmed: most of the article's text is gone or replaced, which a passing glitch \(a consent or error page\) also does; stored as a version if the next check, at \S+Z, still finds it so \(\d+ ms\)\n$/),
      });
      expect(inTenMinutes(held.stdout)).toBe(true);
    } finally {
      newsroom.edition = before;
    }
    newsroom.status = 410;
    try {
      const gone = await stet(['check', '1'], db);
      expect(gone).toMatchObject({
        code: 1,
        stdout: expect.stringMatching(/^#1\tfailed: the server answered 410 Gone; recorded as removed if the next check, at \S+Z, still finds it gone \(\d+ ms\)\n$/),
      });
      expect(inTenMinutes(gone.stdout)).toBe(true);
    } finally {
      newsroom.status = null;
    }
  });

  it('source add --read reads the newsroom\'s front page through the feed it announces and watches its story; list, pause, remove', async () => {
    const db = freshDatabase('sources');
    const added = await stet(['source', 'add', `${newsroom.url}/`, '--read'], db);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^added source #1 http:\/\/127\.0\.0\.1:\d+\/, read every 15 minutes\n#1\tfeed: 1 link\(s\), 1 new article\(s\) watched\n$/);
    expect(JSON.parse((await stet(['list', '--json'], db)).stdout)).toMatchObject([{ url: newsroom.articleUrl, versionCount: 0 }]);
    expect((await stet(['source', 'read', '1'], db)).stdout).toBe('#1\tfeed: 1 link(s), 0 new article(s) watched (1 listed by this source before)\n');
    const readAt = (JSON.parse((await stet(['source', 'list', '--json'], db)).stdout) as { lastCheckedAt: string }[])[0]!.lastCheckedAt;
    expect((await stet(['source', 'list'], db)).stdout).toBe(`#1\tactive feed\tevery 15 min\t1 article(s) added\tread ${readAt}\tNewsroom <${newsroom.url}/> via ${newsroom.url}/feed.xml\n`);
    expect((await stet(['source', 'interval', '1', '60'], db)).stdout).toMatch(/^#1\tactive feed\tevery 60 min\t/);
    expect((await stet(['source', 'pause', '1'], db)).stdout).toMatch(/^#1\tpaused feed/);
    // adding it again says it is there, and that it is not being read
    expect((await stet(['source', 'add', `${newsroom.url}/`], db)).stdout).toBe(`already a source: #1 ${newsroom.url}/ (paused: \`stet source resume 1\` reads it again)\n`);
    expect((await stet(['source', 'remove', '1'], db)).stdout).toBe('removed source #1\n');
    expect(JSON.parse((await stet(['source', 'list', '--json'], db)).stdout)).toEqual([]);
    expect(JSON.parse((await stet(['list', '--json'], db)).stdout)).toHaveLength(1); // the article stays watched

    const missing = await stet(['source', 'read', '7'], db);
    expect(missing).toMatchObject({ code: 2, stderr: 'stet source read: no source #7 (stet source list shows the ids)\n' });
    expect((await stet(['source', 'add', 'ftp://x.example/feed'], db)).code).toBe(2);
  });

  it('source add --read refuses an address that is no source at all (exit 2, nothing kept) and keeps one that fails for a while', async () => {
    const db = freshDatabase('refused-sources');
    expect((await stet(['source', 'add', `${newsroom.url}/feed.xml`, '--read'], db)).code).toBe(0);
    const refused: [string, RegExp][] = [
      // In words, not the stored codes (not-a-source: …, http-status: …, duplicate: …).
      [newsroom.articleUrl, /was not added: the address is a web page that announces no feed; give the address of its feed or sitemap\n$/],
      [`${newsroom.url}/no-such-feed.xml`, /was not added: the server answered 404 Not Found\n$/],
      [`${newsroom.url}/`, /was not added: the page announces http:\/\/127\.0\.0\.1:\d+\/feed\.xml, which source #1 already reads\n$/],
    ];
    for (const [url, why] of refused) {
      const run = await stet(['source', 'add', url, '--read'], db);
      expect(run, url).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr, url).toMatch(new RegExp(`^stet source add: ${url.replace(/[.?*+^$()[\]\\/]/g, '\\$&')} ${why.source}`));
    }
    expect((JSON.parse((await stet(['source', 'list', '--json'], db)).stdout) as { url: string }[]).map((s) => s.url)).toEqual([`${newsroom.url}/feed.xml`]);
    // Without --read nothing is read, so nothing is refused yet: the scheduler's reads will say why it fails.
    expect((await stet(['source', 'add', newsroom.articleUrl], db)).code).toBe(0);

    // A timeout is a failure for a while: the source stays, and stet says when it reads it again (exit 1).
    const silent = createServer(() => {}); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/feed.xml`;
      const run = await stet(['source', 'add', url, '--read'], { ...db, FETCH_TIMEOUT_MS: '1000', RESPECT_ROBOTS_TXT: 'false' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^added source #\d+ .*\n#\d+\tfailed: the server did not answer in time \(.*\); the source is kept and read again at \d{4}-/);
      expect((JSON.parse((await stet(['source', 'list', '--json'], db)).stdout) as { url: string }[]).map((s) => s.url)).toContain(url);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('a source refused on every read for a day stops being read: read says so, list shows failing with since when and why, resume reads it again', async () => {
    const db = freshDatabase('failing-sources');
    // Added without --read, its feed gone (404); two refusals recorded a day ago, as the Monitor would have.
    const url = `${newsroom.url}/old-feed.xml`;
    expect((await stet(['source', 'add', url], db)).code).toBe(0);
    const store = new Store(openDatabase(db.DATABASE_PATH));
    const since = Date.now() - 25 * 3_600_000;
    for (const at of [since, since + 3_600_000]) {
      store.recordSourceRefusal(1, { at, error: 'http-status: HTTP 404 Not Found', nextCheckAt: at, isRefusedForGood: () => false });
    }
    store.close();
    const sinceIso = new Date(since).toISOString();

    const read = await stet(['source', 'read', '1'], db);
    expect(read.code).toBe(1);
    expect(read.stdout).toBe(`#1\tfailed: the server answered 404 Not Found\n#1\tfailing: refused on every read since ${sinceIso}, 3 read(s); not read until resumed (stet source resume 1)\n`);
    expect((await stet(['source', 'list'], db)).stdout).toMatch(
      new RegExp(`^#1\\tfailing\\t.*\\t\\(refused on every read since ${sinceIso.replace(/\./g, '\\.')}, 3 read\\(s\\): the server answered 404 Not Found; not read until resumed: stet source resume 1\\)\\n$`),
    );
    // The JSON keeps the reason as stored, code and all.
    expect(JSON.parse((await stet(['source', 'list', '--json'], db)).stdout)).toMatchObject([{ id: 1, state: 'failing', refusalCount: 3, refusedSince: sinceIso, nextCheckAt: null, lastError: 'http-status: HTTP 404 Not Found' }]);
    // Active again, its last read's failure still shown, but not called failing: that names the state it left.
    expect((await stet(['source', 'resume', '1'], db)).stdout).toMatch(/^#1\tactive\t.*\t\(last read failed: the server answered 404 Not Found\)\n$/);
    expect(JSON.parse((await stet(['source', 'list', '--json'], db)).stdout)).toMatchObject([{ id: 1, state: 'active', refusalCount: 0, refusedSince: null }]);
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

  it('interval sets how often an article is checked (the same bounds as watch --interval); bad input exits 2 and changes nothing', async () => {
    const set = await stet(['interval', '1', '15'], env);
    expect(set).toMatchObject({ code: 0, stdout: expect.stringMatching(/^#1\tevery 15 min\tnext check \d{4}-\d\d-\d\dT[\d:.]+Z\t/) });
    expect(JSON.parse((await stet(['list', '--json'], env)).stdout)).toMatchObject([{ id: 1, intervalMinutes: 15 }]);
    for (const args of [['interval', '1', '0'], ['interval', '1', '10081'], ['interval', '1', 'often'], ['interval', '99', '15'], ['interval', '1']]) {
      const run = await stet(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/minutes|no article #99|missing required argument/);
    }
    expect(JSON.parse((await stet(['list', '--json'], env)).stdout)).toMatchObject([{ id: 1, intervalMinutes: 15 }]);
    await stet(['interval', '1', '30'], env);
  });

  it('refuses loopback addresses unless ALLOW_PRIVATE_NETWORKS is set, and says why', async () => {
    const checked = await stet(['check', '1'], { ...env, ALLOW_PRIVATE_NETWORKS: 'false' });
    expect(checked.stdout).toMatch(/failed: stet does not read this address: 127\.0\.0\.1 is loopback .*ALLOW_PRIVATE_NETWORKS=true/);
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

  it('check with both an id and --all is refused, exit 2, and checks nothing', async () => {
    const requests = newsroom.requests;
    const run = await stet(['check', '1', '--all'], env);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/give an article id or --all, not both/);
    expect(newsroom.requests).toBe(requests);
  });

  it.each(['0', '10081', '99999999', 'abc', '2.5'])('watch --interval %s is refused like the API refuses it (1 to 10080 minutes), exit 2', async (minutes) => {
    const fresh = freshDatabase(`interval-${minutes}`);
    const run = await stet(['watch', newsroom.articleUrl, '--interval', minutes], fresh);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--interval .* expected whole minutes from 1 to 10080 \(7 days\)/);
    expect(run.stdout).toBe('');
    expect((await stet(['list'], fresh)).stdout).toBe('nothing watched yet: stet watch <url>\n');
  });

  it('watch --interval 10080 (a week, the longest) is taken', async () => {
    const fresh = freshDatabase('interval-week');
    expect(await stet(['watch', newsroom.articleUrl, '--interval', '10080'], fresh)).toMatchObject({ code: 0 });
    expect(JSON.parse((await stet(['list', '--json'], fresh)).stdout)).toMatchObject([{ intervalMinutes: 10080 }]);
  });

  it('watch takes several URLs and a file of them (- for stdin): each said, a refused one named with its line, one listed again said so and counted once, the count, exit 2 when one is refused', async () => {
    const fresh = freshDatabase('watch-many');
    const list = join(dir, 'urls.txt');
    writeFileSync(list, `# the council stories\n${newsroom.url}/news/b\n\n  ${newsroom.url}/news/c  \r\nnot-a-url\n${newsroom.url}/news/a\n`);
    const run = await stet(['watch', `${newsroom.url}/news/a`, '--file', list], fresh);
    expect(run.stdout).toBe(
      [
        `watching #1 ${newsroom.url}/news/a`,
        `watching #2 ${newsroom.url}/news/b`,
        `watching #3 ${newsroom.url}/news/c`,
        `${list} line 6: #1 ${newsroom.url}/news/a listed again, watched once`,
        '3 newly watched, 0 already watched, 1 listed again, 1 refused',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe(`stet watch: ${list} line 5: not a valid URL: "not-a-url"\n`);
    expect(run.code).toBe(2);

    const piped = await stet(['watch', '--file', '-'], fresh, { stdin: `${newsroom.url}/news/d\n${newsroom.url}/news/b\n` });
    expect(piped).toMatchObject({ code: 0, stderr: '' });
    expect(piped.stdout).toMatch(/^watching #4 .*\/news\/d\nalready watching #2 .*\n1 newly watched, 1 already watched\n$/);
    expect(await stet(['watch', '--file', '-'], fresh, { stdin: '# nothing\n\n' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/no URL in standard input/) });
    expect(await stet(['watch', '--file', join(dir, 'no-such.txt')], fresh)).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read .*no-such\.txt: no such file/) });
  });

  it('watch --file: a line holds one URL, a # comment after it (after whitespace) dropped; other whitespace refuses the line, named with its line, the others watched, exit 2', async () => {
    const fresh = freshDatabase('watch-file-lines');
    const news = `${newsroom.url}/news`;
    const run = await stet(['watch', '--file', '-'], fresh, { stdin: `${news}/w30\tMy title\n${news}/w31 # comment\n${news}/w22 ${news}/w23\n${news}/w32#top\t# a fragment, then a comment\n` });
    expect(run.stdout).toBe([`watching #1 ${news}/w31`, `watching #2 ${news}/w32`, '2 newly watched, 0 already watched, 2 refused', ''].join('\n'));
    expect(run.stderr).toBe(
      [
        `stet watch: standard input line 1: one URL a line, then only a # comment: "${news}/w30\\tMy title"`,
        `stet watch: standard input line 3: one URL a line, then only a # comment: "${news}/w22 ${news}/w23"`,
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(2);
    expect(JSON.parse((await stet(['list', '--json'], fresh)).stdout).map((a: { url: string }) => a.url).sort()).toEqual([`${news}/w31`, `${news}/w32`]);
  });

  it('watch refuses a URL argument with whitespace inside instead of percent-encoding it (a pasted "…/a b", two URLs in one argument); space around it is trimmed; the others are watched, exit 2', async () => {
    const fresh = freshDatabase('watch-argument-spaces');
    const news = `${newsroom.url}/news`;
    const run = await stet(['watch', `${news}/a b`, ` ${news}/c\n`, `${news}/d\t${news}/e`], fresh);
    expect(run.stdout).toBe([`watching #1 ${news}/c`, '1 newly watched, 0 already watched, 2 refused', ''].join('\n'));
    expect(run.stderr).toBe(
      [
        `stet watch: not a valid URL, whitespace inside: "${news}/a b" (a space in a URL is written %20; give several URLs as separate arguments)`,
        `stet watch: not a valid URL, whitespace inside: "${news}/d\\t${news}/e" (a space in a URL is written %20; give several URLs as separate arguments)`,
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(2);
    expect(await stet(['watch', `${news}/a%20b`], fresh)).toMatchObject({ code: 0, stdout: `watching #2 ${news}/a%20b\n` });
  });

  it('watch --file is repeatable: each file read in order (stdin among them), after the URL arguments', async () => {
    const fresh = freshDatabase('watch-files');
    const news = `${newsroom.url}/news`;
    const second = join(dir, 'second-urls.txt');
    writeFileSync(second, `${news}/f3\n${news}/f1\n`);
    const run = await stet(['watch', `${news}/f0`, '--file', '-', '--file', second], fresh, { stdin: `${news}/f1\n${news}/f2\n` });
    expect(run.stdout).toBe(
      [`watching #1 ${news}/f0`, `watching #2 ${news}/f1`, `watching #3 ${news}/f2`, `watching #4 ${news}/f3`, `${second} line 2: #2 ${news}/f1 listed again, watched once`, '4 newly watched, 0 already watched, 1 listed again', ''].join('\n'),
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await stet(['watch', '--file', '-', '--file', second], fresh, { stdin: '' })).toMatchObject({ code: 0 });
    const empty = join(dir, 'no-urls.txt');
    writeFileSync(empty, '# none yet\n');
    expect(await stet(['watch', '--file', '-', '--file', empty], fresh, { stdin: '\n' })).toMatchObject({ code: 2, stderr: expect.stringMatching(`no URL in standard input or ${empty}`) });
  });

  it('watch --check with several URLs checks them one site at a time and ends with the count, as check --all does', async () => {
    const fresh = freshDatabase('watch-many-check');
    const run = await stet(['watch', newsroom.articleUrl, `${newsroom.url}/news/no-such-story`, '--check'], fresh);
    expect(run.stdout).toMatch(/^#1\tfirst-version → version 1 .*\t\[\d\/2\]$/m);
    expect(run.stdout).toMatch(/^#2\tfailed: the server answered 404 Not Found .*\t\[\d\/2\]$/m);
    expect(run.stdout).toMatch(/\nchecked 2 of 2; 1 failed\n$/);
    expect(run.code).toBe(1);
  });

  // A literal private address is refused by stet watch itself now (cli-errors.test.ts), before any check.
  it.each([
    ['HTTP 404', () => `${newsroom.url}/news/no-such-story`, {}, /failed: the server answered 404 Not Found \(/],
  ])('watch --check exits 1 when the check fails, as stet check does: %s', async (name, url, settings, outcome) => {
    const fresh = { ...freshDatabase(`watch-check-fails-${name.replace(/\W+/g, '-')}`), ...settings };
    const watched = await stet(['watch', url(), '--check'], fresh);
    expect(watched.stdout).toMatch(/^watching #1 /);
    expect(watched.stdout).toMatch(outcome);
    expect(watched.code).toBe(1);
    const checked = await stet(['check', '1'], fresh);
    expect(checked.stdout).toMatch(outcome);
    expect(checked.code).toBe(1);
  });

  it.each([
    [['list', '--bogus'], /unknown option '--bogus'/],
    [['watch'], /give an article URL, or --file with one URL a line/],
    [['watch', 'https://example.com/story', '--interval'], /argument missing/],
    [['watch', 'https://example.com/story', '--interval', 'abc'], /argument 'abc' is invalid/],
    [['no-such-command'], /unknown command 'no-such-command'/],
    [['extract', '--manifest', 'corpus.jsonl'], /--manifest needs --out/],
    [['extract'], /^stet extract: give an HTML file, - for stdin, or --manifest with --out\n$/],
    // a subcommand's subcommand shows its usage after the error too
    [['source', 'add'], /^error: missing required argument 'url'\n\nUsage: stet source add /],
  ])('a usage error commander finds, stet %j, exits 2 like every other input error', async (args, message) => {
    const run = await stet(args, freshDatabase('usage'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it.each([[['--help']], [['watch', '--help']], [['help', 'watch']], [['--version']]])('stet %j exits 0', async (args) => {
    const run = await stet(args, env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(args[0] === '--version' ? /^\d+\.\d+\.\d+\n$/ : /^Usage: stet/);
  });

  it('list says an article\'s last check failed, and why in words, without calling it failing (the word for a source no longer read); --json keeps the reason as stored', async () => {
    const fresh = freshDatabase('list-failed');
    await stet(['watch', newsroom.articleUrl], fresh);
    const checked = await stet(['check', '1'], { ...fresh, ALLOW_PRIVATE_NETWORKS: 'false' });
    expect(checked).toMatchObject({ code: 1, stdout: expect.stringMatching(/^#1\tfailed: stet does not read this address: 127\.0\.0\.1 is loopback .*\) \(\d+ ms\)\n$/) });
    const listed = (await stet(['list'], fresh)).stdout;
    expect(listed).toMatch(/\t\(last check failed: stet does not read this address: 127\.0\.0\.1 is loopback .*\)\)\n$/);
    expect(listed).not.toMatch(/failing|blocked-address/);
    expect(JSON.parse((await stet(['list', '--json'], fresh)).stdout)).toMatchObject([{ lastError: expect.stringMatching(/^blocked-address: 127\.0\.0\.1 is loopback/) }]);
  });

  it('list shows each article by its title and <URL>, or by its URL until a check has found a title; the columns stay five', async () => {
    const fresh = freshDatabase('list-titles');
    const columns = async () => (await stet(['list'], fresh)).stdout.replace(/\n$/, '').split('\t');
    await stet(['watch', newsroom.articleUrl], fresh);
    expect(await columns()).toEqual(['#1', '0 version(s)', 'active', 'checked never', newsroom.articleUrl]);

    expect((await stet(['check', '1'], fresh)).code).toBe(0);
    expect(await columns()).toEqual(['#1', '1 version(s)', 'active', expect.stringMatching(/^checked \d{4}-/), `${ORIGINAL.title} <${newsroom.articleUrl}>`]);
  });

  it('delete without --yes says what it would delete and how pause keeps it, exit 2; with --yes the article and its versions are gone', async () => {
    const fresh = freshDatabase('delete');
    await stet(['watch', newsroom.articleUrl, '--check'], fresh);

    const asked = await stet(['delete', '1'], fresh);
    expect(asked.code).toBe(2);
    expect(asked.stdout).toBe('');
    expect(asked.stderr).toContain(`would delete #1 ${ORIGINAL.title} <${newsroom.articleUrl}> with its 1 version(s)`);
    expect(asked.stderr).toMatch(/nothing was deleted/);
    expect(asked.stderr).toMatch(/stet delete 1 --yes/);
    expect(asked.stderr).toMatch(/stet pause 1 .*keeps the history/);
    expect(JSON.parse((await stet(['list', '--json'], fresh)).stdout)).toMatchObject([{ id: 1, versionCount: 1 }]);

    const deleted = await stet(['delete', '1', '--yes'], fresh);
    expect(deleted).toMatchObject({ code: 0, stdout: expect.stringMatching(/^deleted #1 .* with its 1 version\(s\)\n$/) });
    expect((await stet(['list'], fresh)).stdout).toBe('nothing watched yet: stet watch <url>\n');
    expect((await stet(['export'], fresh)).stdout).toContain('{"kind":"end","articles":0,"versions":0}');

    for (const args of [['delete', '1', '--yes'], ['delete', '1'], ['delete', '99']]) {
      const missing = await stet(args, fresh);
      expect(missing.code, args.join(' ')).toBe(2);
      expect(missing.stderr, args.join(' ')).toMatch(/no article #\d+ \(stet list shows the ids\)/);
    }
    expect(await stet(['delete', 'abc'], fresh)).toMatchObject({ code: 2, stderr: expect.stringMatching(/positive whole number/) });
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

describe('stet list | head -1', () => {
  it('a reader that goes away early (head) ends the listing quietly, exit 0, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stet-epipe-'));
    try {
      const database = join(dir, 'stet.db');
      const store = new Store(openDatabase(database));
      // more than a pipe holds (64 KiB), so the writes after head exits meet a closed pipe
      for (let i = 0; i < 3000; i++) store.addArticle({ url: `https://news.example/${'long-path-segment/'.repeat(3)}story-${i}`, intervalMinutes: 30, now: 0 });
      store.close();
      const piped = await run('bash', ['-c', '"$NODE" "$BIN" list | head -1; echo "status=${PIPESTATUS[0]}" >&2'], { NODE: process.execPath, BIN: STET_BIN, DATABASE_PATH: database });
      expect(piped.stdout).toMatch(/^#3000\t/);
      expect(piped.stdout.split('\n')).toHaveLength(2);
      expect(piped.stderr).not.toMatch(/EPIPE|Error/);
      expect(piped.stderr).toMatch(/status=0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
