/**
 * Reading HTML the way a browser would, for escaping tests: which elements a
 * page really builds, and the text it shows.
 */
import { findAll, textContent } from 'domutils';
import type { Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Every element named `tag` the HTML parser builds from `html`. */
export function elementsIn(html: string, tag: string): Element[] {
  return findAll((e) => e.name === tag, parseDocument(html).children);
}

/** The text a reader sees (entities decoded). */
export function textIn(html: string): string {
  return textContent(parseDocument(html));
}
