/**
 * `npm run bench diff`: time per `diffArticles` on realistic articles (30–200
 * paragraphs, 1–20 edits) and on each pathological input of issue 4, side by
 * side in the same run with Python's difflib.ndiff (the engine
 * changedetection.io relies on) over the same paragraph lists.
 *
 * Targets (issue 4): ≥ 10× faster than difflib on realistic articles; no
 * pathological input over 250 ms. The process exits non-zero when a target
 * is missed.
 *
 * Realistic articles are built from the seed article's sentences
 * (test/fixtures/diff/guaido.json) with a seeded PRNG, so every run diffs
 * the same inputs. When the shared corpus is there ($STET_CORPUS, default
 * /work/shared/corpus), its version pairs are extracted and timed too (rows
 * marked *): real edits, mostly typography and added or removed paragraphs.
 *
 * `npx tsx bench/diff.ts --realistic`: the realistic articles only (a quick
 * run while optimising).
 *
 * `npx tsx bench/diff.ts --corpus [/work/shared/corpus]`: instead, the data
 * behind the pairing threshold (docs/diff.md): extracts every version pair
 * of the corpus, and lists each removed × added candidate pair of the same
 * gap with its similarity, so the band around the threshold can be judged
 * by eye.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { diffArticles } from '../src/diff/index.ts';
import { seededRandom } from '../src/eval/random.ts';
import type { DiffInput } from '../src/diff/model.ts';
import { prepareTokens } from '../src/diff/tokens.ts';
import { scoreSimilarity } from '../src/diff/words.ts';
import { extractArticle } from '../src/extract/index.ts';
import { decodeHtml } from '../src/fetch/decode.ts';

interface Case {
  name: string;
  kind: 'realistic' | 'pathological' | 'corpus';
  old: string[];
  new: string[];
}

const seed = JSON.parse(
  readFileSync(fileURLToPath(new URL('../test/fixtures/diff/guaido.json', import.meta.url)), 'utf8'),
) as { paragraphs: string[] };
const sentences = seed.paragraphs.flatMap((p) => p.split(/(?<=[.!?”])\s+/u)).filter((s) => s.length > 20);
const vocabulary = [...new Set(sentences.join(' ').split(/\s+/u))];

export function makeArticle(rand: () => number, paragraphs: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const n = 1 + Math.floor(rand() * 4);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      // shuffle a few words so that paragraphs are distinct but read like news
      const words = sentences[Math.floor(rand() * sentences.length)]!.split(' ');
      const at = Math.floor(rand() * words.length);
      words[at] = vocabulary[Math.floor(rand() * vocabulary.length)]!;
      parts.push(words.join(' '));
    }
    out.push(parts.join(' '));
  }
  return out;
}

/** Realistic edits: reworded numbers and words, added / removed / moved / split paragraphs. */
export function editArticle(rand: () => number, old: string[], edits: number): string[] {
  const out = [...old];
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(rand() * out.length);
    const r = rand();
    const p = out[i]!;
    if (r < 0.45) {
      const words = p.split(' ');
      const w = Math.floor(rand() * words.length);
      words[w] = /\d/.test(words[w]!) ? String(Math.floor(rand() * 5000)) : vocabulary[Math.floor(rand() * vocabulary.length)]!;
      out[i] = words.join(' ');
    } else if (r < 0.6) {
      out.splice(i, 0, makeArticle(rand, 1)[0]!);
    } else if (r < 0.7) {
      out.splice(i, 1);
    } else if (r < 0.8) {
      const [moved] = out.splice(i, 1);
      out.splice(Math.floor(rand() * out.length), 0, moved!);
    } else if (r < 0.9) {
      const words = p.split(' ');
      if (words.length > 4) {
        const at = Math.floor(words.length / 2);
        out.splice(i, 1, words.slice(0, at).join(' '), words.slice(at).join(' '));
      }
    } else {
      out[i] = p + ' ' + sentences[Math.floor(rand() * sentences.length)]!;
    }
  }
  return out;
}

