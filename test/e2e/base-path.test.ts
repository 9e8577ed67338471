/**
 * stet under a path prefix in a real browser (Debian's Chromium): a tiny
 * reverse proxy serves it at http://127.0.0.1:<port>/stet/, stripping the
 * prefix as nginx's `proxy_pass http://127.0.0.1:8787/;` does, and answers
 * 404 for anything outside /stet/, so a link or redirect that forgot the
 * prefix breaks the walk: home → watch list → article → diff.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../support/browser.ts';
import { ORIGINAL, UPDATE_1, startNewsroom, type Newsroom } from '../support/newsroom.ts';
import { startTestService } from '../support/service.ts';

const PREFIX = '/stet';

/** A proxy forwarding PREFIX/<rest> to `target()` as /<rest>; every other path it refuses (404) and remembers. */
async function startStrippingProxy(target: () => URL): Promise<{ url: string; outside: string[]; close(): Promise<void> }> {
  const outside: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path !== PREFIX && !path.startsWith(PREFIX + '/')) {
      outside.push(path);
      res.writeHead(404).end('outside /stet/');
      return;
    }
    const upstream = target();
    const out = forward(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: path.slice(PREFIX.length) || '/', headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    outside,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe.skipIf(!hasChromium)('in the browser, behind a proxy at /stet/', () => {
  let browser: Browser;
  let page: Page;
  let newsroom: Newsroom;
  let service: Awaited<ReturnType<typeof startTestService>>;
  let proxy: Awaited<ReturnType<typeof startStrippingProxy>>;

  beforeAll(async () => {
    newsroom = await startNewsroom(ORIGINAL);
    proxy = await startStrippingProxy(() => new URL(service.url));
    service = await startTestService({ BASE_URL: `${proxy.url}${PREFIX}/` });
    browser = await launchBrowser();
    page = await browser.newPage();
    // A link that left /stet/ fails at its waitForURL, within the test's time.
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await service?.dispose();
    await newsroom?.close();
  });

  it('home → watch list → article → diff, every link, form and redirect staying under /stet/', async () => {
    const home = `${proxy.url}${PREFIX}/`;
    await page.goto(home);
    await page.click('nav >> text=Watch list');
    await page.waitForURL(`${home}articles`);

    await page.fill('input[name=url]', newsroom.articleUrl);
    await page.click('form.add button[type=submit]');
    await page.waitForURL(new RegExp(`^${home}articles/\\d+$`));
    await page.click('text=Check now');
    await page.waitForSelector('table.versions tr#v1');
    newsroom.edition = UPDATE_1;
    await page.click('text=Check now');
    await page.waitForSelector('table.versions tr#v2');

    await page.click('a.brand');
    await page.waitForURL(home);
    await page.click('ol.revisions > li > a.title');
    await page.waitForURL(new RegExp(`^${home}articles/\\d+/diff/1\\.\\.2$`));
    expect((await page.locator('ins').allTextContents()).map((t) => t.trim())).toContain('4,500');
    // The stylesheet came through the proxy: insertions are highlighted.
    const background = await page.locator('ins').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');

    // The version pickers: a GET form whose redirect stays under the prefix too.
    await page.click('form.pick button[type=submit]');
    await page.waitForURL(new RegExp(`^${home}articles/\\d+/diff/1\\.\\.2\\?layout=inline$`));

    // The browser asks the host's root for an icon by itself; nothing else went outside /stet/.
    expect(proxy.outside.filter((path) => path !== '/favicon.ico')).toEqual([]);
  });
});
