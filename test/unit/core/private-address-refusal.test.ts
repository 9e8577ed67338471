/**
 * A URL the private-network guard would refuse on every fetch (a literal
 * non-public IP, localhost) is refused when it is watched or added as a
 * source, unless ALLOW_PRIVATE_NETWORKS is set: kept, it would only fail at
 * every check. A name that merely resolves to a private address is judged
 * at fetch time (fetch/guard.ts), so it is still accepted here.
 */
import { describe, expect, it } from 'vitest';
import { privateAddressRefusal } from '../../../src/fetch/guard.ts';
import { PrivateAddressError, watchArticle, watchSource } from '../../../src/monitor/watch.ts';
import { formPost as form, jsonRequest as json, testApp } from '../../support/app.ts';

const web = testApp();

describe('privateAddressRefusal', () => {
  it.each([
    ['IPv4 loopback', 'http://127.0.0.1:8080/news/1', /127\.0\.0\.1 is loopback/],
    ['an RFC 1918 address', 'http://192.168.1.10/a', /192\.168\.1\.10 is private/],
    ['the cloud metadata address (link-local)', 'http://169.254.169.254/latest', /link-local/],
    ['IPv6 loopback in brackets', 'http://[::1]:8000/a', /::1 is loopback/],
    ['localhost', 'http://localhost:3000/a', /localhost is the loopback/],
    ['a name under .localhost (RFC 6761)', 'http://news.localhost/a', /news\.localhost is the loopback/],
  ])('refuses %s, saying how to allow it', (_name, url, reason) => {
    const refusal = privateAddressRefusal(new URL(url));
    expect(refusal).toMatch(reason);
    expect(refusal).toContain('set ALLOW_PRIVATE_NETWORKS=true');
  });

  it.each([
    ['a public IP', 'http://93.184.215.14/a'],
    ['a domain name (what it resolves to is judged at fetch time)', 'https://news.example/story'],
    ['a name that only looks local', 'https://localhost.example/a'],
  ])('accepts %s', (_name, url) => {
    expect(privateAddressRefusal(new URL(url))).toBeNull();
  });
});

describe('watching', () => {
  it('watchArticle and watchSource refuse a private address when private networks are not allowed, and keep nothing', () => {
    expect(() => watchArticle(web.store, { url: 'http://127.0.0.1:9/x', intervalMinutes: 30, now: 0, allowPrivateNetworks: false })).toThrow(PrivateAddressError);
    expect(() => watchSource(web.store, { url: 'http://localhost:9/feed', intervalMinutes: 30, articleIntervalMinutes: null, now: 0, allowPrivateNetworks: false })).toThrow(PrivateAddressError);
    expect(web.store.countArticles()).toBe(0);
    expect(web.store.listSources()).toEqual([]);
  });

  it('ALLOW_PRIVATE_NETWORKS lets them in', () => {
    expect(watchArticle(web.store, { url: 'http://127.0.0.1:9/x', intervalMinutes: 30, now: 0, allowPrivateNetworks: true }).created).toBe(true);
    expect(watchSource(web.store, { url: 'http://localhost:9/feed', intervalMinutes: 30, articleIntervalMinutes: null, now: 0, allowPrivateNetworks: true }).created).toBe(true);
  });
});

describe('the web form and the API without ALLOW_PRIVATE_NETWORKS', () => {
  it('POST /api/articles and /api/sources answer 422 blocked_address with the reason', async () => {
    for (const path of ['/api/articles', '/api/sources']) {
      const res = await web.request(path, json({ url: 'http://127.0.0.1:8001/news/1' }));
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('blocked_address');
      expect(body.error.message).toMatch(/127\.0\.0\.1 is loopback .*set ALLOW_PRIVATE_NETWORKS=true/);
    }
    expect(web.store.countArticles()).toBe(0);
    expect(web.store.listSources()).toEqual([]);
  });

  it('the watch form and the add-source form answer 422 with the reason shown', async () => {
    for (const path of ['/articles', '/sources']) {
      const res = await web.request(path, form({ url: 'http://localhost:8001/news/1' }));
      expect(res.status).toBe(422);
      expect(await res.text()).toMatch(/localhost is the loopback .*set ALLOW_PRIVATE_NETWORKS=true/);
    }
    expect(web.store.countArticles()).toBe(0);
    expect(web.store.listSources()).toEqual([]);
  });
});
