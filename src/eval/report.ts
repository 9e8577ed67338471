/**
 * Per-page results and the summary tables printed by `npm run eval`.
 */
import type { Article } from '../extract/article.ts';
import { corpusBodyScore, pageCounts, sameByline, sameDate, sameText, snippetChecks, type PageCounts } from './metrics.ts';
import { churn, type ChurnCounts } from './churn.ts';
import type { ExtractionPage, Pair } from './corpus.ts';
import { editWord, paragraphChange } from './edits.ts';
import { seededRandom } from './random.ts';

export interface PageResult {
  id: string;
  source: string;
  ms: number;
  body: PageCounts | null;
  withOk: boolean | null;
  withoutOk: boolean | null;
  title: boolean | null;
  /** Same people named (sameByline); `bylineVerbatim`: the same string, whitespace collapsed. */
  byline: boolean | null;
  bylineVerbatim: boolean | null;
  published: boolean | null;
  publishedExact: boolean | null;
  modified: boolean | null;
  got: { title: string | null; byline: string | null; publishedAt: string | null; modifiedAt: string | null; chars: number };
  want: { title: string | null; byline: string | null; published: string | null; modified: string | null };
}

const hasTime = (s: string): boolean => /T\d{2}:\d{2}/.test(s);

export function evaluatePages(pages: ExtractionPage[], run: (p: ExtractionPage) => { article: Article; ms: number }): PageResult[] {
  const out: PageResult[] = [];
  for (const p of pages) {
    const { article, ms } = run(p);
    const text = article.paragraphs.join('\n\n');
    const e = p.expected;
    const snippets = snippetChecks(text, e.body_with ?? null, e.body_without ?? null);
    out.push({
      id: p.id,
      source: p.source,
      ms,
      body: e.body ? pageCounts(e.body, text) : null,
      withOk: snippets.withOk,
      withoutOk: snippets.withoutOk,
      title: e.title === null ? null : sameText(e.title, article.title),
      byline: e.byline === null ? null : sameByline(e.byline, article.byline),
      bylineVerbatim: e.byline === null ? null : sameText(e.byline, article.byline),
      published: e.published === null ? null : article.publishedAt !== null && e.published.slice(0, 10) === article.publishedAt.slice(0, 10),
      publishedExact: e.published === null || !hasTime(e.published) || article.publishedAt === null || !hasTime(article.publishedAt) ? null : sameDate(e.published, article.publishedAt),
      modified: e.modified === null ? null : sameDate(e.modified, article.modifiedAt),
      got: { title: article.title, byline: article.byline, publishedAt: article.publishedAt, modifiedAt: article.modifiedAt, chars: text.length },
      want: { title: e.title, byline: e.byline, published: e.published, modified: e.modified },
    });
  }
  return out;
}

function rate(values: (boolean | null)[]): string {
  const v = values.filter((x): x is boolean => x !== null);
  if (v.length === 0) return '—';
  const ok = v.filter(Boolean).length;
  return `${((100 * ok) / v.length).toFixed(1)}% (${ok}/${v.length})`;
}

function row(cells: string[], widths: number[]): string {
  return '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
}

