/**
 * The watch list on a phone-wide screen (400 px) in a real browser
 * (Debian's Chromium): nothing runs off the right edge. Each article is a
 * block of its own there (style.css), every value under its column's name,
 * a long URL wrapped, so no column hides beyond a sideways scroll.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { startTestService } from '../support/service.ts';

const WIDTH = 400;
const LONG_URL = 'https://www.example-news-outlet.co.uk/news/politics/2026/01/15/the-minister-resigns-after-a-very-long-week-of-questions-live-updates-1234567?utm_campaign=share';

describe.skipIf(!hasChromium)('the watch list at 400 px wide', () => {
  let browser: Browser;
  let page: Page;
  let service: Awaited<ReturnType<typeof startTestService>>;

  beforeAll(async () => {
    service = await startTestService();
    const now = Date.now();
    for (const url of [LONG_URL, 'https://news.example/short']) {
      const { article } = service.store.addArticle({ url, intervalMinutes: 30, now });
      service.store.recordCheck(article.id, { kind: 'failed', at: now, status: 503, durationMs: 1, nextCheckAt: now + 3_600_000, error: 'http-status: HTTP 503 Service Unavailable' });
    }
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: WIDTH, height: 800 } });
    await page.goto(`${service.url}/articles`);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
  });

  it('the page is no wider than the screen', async () => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(WIDTH);
  });

  it('every cell of every article lies within the screen, each value named by its column', async () => {
    const cells = page.locator('table.articles td');
    expect(await cells.count()).toBe(10);
    for (const box of await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(WIDTH);
    const labelled = await page.locator('table.articles tbody tr').first().locator('td[data-label]').evaluateAll((tds) => tds.map((td) => getComputedStyle(td, '::before').content));
    expect(labelled).toEqual(['"Versions: "', '"Last checked: "', '"Next check: "', '"State: "']);
  });
});
