import { describe, expect, it } from 'vitest';
import { diffArticles } from '../../../src/diff/index.ts';
import { describeChange, summarizeChange } from '../../../src/diff/summary.ts';

const v = (title: string, paragraphs: string[]) => ({ title, byline: null, paragraphs });

describe('summarizeChange / describeChange: words apart from typography', () => {
  const cases: [string, ReturnType<typeof v>, ReturnType<typeof v>, string][] = [
    [
      'a headline whose words changed is "headline changed"',
      v('Guaido met the military', ['Over 4,000 officers deserted.']),
      v('Guaido says he met the military', ['Over 4,000 officers deserted.']),
      'headline changed',
    ],
    [
      'a headline that only gained curly quotes is retypeset, not changed',
      v("Why Trump won't change", ['Over 4,000 officers deserted.']),
      v('Why Trump won’t change', ['Over 4,000 officers deserted.']),
      'headline only retypeset',
    ],
    [
      'retypeset paragraphs are counted apart from changed words',
      v('T', ["It's cold in Caracas today.", 'Over 4,000 officers deserted the army.', 'Maduro became president in 2013.']),
      v('T', ['It’s cold in Caracas today.', 'Over 4,500 officers deserted the army.', 'Maduro became president in 2013.']),
      '1 paragraph changed, 1 paragraph only retypeset',
    ],
    [
      'an added paragraph with a retypeset headline',
      v("Trump's move", ['One.']),
      v('Trump’s move', ['One.', 'Two more words here.']),
      '1 paragraph added, headline only retypeset',
    ],
  ];
  it.each(cases)('%s', (_name, before, after, expected) => {
    const summary = summarizeChange(diffArticles(before, after));
    expect(describeChange(summary)).toBe(expected);
  });

  it('counts retypeset paragraphs inside `changed`, and says so', () => {
    const s = summarizeChange(diffArticles(v('T', ['"Quoted," he said.']), v('T', ['“Quoted,” he said.'])));
    expect(s).toMatchObject({ changed: 1, retypeset: 1, titleChanged: false, titleRetypeset: false });
  });
});
