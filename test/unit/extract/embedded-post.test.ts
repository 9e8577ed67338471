/**
 * Rule: an embedded post (`<blockquote class="twitter-tweet">`) is read the
 * same whatever box holds the story: beside a live blog's entries in an
 * `<article>` it was dropped (a blockquote never joined the top candidate),
 * in a `<div class="story-body">` that won by its name it was read (hands-on
 * test). A quotation beside the story's paragraphs now joins them as a
 * paragraph of prose does (article.ts readsAsProse). Its attribution line
 * ending in a relative time ("— City Police (@citypolice) 5 minutes ago")
 * changes on every fetch and goes as a meta bar (normalize.ts isMetaBar);
 * with a date it stays, as before.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { furnitureRule, isMetaBar } from '../../../src/extract/normalize.ts';

const standfirst = 'Follow our live coverage as the storm makes landfall along the southern coast this evening.';
const entry1 = 'Winds of up to 120 km/h have been recorded at the harbour, the weather service said in its latest bulletin.';
const entry2 = 'Emergency shelters have opened in three schools, and officials urged residents in low-lying areas to leave now.';
const report = 'Our correspondent reports that power has been cut to thousands of homes in the eastern districts of the city tonight.';
const tweet = 'Roads flooded near the old bridge, stay safe everyone';

const body = (ago: string, shares: number): string =>
  `<h1>Live: storm hits coast as thousands evacuated</h1><p class="byline">By News Team</p><p>${standfirst}</p>` +
  `<div class="live-post"><time datetime="2026-11-29T22:45:00Z">22:45</time><p>${entry1}</p><div class="share-tools"><button>Share</button> <span class="count">${shares} shares</span></div></div>` +
  `<div class="live-post"><time datetime="2026-11-29T22:15:00Z">22:15</time><p>${entry2}</p><p class="posted">Posted ${ago} ago</p></div>` +
  `<p>${report}</p>` +
  `<blockquote class="twitter-tweet"><p lang="en">${tweet}</p>&mdash; City Police (@citypolice) <a href="https://twitter.com/x/status/1"><span class="relative">${ago} ago</span></a></blockquote>`;
const layouts: [string, (inner: string) => string][] = [
  ['in an <article>', (inner) => `<article>${inner}</article>`],
  ['in a <div class="story-body">', (inner) => `<div class="story-body">${inner}</div>`],
  ['in a <main>', (inner) => `<main>${inner}</main>`],
];
const page = (wrap: (inner: string) => string, ago: string, shares: number): string =>
  `<!doctype html><html lang="en"><head><title>Live: storm hits coast</title></head><body>${wrap(body(ago, shares))}</body></html>`;

describe('an embedded post is read alike in every layout, and its relative time never makes a version', () => {
  it.each(layouts)('%s', (_layout, wrap) => {
    const first = extractArticle(page(wrap, '5 minutes', 12)).paragraphs;
    expect(first).toEqual([standfirst, '22:45', entry1, '22:15', entry2, report, tweet]);
    expect(extractArticle(page(wrap, '9 minutes', 15)).paragraphs).toEqual(first);
  });
});

describe('an attribution ending in a relative time is a meta bar; with a date it is the post’s', () => {
  it.each([
    ['— City Police (@citypolice) 5 minutes ago'],
    ['— City Police (@citypolice) 2h ago'],
    ['City Police (@citypolice) · 3 hours ago'],
    ['Sam Carter @samcarter - just now'],
  ])('%j goes', (line) => {
    expect(isMetaBar(line)).toBe(true);
  });

  it.each([
    ['with a date', '— PFF CLE Browns (@PFF_Browns) November 15, 2019'],
    ['a sentence about an account', '@citypolice says the bridge was closed 5 minutes ago'],
    ['a handle in a sentence with a relative time', 'Police (@citypolice) closed the bridge 5 minutes ago'],
    ['an e-mail address is no handle', 'news@example.com 5 minutes ago'],
  ])('%s stays', (_rule, line) => {
    expect(isMetaBar(line)).toBe(false);
    expect(furnitureRule(line)).toBeNull();
  });
});
