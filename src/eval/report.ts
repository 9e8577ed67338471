/**
 * One pass over the corpus (evaluateCorpus), the per-page results it
 * gathers, and the summary tables printed by `npm run eval`.
 */
import type { Article } from '../extract/article.ts';
import { corpusBodyScore, hasTime, pageCounts, sameByline, sameDate, sameDay, sameText, snippetChecks, type PageCounts } from './metrics.ts';
import { addChurn, churnedFetches, noChurn, type ChurnCounts } from './churn.ts';
import type { Expected, ExtractionPage, Pair } from './corpus.ts';
import { editablePage, editWord, paragraphChange } from './edits.ts';
import { pick, seededRandom } from './random.ts';

/** An extractor as the evaluation runs it: stet's extractArticle, or a stand-in in tests. */
export type Extract = (html: string, url: string | null) => Article;

/** What `npm run eval` measures on the extraction pages. */
export interface CorpusResults {
  pages: PageResult[];
  churn: ChurnResult[];
  edits: EditResult[];
}

/**
 * Every page in one pass: read once and extracted once (the time taken is
 * the page's ms), that text and that article serve its scores, its churn
 * and its edits, and nothing of the page outlives its turn but the results.
 */
export function evaluateCorpus(pages: ExtractionPage[], read: (p: ExtractionPage) => string, extract: Extract): CorpusResults {
  const out: CorpusResults = { pages: [], churn: [], edits: [] };
  for (const p of pages) {
    const html = read(p);
    const t0 = performance.now();
    const article = extract(html, p.url);
    const ms = performance.now() - t0;
    out.pages.push(pageResult(p, article, ms));
    out.churn.push(churnResult(p, html, article, extract));
    out.edits.push(...editResults(p, html, article, extract));
  }
  return out;
}

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

/** Title, byline (sameByline) and published day against what the source gives; null where it gives nothing. */
function judgeMetadata(e: Expected, article: Article): { title: boolean | null; byline: boolean | null; published: boolean | null } {
  return {
    title: e.title === null ? null : sameText(e.title, article.title),
    byline: e.byline === null ? null : sameByline(e.byline, article.byline),
    published: e.published === null ? null : sameDay(e.published, article.publishedAt),
  };
}

/** One page's scores: `article` is what the extractor made of it in `ms` milliseconds. */
export function pageResult(p: ExtractionPage, article: Article, ms: number): PageResult {
  const text = article.paragraphs.join('\n\n');
  const e = p.expected;
  const snippets = snippetChecks(text, e.body_with ?? null, e.body_without ?? null);
  const { title, byline, published } = judgeMetadata(e, article);
  return {
    id: p.id,
    source: p.source,
    ms,
    body: e.body ? pageCounts(e.body, text) : null,
    withOk: snippets.withOk,
    withoutOk: snippets.withoutOk,
    title,
    byline,
    bylineVerbatim: e.byline === null ? null : sameText(e.byline, article.byline),
    published,
    publishedExact: e.published === null || !hasTime(e.published) || article.publishedAt === null || !hasTime(article.publishedAt) ? null : sameDate(e.published, article.publishedAt),
    modified: e.modified === null ? null : sameDate(e.modified, article.modifiedAt),
    got: { title: article.title, byline: article.byline, publishedAt: article.publishedAt, modifiedAt: article.modifiedAt, chars: text.length },
    want: { title: e.title, byline: e.byline, published: e.published, modified: e.modified },
  };
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
  return results.flatMap((r) => titleBylineMisses(r.id, r, r.want, r.got));
}

type TitleByline<T> = { title: T; byline: T };

/** A title or byline judged false, as a miss: what the source gives beside what was extracted. */
function titleBylineMisses(id: string, judged: TitleByline<boolean | null>, want: TitleByline<string | null>, got: TitleByline<string | null>): Miss[] {
  const out: Miss[] = [];
  if (judged.title === false) out.push({ id, field: 'title', want: want.title!, got: got.title });
  if (judged.byline === false) out.push({ id, field: 'byline', want: want.byline!, got: got.byline });
  return out;
}

export function formatMisses(misses: Miss[]): string {
  return misses.map((m) => `${m.field.padEnd(9)} ${m.id}\n          want ${JSON.stringify(m.want)}\n          got  ${JSON.stringify(m.got)}`).join('\n');
}

export function evaluatePairs(pairs: Pair[], extract: (path: string, url: string | null) => Article): PairResult[] {
  return pairs.map((p) => {
    const a = extract(p.old.html, p.url);
    const b = extract(p.new.html, p.url);
    const meta: (boolean | null)[] = [];
    const misses: Miss[] = [];
    for (const [name, side, art] of [['old', p.old, a], ['new', p.new, b]] as const) {
      const judged = judgeMetadata(side.expected, art);
      meta.push(judged.title, judged.byline, judged.published);
      misses.push(...titleBylineMisses(`${p.id} (${name})`, judged, side.expected, art));
    }
    return { id: p.id, label: p.label, changed: !sameParagraphs(a, b), oldParagraphs: a.paragraphs.length, newParagraphs: b.paragraphs.length, meta, misses, sameTitle: a.title === b.title, sameByline: a.byline === b.byline };
  });
}

