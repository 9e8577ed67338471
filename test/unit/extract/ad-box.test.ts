import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a short box named as an advertisement is never article text, on any attempt (a short article's lenient retry included).
const story = 'The council voted on Tuesday to keep the library open for another year, after a long debate about the budget.';
const page = (inner: string, htmlClass = ''): string =>
  `<html class="${htmlClass}"><head><title>Library stays open</title></head><body><main><article><h1>Library stays open</h1>${inner}</article></main></body></html>`;
const ad = (text: string): string => `<div class="ad-slot" id="ad-7"><span>Advertisement</span><a href="/ad?c=7">${text}</a></div>`;

describe('boxes named as ads', () => {
  it('a rotating ad inside a short article stays out, so two fetches extract the same paragraphs', () => {
    const one = extractArticle(page(`<p>${story}</p>${ad('Buy the new Phone X today')}<p>More later.</p>`));
    const two = extractArticle(page(`<p>${story}</p>${ad('Holiday deals: 40% off flights')}<p>More later.</p>`));
    expect(one.paragraphs).toEqual([story, 'More later.']);
    expect(two.paragraphs).toEqual(one.paragraphs);
  });

  it('other ad names: ad_unit, adsense, dfp-ad', () => {
    for (const cls of ['ad_unit', 'adsense', 'dfp-ad', 'gpt-ad top']) {
      const a = extractArticle(page(`<p>${story}</p><div class="${cls}">Sponsored: cheap flights</div>`));
      expect(a.paragraphs).toEqual([story]);
    }
  });

  it('a long container named after the ad setup ("ads-enabled", "ad_body wrapper") is still read', () => {
    const long = Array.from({ length: 6 }, (_, i) => `<p>${story} (${i})</p>`).join('');
    expect(extractArticle(page(`<div class="ad_body wrapper">${long}</div>`)).paragraphs).toHaveLength(6);
    expect(extractArticle(page(long, 'ads-enabled js')).paragraphs).toHaveLength(6);
  });

  it('words that merely contain "ad" are not ads (lead, header-adjacent, load-more, read)', () => {
    const a = extractArticle(page(`<div class="lead">${story}</div><p class="read-more-text">Second paragraph of the story here.</p>`));
    expect(a.paragraphs).toContain(story);
  });
});
