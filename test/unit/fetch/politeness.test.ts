/**
 * robots.txt (RFC 9309) against real HTTP servers on 127.0.0.1, with an
 * injected clock for the cache. Private networks are allowed (the servers
 * are on loopback) except in the guard case, which asserts no connection.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { ORIGINAL, renderArticlePage } from '../../../src/demo/newsroom.ts';
import { productToken, ROBOTS_MAX_BYTES, RobotsCache, type RobotsCacheOptions } from '../../../src/fetch/politeness.ts';
import { createLogger } from '../../../src/log.ts';
import { checkArticle, type CheckContext } from '../../../src/monitor/check.ts';
import { createMonitor } from '../../../src/service.ts';
import { closedPort, startTestServer, type TestServer } from './server.ts';

const USER_AGENT = 'stet/0.1 (+https://example.org/stet)';
const HOUR = 3_600_000;

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startTestServer('127.0.0.1'), startTestServer('127.0.0.1')]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

let clock: number;
beforeEach(() => {
  server.reset();
  other.reset();
  clock = Date.UTC(2026, 10, 29, 12, 0, 0);
});

function robotsTxt(body: string, status = 200, headers: Record<string, string> = {}) {
  return (_req: unknown, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    res.end(body);
  };
}

function cache(overrides: Partial<RobotsCacheOptions> = {}): RobotsCache {
  return new RobotsCache({ userAgent: USER_AGENT, timeoutMs: 2_000, allowPrivateNetworks: true, now: () => clock, ...overrides });
}

const robotsRequests = (s: TestServer) => s.requests.filter((r) => r.url === '/robots.txt').length;

describe('the product token picks the group (RFC 9309 §2.2.1)', () => {
  it.each([
    ['the name before the version', 'stet/0.1 (+https://example.org)', 'stet'],
    ['hyphens and underscores belong to the token', 'stet-news_bot/2', 'stet-news_bot'],
    ['a token without a version', 'stet (contact: ops@example.org)', 'stet'],
    ['no token at all: only the * group applies', '/0.1', '*'],
  ])('%s: %s → %s', (_rule, userAgent, token) => {
    expect(productToken(userAgent)).toBe(token);
  });
});

describe('rules by group', () => {
  const ROBOTS = [
    'User-agent: *',
    'Disallow: /private/',
    '',
    'User-agent: STET',
    'Disallow: /news/embargoed',
    'Allow: /news/embargoed/public',
    'Crawl-delay: 7',
    '',
    'User-agent: otherbot',
    'Disallow: /',
  ].join('\n');

  beforeEach(() => server.routes.set('/robots.txt', robotsTxt(ROBOTS)));

  it.each([
    ['our group disallows by prefix (§2.2.2)', 'stet/0.1', '/news/embargoed/story', false],
    ['the longest match wins, so the Allow applies (§2.2.2)', 'stet/0.1', '/news/embargoed/public/story', true],
    ['a path no rule of our group names is allowed', 'stet/0.1', '/news/open', true],
    ['our group replaces the * group, whose rules do not apply to us (§2.2.1)', 'stet/0.1', '/private/x', true],
    ['group names match case-insensitively (§2.2.1)', 'sTeT/9', '/news/embargoed/story', false],
    ['another crawler\'s group does not bind us', 'otherbot/1', '/news/open', false],
    ['a crawler with no group of its own falls back to * (§2.2.1)', 'unknown/1', '/private/x', false],
    ['the * group does not disallow what it does not name', 'unknown/1', '/news/embargoed/story', true],
  ])('%s', async (_rule, userAgent, path, allowed) => {
    expect(await cache().isAllowed(`${server.origin}${path}`, userAgent)).toBe(allowed);
  });

  it('names the robots.txt line that disallowed the URL', async () => {
    const verdict = await cache().check(`${server.origin}/news/embargoed/story`, USER_AGENT);
    expect(verdict).toMatchObject({ allowed: false });
    expect(verdict.reason).toBe(`line 5 of ${server.origin}/robots.txt disallows this URL for stet`);
  });

  it('reports the Crawl-delay of our group, and none when the group gives none', async () => {
    const robots = cache();
    expect(await robots.crawlDelaySeconds(`${server.origin}/a`, USER_AGENT)).toBe(7);
    expect(await robots.crawlDelaySeconds(`${server.origin}/a`, 'unknown/1')).toBeNull();
  });

  it('asks for /robots.txt at the origin with our User-Agent, and takes text/plain', async () => {
    await cache().isAllowed(`${server.origin}/news/open?page=2#top`, USER_AGENT);
    expect(server.requests.map((r) => r.url)).toEqual(['/robots.txt']);
    expect(server.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('keys the cache by origin: another port is another robots.txt (§2.3)', async () => {
    other.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /'));
    const robots = cache();
    expect(await robots.isAllowed(`${server.origin}/news/open`, USER_AGENT)).toBe(true);
    expect(await robots.isAllowed(`${other.origin}/news/open`, USER_AGENT)).toBe(false);
  });
});

describe('when robots.txt cannot be had (RFC 9309 §2.3.1)', () => {
  it.each([
    ['404 is "unavailable": all is allowed (§2.3.1.3)', 404, true],
    ['403 is "unavailable" too (§2.3.1.3)', 403, true],
    ['429 asks us to slow down: treated as unreachable, all disallowed', 429, false],
    ['500 is "unreachable": complete disallow (§2.3.1.4)', 500, false],
    ['503 is "unreachable" (§2.3.1.4)', 503, false],
  ])('%s', async (_rule, status, allowed) => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /', status));
    const verdict = await cache().check(`${server.origin}/news/story`, USER_AGENT);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.reason).toContain(`HTTP ${status}`);
  });

  it('a network failure is "unreachable": complete disallow (§2.3.1.4)', async () => {
    const port = await closedPort();
    const verdict = await cache().check(`http://127.0.0.1:${port}/news/story`, USER_AGENT);
    expect(verdict).toMatchObject({ allowed: false });
    expect(verdict.reason).toMatch(/unreachable.*network/);
  });

  it('after a 500, all stays disallowed for the short TTL, then robots.txt is asked again', async () => {
    server.routes.set('/robots.txt', robotsTxt('down', 500));
    const robots = cache({ unreachableTtlMs: 10 * 60_000 });
    const url = `${server.origin}/news/story`;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(false);

    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    clock += 9 * 60_000;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(false);
    expect(robotsRequests(server)).toBe(1);

    clock += 2 * 60_000;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(true);
    expect(robotsRequests(server)).toBe(2);
  });

  it('a 503 with Retry-After longer than the short TTL is asked again only after it (at most a day)', async () => {
    server.routes.set('/robots.txt', robotsTxt('down', 503, { 'retry-after': '3600' }));
    const robots = cache({ unreachableTtlMs: 10 * 60_000 });
    const url = `${server.origin}/news/story`;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(false);
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    clock += 59 * 60_000;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(false);
    expect(robotsRequests(server)).toBe(1);
    clock += 2 * 60_000;
    expect(await robots.isAllowed(url, USER_AGENT)).toBe(true);
    expect(robotsRequests(server)).toBe(2);

    const later = cache({ unreachableTtlMs: 10 * 60_000 });
    server.routes.set('/robots.txt', robotsTxt('down', 503, { 'retry-after': String(30 * 24 * 3600) }));
    expect(await later.isAllowed(url, USER_AGENT)).toBe(false);
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    clock += 24 * HOUR + 60_000;
    expect(await later.isAllowed(url, USER_AGENT)).toBe(true);
  });

  it('a robots.txt that was read keeps applying while it is unreachable (§2.4, §2.3.1.4)', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /private/'));
    const robots = cache();
    expect(await robots.isAllowed(`${server.origin}/news/story`, USER_AGENT)).toBe(true);

    server.routes.set('/robots.txt', robotsTxt('down', 503));
    clock += 25 * HOUR;
    expect(await robots.isAllowed(`${server.origin}/news/story`, USER_AGENT)).toBe(true);
    expect(await robots.isAllowed(`${server.origin}/private/x`, USER_AGENT)).toBe(false);
    expect(robotsRequests(server)).toBe(2);
  });

  it('past five redirects robots.txt is taken as unavailable: all allowed (§2.3.1.2)', async () => {
    for (let i = 0; i <= 6; i++) {
      const path = i === 0 ? '/robots.txt' : `/r${i}`;
      server.routes.set(path, (_req, res) => res.writeHead(302, { location: `/r${i + 1}` }).end());
    }
    const verdict = await cache().check(`${server.origin}/news/story`, USER_AGENT);
    expect(verdict.allowed).toBe(true);
    expect(verdict.reason).toMatch(/unavailable.*redirects/);
  });
});

describe('fetching robots.txt', () => {
  it('follows a redirect to another authority and applies the rules to the first one (§2.3.1.2)', async () => {
    server.routes.set('/robots.txt', (_req, res) => res.writeHead(301, { location: `${other.origin}/robots.txt` }).end());
    other.routes.set('/robots.txt', robotsTxt('User-agent: stet\nDisallow: /news/'));
    const robots = cache();
    expect(await robots.isAllowed(`${server.origin}/news/story`, USER_AGENT)).toBe(false);
    expect(await robots.isAllowed(`${server.origin}/about`, USER_AGENT)).toBe(true);
  });

  it('reads the first 500 KiB and ignores the rest (§2.5 parsing limit)', async () => {
    const padding = `# ${'x'.repeat(78)}\n`.repeat(Math.ceil(ROBOTS_MAX_BYTES / 81));
    server.routes.set('/robots.txt', robotsTxt(`User-agent: *\nDisallow: /early/\n${padding}Disallow: /late/\n`));
    const robots = cache();
    expect(await robots.isAllowed(`${server.origin}/early/x`, USER_AGENT)).toBe(false);
    expect(await robots.isAllowed(`${server.origin}/late/x`, USER_AGENT)).toBe(true);
  });

  it('takes any Content-Type: robots.txt is not refused as not-HTML', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /', 200, { 'content-type': 'application/octet-stream' }));
    expect(await cache().isAllowed(`${server.origin}/news/story`, USER_AGENT)).toBe(false);
  });

  it('goes through the private-network guard: refused without a connection, leaving the verdict to the page fetch', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /'));
    const verdict = await cache({ allowPrivateNetworks: false }).check(`${server.origin}/news/story`, USER_AGENT);
    expect(verdict.allowed).toBe(true);
    expect(verdict.reason).toMatch(/not fetched \(blocked-address: 127\.0\.0\.1 is loopback/);
    expect(server.connections).toBe(0);
  });
});

describe('the cache', () => {
  beforeEach(() => server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /private/')));

  it('asks once for many checks of one origin, concurrent or not', async () => {
    const robots = cache();
    await Promise.all([1, 2, 3].map((n) => robots.isAllowed(`${server.origin}/news/${n}`, USER_AGENT)));
    for (let n = 0; n < 10; n++) await robots.isAllowed(`${server.origin}/news/${n}`, USER_AGENT);
    expect(robotsRequests(server)).toBe(1);
  });

  it('asks again after 24 hours (§2.4)', async () => {
    const robots = cache();
    await robots.isAllowed(`${server.origin}/news/1`, USER_AGENT);
    clock += 23 * HOUR;
    await robots.isAllowed(`${server.origin}/news/1`, USER_AGENT);
    expect(robotsRequests(server)).toBe(1);
    clock += 2 * HOUR;
    await robots.isAllowed(`${server.origin}/news/1`, USER_AGENT);
    expect(robotsRequests(server)).toBe(2);
  });

  it('forgets the least recently asked origin past its size cap', async () => {
    other.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    const robots = cache({ maxOrigins: 1 });
    await robots.isAllowed(`${server.origin}/a`, USER_AGENT);
    await robots.isAllowed(`${other.origin}/a`, USER_AGENT);
    await robots.isAllowed(`${server.origin}/a`, USER_AGENT);
    expect(robotsRequests(server)).toBe(2);
    expect(robotsRequests(other)).toBe(1);
  });
});

describe('a check of a disallowed article', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(openDatabase(':memory:'));
    server.routes.set('/news/story', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(renderArticlePage(ORIGINAL));
    });
  });

  const context = (robots: RobotsCache | undefined): CheckContext => ({
    store,
    config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', FETCH_TIMEOUT_MS: '2000', USER_AGENT }),
    now: () => clock,
    random: () => 0.5,
    robots,
  });

  it('fetches no page, records a robots-disallowed failure and keeps the versions', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    const ctx = context(cache());
    const { article } = store.addArticle({ url: `${server.origin}/news/story`, intervalMinutes: 30, now: clock });
    expect(await checkArticle(ctx, article)).toMatchObject({ outcome: 'first-version', versionOrdinal: 1 });

    server.routes.set('/robots.txt', robotsTxt('User-agent: stet\nDisallow: /news/'));
    server.requests.length = 0;
    clock += 25 * HOUR;
    const result = await checkArticle(ctx, store.getArticle(article.id)!);

    expect(result).toMatchObject({ outcome: 'failed', status: null });
    expect(result.error).toMatch(/^robots-disallowed: line 2 of .*robots\.txt disallows this URL for stet$/);
    expect(server.requests.map((r) => r.url)).toEqual(['/robots.txt']);
    expect(store.listChecks(article.id, 1)[0]).toMatchObject({ outcome: 'failed', error: result.error });
    expect(store.getArticle(article.id)?.failureCount).toBe(1);
    expect(store.listVersions(article.id)).toHaveLength(1);
  });

  it('a robots.txt that answers 503 fails the check as robots-unreachable (a site outage), not as the publisher\'s refusal', async () => {
    server.routes.set('/robots.txt', (_req, res) => void res.writeHead(503).end());
    const { article } = store.addArticle({ url: `${server.origin}/news/story`, intervalMinutes: 30, now: clock });
    const result = await checkArticle(context(cache()), article);
    expect(result).toMatchObject({ outcome: 'failed', status: null });
    expect(result.error).toMatch(/^robots-unreachable: .*robots\.txt unreachable, so all is disallowed \(http-status: HTTP 503/);
    expect(server.requests.map((r) => r.url)).toEqual(['/robots.txt']);
  });

  it('a site that answers nothing (connection refused) fails as that, not as a robots.txt refusal', async () => {
    const port = await closedPort();
    const { article } = store.addArticle({ url: `http://127.0.0.1:${port}/news/story`, intervalMinutes: 30, now: clock });
    const result = await checkArticle(context(cache()), article);
    expect(result).toMatchObject({ outcome: 'failed', status: null });
    expect(result.error).toMatch(/^network: the site did not answer \(http:\/\/127\.0\.0\.1:\d+\/robots\.txt unreachable/);
  });

  it('on a refused address the check fails with blocked-address, having connected for neither robots.txt nor the page', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow:'));
    const ctx = { ...context(cache({ allowPrivateNetworks: false })), config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'false', USER_AGENT }) };
    const { article } = store.addArticle({ url: `${server.origin}/news/story`, intervalMinutes: 30, now: clock });
    const result = await checkArticle(ctx, article);
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^blocked-address: /) });
    expect(server.connections).toBe(0);
  });

  it('the monitor built by createMonitor asks robots.txt unless RESPECT_ROBOTS_TXT is false', async () => {
    server.routes.set('/robots.txt', robotsTxt('User-agent: *\nDisallow: /'));
    const { article } = store.addArticle({ url: `${server.origin}/news/story`, intervalMinutes: 30, now: Date.now() });
    const log = createLogger('silent');
    const env = { ALLOW_PRIVATE_NETWORKS: 'true', FETCH_TIMEOUT_MS: '2000', SCHEDULER: 'false' };

    const respectful = createMonitor(store, parseConfig(env), log);
    expect(await respectful.checkNow(article.id)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^robots-disallowed:/) });
    expect(server.requests.map((r) => r.url)).toEqual(['/robots.txt']);

    server.requests.length = 0;
    const heedless = createMonitor(store, parseConfig({ ...env, RESPECT_ROBOTS_TXT: 'false' }), log);
    expect(await heedless.checkNow(article.id)).toMatchObject({ outcome: 'first-version' });
    expect(server.requests.map((r) => r.url)).toEqual(['/news/story']);
  });
});