function sameParagraphs(a: Article, b: Article): boolean {
  return a.paragraphs.length === b.paragraphs.length && a.paragraphs.every((x, i) => x === b.paragraphs[i]);
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

/** How many churned fetches churnResult makes of each page, and formatChurnTable reports by default. */
const CHURN_FETCHES = 3;

/** One page under churn: whether any churned fetch changed its extraction, and the first difference seen. */
export interface ChurnResult {
  id: string;
  falseAlarm: boolean;
  counts: ChurnCounts;
  /** The kind of live widget the page's story served on every fetch (churn.ts LIVE_WIDGETS); null on a page without a story. */
  widget: string | null;
  /** What changed on the first churned fetch that changed anything: title, byline, or the paragraphs gained and lost. */
  difference: string | null;
}

/**
 * A page (`html`, which the extractor read as `base`) against `fetches`
 * churned copies of itself (churn.ts: what a page changes between two
 * fetches without an edit): a false alarm is a copy whose title, byline or
 * paragraphs differ from the page's own.
 */
export function churnResult(p: ExtractionPage, html: string, base: Article, extract: Extract, fetches = CHURN_FETCHES): ChurnResult {
  const counts = noChurn();
  let difference: string | null = null;
  let widget: string | null = null;
  for (const next of churnedFetches(html, Array.from({ length: fetches }, (_, i) => seededRandom(i + 1)))) {
    addChurn(counts, next.counts);
    widget = next.widget?.kind ?? null;
    if (difference === null) difference = articleDifference(base, extract(next.html, p.url));
  }
  return { id: p.id, falseAlarm: difference !== null, counts, widget, difference };
}

/** A text cut to `max` characters, an ellipsis marking the cut. */
function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function articleDifference(a: Article, b: Article): string | null {
  const parts: string[] = [];
  if (a.title !== b.title) parts.push(`title ${JSON.stringify(a.title)} → ${JSON.stringify(b.title)}`);
  if (a.byline !== b.byline) parts.push(`byline ${JSON.stringify(a.byline)} → ${JSON.stringify(b.byline)}`);
  if (!sameParagraphs(a, b)) {
    const had = new Set(a.paragraphs);
    const has = new Set(b.paragraphs);
    const cut = (x: string): string => JSON.stringify(clip(x, 80));
    parts.push(`paragraphs −[${a.paragraphs.filter((x) => !has.has(x)).slice(0, 3).map(cut).join(', ')}] +[${b.paragraphs.filter((x) => !had.has(x)).slice(0, 3).map(cut).join(', ')}]`);
  }
  return parts.length === 0 ? null : parts.join('; ');
}

export function formatChurnTable(results: ChurnResult[], fetches = CHURN_FETCHES): string {
  const total = noChurn();
  for (const r of results) addChurn(total, r.counts);
  const alarms = results.filter((r) => r.falseAlarm);
  const lines = [
    `False alarms under page churn (${fetches} fetches a page, no edit: tokens, cache busters, relative times, counters, rotating boxes, inserted ads, newsletter prompts, related links, cookie banners and breaking-news bars, and live widgets in the story whose numbers move: polls, weather, clocks, audio players, live counters, reactions, market strips, countdowns, viewers, scoreboards):`,
    `  pages whose extraction changed: ${alarms.length}/${results.length}`,
    `  churned: ${total.scripts} scripts, ${total.attributes} attributes, ${total.times} times and counters, ${total.boxes} rotating boxes, ${total.slots} inserted slots, ${total.widgets} live widgets`,
  ];
  for (const r of alarms) lines.push(`  ${r.id}${r.widget === null ? '' : ` (live widget: ${r.widget})`}: ${r.difference}`);
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
 * On a page with an annotated article (`html`, which the extractor read as
 * `base`), `perPage` edits of one word in a line of at least 80 characters,
 * each on an otherwise unedited page: whether the extraction shows it (a
 * paragraph changed) and shows it alone (one paragraph lost, one gained).
 * Lines whose text no single text node holds are passed over; a page
 * without an annotated article has none.
 */
export function editResults(p: ExtractionPage, html: string, base: Article, extract: Extract, perPage = 3): EditResult[] {
  const lines = (p.expected.body ?? '').split('\n').filter((l) => l.length >= 80);
  if (lines.length === 0) return [];
  const page = editablePage(html);
  const out: EditResult[] = [];
  for (let i = 1; i <= perPage; i++) {
    const random = seededRandom(i * 7919);
    const line = pick(random, lines);
    const edited = editWord(page, line, random);
    if (edited === null) continue;
    const { lost, gained } = paragraphChange(base.paragraphs, extract(edited.html, p.url).paragraphs);
    out.push({ id: p.id, from: edited.from, to: edited.to, line, lost, gained });
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
  for (const r of missed) lines.push(`  not seen  ${r.id}: ${r.from} → ${r.to} in ${JSON.stringify(clip(r.line, 90))}`);
  for (const r of collateral) lines.push(`  collateral ${r.id}: ${r.from} → ${r.to}: ${r.lost} paragraph(s) lost, ${r.gained} gained`);
  return lines.join('\n');
}
