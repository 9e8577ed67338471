/**
 * `stet diff <old> <new> [--url U] [--paragraphs] [--format json|text|html]`:
 * diff two versions of an article.
 *
 * By default both files are saved HTML pages (`.gz` read transparently,
 * charset sniffed as the fetcher does), extracted with `extractArticle`;
 * with `--paragraphs` each file is a JSON array of paragraph strings (or an
 * object with `paragraphs`, and optionally `title` / `byline`, such as the
 * output of `stet extract`). Prints the diff model as JSON (default), the
 * plain-text rendering with `[-…-]{+…+}` markers, or the HTML fragment.
 */
import { Command, InvalidArgumentError } from 'commander';
import { diffArticles, renderDiffHtml, renderDiffText, type DiffInput } from '../diff/index.ts';
import { extractArticle } from '../extract/index.ts';
import { decodeSavedHtml } from '../fetch/decode.ts';
import { InputError, readInputBytes } from './input.ts';

type Format = 'json' | 'text' | 'html';

/** A JSON array of strings, or `{paragraphs, title?, byline?}`. */
export function parseParagraphsJson(text: string, path: string): DiffInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not JSON (${(err as Error).message})`, { cause: err });
  }
  const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((p) => typeof p === 'string');
  if (isStrings(value)) return { title: null, byline: null, paragraphs: value };
  if (value !== null && typeof value === 'object' && isStrings((value as { paragraphs?: unknown }).paragraphs)) {
    const o = value as { paragraphs: string[]; title?: unknown; byline?: unknown };
    return {
      title: typeof o.title === 'string' ? o.title : null,
      byline: typeof o.byline === 'string' ? o.byline : null,
      paragraphs: o.paragraphs,
    };
  }
  throw new InputError(`${path}: expected a JSON array of paragraph strings (or an object with "paragraphs")`);
}

function loadVersion(path: string, paragraphs: boolean, url: string | null): DiffInput {
  const bytes = readInputBytes(path);
  if (paragraphs) return parseParagraphsJson(new TextDecoder().decode(bytes), path);
  const html = decodeSavedHtml(bytes);
  const article = extractArticle(html, url);
  // Diffing two empty texts says "no paragraph changes", which is true and useless: say which input gave nothing.
  if (article.paragraphs.length === 0) {
    const json = /^\s*[[{]/.test(html) ? '; use --paragraphs for JSON arrays of paragraphs' : '';
    process.stderr.write(`stet diff: warning: ${path}: no article text found${json}\n`);
  }
  return { title: article.title, byline: article.byline, paragraphs: article.paragraphs };
}

const parseFormat = (value: string): Format => {
  if (value === 'json' || value === 'text' || value === 'html') return value;
  throw new InvalidArgumentError('expected json, text or html');
};

export function diffCommand(): Command {
  return new Command('diff')
    .description('diff two versions of an article (saved HTML pages, or JSON paragraph arrays with --paragraphs)')
    .argument('<old>', 'the older version: an HTML file (.gz read transparently), or JSON with --paragraphs')
    .argument('<new>', 'the newer version, same kind as <old>')
    .option('--url <url>', 'the page URL, passed to extraction')
    .option('--paragraphs', 'the files are JSON arrays of paragraph strings, not HTML')
    .option('--format <format>', 'json (the diff model), text ([-…-]{+…+} markers) or html', parseFormat, 'json')
    .option('--layout <layout>', 'html layout: inline or side-by-side', 'inline')
    .action((oldPath: string, newPath: string, opts: { url?: string; paragraphs?: boolean; format: Format; layout: string }) => {
      const url = opts.url ?? null;
      const oldV = loadVersion(oldPath, opts.paragraphs === true, url);
      const newV = loadVersion(newPath, opts.paragraphs === true, url);
      const diff = diffArticles(oldV, newV);
      if (opts.format === 'text') process.stdout.write(renderDiffText(diff));
      else if (opts.format === 'html') {
        const layout = opts.layout === 'side-by-side' ? 'side-by-side' : 'inline';
        process.stdout.write(renderDiffHtml(diff, { layout }) + '\n');
      } else process.stdout.write(JSON.stringify(diff, null, 2) + '\n');
    });
}
