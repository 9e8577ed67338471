import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchPage, type FetchOptions } from '../../../src/fetch/fetcher.ts';
import { startTestServer, type TestServer } from './server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.routes.clear();
  server.requests.length = 0;
});

const options: FetchOptions = {
  userAgent: 'stet-test/1.0 (+https://example.org/stet)',
  timeoutMs: 2_000,
  maxBytes: 1_000_000,
  maxRedirects: 5,
  allowPrivateNetworks: true,
};

describe('fetchPage: a plain page', () => {
  it('returns the status, final URL, bytes and decoded HTML of a 200 text/html response', async () => {
    server.routes.set('/page', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<p>Größe</p>');
    });
    const outcome = await fetchPage(`${server.origin}/page`, options);
    expect(outcome).toMatchObject({ kind: 'fetched', status: 200, url: `${server.origin}/page`, html: '<p>Größe</p>', encoding: 'utf-8' });
  });
});
