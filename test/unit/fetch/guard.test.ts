/**
 * The private-network guard, live. Only loopback is ever aimed at: each
 * refused case asserts that the test server saw no TCP connection at all.
 * Other private ranges are covered by the classifier table (address.test.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPage, type FetchOptions } from '../../../src/fetch/fetcher.ts';
import { BLOCKED_ADDRESS, createPublicOnlyConnector, publicOnlyLookup } from '../../../src/fetch/guard.ts';
import { startTestServer, type TestServer } from './server.ts';

let v4: TestServer;
let v6: TestServer;
beforeAll(async () => {
  v4 = await startTestServer('127.0.0.1');
  v6 = await startTestServer('::1');
});
afterAll(async () => {
  await Promise.all([v4.close(), v6.close()]);
});
beforeEach(() => {
  for (const server of [v4, v6]) {
    server.reset();
    server.routes.set('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>reachable</p>');
    });
  }
});

const options = (allowPrivateNetworks: boolean): FetchOptions => ({
  userAgent: 'stet-test',
  timeoutMs: 2_000,
  maxBytes: 100_000,
  maxRedirects: 5,
  allowPrivateNetworks,
});

describe('with allowPrivateNetworks false, loopback is refused without connecting', () => {
  it.each([
    ['127.0.0.1 (IPv4 loopback literal, RFC 1122 §3.2.1.3)', () => `http://127.0.0.1:${v4.port}/page`, () => v4],
    ['localhost (a name resolving to loopback, checked at lookup time)', () => `http://localhost:${v4.port}/page`, () => v4],
    ['[::1] (IPv6 loopback literal, RFC 4291 §2.5.3)', () => `http://[::1]:${v6.port}/page`, () => v6],
    ['[::ffff:127.0.0.1] (IPv4-mapped loopback, RFC 4291 §2.5.5.2)', () => `http://[::ffff:127.0.0.1]:${v4.port}/page`, () => v4],
    ['127.1 (shorthand IPv4, normalised by the WHATWG URL parser)', () => `http://127.1:${v4.port}/page`, () => v4],
    ['2130706433 (decimal IPv4, normalised by the WHATWG URL parser)', () => `http://2130706433:${v4.port}/page`, () => v4],
    ['0.0.0.0 (unspecified, which Linux routes to loopback, RFC 6890)', () => `http://0.0.0.0:${v4.port}/page`, () => v4],
  ])('%s', async (_rule, url, server) => {
    const outcome = await fetchPage(url(), options(false));
    expect(outcome).toMatchObject({ kind: 'failed', code: 'blocked-address', status: null });
    expect(server().connections).toBe(0);
    expect(server().requests).toHaveLength(0);
  });

  it('says which address was refused and why', async () => {
    const outcome = await fetchPage(`http://localhost:${v4.port}/page`, options(false));
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/127\.0\.0\.1.*loopback/);
  });

  it.each([
    ['a literal address, refused before the request', () => `http://127.0.0.1:${v4.port}/page`],
    ['a name, refused at lookup', () => `http://localhost:${v4.port}/page`],
  ])('names the setting that allows it: %s', async (_how, url) => {
    const outcome = await fetchPage(url(), options(false));
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/loopback.*\(set ALLOW_PRIVATE_NETWORKS=true to allow non-public addresses\)$/);
  });
});

describe('with allowPrivateNetworks true, loopback is fetched (tests and the demo rely on it)', () => {
  it.each([
    ['127.0.0.1', () => `http://127.0.0.1:${v4.port}/page`],
    ['localhost', () => `http://localhost:${v4.port}/page`],
    ['[::1]', () => `http://[::1]:${v6.port}/page`],
  ])('%s', async (_name, url) => {
    const outcome = await fetchPage(url(), options(true));
    expect(outcome).toMatchObject({ kind: 'fetched', status: 200, html: '<p>reachable</p>' });
  });
});

describe('the guard at the socket', () => {
  const publicOnlyConnect = createPublicOnlyConnector();

  it('the lookup drops non-public answers and fails when none is left, in both callback shapes', async () => {
    for (const all of [true, false]) {
      const error = await new Promise<unknown>((resolve) => publicOnlyLookup('localhost', { all }, (err) => resolve(err)));
      expect(error).toMatchObject({ code: BLOCKED_ADDRESS });
    }
  });

  it('the connector refuses a literal loopback address before any packet is sent', async () => {
    const error = await new Promise<unknown>((resolve) =>
      publicOnlyConnect({ hostname: '127.0.0.1', protocol: 'http:', port: String(v4.port) }, (...result) => resolve(result[0])),
    );
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS, message: expect.stringContaining('ALLOW_PRIVATE_NETWORKS=true') });
    expect(v4.connections).toBe(0);
  });

  it('the connector refuses a bracketed IPv6 loopback literal', async () => {
    const error = await new Promise<unknown>((resolve) =>
      publicOnlyConnect({ hostname: '[::1]', protocol: 'http:', port: String(v6.port) }, (...result) => resolve(result[0])),
    );
    expect(error).toMatchObject({ code: BLOCKED_ADDRESS });
    expect(v6.connections).toBe(0);
  });
});
