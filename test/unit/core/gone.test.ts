/** gone.ts: which answers mean a watched page went away. */
import { describe, expect, it } from 'vitest';
import { isGoneCheck, isGoneStatus, isRedirectedAway, notFoundPageTitle } from '../../../src/monitor/gone.ts';

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

describe('notFoundPageTitle: a "not found" page served as a page (a soft 404)', () => {
  const notice = ['Sorry, we could not find the page you were looking for.', 'Go to the home page'];
  it.each([
    'Page not found | Gazette',
    '404 - Not Found',
    'Error 404',
    'Not Found',
    'Seite nicht gefunden – Tagblatt',
    'Page introuvable',
    'Página no encontrada',
    'Oops! That page can’t be found.',
    'The page you were looking for could not be found',
    'Article no longer available',
  ])('%j on a short page is one', (title) => {
    expect(notFoundPageTitle({ title, paragraphs: notice })).toBe(title);
  });

  it.each([
    'Page not found: why the web is rotting',
    'Not found: the missing millions',
    '404: the number that broke the internet',
    'Council backs flood plan',
  ])('a headline %j is none', (title) => {
    expect(notFoundPageTitle({ title, paragraphs: notice })).toBeNull();
  });

  it('a page with a byline, a date, or a story is an article', () => {
    expect(notFoundPageTitle({ title: 'Not Found', paragraphs: notice, byline: 'Ann Lee' })).toBeNull();
    expect(notFoundPageTitle({ title: 'Not Found', paragraphs: notice, publishedAt: '2026-11-30' })).toBeNull();
    expect(notFoundPageTitle({ title: 'Not Found', paragraphs: Array.from({ length: 10 }, () => 'A paragraph of the story about the missing files, which the council could not find for months. '.repeat(2)) })).toBeNull();
  });

  it('a check that met one counts as the page gone, as a 404 does', () => {
    expect(isGoneCheck({ outcome: 'failed', status: 200, error: 'not-found-page: the site answered with "Page not found" (HTTP 200), a page saying the article is not there' })).toBe(true);
    expect(isGoneCheck({ outcome: 'failed', status: 200, error: 'interstitial: the site answered with "Just a moment..."' })).toBe(false);
  });
});
