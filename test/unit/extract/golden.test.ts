/**
 * Golden fixtures: test/fixtures/extract/<case>.html beside <case>.json, the
 * whole Article we expect. The fixtures are written by hand (from
 * /work/shared/seed and invented pages), never copied from the corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

const dir = join(import.meta.dirname, '../../fixtures/extract');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.replace(/\.html$/, ''));

describe('golden extraction fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const name of cases) {
    it(name, () => {
      const html = readFileSync(join(dir, `${name}.html`), 'utf8');
      const expected = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
      const url = (expected['url'] as string | undefined) ?? null;
      delete expected['url'];
      expect(extractArticle(html, url)).toEqual(expected);
    });
  }
});
