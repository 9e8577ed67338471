/**
 * Golden files (STYLE 9): the seed article with one edit of every kind,
 * rendered as text and as inline HTML, compared with the files beside the
 * fixture. After an intended change, regenerate them with
 * `UPDATE_GOLDEN=1 npx vitest run test/unit/diff/golden.test.ts` and review
 * the diff of the golden files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffArticles, renderDiffFeedHtml, renderDiffHtml, renderDiffText } from '../../../src/diff/index.ts';
import { guaido } from './helpers.ts';

const article = guaido();
const P = article.paragraphs;
const at = (prefix: string): number => {
  const i = P.findIndex((p) => p.startsWith(prefix));
  if (i === -1) throw new Error(`no paragraph starts with ${prefix}`);
  return i;
};

/** The edits a newsroom makes: a number, a typo fix, a rewrite, a split, a move, an update, a removal, typography. */
function edited(): string[] {
  const out = [...P];
  const deserted = at('Over 4,000');
  out[deserted] = P[deserted]!.replace('4,000', '3,000');
  const amnesty = at('Amnesty');
  out[amnesty] = 'Amnesty will be offered to all soldiers who are not found guilty of human rights violations, Guaido added on Thursday.';
  const inflation = at('As inflation');
  out[inflation] = P[inflation]!.replace('1 million per cent', '1.3 million per cent');
  const quote = at('“What’s missing');
  const [first, ...rest] = P[quote]!.split('” ');
  out.splice(quote, 1, `${first}”`, rest.join('” '));
  const maduro2013 = out.findIndex((p) => p.startsWith('Maduro became president'));
  const [moved] = out.splice(maduro2013, 1);
  out.splice(3, 0, moved!);
  out.splice(out.findIndex((p) => p.startsWith('Miraflores Palace')), 1);
  out.push('UPDATE: The opposition called for new protests on Saturday.');
  const readMore = out.findIndex((p) => p.startsWith('READ MORE: Venezuela’s'));
  out[readMore] = out[readMore]!.replace('’', "'");
  return out;
}

const diff = diffArticles(article, { ...article, title: article.title!.replace('secret', 'clandestine'), paragraphs: edited() });

describe('golden files: the seed article with one edit of every kind', () => {
  const cases: [string, string][] = [
    ['guaido.diff.txt', renderDiffText(diff)],
    ['guaido.diff.html', renderDiffHtml(diff, { context: 1 }) + '\n'],
    ['guaido.feed.html', renderDiffFeedHtml(diff) + '\n'],
    ['guaido.diff.json', JSON.stringify(diff, null, 1) + '\n'],
  ];
  for (const [file, actual] of cases) {
    it(`${file} matches`, () => {
      const path = fileURLToPath(new URL(`../../fixtures/diff/${file}`, import.meta.url));
      if (process.env.UPDATE_GOLDEN || !existsSync(path)) writeFileSync(path, actual);
      expect(actual).toBe(readFileSync(path, 'utf8'));
    });
  }

  it('finds each edit as the kind it is', () => {
    expect(diff.stats).toMatchObject({ changed: 4, added: 1, removed: 1, moved: 1, split: 1, merged: 0 });
  });
});
