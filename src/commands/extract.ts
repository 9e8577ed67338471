/**
 * `stet extract <file.html|-> [--url U]`: print the extracted Article as JSON.
 * `stet extract --manifest <manifest.jsonl> --out <predictions.jsonl>`: batch
 * mode over the corpus manifest format (html paths relative to the manifest's
 * folder, `.gz` read transparently); one JSON line per page
 * `{id, title, byline, publishedAt, modifiedAt, paragraphs, text, ms}`,
 * progress on stderr.
 *
 * The I/O edge around the pure `extractArticle`: reading bytes, charset
 * decoding (decodeSavedHtml, src/fetch/decode.ts), writing results.
 */
import { Command } from 'commander';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { decodeSavedHtml } from '../fetch/decode.ts';
import { readInputBytes } from './input.ts';
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

function extractBatch(manifestPath: string, outPath: string): void {
  const base = dirname(resolve(manifestPath));
  const lines = readFileSync(manifestPath, 'utf8').split('\n').filter((l) => l.trim().length > 0);
  const out = openSync(outPath, 'w');
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
        process.stderr.write(`line ${i + 1}: not JSON, skipped\n`);
        return;
      }
      let html: string;
      try {
        html = decodeSavedHtml(readInputBytes(resolve(base, entry.html)));
      } catch (err) {
        failures++;
        process.stderr.write(`${entry.id}: ${(err as Error).message}\n`);
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
  process.stderr.write(
    `${process.stderr.isTTY ? '\n' : ''}${n} pages in ${wall.toFixed(2)} s (${(n / wall).toFixed(1)} pages/s with I/O; extraction alone ${(n / (extractMs / 1000)).toFixed(1)} pages/s)${failures > 0 ? `, ${failures} failed` : ''}\n`,
  );
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
      if (opts.out === undefined) command.error('--manifest needs --out <predictions.jsonl>');
      extractBatch(opts.manifest, opts.out!);
      return;
    }
    if (file === undefined) command.error('give an HTML file, - for stdin, or --manifest with --out');
    extractOne(file!, opts.url ?? null);
  });
  return command;
}