export function buildCases(): Case[] {
  const cases: Case[] = [];
  const rand = seededRandom(4);
  for (const [paragraphs, edits] of [
    [30, 1],
    [30, 5],
    [60, 3],
    [60, 10],
    [100, 5],
    [100, 20],
    [150, 10],
    [200, 1],
    [200, 20],
  ] as const) {
    const old = makeArticle(rand, paragraphs);
    cases.push({ name: `${paragraphs} paragraphs, ${edits} edits`, kind: 'realistic', old, new: editArticle(rand, old, edits) });
  }
  const filler = (i: number): string => `Paragraph ${i} of the long article, with some words in it about topic ${i % 97}.`;
  const big = Array.from({ length: 13_000 }, (_, i) => filler(i));
  cases.push({ name: '1 vs 13,000 paragraphs (present)', kind: 'pathological', old: [filler(6500)], new: big });
  cases.push({ name: '1 vs 13,000 paragraphs (absent)', kind: 'pathological', old: ['Nothing in common at all.'], new: big });
  const words = Array.from({ length: 20_000 }, (_, i) => vocabulary[i % vocabulary.length]!);
  const longOld = words.join(' ');
  words[12_345] = 'EDITED';
  cases.push({ name: '20,000-word paragraph, one edit', kind: 'pathological', old: ['Intro.', longOld], new: ['Intro.', words.join(' ')] });
  const every10 = words.map((w, i) => (i % 10 === 0 ? `X${i}` : w));
  cases.push({ name: '20,000-word paragraph, an edit every 10 words', kind: 'pathological', old: ['Intro.', longOld], new: ['Intro.', every10.join(' ')] });
  const spaces = 'a' + ' '.repeat(100_000) + 'b';
  cases.push({ name: "'a' + 100,000 spaces + 'b' vs 'a c'", kind: 'pathological', old: [spaces], new: ['a c'] });
  const rewrite = seededRandom(7);
  const oldRewrite = makeArticle(rewrite, 2000);
  cases.push({ name: 'full rewrite of 2,000 paragraphs', kind: 'pathological', old: oldRewrite, new: makeArticle(rewrite, 2000) });
  const boiler = Array.from({ length: 200 }, () => 'Advertisement');
  const boilerNew = [...boiler];
  for (let i = 0; i < 200; i += 20) boilerNew.splice(i, 0, `Story paragraph ${i}.`);
  cases.push({ name: '200 identical boilerplate paragraphs, 10 inserted', kind: 'pathological', old: boiler, new: boilerNew });
  const blog = Array.from({ length: 13_000 }, (_, i) => `Update ${i} of the live blog, with some words in it about topic ${i % 97} and more.`);
  cases.push({
    name: '13,000 paragraphs, every other one edited',
    kind: 'pathological',
    old: blog,
    new: blog.map((p, i) => (i % 2 ? p.replace('some', 'several') : p)),
  });
  const alternating = Array.from({ length: 6000 }, (_, i) => (i % 2 ? 'Advertisement' : 'Share this'));
  const everyThird = Array.from({ length: 6000 }, (_, i) => (i % 3 ? 'Advertisement' : 'Share this'));
  cases.push({ name: '6,000 repeated boilerplate paragraphs, no unique anchor', kind: 'pathological', old: alternating, new: everyThird });
  return cases;
}

function v(paragraphs: string[]): DiffInput {
  return { title: null, byline: null, paragraphs };
}

/**
 * Both sides are timed the same way, inside their own runtime (process start
 * and data transfer excluded), on the same paragraph lists: calls are run in
 * batches long enough (≥ BATCH_MS) that the timer's resolution and overhead
 * vanish and each batch carries its share of garbage collection, and the
 * fastest batch's ms per call is reported (at least MIN_BATCHES batches, or
 * ~TOTAL_MS of them). The machine has two cores shared with other work: the
 * median moved up to 3× between two runs a minute apart (0.074 vs 0.209 ms,
 * same input), the fastest batch, the least disturbed one, by ~10%.
 */
const BATCH_MS = 2;
const MIN_BATCHES = 15;
const TOTAL_MS = 400;

/** ms per diff (fastest batch). stet's time is the whole `diffArticles`: alignment, pairing, word diffs, stats, `boring`. */
function timeStet(c: Case): { ms: number; limits: string | null } {
  // Versions arrive separately (parsed from two pages, or two rows): an
  // unchanged paragraph is two equal strings, not one string twice, so
  // comparing them reads them. CPython gets them that way from JSON; the
  // generated cases share the strings of unchanged paragraphs, which made
  // every comparison a pointer check on stet's side only.
  const { old, new: nw } = JSON.parse(JSON.stringify({ old: c.old, new: c.new })) as { old: string[]; new: string[] };
  const limits = diffArticles(v(old), v(nw)).limits;
  const run = (): unknown => diffArticles(v(old), v(nw));
  // calls per batch: double until one batch takes BATCH_MS
  let perBatch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let k = 0; k < perBatch; k++) run();
    if (performance.now() - t0 >= BATCH_MS || perBatch >= 1 << 16) break;
    perBatch *= 2;
  }
  const samples: number[] = [];
  let total = 0;
  while (samples.length < 3 || (samples.length < MIN_BATCHES && total < 2000) || (total < TOTAL_MS && samples.length < 200)) {
    const t0 = performance.now();
    for (let k = 0; k < perBatch; k++) run();
    const ms = performance.now() - t0;
    samples.push(ms / perBatch);
    total += ms;
  }
  return { ms: Math.min(...samples), limits };
}

