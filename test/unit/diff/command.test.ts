import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { diffCommand, parseParagraphsJson } from '../../../src/commands/diff.ts';

function run(args: string[]): string {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    diffCommand().exitOverride().parse(args, { from: 'user' });
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('stet diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stet-diff-'));
  const oldFile = join(dir, 'old.json');
  const newFile = join(dir, 'new.json');
  writeFileSync(oldFile, JSON.stringify(['Intro.', 'Over 3,000 officers deserted.']));
  writeFileSync(newFile, JSON.stringify({ title: 'T', paragraphs: ['Intro.', 'Over 4,000 officers deserted.'] }));
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--paragraphs prints the diff model as JSON by default', () => {
    const model = JSON.parse(run([oldFile, newFile, '--paragraphs']));
    expect(model.stats).toMatchObject({ changed: 1, unchanged: 1 });
    expect(model.title).toMatchObject({ old: null, new: 'T' });
  });

  it('--format text prints [-…-]{+…+} markers', () => {
    expect(run([oldFile, newFile, '--paragraphs', '--format', 'text'])).toContain('~ ¶2: Over [-3,000-]{+4,000+} officers deserted.');
  });

  it('--format html prints the fragment, side by side with --layout', () => {
    expect(run([oldFile, newFile, '--paragraphs', '--format', 'html', '--layout', 'side-by-side'])).toContain('diff-side-by-side');
  });

  it('without --paragraphs, extracts both HTML pages first', () => {
    const page = (n: string): string =>
      `<html><head><title>Deserters</title></head><body><article><h1>Deserters</h1>` +
      `<p>Over ${n} low-ranking officers deserted the military last year, according to official documents seen by Reuters.</p>` +
      `<p>A high-ranking officer, who asked not to be identified, told Reuters that the military leadership remains faithful to Maduro.</p>` +
      `</article></body></html>`;
    const a = join(dir, 'old.html');
    const b = join(dir, 'new.html');
    writeFileSync(a, page('3,000'));
    writeFileSync(b, page('4,000'));
    const text = run([a, b, '--format', 'text']);
    expect(text).toContain('[-3,000-]{+4,000+}');
  });

  it('without --paragraphs, an input that yields no article text is warned about on stderr, naming the file (JSON arrays: use --paragraphs)', () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err += String(chunk);
      return true;
    });
    const empty = join(dir, 'empty.html');
    writeFileSync(empty, '<html><body><nav>Home</nav></body></html>');
    expect(JSON.parse(run([oldFile, newFile]))).toMatchObject({ blocks: [], stats: { unchanged: 0, changed: 0 } });
    expect(err).toBe(
      `stet diff: warning: ${oldFile}: no article text found; use --paragraphs for JSON arrays of paragraphs\n` +
        `stet diff: warning: ${newFile}: no article text found; use --paragraphs for JSON arrays of paragraphs\n`,
    );
    err = '';
    run([empty, empty]);
    expect(err).toBe(`stet diff: warning: ${empty}: no article text found\nstet diff: warning: ${empty}: no article text found\n`);
    err = '';
    run([oldFile, newFile, '--paragraphs']);
    expect(err).toBe('');
  });

  it('an unknown format is a usage error', () => {
    expect(() => run([oldFile, newFile, '--paragraphs', '--format', 'pdf'])).toThrow();
  });

  it('paragraph files must be arrays of strings (or {paragraphs})', () => {
    expect(() => parseParagraphsJson('{"x": 1}', 'f.json')).toThrow(/array of paragraph strings/);
    expect(() => parseParagraphsJson('nope', 'f.json')).toThrow(/not JSON/);
  });
});
