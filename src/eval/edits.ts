/**
 * Edits a reader must see: one word of the article changed on the page, as
 * a correction changes it. Applied to corpus pages whose article text is
 * annotated, it measures two things a diff is judged by: whether the edit
 * shows at all (the edited text is part of what stet reads), and whether
 * it shows alone (no other paragraph appears, disappears or changes
 * because one word moved the extraction elsewhere).
 */
import type { AnyNode, Document, Text } from 'domhandler';
import { getOuterHTML } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { collapseWhitespace } from './metrics.ts';
import { pick } from './random.ts';

/** A word long enough to be a word, in any script with letters. */
const WORD = /\p{L}{5,}/gu;
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'title', 'head']);

export interface EditedPage {
  html: string;
  /** The word replaced and what replaced it. */
  from: string;
  to: string;
}

/** A text node of the article: it holds at least this much of an annotated line, so the edit lands in the article and not in a menu that repeats a word of it. */
const MIN_SHARED = 20;

/**
 * A page parsed once for any number of edits: its text nodes that could
 * take one (outside SKIP, at least MIN_SHARED characters, a WORD in them),
 * in document order, each beside its text whitespace-collapsed.
 */
export interface EditablePage {
  doc: Document;
  texts: { node: Text; collapsed: string }[];
}

export function editablePage(html: string): EditablePage {
  const doc = parseDocument(html, { decodeEntities: true });
  const texts: EditablePage['texts'] = [];
  const stack: AnyNode[] = [...doc.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') {
      const collapsed = collapseWhitespace(n.data);
      if (collapsed.length >= MIN_SHARED && collapsed.search(WORD) >= 0) texts.push({ node: n, collapsed });
    } else if ((n.type === 'tag' || n.type === 'root') && 'children' in n && !SKIP.has((n as { name?: string }).name ?? '')) {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return { doc, texts };
}

/**
 * The page with one word replaced in a text node whose text (at least
 * MIN_SHARED characters of it) is part of `sentence`, a line of the
 * annotated article; null when no text node is (the line's text is split
 * into short pieces across elements, or decoded differently). The page is
 * left as it was, for the next edit.
 */
export function editWord(page: EditablePage, sentence: string, random: () => number): EditedPage | null {
  const line = collapseWhitespace(sentence);
  const candidates = page.texts.filter((t) => line.includes(t.collapsed));
  if (candidates.length === 0) return null;
  const node = pick(random, candidates).node;
  const original = node.data;
  const word = pick(random, [...original.matchAll(WORD)]);
  const from = word[0];
  const to = replacement(from);
  node.data = original.slice(0, word.index) + to + original.slice(word.index + from.length);
  const html = getOuterHTML(page.doc.children, { encodeEntities: 'utf8' });
  node.data = original;
  return { html, from, to };
}

/** Another word of the same length class: the letters reversed, or with one more letter when reversing changes nothing. */
function replacement(word: string): string {
  const reversed = [...word].reverse().join('');
  return reversed === word ? `${word}s` : reversed;
}

/**
 * What an edit did to the extracted paragraphs: lost and gained counted as
 * multisets. One lost and one gained is the edit alone; none is an edit
 * not seen; more is collateral.
 */
export function paragraphChange(before: string[], after: string[]): { lost: number; gained: number } {
  const left = new Map<string, number>();
  for (const p of before) left.set(p, (left.get(p) ?? 0) + 1);
  let gained = 0;
  for (const p of after) {
    const n = left.get(p) ?? 0;
    if (n > 0) left.set(p, n - 1);
    else gained++;
  }
  let lost = 0;
  for (const n of left.values()) lost += n;
  return { lost, gained };
}
