import { describe, expect, it } from 'vitest';
import { diffArticles, renderDiffFeedHtml, renderDiffHtml, renderDiffText, summarizeStats } from '../../../src/diff/index.ts';
import type { DiffStats } from '../../../src/diff/model.ts';
import { version } from './helpers.ts';

const evil = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const diff = diffArticles(
  version(['Intro stays.', 'Over 3,000 officers deserted.', `Old ${evil}`, 'The weather was fine in Caracas.'], 'Old <b>title</b>', null),
  version(['Intro stays.', 'Over 4,000 officers deserted.', `New ${evil}`, 'Oil exports "collapsed" in January.'], 'New <b>title</b>', 'By <i>Someone</i>'),
  { pairThreshold: 0.3 },
);

describe('renderers escape all article text (it is untrusted)', () => {
  const outputs: [string, string][] = [
    ['inline HTML', renderDiffHtml(diff)],
    ['side-by-side HTML', renderDiffHtml(diff, { layout: 'side-by-side' })],
    ['feed HTML', renderDiffFeedHtml(diff)],
  ];
  for (const [name, html] of outputs) {
    it(`${name} contains no raw tag from the text`, () => {
      expect(html).not.toMatch(/<script|<img|<b>|<i>/);
      expect(html).toContain('&lt;script&gt;');
      expect(html).toContain('&amp;');
    });
  }
});

describe('renderDiffHtml', () => {
  it('inline: one block per paragraph with diff-block diff-<op> classes and <ins>/<del> words', () => {
    const html = renderDiffHtml(diff);
    expect(html).toContain('<div class="diff diff-inline">');
    expect(html).toContain('class="diff-block diff-changed" data-old="1" data-new="1"');
    expect(html).toContain('<del>3,000</del><ins>4,000</ins>');
    expect(html).toContain('class="diff-block diff-unchanged"');
    expect(html).toContain('class="diff-field diff-title"');
  });

  it('side by side: a row per block with old and new cells, empty cells marked', () => {
    const html = renderDiffHtml(diff, { layout: 'side-by-side' });
    expect(html).toContain('<div class="diff diff-side-by-side">');
    expect(html).toMatch(/<div class="diff-row diff-block diff-changed"[^>]*><div class="diff-old">Over <del>3,000<\/del> officers deserted.<\/div><div class="diff-new">Over <ins>4,000<\/ins> officers deserted.<\/div><\/div>/);
    expect(html).toContain('diff-old diff-empty');
  });

  it('context: keeps that many unchanged paragraphs around each change and collapses the rest into diff-skip', () => {
    const ps = Array.from({ length: 12 }, (_, i) => `Paragraph number ${i} of the story.`);
    const d = diffArticles(version(ps), version(ps.map((p, i) => (i === 6 ? p.replace('story', 'article') : p))));
    const html = renderDiffHtml(d, { context: 1 });
    expect(html).toContain('<p class="diff-skip">… 5 unchanged paragraphs …</p>');
    expect(html).toContain('Paragraph number 5 of');
    expect(html).not.toContain('Paragraph number 4 of');
    expect(html.match(/diff-skip/g)).toHaveLength(2);
    expect(renderDiffHtml(d)).not.toContain('diff-skip');
  });

  it('a moved paragraph also leaves a diff-moved-from marker where it used to be', () => {
    const ps = Array.from({ length: 8 }, (_, i) => `Paragraph number ${i} of the story, long enough to move.`);
    const moved = [ps[6]!, ...ps.slice(0, 6), ps[7]!];
    const d = diffArticles(version(ps), version(moved));
    expect(d.stats.moved).toBe(1);
    const html = renderDiffHtml(d);
    const marker = '<p class="diff-moved-from" data-old="6" data-new="0">¶7 moved to ¶1</p>';
    expect(html).toContain(marker);
    // between old paragraphs 5 and 7, where it was
    expect(html.indexOf('Paragraph number 5')).toBeLessThan(html.indexOf(marker));
    expect(html.indexOf(marker)).toBeLessThan(html.indexOf('Paragraph number 7'));
    expect(renderDiffHtml(d, { layout: 'side-by-side' })).toContain('<div class="diff-row diff-moved-from" data-old="6" data-new="0">');
  });

  it('split and merged blocks show the paragraph boundary as a diff-break', () => {
    const d = diffArticles(version(['x', 'First half of a long sentence here, and the second half of it there.']), version(['x', 'First half of a long sentence here,', 'and the second half of it there.']));
    expect(d.stats.split).toBe(1);
    expect(renderDiffHtml(d)).toContain('<br class="diff-break">');
    expect(renderDiffHtml(d)).toContain('<span class="diff-note">¶2 split into ¶2–3</span>');
  });
});

