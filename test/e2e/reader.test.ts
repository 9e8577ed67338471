/**
 * A reader's path through stet in a real browser (Debian's Chromium):
 * watch an article with the form, check it, let the page change, check
 * again, and read the diff with the changed words marked.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { ORIGINAL, UPDATE_1, startNewsroom, type Newsroom } from '../support/newsroom.ts';
import { startTestService } from '../support/service.ts';

describe.skipIf(!hasChromium)('in the browser', () => {
  let browser: Browser;
  let page: Page;
  let newsroom: Newsroom;
  let service: Awaited<ReturnType<typeof startTestService>>;
  /** Minutes the checks' clock has been moved on (a removal needs two answers minutes apart). */
  let skipped = 0;

  beforeAll(async () => {
    newsroom = await startNewsroom(ORIGINAL);
    service = await startTestService({}, () => Date.now() + skipped);
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.dispose();
    await newsroom?.close();
  });

  it('watches an article from the form and shows its first version', async () => {
    await page.goto(`${service.url}/articles`);
    await page.fill('input[name=url]', newsroom.articleUrl);
    await page.click('form.add button[type=submit]');
    await page.waitForURL(/\/articles\/\d+$/);
    await page.click('text=Check now');
    await page.waitForSelector('table.versions tr#v1');
    expect(await page.textContent('h1')).toBe(ORIGINAL.title);
  });

  it('after the article changes, the diff page marks the changed words', async () => {
    newsroom.edition = UPDATE_1;
    await page.click('text=Check now');
    await page.waitForSelector('table.versions tr#v2');
    await page.click('text=Original → latest');
    await page.waitForURL(/\/diff\/1\.\.2/);
    const deleted = await page.locator('del').allTextContents();
    const inserted = await page.locator('ins').allTextContents();
    expect(deleted.map((t) => t.trim())).toContain('4,000');
    expect(inserted.map((t) => t.trim())).toContain('4,500');
    // The stylesheet loads under the Content-Security-Policy: insertions are highlighted.
    const background = await page.locator('ins').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await page.screenshot({ path: `${service.dir}/diff.png`, fullPage: true });
    if (process.env.STET_SCREENSHOT) await page.screenshot({ path: process.env.STET_SCREENSHOT, fullPage: true });
  });

  it('reads a version in full from the timeline, and goes from it to the diff', async () => {
    const articlePath = new URL(page.url()).pathname.replace(/\/diff\/.*$/, '');
    await page.goto(`${service.url}${articlePath}`);
    await page.click('table.versions tr#v1 td a');
    await page.waitForURL(/\/versions\/1$/);
    expect(await page.textContent('h1')).toBe(ORIGINAL.title);
    expect((await page.locator('article.version-text p').allTextContents()).join(' ')).toContain('4,000');
    await page.click('text=This → latest');
    await page.waitForURL(/\/diff\/1\.\.2/);
    expect((await page.locator('ins').allTextContents()).map((t) => t.trim())).toContain('4,500');
  });

  it('switches to the side-by-side layout', async () => {
    await page.click('text=side by side');
    await page.waitForURL(/layout=side-by-side/);
    expect(await page.locator('.diff-side-by-side').count()).toBe(1);
    expect((await page.locator('del').allTextContents()).map((t) => t.trim())).toContain('4,000');
  });

  it('shows the revision on the home page and links the feed', async () => {
    await page.goto(service.url + '/');
    expect(await page.locator('ol.revisions > li').count()).toBe(1);
    const feedHref = await page.getAttribute('link[rel=alternate]', 'href');
    expect(feedHref).toBe('/feed.xml');
  });

  it('a pulled story shows as removed on its timeline and the watch list, and as back once it returns', async () => {
    await page.goto(service.url + '/articles');
    await page.click('table.articles a');
    await page.waitForURL(/\/articles\/\d+$/);
    // "Check now" posts, the check runs, and the timeline comes back (303): wait for that page each time.
    const checkNow = () => Promise.all([page.waitForNavigation(), page.click('text=Check now')]);
    newsroom.status = 410;
    try {
      await checkNow();
      await checkNow();
      expect(await page.locator('table.removals').count()).toBe(0); // two answers a moment apart are not a removal yet
      skipped += 10 * 60_000;
      await checkNow();
    } finally {
      newsroom.status = null;
    }
    await page.waitForSelector('table.removals tr[id^=removal-]');
    expect(await page.locator('table.removals').textContent()).toContain('still away');
    expect(await page.locator('dl.facts').textContent()).toContain('HTTP 410 Gone since');
    await page.goto(service.url + '/articles');
    expect(await page.locator('table.articles .badge.removed').count()).toBe(1);
    await page.click('table.articles a');
    await page.waitForURL(/\/articles\/\d+$/);
    await checkNow();
    expect(await page.locator('table.removals').textContent()).not.toContain('still away');
    await page.goto(service.url + '/');
    expect(await page.locator('ol.revisions li.removed').count()).toBe(1);
    expect(await page.locator('ol.revisions li.restored').count()).toBe(1);
  });
  it('adds the newsroom as a source from its front page: the feed it announces is read and its story is on the watch list', async () => {
    const second = await startNewsroom(ORIGINAL);
    try {
      await page.goto(`${service.url}/sources`);
      await page.fill('input[name=url]', `${second.url}/`);
      await page.click('form.add button[type=submit]');
      await page.waitForURL(/\/sources#source-\d+$/);
      // "Read now" posts, the read runs, and the page comes back (303).
      await Promise.all([page.waitForNavigation(), page.click('text=Read now')]);
      const row = page.locator('table.sources tbody tr');
      expect(await row.count()).toBe(1);
      expect(await row.locator('td').first().textContent()).toBe(`Newsroom${second.url}/via ${second.url}/feed.xmlfeed, every 15 minutes`);
      expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('1');
      await page.goto(`${service.url}/articles`);
      expect(await page.locator(`table.articles .url:text-is("${second.articleUrl}")`).count()).toBe(1);
      if (process.env.STET_SCREENSHOT_SOURCES) {
        await page.goto(`${service.url}/sources`);
        await page.screenshot({ path: process.env.STET_SCREENSHOT_SOURCES, fullPage: true });
      }
    } finally {
      await second.close();
    }
  });
  it('on a phone-width screen no page is wider than the screen (wide tables scroll inside themselves)', async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      for (const path of ['/', '/articles', '/sources', '/articles/1', '/articles/1/versions/1', '/articles/1/diff/1..2']) {
        await phone.goto(service.url + path);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
      }
    } finally {
      await phone.close();
    }
  });
});
