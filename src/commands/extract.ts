/**
 * `stet extract <file.html|-> [--url U]`: print the extracted Article as JSON.
 * `stet extract --manifest <manifest.jsonl> --out <predictions.jsonl>`: batch
 * mode over the corpus manifest format (html paths relative to the manifest's
 * folder, `.gz` read transparently); one JSON line per page
 * `{id, title, byline, publishedAt, modifiedAt, paragraphs, text, ms}`,
 * progress on stderr.
 *
 * The I/O edge around the pure `extractArticle`: reading bytes, charset
 * decoding (decodeSavedHtml, src/fetch/decode.ts), writing results. Errors
 * read as the other commands' do: a usage error (InvalidArgumentError) or a
 * file that cannot be read or written (InputError) is one `stet: …` line
 * from cli.ts and exit 2; in batch mode a page that fails is a `stet: …`
 * line, the others go on, and the exit code is 1.
 */
import { Command, InvalidArgumentError } from 'commander';
import { closeSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeSavedHtml } from '../fetch/decode.ts';
import { InputError, readInputBytes } from './input.ts';
import { extractArticle } from '../extract/index.ts';

interface ManifestLine {
  id: string;
  html: string;
  url?: string | null;
}

function extractOne(file: string, url: string | null): void {
  const html = decodeSavedHtml(readInputBytes(file));
  process.stdout.write(JSON.stringify(extractArticle(html, url), null, 2) + '\n');
}

function openForWriting(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such folder' : code === 'EISDIR' ? 'is a folder' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new InputError(`cannot write ${path}: ${why}`, { cause: error });
  }
}

function extractBatch(manifestPath: string, outPath: string): void {
  const base = dirname(resolve(manifestPath));
  const lines = new TextDecoder().decode(readInputBytes(manifestPath)).split('\n').filter((l) => l.trim().length > 0);
  const out = openForWriting(outPath);
  const started = performance.now();
  let extractMs = 0;
  let failures = 0;
  try {
    lines.forEach((line, i) => {
      let entry: ManifestLine;
      try {
        entry = JSON.parse(line) as ManifestLine;
      } catch {
        failures++;
        process.stderr.write(`stet: ${manifestPath} line ${i + 1}: not JSON, skipped\n`);
        return;
      }
      if (typeof entry !== 'object' || entry === null || typeof entry.html !== 'string') {
        failures++;
        process.stderr.write(`stet: ${manifestPath} line ${i + 1}: no "html" path, skipped\n`);
        return;
      }
      let html: string;
      try {
        html = decodeSavedHtml(readInputBytes(resolve(base, entry.html)));
      } catch (err) {
        failures++;
        process.stderr.write(`stet: ${entry.id}: ${(err as Error).message}\n`);
        return;
      }
      const t0 = performance.now();
      const a = extractArticle(html, entry.url ?? null);
      const ms = performance.now() - t0;
      extractMs += ms;
      const record = {
        id: entry.id,
        title: a.title,
        byline: a.byline,
        publishedAt: a.publishedAt,
        modifiedAt: a.modifiedAt,
        paragraphs: a.paragraphs,
        text: a.paragraphs.join('\n\n'),
        ms: Math.round(ms * 1000) / 1000,
      };
      writeSync(out, JSON.stringify(record) + '\n');
      if ((i + 1) % 25 === 0 || i + 1 === lines.length) {
        // Overwrite one line on a terminal; one line per step in a log.
        process.stderr.write(process.stderr.isTTY ? `\r${i + 1}/${lines.length} pages` : `${i + 1}/${lines.length} pages\n`);
      }
    });
  } finally {
    closeSync(out);
  }
  const wall = (performance.now() - started) / 1000;
  const n = lines.length - failures;
  // No page extracted (an empty manifest, or every line failed): no rate to give.
  const rates = n > 0 ? ` (${(n / wall).toFixed(1)} pages/s with I/O; extraction alone ${(n / (extractMs / 1000)).toFixed(1)} pages/s)` : '';
  process.stderr.write(`${process.stderr.isTTY && n > 0 ? '\n' : ''}${n} pages in ${wall.toFixed(2)} s${rates}${failures > 0 ? `, ${failures} failed` : ''}\n`);
  if (failures > 0) process.exitCode = 1;
}

export function extractCommand(): Command {
  const command = new Command('extract')
    .description('extract the article (title, byline, stamps, paragraphs) from saved HTML')
    .argument('[file]', 'an HTML file (.gz read transparently), or - for stdin')
    .option('--url <url>', 'the page URL (resolves the canonical URL, dates in the path)')
    .option('--manifest <manifest.jsonl>', 'batch mode: a corpus manifest (html paths relative to its folder)')
    .option('--out <predictions.jsonl>', 'batch mode: where to write one JSON line per page');
  command.action((file: string | undefined, opts: { url?: string; manifest?: string; out?: string }) => {
    if (opts.manifest !== undefined) {
      if (opts.out === undefined) throw new InvalidArgumentError('--manifest needs --out <predictions.jsonl>');
      extractBatch(opts.manifest, opts.out);
      return;
    }
    if (opts.out !== undefined) throw new InvalidArgumentError('--out goes with --manifest (one page prints to stdout)');
    if (file === undefined) throw new InvalidArgumentError('give an HTML file, - for stdin, or --manifest with --out');
    extractOne(file, opts.url ?? null);
  });
  return command;
}