describe('renderDiffFeedHtml', () => {
  const html = renderDiffFeedHtml(diff);
  it('uses inline styles and relies on no class', () => {
    expect(html).not.toContain('class=');
    expect(html).toMatch(/<ins style="[^"]+">4,000<\/ins>/);
    expect(html).toMatch(/<del style="[^"]+">3,000<\/del>/);
  });
  it('leaves unchanged paragraphs out, marking the gap with …', () => {
    expect(html).not.toContain('Intro stays.');
    expect(html).toContain('…');
  });
});

describe('renderDiffText', () => {
  it('marks words with [-…-]{+…+} and blocks with their kind and paragraph number', () => {
    const text = renderDiffText(diff);
    expect(text).toContain('~ ¶2: Over [-3,000-]{+4,000+} officers deserted.');
    expect(text).toContain('title: [-Old-]{+New+} <b>title</b>');
    // the same sentence lists and feeds give, headline first
    expect(text.split('\n')[0]).toBe(`headline changed, byline changed, ${summarizeStats(diff.stats)}`);
  });
});

describe('summarizeStats', () => {
  const base: DiffStats = { unchanged: 5, changed: 0, added: 0, removed: 0, moved: 0, split: 0, merged: 0, boring: false };
  const cases: [string, Partial<DiffStats>, string][] = [
    ['counts name the unit once', { changed: 2, added: 1 }, '2 paragraphs changed, 1 added'],
    ['one paragraph is singular', { removed: 1 }, '1 paragraph removed'],
    ['all kinds in a fixed order', { moved: 1, split: 1, merged: 2, changed: 1 }, '1 paragraph changed, 1 moved, 1 split, 2 merged'],
    ['no change says so', {}, 'no paragraph changes'],
    ['typography-only is flagged', { changed: 1, boring: true }, '1 paragraph changed (typography only)'],
  ];
  for (const [name, stats, expected] of cases) {
    it(name, () => expect(summarizeStats({ ...base, ...stats })).toBe(expected));
  }
});

describe('typography-only paragraphs', () => {
  const d = diffArticles(
    version(['He said "no" today.', 'Over 3,000 officers deserted.', 'It\'s over.']),
    version(['He said “no” today.', 'Over 4,000 officers deserted.', 'It’s over.']),
  );
  it('are changed blocks marked boring', () => {
    expect(d.blocks.map((b) => [b.op, 'boring' in b ? b.boring : undefined])).toEqual([
      ['changed', true],
      ['changed', undefined],
      ['changed', true],
    ]);
    expect(d.stats.boring).toBe(false);
  });
  it('carry the diff-boring class in HTML', () => {
    expect(renderDiffHtml(d)).toContain('class="diff-block diff-changed diff-boring"');
  });
  it('are left out of the feed when something else changed, and counted', () => {
    const html = renderDiffFeedHtml(d);
    expect(html).not.toContain('today');
    expect(html).toContain('2 paragraphs with only typography changes');
  });
  it('stay in the feed when they are all that changed', () => {
    const only = diffArticles(version(['He said "no" today.']), version(['He said “no” today.']));
    expect(only.stats.boring).toBe(true);
    expect(renderDiffFeedHtml(only)).toContain('today');
  });
  it('are marked ≈ in text', () => {
    expect(renderDiffText(d)).toContain('≈ ¶1: He said [-"-]{+“+}no[-"-]{+”+} today.');
  });
});
