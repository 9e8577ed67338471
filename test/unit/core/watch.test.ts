/**
 * normalizeArticleUrl: the one form under which an article is stored, so the
 * same story reached through a share link or a campaign link is watched once.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { InvalidUrlError, normalizeArticleUrl, watchArticle } from '../../../src/monitor/watch.ts';

describe('normalizeArticleUrl keeps what identifies the article', () => {
  const cases: [string, string, string][] = [
    ['the fragment is dropped: it never reaches the server', 'https://news.example/story#comments', 'https://news.example/story'],
    ['utm_* campaign parameters are dropped', 'https://news.example/story?utm_source=tw&utm_medium=social&utm_campaign=x', 'https://news.example/story'],
    ['click ids (fbclid, gclid, msclkid, igshid) are dropped', 'https://news.example/story?fbclid=a&gclid=b&msclkid=c&igshid=d', 'https://news.example/story'],
    ['tracking names match whatever their case', 'https://news.example/story?UTM_Source=a&FBCLID=b', 'https://news.example/story'],
    ['real parameters are kept, in order', 'https://news.example/story?id=42&page=2', 'https://news.example/story?id=42&page=2'],
    ['real parameters survive among tracking ones', 'https://news.example/story?utm_source=x&id=42&fbclid=y&page=2', 'https://news.example/story?id=42&page=2'],
    ['a parameter that merely starts like one is kept (utmost is not utm_)', 'https://news.example/story?utmost=1&ga=2', 'https://news.example/story?utmost=1&ga=2'],
    ['the host is lower-cased (hosts are case-insensitive, RFC 3986 §3.2.2)', 'https://NEWS.Example.COM/Story', 'https://news.example.com/Story'],
    ['the path keeps its case (paths are case-sensitive)', 'https://news.example/World/Story-A', 'https://news.example/World/Story-A'],
    ['the default port is dropped', 'https://news.example:443/story', 'https://news.example/story'],
    ['a non-default port is kept', 'http://news.example:8080/story', 'http://news.example:8080/story'],
    ['surrounding whitespace (from a paste) is trimmed', '  https://news.example/story \n', 'https://news.example/story'],
    ['an empty query is dropped', 'https://news.example/story?', 'https://news.example/story'],
    ['an international host becomes its ASCII (punycode) form', 'https://BÜCHER.example/a', 'https://xn--bcher-kva.example/a'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(normalizeArticleUrl(input)).toBe(expected);
  });

  const sameArticle: [string, string, string][] = [
    ['an encoded space in a real parameter', 'https://news.example/search?q=a%20b&utm_source=x', 'https://news.example/search?q=a%20b'],
    ['a parameter without a value', 'https://news.example/story?amp&utm_medium=x', 'https://news.example/story?amp'],
    ['a reserved character kept encoded', 'https://news.example/story?ref=a%2Fb&fbclid=1', 'https://news.example/story?ref=a%2Fb'],
  ];
  it.each(sameArticle)('removing tracking parameters leaves the rest byte for byte: %s', (_name, withTracking, without) => {
    expect(normalizeArticleUrl(withTracking)).toBe(normalizeArticleUrl(without));
  });

  it('is idempotent: a normalized URL normalizes to itself', () => {
    for (const [, input] of cases) {
      const once = normalizeArticleUrl(input);
      expect(normalizeArticleUrl(once)).toBe(once);
    }
  });
});

describe('normalizeArticleUrl refuses what cannot be watched, with InvalidUrlError', () => {
  const cases: [string, string, RegExp][] = [
    ['not a URL at all', 'not a url', /^not a valid URL: "not a url"$/],
    ['an address without its scheme: a hint, not a guess', 'news.example/story', /^not a valid URL: "news\.example\/story" \(did you mean https:\/\/news\.example\/story\?\)$/],
    ['host:port without a scheme (read as the scheme "localhost:")', 'localhost:8080/x', /not localhost: \(did you mean https:\/\/localhost:8080\/x\?\)$/],
    ['a relative path', '/news/story', /not a valid URL/],
    ['an empty string', '', /not a valid URL/],
    ['ftp:', 'ftp://news.example/story', /only http and https/],
    ['file:', 'file:///etc/passwd', /only http and https/],
    ['javascript:', 'javascript:alert(1)', /only http and https/],
    ['data:', 'data:text/html,<p>hi</p>', /only http and https/],
    ['a user name in the URL', 'https://user@news.example/story', /credentials/],
    ['a user name and password in the URL', 'https://user:secret@news.example/story', /credentials/],
  ];
  it.each(cases)('%s', (_name, input, message) => {
    expect(() => normalizeArticleUrl(input)).toThrow(InvalidUrlError);
    expect(() => normalizeArticleUrl(input)).toThrow(message);
  });

  it('the message quotes at most 200 characters of a huge input', () => {
    const huge = 'x'.repeat(10_000);
    expect(() => normalizeArticleUrl(huge)).toThrow(InvalidUrlError);
    try {
      normalizeArticleUrl(huge);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });
});

describe('watchArticle', () => {
  it('stores the normalized URL, so a campaign link and the plain link are one article', () => {
    const store = new Store(openDatabase(':memory:'));
    const first = watchArticle(store, { url: 'https://News.example/story?utm_source=x#top', intervalMinutes: 30, now: 1 });
    const second = watchArticle(store, { url: 'https://news.example/story', intervalMinutes: 30, now: 2 });
    expect(first.created).toBe(true);
    expect(first.article.url).toBe('https://news.example/story');
    expect(second).toMatchObject({ created: false, article: { id: first.article.id } });
    expect(store.listArticles()).toHaveLength(1);
    store.close();
  });

  it('an invalid URL throws before anything is written', () => {
    const store = new Store(openDatabase(':memory:'));
    expect(() => watchArticle(store, { url: 'ftp://news.example/x', intervalMinutes: 30, now: 1 })).toThrow(InvalidUrlError);
    expect(store.listArticles()).toEqual([]);
    store.close();
  });
});