/**
 * JIT warm-up before anything is timed: every small case runs for a while,
 * so the first case timed does not pay for compiling the differ (a server
 * diffing all day runs warm code; CPython has no JIT to warm).
 */
function warmUp(cases: Case[]): void {
  for (const c of cases) {
    if (c.kind === 'pathological') continue;
    const t0 = performance.now();
    while (performance.now() - t0 < 50) diffArticles(v(c.old), v(c.new));
  }
}

const PYTHON = String.raw`
import difflib, json, signal, sys, time
class Timeout(Exception): pass
def on_alarm(*_): raise Timeout()
signal.signal(signal.SIGALRM, on_alarm)
cases = json.load(sys.stdin)
BATCH, MIN_BATCHES, TOTAL = 0.002, 15, 0.4  # as BATCH_MS, MIN_BATCHES, TOTAL_MS in bench/diff.ts
out = []
for c in cases:
    old, new = c["old"], c["new"]
    run = lambda: list(difflib.ndiff(old, new))
    try:
        signal.alarm(int(c["budget"]))
        t0 = time.perf_counter(); run(); first = time.perf_counter() - t0
        per_batch = 1
        while first * per_batch < BATCH and per_batch < 1 << 16: per_batch *= 2
        samples, total = [], first
        while first < 2 and (len(samples) < 3 or (len(samples) < MIN_BATCHES and total < 2) or (total < TOTAL and len(samples) < 200)):
            t0 = time.perf_counter()
            for _ in range(per_batch): run()
            dt = time.perf_counter() - t0
            samples.append(dt / per_batch); total += dt
        signal.alarm(0)
        if not samples: samples = [first]  # one call over 2 s: timed once
        out.append({"ms": min(samples) * 1000, "timeout": False})
    except Timeout:
        out.append({"ms": c["budget"] * 1000, "timeout": True})
print(json.dumps(out))
`;

