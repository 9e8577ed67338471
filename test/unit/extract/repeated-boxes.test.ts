import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: boxes of one kind side by side (a live blog's entries, a body split into same-class sections) are read
// together: when a sibling of the best box has its tag and class and scores as well, the article is their parent,
// whatever their number. A live blog grows on every check; before, the newest entry's box (its class scores as
// content) won alone at first and the standfirst above the entries came and went as entries were added.
const HEADLINE = 'Storm Ida: live updates as the hurricane moves up the coast';
const STANDFIRST =
  'Follow our live coverage of the storm as it moves up the coast, with updates from our reporters in three states and the latest warnings from forecasters.';
const TEXT = [
  'The National Weather Service has extended the hurricane warning north to the state line, officials said, and asked residents to finish their preparations by the evening.',
  'Power has been cut to about 40,000 homes in the county, and crews are waiting for the wind to drop before they go out to repair the lines.',
  'The governor said the state guard would be on standby overnight, with shelters open in every school in the district until the storm has passed.',
  'Flooding has closed the coastal highway between the two bridges, and police are turning drivers back at both ends, the transport department said.',
  'The storm made landfall just after noon, about twenty miles south of the city, with sustained winds of 90 mph, according to the hurricane center.',
  'Schools will stay closed tomorrow, the district announced, and bus services across the county have been suspended until further notice.',
  'A second band of heavy rain is expected this evening, forecasters said, with up to six inches in some places and a risk of flash floods.',
  'Emergency services reported no injuries so far, though several roads are blocked by fallen trees and power lines, the county sheriff said.',
];
const ENTRIES: Record<string, (i: number) => string> = {
  '<div class="entry">, the time in a paragraph': (i) => `<div class="entry"><p><time>1${i}:00</time></p><p>${TEXT[i]}</p></div>`,
  '<div class="entry">, a time and an <h2>': (i) => `<div class="entry"><time>1${i}:00</time><h2>Entry ${i}</h2><p>${TEXT[i]}</p></div>`,
  '<article class="post">, a linked <h3>, share links': (i) =>
    `<article class="post" id="post-${i}"><h3><a href="#post-${i}">Entry ${i}</a></h3><p class="time">1${i}:00</p><p>${TEXT[i]}</p><div class="share"><a href="https://twitter.com/intent/tweet">Share</a> <a href="#post-${i}">Copy link</a></div></article>`,
};
const LAYOUTS: Record<string, (entries: string) => string> = {
  'in a feed box inside <article>': (e) => `<article><h1>${HEADLINE}</h1><p class="standfirst">${STANDFIRST}</p><div class="live-feed">${e}</div></article>`,
  'in a feed box inside <main>': (e) => `<main><h1>${HEADLINE}</h1><p>${STANDFIRST}</p><div class="live-feed">${e}</div></main>`,
  'beside the standfirst': (e) => `<div id="content"><h1>${HEADLINE}</h1><p>${STANDFIRST}</p>${e}</div>`,
  'in an <ol>': (e) => `<article><h1>${HEADLINE}</h1><p>${STANDFIRST}</p><ol class="feed">${e}</ol></article>`,
};
/** The page with `n` entries, newest first. */
const version = (entry: (i: number) => string, layout: (e: string) => string, n: number): string[] =>
  extractArticle(`<html><head><title>${HEADLINE}</title></head><body>${layout(Array.from({ length: n }, (_, j) => entry(n - 1 - j)).join('\n'))}</body></html>`).paragraphs;

describe('a live blog growing entry by entry: the standfirst stays, and nothing read before goes', () => {
  const cases = Object.entries(ENTRIES).flatMap(([entryName, entry]) => Object.entries(LAYOUTS).map(([layoutName, layout]) => [`${entryName}, ${layoutName}`, entry, layout] as const));
  it.each(cases)('%s', (_name, entry, layout) => {
    let previous: string[] = [];
    for (let n = 1; n <= TEXT.length; n++) {
      const paragraphs = version(entry, layout, n);
      expect(paragraphs, `${n} entries`).toContain(STANDFIRST);
      expect(paragraphs, `${n} entries`).toContain(TEXT[n - 1]);
      expect(previous.filter((p) => !paragraphs.includes(p)), `lost at ${n} entries`).toEqual([]);
      previous = paragraphs;
    }
  });
});

describe('boxes of different kinds are not read together', () => {
  it('a related-stories box beside the story, of another class, stays out', () => {
    const story = TEXT.slice(0, 4).map((t) => `<p>${t}</p>`).join('');
    const related = `<div class="related"><h2>Related</h2><p><a href="/a">Another storm story with a long headline</a></p><p><a href="/b">Yet another story</a></p></div>`;
    const html = `<html><head><title>Storm</title></head><body><main><h1>Storm</h1><div class="story-body">${story}</div>${related}</main></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(TEXT.slice(0, 4));
  });
});
