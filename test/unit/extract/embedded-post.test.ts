/**
 * Rule: an embedded post (`<blockquote class="twitter-tweet">`) is read the
 * same whatever box holds the story: beside a live blog's entries in an
 * `<article>` it was dropped (a blockquote never joined the top candidate),
 * in a `<div class="story-body">` that won by its name it was read (hands-on
 * test). A quotation beside the story's paragraphs now joins them as a
 * paragraph of prose does (article.ts readsAsProse), when its class names a
 * social network's embed (twitter-tweet, instagram-media, tiktok-embed,
 * bluesky-embed, mastodon-embed, text-post-media, reddit-card, fb-post…).
 * No other <blockquote> beside the story joins it: a quote of the day, a
 * testimonial, a reader's pick, a promo, a "Did you know?" tip rotate on
 * every fetch, and a pull quote repeats a paragraph (review). Its attribution line
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

describe('a post of another network beside a live blog’s entries joins them too', () => {
  it.each([
    ['bluesky-embed', '<blockquote class="bluesky-embed" data-bluesky-uri="at://x/app.bsky.feed.post/1">'],
    ['mastodon-embed', '<blockquote class="mastodon-embed" data-embed-url="https://mastodon.social/@x/1/embed">'],
    ['text-post-media (Threads)', '<blockquote class="text-post-media" data-text-post-permalink="https://www.threads.net/@x/post/1">'],
    ['tiktok-embed', '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@x/video/1">'],
  ])('%s', (_network, open) => {
    const html = page((inner) => `<article>${inner}</article>`, '5 minutes', 12).replace('<blockquote class="twitter-tweet">', open);
    expect(extractArticle(html).paragraphs).toEqual([standfirst, '22:45', entry1, '22:15', entry2, report, tweet]);
  });
});

describe('any other <blockquote> beside the story stays out, as before: it rotates, or repeats the story', () => {
  const lede = 'The council said on Tuesday that the plan would be reviewed again before the end of the month, citing concerns raised by several independent auditors.';
  const second = 'Officials have been waiting for a decision for more than two years, and many say the delays have already cost local businesses dearly.';
  const third = 'A spokesperson for the mayor declined to comment on the timing, but said the city remained committed to publishing the full findings.';
  const fourth = 'The review is expected to be published in full early next year, after which the council will hold a public consultation on its recommendations.';
  const story = [lede, second, third, fourth];
  const council = (side: string): string =>
    `<html lang="en"><head><title>Council under pressure</title></head><body><main><article><h1>Council under pressure</h1><p class="byline">By Anna Smith</p>` +
    `<div class="article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div>${side}</article></main></body></html>`;

  it.each([
    [
      'a quote of the day',
      '<blockquote class="qotd"><p>The only way to do great work is to love what you do. If you haven’t found it yet, keep looking. Don’t settle. — Steve Jobs</p></blockquote>',
      '<blockquote class="qotd"><p>In the middle of difficulty lies opportunity, and in the middle of every crisis lies the chance to become something better. — Albert Einstein</p></blockquote>',
    ],
    [
      'a testimonial',
      '<blockquote class="testimonial">“I have been a subscriber for ten years and the local reporting is the reason I still pay for news. Worth every penny.” <cite>Margaret, Leeds</cite></blockquote>',
      '<blockquote class="testimonial">“Brilliant coverage of the floods last winter, it kept my family informed when nobody else was reporting from our village.” <cite>Tom, York</cite></blockquote>',
    ],
    [
      'a reader’s pick',
      '<blockquote class="readers-pick"><p>This is exactly what happens when councils ignore their own auditors. We warned about this three years ago and nobody listened.</p></blockquote>',
      '<blockquote class="readers-pick"><p>As a small business owner on the high street, the delays have cost me two members of staff. Just make a decision.</p></blockquote>',
    ],
    [
      'a promo',
      '<blockquote class="promo-box"><p>Get the best of our local reporting in your inbox every morning, free of charge. Sign up for the Morning Briefing today.</p></blockquote>',
      '<blockquote class="promo-box"><p>Our journalism relies on readers like you. Join 40,000 members who support independent local reporting for as little as £5 a month.</p></blockquote>',
    ],
    [
      'a plain "Did you know?" tip',
      '<blockquote><p>Did you know? The city council was founded in 1835 and has met in the same building for more than 150 years, through two world wars.</p></blockquote>',
      '<blockquote><p>Did you know? The town hall clock has been wound by hand every week since 1902, by only four different keepers in all that time.</p></blockquote>',
    ],
  ])('%s, new on every fetch', (_box, first, next) => {
    expect(extractArticle(council(first)).paragraphs).toEqual(story);
    expect(extractArticle(council(next)).paragraphs).toEqual(story);
  });

  it('a pull quote repeating a paragraph', () => {
    expect(extractArticle(council(`<blockquote class="pullquote"><p>${second}</p></blockquote>`)).paragraphs).toEqual(story);
  });
});
