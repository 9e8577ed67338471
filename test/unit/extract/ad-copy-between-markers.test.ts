import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: short lines between a standalone ad label and a "story continues below" marker, with nothing else between them,
// are the ad's copy (it rotates on every fetch) and go with the label and the marker. A box (iframe, image, empty ad
// slot) after the label is the ad itself: the paragraphs after it are the story's, marker or not.
const story = [
  'The city council on Tuesday approved a $4.2 million budget for the coming fiscal year after a debate that stretched past midnight.',
  'Council members voted 7-2 in favour of the plan, which includes new funding for road repairs and public libraries.',
  'Opponents argued the plan relied too heavily on one-time reserves and would leave a gap in future years.',
];
const page = (slot: string): string =>
  `<html><head><title>Council approves budget</title></head><body><main><article><h1>Council approves budget</h1>
<p>${story[0]}</p>\n<p>${story[1]}</p>\n${slot}\n<p>${story[2]}</p></article></main></body></html>`;
const paragraphs = (slot: string): string[] => extractArticle(page(slot)).paragraphs;

describe('ad copy between an ad label and a continuation marker', () => {
  it.each([
    ['the user test: ADVERTISEMENT / copy / Story continues below advertisement', '<p>ADVERTISEMENT</p><p>Buy SuperWidget now!</p><p>Story continues below advertisement</p>'],
    ['one line per element, pretty-printed', '<p>Advertisement</p>\n  <p>Holiday sale: 50% off</p>\n  <p>Article continues below</p>'],
    ['headline, description, call to action and advertiser (four lines)', '<p>Sponsored</p><h3>Win a cruise today</h3><p>Seven nights in the Caribbean for two.</p><p>Enter now</p><p>CruiseCo</p><p>Continue reading below</p>'],
    ['German label', '<div>Anzeige</div><div>Jetzt SuperWidget kaufen!</div><div>Story continues below</div>'],
    ['French label', '<p>Publicité</p><p>Essayez notre application premium</p><p>Article continues after advertisement</p>'],
    ['a script in the slot is not a box (never rendered)', '<p>ADVERTISEMENT</p><script>googletag.display("slot-1")</script><p>Try our premium app</p><p>Story continues below advertisement</p>'],
  ])('%s: the copy goes', (_name, slot) => {
    expect(paragraphs(slot)).toEqual(story);
  });

  it('rotating copy: two fetches extract the same paragraphs', () => {
    const slot = (copy: string): string => `<p>ADVERTISEMENT</p><p>${copy}</p><p>Story continues below advertisement</p>`;
    expect(paragraphs(slot('Buy SuperWidget now!'))).toEqual(paragraphs(slot('Win a cruise today')));
  });

  const kept = 'He declined to comment.';
  it.each([
    ['no marker after the label', `<p>Advertisement</p><p>${kept}</p>`],
    ['the label sits over an ad iframe', `<p>Advertisement</p><div><iframe src="https://ads.example/1"></iframe></div><p>${kept}</p><p>Story continues below</p>`],
    ['the label sits over an empty ad box', `<p>Advertisement</p><div class="ad-slot" id="ad-3"></div><p>${kept}</p><p>Story continues below</p>`],
    ['the label sits over an AdSense <ins>', `<p>ADVERTISEMENT</p><ins class="adsbygoogle" data-ad-slot="123"></ins><p>${kept}</p><p>Story continues below advertisement</p>`],
    ['the iframe is inside the label paragraph', `<p>Advertisement<iframe src="https://ads.example/1"></iframe></p><p>${kept}</p><p>Story continues below</p>`],
    ['an image ad before the marker', `<p>Advertisement</p><p>${kept}</p><img src="/ad.png" alt=""><p>Story continues below</p>`],
    ['the label is the caption under an ad iframe, and the next ad\'s marker follows the story', `<div><iframe src="https://ads.example/1"></iframe></div><p>ADVERTISEMENT</p><p>${kept}</p><p>Story continues below advertisement</p>`],
    ['the same, pretty-printed (whitespace between the ad box and its caption)', `\n<div class="ad-container">\n  <div id="div-gpt-ad-1"><script>googletag.display("1")</script></div>\n</div>\n<p>Advertisement</p>\n<p>${kept}</p>\n<p>Story continues below advertisement</p>\n`],
    ['a "Sponsored" kicker and a "Continue reading" link that opens the rest of the story (navigation, not the end of an ad)', `<p class="kicker">Sponsored</p><p>${kept}</p><a href="#more">Continue reading</a>`],
  ])('%s: the story paragraph stays', (_name, slot) => {
    expect(paragraphs(slot)).toEqual([story[0], story[1], kept, story[2]]);
  });

  it('a story paragraph longer than ad copy (over 100 characters) stays, marker or not', () => {
    const long = 'Mayor Jane Doe said the budget reflected "hard choices" but would keep the city on a sound financial footing.';
    expect(paragraphs(`<p>Advertisement</p><p>${long}</p><p>Story continues below</p>`)).toEqual([story[0], story[1], long, story[2]]);
  });

  it('more than four lines between label and marker are not one ad: all stay', () => {
    const lines = ['One.', 'Two.', 'Three.', 'Four.', 'Five.'];
    const slot = `<p>Advertisement</p>${lines.map((l) => `<p>${l}</p>`).join('')}<p>Story continues below</p>`;
    expect(paragraphs(slot)).toEqual([story[0], story[1], ...lines, story[2]]);
  });

  it('a marker before a label closes nothing: "Story continues below" / text / "Advertisement" keeps the text', () => {
    expect(paragraphs(`<p>Story continues below</p><p>${kept}</p><p>Advertisement</p>`)).toEqual([story[0], story[1], kept, story[2]]);
  });
});
