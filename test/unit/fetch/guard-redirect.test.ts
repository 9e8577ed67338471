/**
 * Every redirect hop is re-checked by the guard. A test cannot reach a real
 * public server, so here 127.0.0.1 stands in for one: the classifier is
 * wrapped to call exactly that address public, and everything else keeps
 * its real verdict. The "public" page then redirects to loopback targets
 * that must be refused without a connection.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as AddressModule from '../../../src/fetch/address.ts';
import { fetchPage, type FetchOptions } from '../../../src/fetch/fetcher.ts';
import { startTestServer, type TestServer } from './server.ts';

const STAND_IN_PUBLIC = '127.0.0.1';

vi.mock('../../../src/fetch/address.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof AddressModule>();
  const nonPublicReason = (address: string) => (address === STAND_IN_PUBLIC ? null : actual.nonPublicReason(address));
  return { ...actual, nonPublicReason, isPublicAddress: (address: string) => nonPublicReason(address) === null };
});

let publicSite: TestServer;
let internal: TestServer;
beforeAll(async () => {
  publicSite = await startTestServer('127.0.0.1');
  internal = await startTestServer('::1');
});
afterAll(async () => {
  await Promise.all([publicSite.close(), internal.close()]);
});
beforeEach(() => {
  publicSite.reset();
  internal.reset();
  internal.routes.set('/secret', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p>internal</p>');
  });
});

const options: FetchOptions = {
  userAgent: 'stet-test',
  timeoutMs: 2_000,
  maxBytes: 100_000,
  maxRedirects: 5,
  allowPrivateNetworks: false,
};

describe('a redirect cannot smuggle a request to a non-public address', () => {
  it('the stand-in public page itself is fetched (the premise of the tests below)', async () => {
    publicSite.routes.set('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>public</p>');
    });
    expect(await fetchPage(`${publicSite.origin}/page`, options)).toMatchObject({ kind: 'fetched', html: '<p>public</p>' });
  });

  it('a 302 to an IPv6 loopback literal is refused and the target sees no connection', async () => {
    publicSite.routes.set('/go', (_req, res) => {
      res.writeHead(302, { location: `http://[::1]:${internal.port}/secret` });
      res.end();
    });
    const outcome = await fetchPage(`${publicSite.origin}/go`, options);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'blocked-address' });
    expect(publicSite.requests).toHaveLength(1);
    expect(internal.connections).toBe(0);
  });

  it('a 302 to the IPv4-mapped form of an address is judged by the embedded IPv4 (RFC 4291 §2.5.5.2)', async () => {
    // ::ffff:127.0.0.1 would reach the very same socket; only the stand-in's plain form is "public".
    publicSite.routes.set('/go', (_req, res) => {
      res.writeHead(302, { location: `http://[::ffff:127.0.0.2]:${publicSite.port}/go` });
      res.end();
    });
    const outcome = await fetchPage(`${publicSite.origin}/go`, options);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'blocked-address' });
    expect(outcome.kind === 'failed' && outcome.message).toMatch(/IPv4-mapped.*loopback/);
    expect(publicSite.requests).toHaveLength(1);
  });

  it('with allowPrivateNetworks true the same redirect is followed', async () => {
    publicSite.routes.set('/go', (_req, res) => {
      res.writeHead(302, { location: `http://[::1]:${internal.port}/secret` });
      res.end();
    });
    const outcome = await fetchPage(`${publicSite.origin}/go`, { ...options, allowPrivateNetworks: true });
    expect(outcome).toMatchObject({ kind: 'fetched', html: '<p>internal</p>' });
  });
});