export function formatTable(results: PageResult[]): string {
  const groups = new Map<string, PageResult[]>();
  for (const r of results) {
    const g = groups.get(r.source) ?? [];
    g.push(r);
    groups.set(r.source, g);
  }
  groups.set('ALL', results);
  const header = ['source', 'pages', 'body P', 'body R', 'body F1', 'must-include', 'must-exclude', 'snippets both', 'title', 'byline', 'byline (verbatim)', 'published (day)', 'published (time)', 'modified', 'ms/page'];
  const rows: string[][] = [];
  for (const [source, rs] of groups) {
    const bodies = rs.map((r) => r.body).filter((b): b is PageCounts => b !== null);
    const score = bodies.length > 0 ? corpusBodyScore(bodies) : null;
    const ms = rs.reduce((s, r) => s + r.ms, 0) / Math.max(1, rs.length);
    rows.push([
      source,
      String(rs.length),
      score ? score.precision.toFixed(3) : '—',
      score ? score.recall.toFixed(3) : '—',
      score ? `${score.f1.toFixed(3)} (${bodies.length})` : '—',
      rate(rs.map((r) => r.withOk)),
      rate(rs.map((r) => r.withoutOk)),
      rate(rs.map((r) => (r.withOk === null || r.withoutOk === null ? null : r.withOk && r.withoutOk))),
      rate(rs.map((r) => r.title)),
      rate(rs.map((r) => r.byline)),
      rate(rs.map((r) => r.bylineVerbatim)),
      rate(rs.map((r) => r.published)),
      rate(rs.map((r) => r.publishedExact)),
      rate(rs.map((r) => r.modified)),
      ms.toFixed(1),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [row(header, widths), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map((r) => row(r, widths))].join('\n');
}

export interface PairResult {
  id: string;
  label: string | null;
  changed: boolean;
  oldParagraphs: number;
  newParagraphs: number;
  meta: (boolean | null)[];
  /** Title/byline/published values that did not match, for `--misses`. */
  misses: Miss[];
  /** Both captures got the same title / byline (a re-capture should not show a metadata change it does not have). */
  sameTitle: boolean;
  sameByline: boolean;
}

export interface Miss {
  id: string;
  field: 'title' | 'byline' | 'published';
  want: string;
  got: string | null;
}

/** Title and byline misses of the extraction pages, expected beside extracted (`npm run eval -- <root> --misses`). */
export function pageMisses(results: PageResult[]): Miss[] {
  const out: Miss[] = [];
  for (const r of results) {
    if (r.title === false) out.push({ id: r.id, field: 'title', want: r.want.title!, got: r.got.title });
    if (r.byline === false) out.push({ id: r.id, field: 'byline', want: r.want.byline!, got: r.got.byline });
  }
  return out;
}

export function formatMisses(misses: Miss[]): string {
  return misses.map((m) => `${m.field.padEnd(9)} ${m.id}\n          want ${JSON.stringify(m.want)}\n          got  ${JSON.stringify(m.got)}`).join('\n');
}

export function evaluatePairs(pairs: Pair[], extract: (path: string, url: string | null) => Article): PairResult[] {
  return pairs.map((p) => {
    const a = extract(p.old.html, p.url);
    const b = extract(p.new.html, p.url);
    const changed = a.paragraphs.length !== b.paragraphs.length || a.paragraphs.some((x, i) => x !== b.paragraphs[i]);
    const meta: (boolean | null)[] = [];
    const misses: Miss[] = [];
    for (const [name, side, art] of [['old', p.old, a], ['new', p.new, b]] as const) {
      const e = side.expected;
      const title = e.title === null ? null : sameText(e.title, art.title);
      const byline = e.byline === null ? null : sameByline(e.byline, art.byline);
      meta.push(title, byline);
      meta.push(e.published === null ? null : art.publishedAt !== null && e.published.slice(0, 10) === art.publishedAt.slice(0, 10));
      if (title === false) misses.push({ id: `${p.id} (${name})`, field: 'title', want: e.title!, got: art.title });
      if (byline === false) misses.push({ id: `${p.id} (${name})`, field: 'byline', want: e.byline!, got: art.byline });
    }
    return { id: p.id, label: p.label, changed, oldParagraphs: a.paragraphs.length, newParagraphs: b.paragraphs.length, meta, misses, sameTitle: a.title === b.title, sameByline: a.byline === b.byline };
  });
}

export function formatPairTable(results: PairResult[]): string {
  const lines = ['Change detection on version pairs (content change = paragraphs differ):'];
  const labelled = results.filter((r) => r.label !== null);
  const unlabelled = results.filter((r) => r.label === null);
  for (const r of labelled) {
    const ok = r.label === 'insignificant' ? !r.changed : r.changed;
    lines.push(`  ${r.id} [${r.label}]: ${r.changed ? 'changed' : 'identical'} → ${ok ? 'OK' : 'WRONG'}`);
  }
  lines.push(`  unlabelled re-captures reported as changed: ${unlabelled.filter((r) => r.changed).length}/${unlabelled.length}`);
  lines.push(`  empty extraction on a side: ${results.filter((r) => r.oldParagraphs === 0 || r.newParagraphs === 0).length}/${results.length}`);
  const field = (k: number): (boolean | null)[] => results.flatMap((r) => [r.meta[k]!, r.meta[k + 3]!]);
  lines.push(`  metadata on pair captures: title ${rate(field(0))}, byline ${rate(field(1))}, published day ${rate(field(2))}`);
  lines.push(`  same on both captures: title ${results.filter((r) => r.sameTitle).length}/${results.length}, byline ${results.filter((r) => r.sameByline).length}/${results.length}`);
  return lines.join('\n');
}

/** How many churned fetches evaluateChurn makes of each page, and formatChurnTable reports by default. */
export const CHURN_FETCHES = 3;

/** One page under churn: whether any churned fetch changed its extraction, and the first difference seen. */
export interface ChurnResult {
  id: string;
  falseAlarm: boolean;
  counts: ChurnCounts;
  /** What changed on the first churned fetch that changed anything: title, byline, or the paragraphs gained and lost. */
  difference: string | null;
}

/**
 * Each page against `fetches` churned copies of itself (churn.ts: what a
 * page changes between two fetches without an edit): a false alarm is a
 * copy whose title, byline or paragraphs differ from the page's own.
 */
export function evaluateChurn(pages: ExtractionPage[], read: (p: ExtractionPage) => string, extract: (html: string, url: string | null) => Article, fetches = CHURN_FETCHES): ChurnResult[] {
  return pages.map((p) => {
    const html = read(p);
    const base = extract(html, p.url);
    const counts: ChurnCounts = { scripts: 0, attributes: 0, times: 0, boxes: 0, slots: 0 };
    let difference: string | null = null;
    for (let seed = 1; seed <= fetches; seed++) {
      const next = churn(html, seededRandom(seed));
      for (const k of Object.keys(counts) as (keyof ChurnCounts)[]) counts[k] += next.counts[k];
      if (difference === null) difference = articleDifference(base, extract(next.html, p.url));
    }
    return { id: p.id, falseAlarm: difference !== null, counts, difference };
  });
}

function articleDifference(a: Article, b: Article): string | null {
  const parts: string[] = [];
  if (a.title !== b.title) parts.push(`title ${JSON.stringify(a.title)} → ${JSON.stringify(b.title)}`);
  if (a.byline !== b.byline) parts.push(`byline ${JSON.stringify(a.byline)} → ${JSON.stringify(b.byline)}`);
  if (a.paragraphs.length !== b.paragraphs.length || a.paragraphs.some((x, i) => x !== b.paragraphs[i])) {
    const had = new Set(a.paragraphs);
    const has = new Set(b.paragraphs);
    const cut = (x: string): string => JSON.stringify(x.length > 80 ? `${x.slice(0, 80)}…` : x);
    parts.push(`paragraphs −[${a.paragraphs.filter((x) => !has.has(x)).slice(0, 3).map(cut).join(', ')}] +[${b.paragraphs.filter((x) => !had.has(x)).slice(0, 3).map(cut).join(', ')}]`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}

export function formatChurnTable(results: ChurnResult[], fetches = CHURN_FETCHES): string {
  const total: ChurnCounts = { scripts: 0, attributes: 0, times: 0, boxes: 0, slots: 0 };
  for (const r of results) for (const k of Object.keys(total) as (keyof ChurnCounts)[]) total[k] += r.counts[k];
  const alarms = results.filter((r) => r.falseAlarm);
  const lines = [
    `False alarms under page churn (${fetches} fetches a page, no edit: tokens, cache busters, relative times, counters, rotating boxes, and inserted ads, newsletter prompts, related links, cookie banners and breaking-news bars):`,
    `  pages whose extraction changed: ${alarms.length}/${results.length}`,
    `  churned: ${total.scripts} scripts, ${total.attributes} attributes, ${total.times} times and counters, ${total.boxes} rotating boxes, ${total.slots} inserted slots`,
  ];
  for (const r of alarms) lines.push(`  ${r.id}: ${r.difference}`);
  return lines.join('\n');
}

/** One edit placed in an annotated line of a page's article (edits.ts), and what the extraction made of it. */
export interface EditResult {
  id: string;
  from: string;
  to: string;
  line: string;
  lost: number;
  gained: number;
}

/**
 * On each page with an annotated article, `perPage` edits of one word in a
 * line of at least 80 characters, each on a fresh copy of the page: whether
 * the extraction shows it (a paragraph changed) and shows it alone (one
 * paragraph lost, one gained). Lines whose text no single text node holds
 * are passed over.
 */
export function evaluateEdits(pages: ExtractionPage[], read: (p: ExtractionPage) => string, extract: (html: string, url: string | null) => Article, perPage = 3): EditResult[] {
  const out: EditResult[] = [];
  for (const p of pages) {
    const lines = (p.expected.body ?? '').split('\n').filter((l) => l.length >= 80);
    if (lines.length === 0) continue;
    const html = read(p);
    const base = extract(html, p.url).paragraphs;
    for (let i = 1; i <= perPage; i++) {
      const random = seededRandom(i * 7919);
      const line = lines[Math.floor(random() * lines.length)]!;
      const edited = editWord(html, line, random);
      if (edited === null) continue;
      const { lost, gained } = paragraphChange(base, extract(edited.html, p.url).paragraphs);
      out.push({ id: p.id, from: edited.from, to: edited.to, line, lost, gained });
    }
  }
  return out;
}

export function formatEditTable(results: EditResult[]): string {
  const missed = results.filter((r) => r.lost + r.gained === 0);
  const collateral = results.filter((r) => r.lost + r.gained > 0 && !(r.lost === 1 && r.gained === 1));
  const lines = [
    'Edits a reader must see (one word of an annotated article line changed on the page):',
    `  seen: ${results.length - missed.length}/${results.length}; seen alone (one paragraph changed, nothing else): ${results.length - missed.length - collateral.length}/${results.length}`,
  ];
  const cut = (x: string): string => (x.length > 90 ? `${x.slice(0, 90)}…` : x);
  for (const r of missed) lines.push(`  not seen  ${r.id}: ${r.from} → ${r.to} in ${JSON.stringify(cut(r.line))}`);
  for (const r of collateral) lines.push(`  collateral ${r.id}: ${r.from} → ${r.to}: ${r.lost} paragraph(s) lost, ${r.gained} gained`);
  return lines.join('\n');
}
