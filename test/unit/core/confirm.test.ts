/** isDrasticChange: which diffs wait for a second sighting before they are stored. */
import { describe, expect, it } from 'vitest';
import { diffArticles } from '../../../src/diff/index.ts';
import { isDrasticChange } from '../../../src/monitor/confirm.ts';

const para = (i: number): string => `Paragraph ${i} of the story, long enough to count as real article text about the budget vote of the council.`;
const story = Array.from({ length: 10 }, (_, i) => para(i));
const drastic = (oldP: string[], newP: string[]): boolean =>
  isDrasticChange(diffArticles({ title: 'T', byline: null, paragraphs: oldP }, { title: 'T', byline: null, paragraphs: newP }), oldP, newP);

describe('isDrasticChange', () => {
  it('more than half of the old text removed is drastic', () => {
    expect(drastic(story, story.slice(0, 4))).toBe(true);
    expect(drastic(story, ['Please enable cookies to continue.'])).toBe(true);
  });
  it('half or less removed is an ordinary edit', () => {
    expect(drastic(story, story.slice(0, 5))).toBe(false);
    expect(drastic(story, story.slice(2))).toBe(false);
  });
  it('a story rewritten at the same length or longer is an edit, not drastic (live coverage rewrites whole stories)', () => {
    expect(drastic(story, story.map((_, i) => `Completely different text number ${i}: the story as rewritten by the newsroom an hour later.`))).toBe(false);
    expect(drastic(story, [...story.slice(0, 2).map((p) => p.toUpperCase()), ...story.map((p) => `${p} New detail.`)])).toBe(false);
  });
  it('a page replaced by much shorter different text is drastic', () => {
    expect(drastic(story, ['Sorry, this page is temporarily unavailable.', 'Please try again later.'])).toBe(true);
  });
  it('edited, moved and split paragraphs are not removed text', () => {
    const edited = story.map((p) => p.replace('budget', 'spending'));
    expect(drastic(story, edited)).toBe(false);
    expect(drastic(story, [...story.slice(5), ...story.slice(0, 5)])).toBe(false);
  });
  it('a stub (under 400 characters) takes any change as it comes', () => {
    expect(drastic(['Short note.', 'Another line.'], ['Entirely new.'])).toBe(false);
  });
});
