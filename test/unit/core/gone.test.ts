/** gone.ts: which answers mean a watched page went away. */
import { describe, expect, it } from 'vitest';
import { isGoneCheck, isGoneStatus, isRedirectedAway } from '../../../src/monitor/gone.ts';

describe('isRedirectedAway: the address now leads to a page above the article on the same site', () => {
  const article = 'https://news.example/world/2019/01/31/guaido-meetings';
  it.each([
    ['the front page', 'https://news.example/', true],
    ['the front page with a query (a login or consent bounce that means to come back)', 'https://news.example/?next=/world/2019/01/31/guaido-meetings', false],
    ['the section', 'https://news.example/world/', true],
    ['the section without its slash', 'https://news.example/world', true],
    ['the front page on www.', 'https://www.news.example/', true],
    ['the same address with a trailing slash', 'https://news.example/world/2019/01/31/guaido-meetings/', false],
    ['a renamed slug (the article moved)', 'https://news.example/world/2019/01/31/guaido-secret-meetings', false],
    ['an AMP variant', 'https://news.example/amp/world/2019/01/31/guaido-meetings', false],
    ['a deeper page', 'https://news.example/world/2019/01/31/guaido-meetings/comments', false],
    ['another site\'s front page (a consent wall, a new owner)', 'https://consent.example/', false],
    ['http to https, same path', 'http://news.example/world/2019/01/31/guaido-meetings', false],
    ['not a URL', 'not a url', false],
  ])('%s → %s', (_name, finalUrl, expected) => {
    expect(isRedirectedAway(article, finalUrl)).toBe(expected);
  });

  it('a page at the root of its site has nothing above it', () => {
    expect(isRedirectedAway('https://news.example/', 'https://news.example/')).toBe(false);
  });
});

describe('isGoneCheck', () => {
  it.each([
    [{ outcome: 'failed', status: 404, error: 'http-status: HTTP 404 Not Found' }, true],
    [{ outcome: 'failed', status: 410, error: 'http-status: HTTP 410 Gone' }, true],
    [{ outcome: 'failed', status: 301, error: 'redirected-away: the address now redirects (HTTP 301) to https://news.example/, a page above the article' }, true],
    [{ outcome: 'failed', status: 301, error: 'too-many-redirects: more than 5 redirects (last to /a)' }, false],
    [{ outcome: 'failed', status: 503, error: 'http-status: HTTP 503' }, false],
    [{ outcome: 'failed', status: null, error: 'dns: getaddrinfo ENOTFOUND' }, false],
    [{ outcome: 'unchanged', status: 200, error: null }, false],
  ] as const)('%j → %s', (check, expected) => {
    expect(isGoneCheck(check)).toBe(expected);
  });

  it('only 404 and 410 say a page is not there', () => {
    expect([400, 401, 403, 404, 410, 451, 500].filter(isGoneStatus)).toEqual([404, 410]);
  });
});
