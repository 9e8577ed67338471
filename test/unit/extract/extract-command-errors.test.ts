/**
 * `stet extract` reports errors as the other commands do: usage errors are
 * InvalidArgumentError and unreadable or unwritable files InputError, which
 * cli.ts prints as one `stet: …` line with exit code 2; in batch mode a page
 * that fails is a `stet: …` line on stderr, the rest go on, and the exit code is 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { extractCommand } from '../../../src/commands/extract.ts';
import { InputError } from '../../../src/commands/input.ts';

describe('stet extract errors', () => {
  let dir: string;
  let stderr: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stet-extract-errors-'));
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const extract = (args: string[]) => extractCommand().exitOverride().parseAsync(args, { from: 'user' });

  it.each([
    ['no file and no manifest is a usage error', [], /^give an HTML file, - for stdin, or --manifest with --out$/],
    ['--manifest without --out is a usage error', ['--manifest', 'corpus.jsonl'], /^--manifest needs --out <predictions\.jsonl>$/],
    ['--out without --manifest is a usage error, not ignored', ['page.html', '--out', 'x.jsonl'], /^--out goes with --manifest/],
  ])('%s (InvalidArgumentError: cli.ts prints "stet: …", exit 2)', async (_rule, args, message) => {
    const error: unknown = await extract(args).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
  });

  it('a manifest that cannot be read is an InputError naming it, not a stack trace', async () => {
    const error: unknown = await extract(['--manifest', join(dir, 'missing.jsonl'), '--out', join(dir, 'out.jsonl')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^cannot read .*missing\.jsonl: no such file$/);
  });

  it('an output file that cannot be written is an InputError naming it', async () => {
    writeFileSync(join(dir, 'manifest.jsonl'), '');
    const error: unknown = await extract(['--manifest', join(dir, 'manifest.jsonl'), '--out', join(dir, 'no-such-folder', 'out.jsonl')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^cannot write .*out\.jsonl: no such folder$/);
  });

  it('in batch mode each failed page is one "stet: " line, the others are written, and the exit code is 1', async () => {
    writeFileSync(join(dir, 'a.html'), '<html><head><title>Council</title></head><body><article><p>The council voted to keep the library open.</p></article></body></html>');
    writeFileSync(join(dir, 'manifest.jsonl'), ['{"id":"a","html":"a.html"}', 'not json', '{"id":"b"}', '{"id":"c","html":"missing.html"}'].join('\n') + '\n');
    const out = join(dir, 'out.jsonl');
    await extract(['--manifest', join(dir, 'manifest.jsonl'), '--out', out]);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['a']);
    const errors = stderr.filter((l) => !/pages/.test(l));
    expect(errors).toEqual([
      expect.stringMatching(/^stet: .*manifest\.jsonl line 2: not JSON, skipped\n$/),
      expect.stringMatching(/^stet: .*manifest\.jsonl line 3: no "html" path, skipped\n$/),
      expect.stringMatching(/^stet: c: cannot read .*missing\.html: no such file\n$/),
    ]);
    expect(process.exitCode).toBe(1);
  });
  it('an empty manifest says 0 pages, without a rate (it printed NaN pages/s)', async () => {
    writeFileSync(join(dir, 'manifest.jsonl'), '');
    await extract(['--manifest', join(dir, 'manifest.jsonl'), '--out', join(dir, 'out.jsonl')]);
    expect(stderr.join('')).toMatch(/^0 pages in \d+\.\d\d s\n$/);
  });
});