function timeDifflib(cases: Case[], budgetSeconds: number): { ms: number; timeout: boolean }[] {
  const run = spawnSync('python3', ['-c', PYTHON], {
    input: JSON.stringify(cases.map((c) => ({ old: c.old, new: c.new, budget: budgetSeconds }))),
    maxBuffer: 1 << 26,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`python3 difflib failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { ms: number; timeout: boolean }[];
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));

function main(): void {
  const only = process.argv.includes('--realistic'); // quick runs while optimising
  const cases = only
    ? buildCases().filter((c) => c.kind === 'realistic')
    : [...buildCases(), ...corpusCases(process.env.STET_CORPUS ?? '/work/shared/corpus')];
  const budget = Number(process.env.DIFFLIB_BUDGET_S ?? 20);
  const py = timeDifflib(cases, budget);
  warmUp(cases);
  const rows: string[][] = [['input', 'paragraphs', 'stet ms', 'difflib ms', 'difflib ÷ stet', 'limits']];
  const realisticRatios: number[] = [];
  const corpusRatios: number[] = [];
  const failures: string[] = [];
  cases.forEach((c, k) => {
    const stet = timeStet(c);
    const p = py[k]!;
    const ratio = p.ms / stet.ms;
    if (c.kind === 'realistic') realisticRatios.push(ratio);
    if (c.kind === 'corpus') corpusRatios.push(ratio);
    if (c.kind === 'pathological' && stet.ms > 250) failures.push(`${c.name}: ${fmt(stet.ms)} ms > 250 ms`);
    rows.push([
      `${c.kind === 'pathological' ? '! ' : c.kind === 'corpus' ? '* ' : ''}${c.name}`,
      `${c.old.length} → ${c.new.length}`,
      fmt(stet.ms),
      p.timeout ? `> ${budget * 1000}` : fmt(p.ms),
      `${p.timeout ? '> ' : ''}${ratio.toFixed(1)}×`,
      stet.limits ? stet.limits.slice(0, 60) + (stet.limits.length > 60 ? '…' : '') : '',
    ]);
  });
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  for (const r of rows) console.log(r.map((cell, col) => (col >= 2 && col <= 4 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  '));
  const geomean = (xs: number[]): number => Math.exp(xs.reduce((s, r) => s + Math.log(r), 0) / xs.length);
  const geo = geomean(realisticRatios);
  const worst = Math.min(...realisticRatios);
  console.log('\n! pathological input (target: under 250 ms); * a version pair of the corpus, extracted (real edits)');
  console.log(`realistic articles: difflib ÷ stet geometric mean ${geo.toFixed(1)}×, worst ${worst.toFixed(1)}× (target ≥ 10×)`);
  if (corpusRatios.length > 0) {
    console.log(
      `corpus pairs (${corpusRatios.length}): difflib ÷ stet geometric mean ${geomean(corpusRatios).toFixed(1)}×, worst ${Math.min(...corpusRatios).toFixed(1)}×`,
    );
  }
  if (worst < 10) failures.push(`realistic: worst ratio ${worst.toFixed(1)}× < 10×`);
  console.log(failures.length === 0 ? 'targets met' : `targets missed:\n  ${failures.join('\n  ')}`);
  if (failures.length > 0) process.exitCode = 1;
}

/** Version pairs of the shared corpus, extracted (when the corpus is there): real edits. */
export function corpusCases(root: string): Case[] {
  let manifest: string[];
  try {
    manifest = readFileSync(`${root}/pairs/manifest.jsonl`, 'utf8').trim().split('\n');
  } catch {
    return [];
  }
  const cases: Case[] = [];
  for (const line of manifest) {
    const e = JSON.parse(line) as { id: string; url: string | null; old: { html: string }; new: { html: string } };
    const load = (path: string): string[] =>
      extractArticle(decodeHtml(gunzipSync(readFileSync(`${root}/${path}`))).html, e.url).paragraphs;
    const [a, b] = [load(e.old.html), load(e.new.html)];
    if (a.join('\n') === b.join('\n')) continue; // nothing to diff
    cases.push({ name: `corpus ${e.id.replace(/^postlight-parser-/, '').slice(0, 44)}`, kind: 'corpus', old: a, new: b });
  }
  return cases;
}

/** Similarity of every removed × added pair of the same gap, over the corpus pairs. */
function corpusCandidates(root: string): void {
  const manifest = readFileSync(`${root}/pairs/manifest.jsonl`, 'utf8').trim().split('\n');
  const found: { id: string; s: number; a: string; b: string }[] = [];
  for (const line of manifest) {
    const e = JSON.parse(line) as { id: string; url: string | null; old: { html: string }; new: { html: string } };
    const load = (path: string): DiffInput => {
      const a = extractArticle(decodeHtml(gunzipSync(readFileSync(`${root}/${path}`))).html, e.url);
      return { title: a.title, byline: a.byline, paragraphs: a.paragraphs };
    };
    const [a, b] = [load(e.old.html), load(e.new.html)];
    // thresholds at 1: every gap stays removed + added, so the gaps are the alignment's own
    const d = diffArticles(a, b, { pairThreshold: 1.01, moveThreshold: 1.01, splitThreshold: 1.01 });
    let removed: number[] = [];
    let added: number[] = [];
    const flush = (): void => {
      for (const i of removed) {
        for (const j of added) {
          const dict = new Map<string, number>();
          const s = scoreSimilarity(prepareTokens(a.paragraphs[i]!, dict), prepareTokens(b.paragraphs[j]!, dict), 100_000);
          if (s >= 0.05) found.push({ id: e.id, s, a: a.paragraphs[i]!, b: b.paragraphs[j]! });
        }
      }
      removed = [];
      added = [];
    };
    for (const block of d.blocks) {
      if (block.op === 'removed') removed.push(block.old);
      else if (block.op === 'added') added.push(block.new);
      else if (block.op === 'unchanged') flush();
    }
    flush();
  }
  found.sort((x, y) => x.s - y.s);
  const cut = (t: string): string => (t.length > 90 ? t.slice(0, 90) + '…' : t);
  for (const f of found) {
    if (f.s < 0.75) console.log(`${f.s.toFixed(3)}  ${f.id}\n        - ${cut(f.a)}\n        + ${cut(f.b)}`);
  }
  const buckets = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.01];
  console.log(`\n${manifest.length} pairs, ${found.length} same-gap candidates with similarity ≥ 0.05:`);
  for (let k = 0; k + 1 < buckets.length; k++) {
    const n = found.filter((f) => f.s >= buckets[k]! && f.s < buckets[k + 1]!).length;
    console.log(`  [${buckets[k]!.toFixed(2)}, ${Math.min(1, buckets[k + 1]!).toFixed(2)}${k + 2 === buckets.length ? ']' : ')'}  ${n}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--corpus');
  if (at === -1) main();
  else corpusCandidates(process.argv[at + 1] ?? '/work/shared/corpus');
}
