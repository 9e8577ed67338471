/**
 * `npm run bench extract`: extraction throughput (pages/s) and peak RSS over
 * the whole development corpus (every extraction page and both sides of every
 * version pair), side by side in one run with:
 *
 * - `baseline`: the corpus loaded and looped over, no work (RSS floor);
 * - `htmlparser2`: the bare htmlparser2 + domhandler parse (`parseDocument`),
 *   the ceiling the issue names (stet parses with its own lean tree builder);
 * - `@mozilla/readability` on `linkedom`;
 * - `@mozilla/readability` on `jsdom` (Readability's reference DOM).
 *
 * Each engine runs in its own child process so peak RSS is its own. Pages are
 * read and charset-decoded before the clock starts: the timed loop is
 * HTML string → result, single-threaded. Fast engines repeat the corpus until
 * at least MIN_SECONDS have elapsed.
 *
 * Targets (issue 3): ≥ 100 pages/s per core, peak RSS < 300 MB. The process
 * exits non-zero when stet misses one.
 *
 *   npm run bench extract                # all engines
 *   node --import tsx bench/extract.ts --engine stet [--corpus DIR]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeSavedHtml } from '../src/fetch/decode.ts';

const here = dirname(fileURLToPath(import.meta.url));
const ENGINES = ['baseline', 'stet', 'htmlparser2', 'readability+linkedom', 'readability+jsdom'] as const;
type Engine = (typeof ENGINES)[number];
const MIN_SECONDS = 3;
const TARGET_PAGES_PER_S = 100;
const TARGET_RSS_MB = 300;

interface Page {
  html: string;
  url: string | null;
}

interface EngineResult {
  engine: Engine;
  pages: number;
  passes: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMb: number;
  failures: number;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function corpusRoot(): string {
  return resolve(argValue('--corpus') ?? process.env['STET_CORPUS'] ?? resolve(here, '../../shared/corpus'));
}

function readHtml(path: string): string {
  const raw = readFileSync(path);
  return decodeSavedHtml(path.endsWith('.gz') ? gunzipSync(raw) : raw);
}

function loadCorpus(root: string): Page[] {
  const pages: Page[] = [];
  const extraction = resolve(root, 'extraction', 'manifest.jsonl');
  for (const line of readFileSync(extraction, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { html: string; url: string | null };
    pages.push({ html: readHtml(resolve(root, 'extraction', e.html)), url: e.url });
  }
  const pairs = resolve(root, 'pairs', 'manifest.jsonl');
  if (existsSync(pairs)) {
    for (const line of readFileSync(pairs, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const p = JSON.parse(line) as { url: string | null; old: { html: string }; new: { html: string } };
      pages.push({ html: readHtml(resolve(root, p.old.html)), url: p.url });
      pages.push({ html: readHtml(resolve(root, p.new.html)), url: p.url });
    }
  }
  return pages;
}

async function makeEngine(engine: Engine): Promise<(page: Page) => unknown> {
  switch (engine) {
    case 'baseline':
      // The corpus in memory and the loop, no work: the RSS every engine starts from.
      return (p) => p.html.length;
    case 'stet': {
      const { extractArticle } = await import('../src/extract/index.ts');
      return (p) => extractArticle(p.html, p.url);
    }
    case 'htmlparser2': {
      const { parseDocument } = await import('htmlparser2');
      return (p) => parseDocument(p.html);
    }
    case 'readability+linkedom': {
      const { Readability } = await import('@mozilla/readability');
      const { parseHTML } = await import('linkedom');
      return (p) => {
        const { document } = parseHTML(p.html);
        return new Readability(document as unknown as Document).parse();
      };
    }
    case 'readability+jsdom': {
      const { Readability } = await import('@mozilla/readability');
      const { JSDOM, VirtualConsole } = await import('jsdom');
      const virtualConsole = new VirtualConsole(); // CSS/script noise from real pages: not ours to print
      return (p) => {
        const dom = new JSDOM(p.html, { url: p.url ?? 'https://example.invalid/', virtualConsole });
        try {
          return new Readability(dom.window.document).parse();
        } finally {
          dom.window.close();
        }
      };
    }
  }
}

/** Child mode: run one engine over the corpus and print one JSON line. */
async function runChild(engine: Engine): Promise<void> {
  const pages = loadCorpus(corpusRoot());
  const run = await makeEngine(engine);
  let failures = 0;
  let done = 0;
  let passes = 0;
  const started = performance.now();
  do {
    for (const p of pages) {
      try {
        run(p);
      } catch {
        failures++;
      }
      done++;
    }
    passes++;
  } while ((performance.now() - started) / 1000 < MIN_SECONDS && engine !== 'readability+jsdom');
  const seconds = (performance.now() - started) / 1000;
  const result: EngineResult = {
    engine,
    pages: pages.length,
    passes,
    seconds,
    pagesPerSecond: done / seconds,
    // maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    failures,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

function runParent(): number {
  const results: EngineResult[] = [];
  for (const engine of ENGINES) {
    process.stderr.write(`running ${engine}…\n`);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--engine', engine, '--corpus', corpusRoot()], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      console.error(`${engine} failed (exit ${child.status}):\n${child.stderr.slice(-2000)}`);
      continue;
    }
    results.push(JSON.parse(line) as EngineResult);
  }
  const stet = results.find((r) => r.engine === 'stet');
  const header = ['engine', 'pages/s', 'peak RSS MB (+ over baseline)', 'stet speed ×', 'pages × passes', 'seconds', 'failures'];
  const base = results.find((r) => r.engine === 'baseline');
  const rows = results.filter((r) => r.engine !== 'baseline').map((r) => [
    r.engine,
    r.pagesPerSecond.toFixed(1),
    base ? `${r.peakRssMb.toFixed(0)} (+${Math.max(0, r.peakRssMb - base.peakRssMb).toFixed(0)})` : r.peakRssMb.toFixed(0),
    stet ? `${(stet.pagesPerSecond / r.pagesPerSecond).toFixed(2)}×` : '—',
    `${r.pages} × ${r.passes}`,
    r.seconds.toFixed(1),
    String(r.failures),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`extraction over ${corpusRoot()} (${stet?.pages ?? '?'} pages), one core each, node ${process.version}`);
  if (base) console.log(`baseline (corpus decoded in memory, no work): peak RSS ${base.peakRssMb.toFixed(0)} MB`);
  console.log(fmt(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(fmt(r));
  if (!stet) return 1;
  const ok = stet.pagesPerSecond >= TARGET_PAGES_PER_S && stet.peakRssMb < TARGET_RSS_MB && stet.failures === 0;
  console.log(
    `stet: ${stet.pagesPerSecond.toFixed(1)} pages/s (target ≥ ${TARGET_PAGES_PER_S}), peak RSS ${stet.peakRssMb.toFixed(0)} MB (target < ${TARGET_RSS_MB}) → ${ok ? 'OK' : 'MISSED'}`,
  );
  return ok ? 0 : 1;
}

const engine = argValue('--engine');
if (engine !== undefined) {
  if (!(ENGINES as readonly string[]).includes(engine)) {
    console.error(`unknown engine ${engine}; one of ${ENGINES.join(', ')}`);
    process.exitCode = 2;
  } else {
    runChild(engine as Engine).catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
  }
} else {
  process.exitCode = runParent();
}
