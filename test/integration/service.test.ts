/**
 * The whole service against a real HTTP server whose article changes between
 * requests: watch → check → versions → diff page → feeds, through the JSON
 * API and the pages exactly as a user reaches them.
 */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGINAL, UPDATE_1, UPDATE_2, startNewsroom, type Newsroom } from '../support/newsroom.ts';
import { startTestService } from '../support/service.ts';

type Service = Awaited<ReturnType<typeof startTestService>>;

describe('stet end to end: a changing article', () => {
  let newsroom: Newsroom;
  let service: Service;
  let articleId: number;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(service.url + path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: res.status === 204 ? null : await res.json() };
  };
  const check = async () => (await api('POST', `/api/articles/${articleId}/check`)).json;

  /** The checks' clock: real time, plus the minutes a test lets pass. */
  let skipped = 0;
  const letMinutesPass = (minutes: number) => (skipped += minutes * 60_000);

  beforeAll(async () => {
    newsroom = await startNewsroom(ORIGINAL);
    service = await startTestService({}, () => Date.now() + skipped);
  });
  afterAll(async () => {
    await service?.dispose();
    await newsroom?.close();
  });

  it('watches a URL and answers with the article and its id', async () => {
    const res = await api('POST', '/api/articles', { url: newsroom.articleUrl });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ url: newsroom.articleUrl, state: 'active', created: true });
    articleId = res.json.id;
    expect(articleId).toBeGreaterThan(0);
  });

  it('the first check stores version 1 with the publisher stamps', async () => {
    expect(await check()).toMatchObject({ outcome: 'first-version', version: 1, status: 200 });
    const { json } = await api('GET', `/api/articles/${articleId}`);
    expect(json.versions).toHaveLength(1);
    expect(json.versions[0]).toMatchObject({ number: 1, title: ORIGINAL.title, changes: null });
    expect(json.versions[0].publishedAt?.slice(0, 10)).toBe('2019-01-31');
  });

  it('a re-fetch with different ad markup and tokens creates no version', async () => {
    const before = newsroom.requests;
    expect(await check()).toMatchObject({ outcome: 'unchanged', version: null });
    expect(newsroom.requests).toBe(before + 1);
    const { json } = await api('GET', `/api/articles/${articleId}`);
    expect(json.versions).toHaveLength(1);
  });

  it('an edited article becomes version 2 with its change summary', async () => {
    newsroom.edition = UPDATE_1;
    const result = await check();
    expect(result).toMatchObject({ outcome: 'new-version', version: 2 });
    expect(result.changes.changed + result.changes.added).toBeGreaterThanOrEqual(2);
    const { json } = await api('GET', `/api/articles/${articleId}`);
    expect(json.versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    expect(json.versions[1].modifiedAt).toContain('2019-01-31T15:13');
    expect(json.versions[1].stealthEdit).toBe(false);
  });

  it('a quiet edit without a new stamp is version 3, flagged as a stealth edit', async () => {
    newsroom.edition = UPDATE_2;
    // the answer says what changed, headline included (not only the paragraph counts)
    expect(await check()).toMatchObject({ outcome: 'new-version', version: 3, changes: { titleChanged: true, removed: 1 }, summary: 'headline changed, 1 paragraph removed' });
    expect(await check()).toMatchObject({ outcome: 'unchanged' });
    const { json } = await api('GET', `/api/articles/${articleId}`);
    expect(json.versions).toHaveLength(3);
    expect(json.versions[2]).toMatchObject({ number: 3, title: UPDATE_2.title, stealthEdit: true });
    // the home page marks it too, and only it
    const home = await (await fetch(`${service.url}/`)).text();
    const items = home.split(/<li[\s>]/).slice(1);
    expect(items.map((li) => [/version (\d+)/.exec(li)?.[1], li.includes('stealth edit')])).toEqual([['3', true], ['2', false]]);
  });

  it('serves each version with its paragraphs', async () => {
    const v1 = await api('GET', `/api/articles/${articleId}/versions/1`);
    expect(v1.json.paragraphs).toEqual(ORIGINAL.paragraphs);
    const v3 = await api('GET', `/api/articles/${articleId}/versions/3`);
    expect(v3.json.paragraphs).toEqual(UPDATE_2.paragraphs);
    expect((await api('GET', `/api/articles/${articleId}/versions/9`)).status).toBe(404);
  });

  it('the API diff model pairs the corrected number as a changed paragraph', async () => {
    const { json } = await api('GET', `/api/articles/${articleId}/diff?from=1&to=2`);
    const changed = json.diff.blocks.filter((b: { op: string }) => b.op === 'changed');
    expect(changed).toHaveLength(1);
    const segments = changed[0].segments as { op: string; text: string }[];
    expect(segments.filter((s) => s.op === 'delete').map((s) => s.text.trim())).toContain('4,000');
    expect(segments.filter((s) => s.op === 'insert').map((s) => s.text.trim())).toContain('4,500');
    expect(json.diff.blocks.filter((b: { op: string }) => b.op === 'added')).toHaveLength(1);
  });

  it('the diff page shows the changed words inside <ins> and <del>', async () => {
    const res = await fetch(`${service.url}/articles/${articleId}/diff/1..2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toMatch(/<del[^>]*>\s*4,000\s*<\/del>/);
    expect(html).toMatch(/<ins[^>]*>\s*4,500\s*<\/ins>/);
    expect(html).toContain('A high-ranking officer');
    // "Changes only" folds runs of unchanged paragraphs, keeping one on each side of a change.
    const changesOnly = await (await fetch(`${service.url}/articles/${articleId}/diff/1..2?changes=only`)).text();
    expect(changesOnly).toMatch(/<del[^>]*>\s*4,000\s*<\/del>/);
    expect(changesOnly).toContain('class="diff-skip"');
    expect(changesOnly).not.toContain(ORIGINAL.paragraphs[1]);
    // Original → latest is the default comparison the timeline links to.
    const page = await (await fetch(`${service.url}/articles/${articleId}`)).text();
    expect(page).toContain(`/articles/${articleId}/diff/1..3`);
    // Version 3 changed without a new "Updated" stamp: the diff page says so.
    expect(await (await fetch(`${service.url}/articles/${articleId}/diff/2..3`)).text()).toContain('stealth edit');
    expect(html).not.toContain('stealth edit');
  });

  it('/feed.xml is RSS with one item per revision and GUIDs stable across fetches', async () => {
    const parser = new XMLParser({ ignoreAttributes: false });
    const first = await (await fetch(`${service.url}/feed.xml`)).text();
    const second = await (await fetch(`${service.url}/feed.xml`)).text();
    const feed = parser.parse(first);
    // PORT=0: links carry the port actually bound, not 0.
    expect(feed.rss.channel.link).toBe(`${service.url}/`);
    const items = [feed.rss.channel.item].flat();
    expect(items).toHaveLength(2);
    const guids = items.map((i: { guid: { '#text': string } }) => i.guid['#text']);
    expect(new Set(guids).size).toBe(2);
    const again = [parser.parse(second).rss.channel.item].flat().map((i: { guid: { '#text': string } }) => i.guid['#text']);
    expect(again).toEqual(guids);
    expect(first).toBe(second);
    // Each item says what changed in words, headline included.
    expect(items.map((i: { description: string }) => i.description)).toEqual([
      'headline changed, 1 paragraph removed (stealth edit: the publisher\'s "updated" stamp did not move)',
      '1 paragraph changed, 1 added',
    ]);
    expect(first).toContain('headline changed, 1 paragraph removed (stealth edit');
    // The diff itself travels in the item.
    expect(items.map((i: { 'content:encoded': string }) => i['content:encoded']).join('\n')).toMatch(/<ins[^>]*>\s*4,500\s*<\/ins>/);
    // Conditional GET (RFC 9110 §13.1.2): an unchanged feed answers 304 with no body.
    const etag = (await fetch(`${service.url}/feed.xml`)).headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const notModified = await fetch(`${service.url}/feed.xml`, { headers: { 'if-none-match': etag ?? '' } });
    expect(notModified.status).toBe(304);
    const perArticle = parser.parse(await (await fetch(`${service.url}/articles/${articleId}/feed.xml`)).text());
    expect([perArticle.rss.channel.item].flat()).toHaveLength(2);
  });

  it('a pulled story (410 on checks 5 minutes apart) is a removal in the API and the feed; the next good check brings it back', async () => {
    newsroom.status = 410;
    try {
      expect(await check()).toMatchObject({ outcome: 'failed', status: 410 });
      // "Check now" again at once reaches the same answer, maybe from the same cache: not yet a removal
      expect(await check()).toMatchObject({ outcome: 'failed', status: 410 });
      expect((await api('GET', `/api/articles/${articleId}`)).json.removals).toEqual([]);
      letMinutesPass(10);
      expect(await check()).toMatchObject({ outcome: 'failed', status: 410 });
    } finally {
      newsroom.status = null;
    }
    const removals = (await api('GET', `/api/articles/${articleId}`)).json.removals;
    expect(removals).toEqual([{ removedAt: expect.any(String), confirmedAt: expect.any(String), status: 410, redirectedTo: null, lastVersion: 3, restoredAt: null }]);
    // dated from the first 410, confirmed by the one 10 minutes later (not by the second "Check now" at once)
    expect(Date.parse(removals[0].confirmedAt) - Date.parse(removals[0].removedAt)).toBeGreaterThanOrEqual(10 * 60_000);
    expect(Date.parse(removals[0].confirmedAt) - Date.parse(removals[0].removedAt)).toBeLessThan(11 * 60_000);
    const parser = new XMLParser({ ignoreAttributes: false });
    const titles = () => fetch(`${service.url}/feed.xml`).then(async (r) => [parser.parse(await r.text()).rss.channel.item].flat().map((i: { title: string }) => i.title));
    expect((await titles())[0]).toBe(`Removed: ${UPDATE_2.title}`);

    expect((await check()).outcome).toBe('unchanged');
    expect((await api('GET', `/api/articles/${articleId}`)).json.removals[0].restoredAt).toEqual(expect.any(String));
    expect((await titles()).slice(0, 2)).toEqual([`Back online: ${UPDATE_2.title}`, `Removed: ${UPDATE_2.title}`]);
  });

  it('rejects bad input with a 4xx and an error object, writing nothing', async () => {
    const before = (await api('GET', '/api/articles')).json.articles.length;
    const bad = await api('POST', '/api/articles', { url: 'ftp://example.com/file' });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('invalid_url');
    const notJson = await fetch(`${service.url}/api/articles`, { method: 'POST', body: 'url=x', headers: { 'content-type': 'text/plain' } });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('invalid_json');
    expect((await api('GET', '/api/articles/abc')).status).toBe(400);
    expect((await api('GET', '/api/articles/999')).json.error.code).toBe('not_found');
    expect((await api('GET', '/api/articles')).json.articles).toHaveLength(before);
  });

  it('deletes an article with its versions', async () => {
    expect((await api('DELETE', `/api/articles/${articleId}`)).status).toBe(204);
    expect((await api('GET', `/api/articles/${articleId}`)).status).toBe(404);
    expect(service.store.recentRevisions({ limit: 10 })).toHaveLength(0);
  });
});
