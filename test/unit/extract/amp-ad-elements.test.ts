import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: AMP's ad components (amp-ad, amp-embed, amp-sticky-ad, amp-auto-ads) are ads by definition and, like
// <iframe> or <ins>, never article text: their "placeholder" and "fallback" children ("Ad loading 93386") rotate on
// every request. The element still counts as a box on the page (the ad itself), as an iframe does.
const story = [
  'The regional authority approved the dam project on Friday after a long debate in the chamber that lasted most of the afternoon.',
  'Critics said the cost estimates were far too optimistic and would have to be revised before construction starts.',
];
const page = (slot: string): string =>
  `<!doctype html><html ⚡ lang="en"><head><title>Dam project approved</title></head><body><article><h1>Dam project approved</h1>` +
  `<p>${story[0]}</p>${slot}<p>${story[1]}</p></article></body></html>`;
const paragraphs = (slot: string): string[] => extractArticle(page(slot)).paragraphs;

describe('AMP ad elements', () => {
  it.each([
    ['amp-ad with placeholder and fallback (the user test)', '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/x"><div placeholder>Ad loading 123</div><div fallback>Ad could not be loaded</div></amp-ad>'],
    ['amp-embed (content recommendations)', '<amp-embed type="taboola" width="400" height="300"><div placeholder>Loading recommended stories 7</div><p>You may like: 10 tricks</p></amp-embed>'],
    ['amp-sticky-ad around an amp-ad', '<amp-sticky-ad layout="nodisplay"><amp-ad type="doubleclick"><div placeholder>Ad loading 5</div></amp-ad></amp-sticky-ad>'],
    ['amp-auto-ads', '<amp-auto-ads type="adsense" data-ad-client="ca-pub-1"><div fallback>Ads could not be shown</div></amp-auto-ads>'],
    ['amp-ad inside a paragraph-like wrapper', '<div class="slot"><amp-ad type="a9"><div placeholder>Loading advertisement 99</div></amp-ad></div>'],
    ['upper-case tag name', '<AMP-AD type="doubleclick"><DIV placeholder>Ad loading 123</DIV></AMP-AD>'],
  ])('%s: contributes no text', (_name, slot) => {
    expect(paragraphs(slot)).toEqual(story);
  });

  it('a rotating number in the placeholder makes no new version: two fetches extract the same paragraphs', () => {
    const slot = (n: number): string => `<amp-ad type="doubleclick" data-slot="/123/${n}"><div placeholder>Ad loading ${n}</div></amp-ad>`;
    expect(paragraphs(slot(93386))).toEqual(paragraphs(slot(41620)));
  });

  it('the amp-ad is the ad under a label, so the sentence after it stays the story even before a continuation marker', () => {
    const kept = 'He declined to comment.';
    const slot = `<p>Advertisement</p><amp-ad type="doubleclick"><div placeholder>Ad loading 1</div></amp-ad><p>${kept}</p><p>Story continues below</p>`;
    expect(paragraphs(slot)).toEqual([story[0], kept, story[1]]);
  });

  it.each([
    ['text in other AMP components is read', '<amp-fit-text layout="fixed-height" height="80">The vote was 31 to 29.</amp-fit-text>', 'The vote was 31 to 29.'],
    ['a paragraph merely about ads is prose', '<p>Ad loading times on the council website were also discussed.</p>', 'Ad loading times on the council website were also discussed.'],
  ])('%s', (_name, slot, kept) => {
    expect(paragraphs(slot)).toEqual([story[0], kept, story[1]]);
  });
});
