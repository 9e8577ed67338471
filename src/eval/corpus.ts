/**
 * Reading the evaluation corpus (layout in ../shared/corpus/README.md):
 * manifests, gzipped pages, charset decoding. The I/O edge of src/eval/.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeSavedHtml } from '../fetch/decode.ts';

export interface Expected {
  title: string | null;
  byline: string | null;
  published: string | null;
  modified: string | null;
  body?: string | null;
  body_with?: string[] | null;
  body_without?: string[] | null;
}

export interface ExtractionPage {
  id: string;
  source: string;
  url: string | null;
  html: string;
  expected: Expected;
}

export interface PairSide {
  html: string;
  captured_at: string | null;
  expected: Expected;
}

export interface Pair {
  id: string;
  source: string;
  url: string | null;
  label: string | null;
  old: PairSide;
  new: PairSide;
}

export function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as T);
}

/** Bytes of a page file, gunzipped when the name ends in .gz. */
export function readPageBytes(path: string): Uint8Array {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** A page file decoded as stet extract decodes it (decodeSavedHtml). */
export function readPageHtml(path: string): string {
  return decodeSavedHtml(readPageBytes(path));
}

export function loadExtractionManifest(corpusRoot: string): { pages: ExtractionPage[]; base: string } {
  const manifest = resolve(corpusRoot, 'extraction', 'manifest.jsonl');
  return { pages: readJsonLines<ExtractionPage>(manifest), base: dirname(manifest) };
}

export function loadPairs(corpusRoot: string): Pair[] {
  try {
    return readJsonLines<Pair>(resolve(corpusRoot, 'pairs', 'manifest.jsonl'));
  } catch {
    return [];
  }
}
