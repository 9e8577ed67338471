/** isDrasticChange: which diffs wait for a second sighting before they are stored (cuts and replacements, confirm.ts). */
import { describe, expect, it } from 'vitest';
import { diffArticles } from '../../../src/diff/index.ts';
import { isDrasticChange } from '../../../src/monitor/confirm.ts';

const para = (i: number): string => `Paragraph ${i} of the story, long enough to count as real article text about the budget vote of the council.`;
const story = Array.from({ length: 10 }, (_, i) => para(i));
const drastic = (oldP: string[], newP: string[], titles: [string | null, string | null] = ['T', 'T']): boolean =>
  isDrasticChange(diffArticles({ title: titles[0], byline: null, paragraphs: oldP }, { title: titles[1], byline: null, paragraphs: newP }), oldP, newP);
// A short story (under 400 characters) and what may stand in its place for one fetch.
const SHORT = [
  'The harbour bridge will close for repairs from Monday, the city said.',
  'Ferries will run every twenty minutes instead of every hour while the work lasts, about six weeks.',
  'Cyclists may still cross on the footpath, pushing their bikes.',
];
const CONSENT = [
  'We and our 842 partners use cookies and similar technologies to store and access information on your device.',
  'With your consent we process personal data such as browsing behaviour and unique identifiers to show personalised ads and content, measure them, and develop our products.',
  'You can change your choices at any time under Privacy settings at the foot of every page.',
  'Accept all or manage your choices to continue to the site.',
];
const TEASERS = Array.from({ length: 12 }, (_, i) => `Teaser ${i}: another politics story of the week, summed up in one sentence for the section page.`);

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
  it('a stub (under 400 characters) cut under the same headline is an ordinary edit', () => {
    expect(drastic(['Short note.', 'Another line.'], ['Entirely new.'])).toBe(false);
    expect(drastic(SHORT, SHORT.slice(0, 1))).toBe(false);
  });
});

describe('isDrasticChange: the article replaced (headline changed and most of the text removed), whatever the lengths', () => {
  it('a consent wall longer than a short story is drastic (QA: two false versions, out and back)', () => {
    expect(SHORT.join('').length).toBeLessThan(400);
    expect(drastic(SHORT, CONSENT, ['Harbour bridge to close for repairs', 'Before you continue'])).toBe(true);
  });
  it('a section page of teasers, longer than the article, is drastic', () => {
    expect(drastic(story, TEASERS, ['Council passes the budget', 'Politics'])).toBe(true);
  });
  it('a headline that appears where there was none counts as changed', () => {
    expect(drastic(SHORT, CONSENT, [null, 'Before you continue'])).toBe(true);
  });
  it('a new headline over mostly the same text is an edit', () => {
    expect(drastic(story, [...story.slice(0, 6), 'A new closing paragraph.'], ['Council passes the budget', 'Council passes budget after all-night session'])).toBe(false);
    expect(drastic(SHORT, SHORT, ['Harbour bridge to close', 'Harbour bridge to close for six weeks'])).toBe(false);
  });
  it('half the text or less removed under a new headline is an edit', () => {
    expect(drastic(story, [...story.slice(0, 5), 'A new paragraph, written after the vote.'], ['Council passes the budget', 'Budget passes'])).toBe(false);
  });
  it('the same headline, up to spacing, is no new headline: a long rewrite under it is stored at once', () => {
    expect(drastic(SHORT, CONSENT, ['Harbour bridge  to close', 'Harbour bridge to close'])).toBe(false);
  });
});
