/**
 * normalizeArticleUrl: the one form under which an article is stored, so the
 * same story reached through a share link or a campaign link is watched once.
 */
import { describe, expect, it } from 'vitest';
import { InvalidUrlError, normalizeArticleUrl, setCheckInterval, watchArticle } from '../../../src/monitor/watch.ts';
import { memoryStore } from '../../support/app.ts';

describe('normalizeArticleUrl keeps what identifies the article', () => {
  const cases: [string, string, string][] = [
    ['the fragment is dropped: it never reaches the server', 'https://news.example/story#comments', 'https://news.example/story'],
    ['utm_* campaign parameters are dropped', 'https://news.example/story?utm_source=tw&utm_medium=social&utm_campaign=x', 'https://news.example/story'],
    ['click ids (fbclid, gclid, msclkid, igshid) are dropped', 'https://news.example/story?fbclid=a&gclid=b&msclkid=c&igshid=d', 'https://news.example/story'],
    ['tracking names match whatever their case', 'https://news.example/story?UTM_Source=a&FBCLID=b', 'https://news.example/story'],
    ['real parameters are kept, in order', 'https://news.example/story?id=42&page=2', 'https://news.example/story?id=42&page=2'],
    ['real parameters survive among tracking ones', 'https://news.example/story?utm_source=x&id=42&fbclid=y&page=2', 'https://news.example/story?id=42&page=2'],
    ['referrer and analytics tags feeds append are dropped (ref, ref_src, BBC at_*, xtor, ns_*, smid)', 'https://news.example/story?ref=rss&ref_src=twsrc&at_medium=RSS&at_campaign=KARANGA&xtor=RSS-1&ns_source=feed&smid=url-share', 'https://news.example/story'],
    ['the Guardian\'s share tag CMP is dropped, as the Guardian writes it (upper case)', 'https://www.theguardian.com/world/2024/story?CMP=share_btn_tw', 'https://www.theguardian.com/world/2024/story'],
    ['a lower-case cmp is no tag we know of, and is kept', 'https://news.example/story?cmp=2', 'https://news.example/story?cmp=2'],
    ['other ad, mailing and social click ids are dropped (yclid, ttclid, li_fat_id, mkt_tok, HubSpot _hsenc/_hsmi, Olytics, Vero, _openstat)', 'https://news.example/story?yclid=1&ttclid=2&li_fat_id=3&mkt_tok=4&_hsenc=5&_hsmi=6&oly_enc_id=7&oly_anon_id=8&vero_id=9&_openstat=10&mc_cid=11&mc_eid=12', 'https://news.example/story'],
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
    const store = memoryStore();
    const first = watchArticle(store, { url: 'https://News.example/story?utm_source=x#top', intervalMinutes: 30, now: 1 });
    const second = watchArticle(store, { url: 'https://news.example/story', intervalMinutes: 30, now: 2 });
    expect(first.created).toBe(true);
    expect(first.article.url).toBe('https://news.example/story');
    expect(second).toMatchObject({ created: false, article: { id: first.article.id } });
    expect(store.listArticles()).toHaveLength(1);
    store.close();
  });

  it('an invalid URL throws before anything is written', () => {
    const store = memoryStore();
    expect(() => watchArticle(store, { url: 'ftp://news.example/x', intervalMinutes: 30, now: 1 })).toThrow(InvalidUrlError);
    expect(store.listArticles()).toEqual([]);
    store.close();
  });
});

describe('setCheckInterval: a shorter interval takes effect now, a longer one from the next check on', () => {
  const MINUTE = 60_000;
  const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
  /** An article changed at T0, last checked at `checkedAt` with its next check at `next`, after `failures` failures. */
  function setUp(checkedAt: number, next: number, failures = 0) {
    const store = memoryStore();
    const { article } = store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: T0 });
    const body = new TextEncoder().encode('<p>x</p>');
    store.recordCheck(article.id, {
      kind: 'new-version', at: T0, status: 200, durationMs: 1, nextCheckAt: T0 + 30 * MINUTE, etag: null, lastModified: null, bodyHash: 'h', body,
      version: { fingerprint: 'f', title: 't', byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: ['x'], diffSummary: null },
    });
    store.recordCheck(article.id, { kind: 'unchanged', at: checkedAt, status: 200, durationMs: 1, nextCheckAt: next, etag: null, lastModified: null, bodyHash: null });
    for (let k = 0; k < failures; k++) store.recordCheck(article.id, { kind: 'failed', at: checkedAt, status: 429, durationMs: 1, nextCheckAt: next, error: 'http-status: HTTP 429' });
    return { store, id: article.id };
  }
  const set = (s: ReturnType<typeof setUp>, intervalMinutes: number, now: number) =>
    setCheckInterval(s.store, { articleId: s.id, intervalMinutes, now, maxIntervalMinutes: 1440 })!;

  it('shorter: the next check moves up to the new interval after the last check (an article changed within a day: no stretch)', () => {
    const s = setUp(T0 + 60 * MINUTE, T0 + 90 * MINUTE);
    expect(set(s, 10, T0 + 65 * MINUTE)).toMatchObject({ intervalMinutes: 10, nextCheckAt: T0 + 70 * MINUTE });
  });

  it('shorter, for an article quiet for weeks: the schedule\'s stretch still applies (10 min × 8)', () => {
    const s = setUp(T0 + 10 * 24 * 60 * MINUTE, T0 + 10 * 24 * 60 * MINUTE + 240 * MINUTE);
    expect(set(s, 10, T0 + 10 * 24 * 60 * MINUTE + MINUTE).nextCheckAt).toBe(T0 + 10 * 24 * 60 * MINUTE + 80 * MINUTE);
  });

  it('shorter, when that time has passed already: due now, not in the past', () => {
    const s = setUp(T0 + 60 * MINUTE, T0 + 90 * MINUTE);
    expect(set(s, 5, T0 + 80 * MINUTE).nextCheckAt).toBe(T0 + 80 * MINUTE);
  });

  it('longer: the next check stays where it was', () => {
    const s = setUp(T0 + 60 * MINUTE, T0 + 90 * MINUTE);
    expect(set(s, 240, T0 + 65 * MINUTE)).toMatchObject({ intervalMinutes: 240, nextCheckAt: T0 + 90 * MINUTE });
  });

  it('while failures back off (a Retry-After may be in force), even a shorter interval waits for the next check', () => {
    const s = setUp(T0 + 60 * MINUTE, T0 + 6 * 60 * MINUTE, 1);
    expect(set(s, 5, T0 + 65 * MINUTE)).toMatchObject({ intervalMinutes: 5, nextCheckAt: T0 + 6 * 60 * MINUTE });
  });

  it('an unknown article: undefined', () => {
    const s = setUp(T0, T0 + 30 * MINUTE);
    expect(setCheckInterval(s.store, { articleId: 99, intervalMinutes: 5, now: T0, maxIntervalMinutes: 1440 })).toBeUndefined();
  });
});
