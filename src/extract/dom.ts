/**
 * The small DOM toolkit extraction needs, over htmlparser2's domhandler tree.
 *
 * Every walk here is iterative: a page may nest 100,000 elements, and a
 * recursive walk would overflow the call stack long before that (domutils'
 * `textContent` recurses, so we do not use it).
 */
import { Parser } from 'htmlparser2';
import { isTag, isText, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';

export type { AnyNode, Document, Element, ParentNode };
export { isTag, isText };

/**
 * Elements nested deeper than this end the parse; what was read so far is
 * kept. htmlparser2 keeps its open-element stack with `unshift`, so each open
 * tag costs time proportional to the current depth: without a cap, 10 MB of
 * unclosed tags would take minutes. Real pages stay far below this depth.
 */
export const MAX_DEPTH = 2500;
/**
 * Nodes (elements and text) beyond this end the parse too. A large news page
 * has some 10,000–50,000; the cap bounds memory on generated junk (10 MB of
 * `<span>` would otherwise build a 1.2 million-node tree and 600 MB of RSS).
 */
export const MAX_NODES = 250_000;

class ParseLimit extends Error {}

type Attribs = { [key: string]: string };

/**
 * A lean tree builder for htmlparser2. It makes the same shape as domhandler
 * (`type`, `name`, `attribs`, `children`, `parent`, `prev`, `next`, `data`),
 * so domhandler's `isTag`/`isText` and our walkers read it unchanged, but
 * from plain object literals: domhandler's class-field initialisers were a
 * fifth of extraction time. Comments, processing instructions and CDATA are
 * not kept (nothing here reads them), and passing MAX_DEPTH or MAX_NODES
 * stops the parse (what was read so far is kept).
 */
class LeanHandler {
  readonly root: Document;
  private readonly stack: { children: unknown[] }[];
  private lastText: { data: string } | null = null;
  private nodes = 0;

  constructor() {
    this.root = { type: 'root', name: 'root', children: [], parent: null, prev: null, next: null } as unknown as Document;
    this.stack = [this.root as unknown as { children: unknown[] }];
  }

  private add(node: { parent: unknown; prev: unknown; next: unknown }): void {
    if (++this.nodes > MAX_NODES) throw new ParseLimit();
    const parent = this.stack[this.stack.length - 1]!;
    const siblings = parent.children as { next: unknown }[];
    const previous = siblings.length > 0 ? siblings[siblings.length - 1]! : null;
    if (previous !== null) {
      node.prev = previous;
      previous.next = node;
    }
    node.parent = parent;
    siblings.push(node as never);
  }

  onopentag(name: string, attribs: Attribs): void {
    const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
    const el = { type, name, attribs, children: [], parent: null, prev: null, next: null };
    this.add(el);
    this.stack.push(el);
    this.lastText = null;
    if (this.stack.length > MAX_DEPTH + 1) throw new ParseLimit();
  }

  onclosetag(): void {
    if (this.stack.length > 1) this.stack.pop();
    this.lastText = null;
  }

  ontext(data: string): void {
    if (this.lastText !== null) {
      this.lastText.data += data;
      return;
    }
    const text = { type: 'text', data, parent: null, prev: null, next: null };
    this.add(text);
    this.lastText = text;
  }

  oncomment(): void {
    // A comment still separates text nodes, as in the DOM.
    this.lastText = null;
  }
}

/**
 * Parse HTML leniently, the way htmlparser2 does: no exceptions on broken
 * markup, entities decoded, tag and attribute names lower-cased.
 */
export function parseHtml(html: string): Document {
  return parseBounded(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/**
 * Parse XML (feeds, sitemaps) the same bounded way: htmlparser2's XML mode
 * (names kept as written, no HTML implied-end rules), CDATA read as text,
 * and no DTD read at all, so no entity a `<!DOCTYPE>` declares is expanded.
 */
export function parseXml(xml: string): Document {
  return parseBounded(xml, { xmlMode: true, decodeEntities: true });
}

/** Either parse into the lean tree; passing MAX_DEPTH or MAX_NODES ends it, keeping what was read. */
function parseBounded(text: string, options: ConstructorParameters<typeof Parser>[1]): Document {
  const handler = new LeanHandler();
  const parser = new Parser(handler, options);
  try {
    parser.end(text);
  } catch (err) {
    if (!(err instanceof ParseLimit)) throw err;
  }
  return handler.root;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

/** Class and id together, lower-cased: the string the class/id rules read. */
export function classAndId(el: Element): string {
  const c = el.attribs['class'];
  const i = el.attribs['id'];
  if (c === undefined && i === undefined) return '';
  return `${c ?? ''} ${i ?? ''}`.toLowerCase();
}

/** Document-order walk over all elements under `root`; `visit` returns false to skip a subtree. */
export function walkElements(root: ParentNode, visit: (el: Element) => boolean | void): void {
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (visit(node) === false) continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** First element (document order) matching the predicate. */
export function findFirst(root: ParentNode, pred: (el: Element) => boolean): Element | null {
  let found: Element | null = null;
  walkElements(root, (el) => {
    if (found !== null) return false;
    if (pred(el)) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}

const BLOCKISH = new Set(['address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul']);

/**
 * Raw text of a subtree (text nodes concatenated, no separators added), iterative: up to about `limit`
 * characters, after visiting at most `maxNodes` nodes (a box of 100,000 empty spans has no text to find).
 */
export function rawText(root: AnyNode, limit = Infinity, maxNodes = Infinity): string {
  if (isText(root)) return root.data;
  if (!('children' in root)) return '';
  let out = '';
  const stack: AnyNode[] = [];
  // Only the children a walk of maxNodes can reach go on the stack (the first ones: it reads in order).
  const kids = root.children;
  for (let i = Math.min(kids.length, maxNodes) - 1; i >= 0; i--) stack.push(kids[i]!);
  for (let visited = 0; stack.length > 0 && out.length < limit && visited < maxNodes; visited++) {
    const node = stack.pop()!;
    if (isText(node)) {
      out += node.data;
    } else if (isTag(node)) {
      if (node.name === 'script' || node.name === 'style' || node.name === 'template') continue;
      // Block boundaries separate words ("Howard Blume<div>Staff Writer</div>").
      if (node.name === 'br' || BLOCKISH.has(node.name)) out += ' ';
      const c = node.children;
      for (let i = Math.min(c.length, maxNodes - visited) - 1; i >= 0; i--) stack.push(c[i]!);
    }
  }
  return out;
}

/** Text of a subtree with whitespace collapsed. */
export function textOf(root: AnyNode, limit = Infinity, maxNodes = Infinity): string {
  return rawText(root, limit, maxNodes).replace(/\s+/g, ' ').trim();
}

export function isInside(el: Element, pred: (ancestor: Element) => boolean, maxDepth = 64): boolean {
  let p = el.parent;
  for (let d = 0; p !== null && d < maxDepth; d++) {
    if (isTag(p) && pred(p)) return true;
    p = p.parent;
  }
  return false;
}
