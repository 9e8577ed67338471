/**
 * `npm run eval -- <corpus root> [--details <file.jsonl>] [--source <name>] [--misses]`
 *
 * Runs extractArticle over the corpus and prints, per source and overall:
 * body precision/recall/F1 (scrapinghub metric, see metrics.ts), must-include
 * and must-exclude snippet rates, title/byline/published/modified accuracy;
 * then change detection on the version pairs, and false alarms under page
 * churn (churn.ts: each page fetched again three times without an edit) and
 * edits a reader must see (edits.ts: one word of the annotated article
 * changed, three times a page); each page is read and extracted once for
 * all three (report.ts evaluateCorpus). `--misses` also lists every
 * title and byline that did not match, expected beside extracted.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractArticle } from '../extract/index.ts';
import { loadExtractionManifest, loadPairs, readPageHtml, type ExtractionPage } from './corpus.ts';
import { evaluateCorpus, evaluatePairs, formatChurnTable, formatEditTable, formatMisses, formatPairTable, formatTable, pageMisses, type Miss } from './report.ts';

function main(argv: string[]): number {
  const args = argv.slice(2);
  let root: string | null = null;
  let details: string | null = null;
  let only: string | null = null;
  let misses = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--details') details = args[++i] ?? null;
    else if (a === '--source') only = args[++i] ?? null;
    else if (a === '--misses') misses = true;
    else if (!a.startsWith('-')) root = a;
  }
  if (root === null) {
    console.error('usage: npm run eval -- <corpus root> [--details out.jsonl] [--source name] [--misses]');
    return 2;
  }
  const { pages, base } = loadExtractionManifest(root);
  const selected = only === null ? pages : pages.filter((p) => p.source === only);
  const read = (p: ExtractionPage): string => readPageHtml(resolve(base, p.html));
  const { pages: results, churn, edits } = evaluateCorpus(selected, read, extractArticle);
  console.log(formatTable(results));
  if (details !== null) writeFileSync(details, results.map((r) => JSON.stringify(r)).join('\n') + '\n');

  const missed: Miss[] = misses ? pageMisses(results) : [];
  const pairs = loadPairs(root);
  if (pairs.length > 0 && only === null) {
    const pr = evaluatePairs(pairs, (path, url) => extractArticle(readPageHtml(resolve(root, path)), url));
    console.log('');
    console.log(formatPairTable(pr));
    if (misses) missed.push(...pr.flatMap((r) => r.misses));
  }
  console.log('');
  console.log(formatChurnTable(churn));
  console.log('');
  console.log(formatEditTable(edits));
  if (misses) {
    console.log('');
    console.log(`Title and byline misses (${missed.length}):`);
    console.log(formatMisses(missed));
  }
  return 0;
}

process.exitCode = main(process.argv);
