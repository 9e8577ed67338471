/**
 * checkArticle, one check top to bottom, against a real HTTP server on
 * 127.0.0.1 and a fresh in-memory store: every outcome, what it records, and
 * when it schedules the next look. The clock and the random source are the
 * test's, so schedules are exact (random 0.5 = no jitter).
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { checkArticle } from '../../../src/monitor/check.ts';
import { ORIGINAL, UPDATE_1, renderArticlePage, type Edition } from '../../support/newsroom.ts';
import { gate, html, until, type Handler } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';
import { setCheckInterval } from '../../../src/monitor/watch.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const t = storeAndSite({ ALLOW_PRIVATE_NETWORKS: 'true', CHECK_INTERVAL_MINUTES: '30', MAX_INTERVAL_MINUTES: '1440' }, { clockStart: T0 });
const { clock } = t;

async function serve(handler: Handler): Promise<ArticleRow> {
  const site = await t.serve(handler);
  return t.store.addArticle({ url: `${site.origin}/news/story`, intervalMinutes: 30, now: T0 }).article;
}

/** Runs a check on the article as stored now, `minutes` after the previous one. */
async function check(articleId: number, minutes = 10, ctx = t.checkContext()) {
  clock.t += minutes * MINUTE;
  return checkArticle(ctx, t.store.getArticle(articleId)!);
}

const page = (edition: Edition) => renderArticlePage(edition);
const serveEdition = (state: { edition: Edition }, headers: Record<string, string> = {}) => (_req: unknown, res: ServerResponse) => html(res, page(state.edition), headers);

// The pages of a hands-on QA pass: a short story (290 characters), a longer one (600), the section page above
// them (twelve teasers, longer than either) and a consent wall.
const SHORT_STORY = [
  'The harbour authority said on Monday that a new ferry route would open in spring, linking the two islands for the first time.',
  'Tickets will cost 12 euros each way, with discounts for residents and students.',
  'Local businesses welcomed the plan, saying it would bring more visitors in the quiet months.',
];
const LONG_STORY = [...SHORT_STORY, ...SHORT_STORY.map((p) => p.replace('the', 'a'))];
const storyPage = (title: string, paragraphs: string[]) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p class="byline">By Ann Lee</p><div class="body">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></article></body></html>`;
const SECTION_PAGE = `<html><head><title>Politics | Gazette</title></head><body><main><h1>Politics</h1>${Array.from({ length: 12 }, (_, i) => `<div class="teaser"><h2><a href="/politics/2026/s${i}">Story ${i} headline about the budget vote</a></h2><p>Summary of story ${i}: the council debated the budget for several hours on Tuesday before voting narrowly to approve it.</p></div>`).join('')}</main></body></html>`;
const CONSENT_PAGE = '<html><head><title>Before you continue</title></head><body><h1>We value your privacy</h1><p>We and our partners use cookies. Accept all to continue.</p><button>Accept</button></body></html>';

describe('a first successful check', () => {
  it('stores version 1 and sends no validators (there is nothing to compare against yet)', async () => {
    const article = await serve(serveEdition({ edition: ORIGINAL }, { etag: '"v1"', 'last-modified': 'Thu, 31 Jan 2019 05:29:00 GMT' }));
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'first-version', versionOrdinal: 1, status: 200, error: null, changes: null, nextCheckAt: clock.t + 30 * MINUTE });
    expect(t.site.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(t.site.requests[0]?.headers['if-modified-since']).toBeUndefined();
    const v1 = t.store.getVersion(article.id, 1)!;
    expect(v1.title).toBe(ORIGINAL.title);
    expect(v1.paragraphs).toEqual(expect.arrayContaining(ORIGINAL.paragraphs));
    expect(t.store.getBlob(v1.blobHash!)?.toString('utf8')).toContain(ORIGINAL.paragraphs[0]!.slice(0, 40));
    expect(t.store.getArticle(article.id)).toMatchObject({ etag: '"v1"', lastModified: 'Thu, 31 Jan 2019 05:29:00 GMT', failureCount: 0, lastChangedAt: clock.t });
  });
});

describe('an interval changed while a check is fetching', () => {
  it('is the one the check schedules the next look with (not the interval read when it started)', async () => {
    const held = gate();
    const article = await serve(async (_req, res) => {
      await held.promise;
      html(res, page(ORIGINAL));
    });
    clock.t += 10 * MINUTE;
    const running = checkArticle(t.checkContext(), t.store.getArticle(article.id)!);
    await until(() => t.site.requests.length === 1);
    setCheckInterval(t.store, { articleId: article.id, intervalMinutes: 120, now: clock.t, maxIntervalMinutes: 1440 });
    held.open();
    const result = await running;
    expect(result.nextCheckAt).toBe(clock.t + 120 * MINUTE);
    expect(t.store.getArticle(article.id)?.nextCheckAt).toBe(clock.t + 120 * MINUTE);
  });
});

describe('expected failures are recorded values, not exceptions (STYLE 6)', () => {
  it('404: failed, with the error and status recorded, a confirming look within 10 minutes, then the failure back-off doubling', async () => {
    const state = { status: 200 };
    const article = await serve((_req, res) => (state.status === 200 ? html(res, page(ORIGINAL)) : res.writeHead(state.status).end('gone')));
    await check(article.id);
    state.status = 404;

    const first = await check(article.id);
    // a kept page that says it is gone is looked at again soon (a removal is confirmed by a second check)
    expect(first).toMatchObject({ outcome: 'failed', status: 404, versionOrdinal: null, nextCheckAt: clock.t + 10 * MINUTE });
    expect(first.error).toMatch(/^http-status: HTTP 404/);
    expect(t.store.getArticle(article.id)).toMatchObject({ failureCount: 1, lastError: first.error, nextCheckAt: first.nextCheckAt });

    const second = await check(article.id);
    expect(second.nextCheckAt).toBe(clock.t + 60 * MINUTE);
    const third = await check(article.id);
    expect(third.nextCheckAt).toBe(clock.t + 120 * MINUTE);
    expect(t.store.getArticle(article.id)?.failureCount).toBe(3);
    expect(t.store.listVersions(article.id)).toHaveLength(1);
    expect(t.store.listChecks(article.id, 1)[0]).toMatchObject({ outcome: 'failed', status: 404, error: first.error });

    state.status = 200;
    expect((await check(article.id)).outcome).not.toBe('failed');
    expect(t.store.getArticle(article.id)).toMatchObject({ failureCount: 0, lastError: null });
  });

  it('503 with Retry-After: the next check waits at least that long (RFC 9110 §10.2.3)', async () => {
    const article = await serve((_req, res) => res.writeHead(503, { 'retry-after': '7200' }).end());
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'failed', status: 503 });
    expect(result.nextCheckAt).toBe(clock.t + 2 * 60 * MINUTE);
  });

  it('a page with no article text: failed "empty-extraction", no version', async () => {
    const article = await serve((_req, res) => html(res, '<!doctype html><html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav></body></html>'));
    const result = await check(article.id);
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/^empty-extraction/);
    expect(t.store.listVersions(article.id)).toEqual([]);
    expect(t.store.getArticle(article.id)?.failureCount).toBe(1);
  });

  it('a private address is refused when ALLOW_PRIVATE_NETWORKS is false, and no request is sent', async () => {
    const article = await serve((_req, res) => html(res, page(ORIGINAL)));
    const result = await check(article.id, 10, t.checkContext({ ALLOW_PRIVATE_NETWORKS: 'false' }));
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatch(/^blocked-address/);
    expect(t.site.requests).toEqual([]);
  });

  it('a 304 before any version is stored is a failure (there is nothing to keep)', async () => {
    const article = await serve((_req, res) => res.writeHead(304).end());
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'failed', status: 304 });
    expect(t.store.listVersions(article.id)).toEqual([]);
  });
});

describe('the same article again', () => {
  it('304 to our stored ETag: not-modified (RFC 9110 §13.1.2 If-None-Match)', async () => {
    const article = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else html(res, page(ORIGINAL), { etag: '"v1"' });
    });
    await check(article.id);
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'not-modified', status: 304, versionOrdinal: null, nextCheckAt: clock.t + 30 * MINUTE });
    expect(t.site.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(t.store.latestVersion(article.id)?.lastSeenAt).toBe(clock.t);
    expect(t.store.listVersions(article.id)).toHaveLength(1);
  });

  it('304 to our stored Last-Modified: not-modified (RFC 9110 §13.1.3 If-Modified-Since)', async () => {
    const stamp = 'Thu, 31 Jan 2019 05:29:00 GMT';
    const article = await serve((req, res) => {
      if (req.headers['if-modified-since'] === stamp) res.writeHead(304).end();
      else html(res, page(ORIGINAL), { 'last-modified': stamp });
    });
    await check(article.id);
    expect((await check(article.id)).outcome).toBe('not-modified');
    expect(t.site.requests[1]?.headers['if-modified-since']).toBe(stamp);
    expect(t.store.getArticle(article.id)?.lastModified).toBe(stamp);
  });

  it('identical bytes: same-bytes, without extracting again', async () => {
    const body = page(ORIGINAL);
    const article = await serve((_req, res) => html(res, body));
    await check(article.id);
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'same-bytes', status: 200, versionOrdinal: null });
    expect(t.store.latestVersion(article.id)?.lastSeenAt).toBe(clock.t);
  });

  it('the same content in different markup (a rotating ad, a token): unchanged', async () => {
    const article = await serve(serveEdition({ edition: ORIGINAL }));
    await check(article.id);
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'unchanged', versionOrdinal: null });
    expect(t.store.listVersions(article.id)).toHaveLength(1);
    expect(t.store.latestVersion(article.id)?.lastSeenAt).toBe(clock.t);
  });

  it('only the publisher\'s dateModified moved: stamp-only, recorded on the version', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    const before = t.store.latestVersion(article.id)!;
    state.edition = { ...ORIGINAL, modified: '2019-02-01T10:00:00-05:00' };
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'stamp-only', versionOrdinal: null });
    const after = t.store.latestVersion(article.id)!;
    expect(after.ordinal).toBe(1);
    expect(after.modifiedAt).toBe(before.modifiedAt);
    expect(after.latestModifiedAt).not.toBe(before.latestModifiedAt);
    expect(after.latestModifiedAt).toMatch(/^2019-02-01/);
    // Seen again with that stamp: nothing moved any more.
    expect((await check(article.id)).outcome).toBe('unchanged');
  });

  it('Cache-Control max-age longer than our interval pushes the next check out (RFC 9111 §5.2.2.1)', async () => {
    const article = await serve(serveEdition({ edition: ORIGINAL }, { 'cache-control': 'max-age=7200' }));
    await check(article.id);
    const result = await check(article.id);
    expect(result.outcome).toBe('unchanged');
    expect(result.nextCheckAt).toBe(clock.t + 2 * 60 * MINUTE);
  });
});

describe('an edited article', () => {
  it('becomes version 2 with its diff summary against version 1', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = UPDATE_1;
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, status: 200, nextCheckAt: clock.t + 30 * MINUTE });
    expect(result.changes).not.toBeNull();
    expect((result.changes?.changed ?? 0) + (result.changes?.added ?? 0)).toBeGreaterThanOrEqual(1);
    const v2 = t.store.getVersion(article.id, 2)!;
    expect(v2.diffSummary).toEqual(result.changes);
    expect(v2.paragraphs).toEqual(expect.arrayContaining(UPDATE_1.paragraphs));
    expect(v2.previousSeenAt).toBe(t.store.getVersion(article.id, 1)?.lastSeenAt);
    expect(t.store.getArticle(article.id)?.lastChangedAt).toBe(clock.t);
  });
});

describe('drastic changes wait for a second sighting (confirm.ts)', () => {
  // What a glitch looks like: the same page, most of the story gone (a half-rendered response, a wall served with 200).
  const GLITCH: Edition = { ...ORIGINAL, paragraphs: [ORIGINAL.paragraphs[0]!, 'Please enable JavaScript and cookies to continue reading this story.'] };

  it('a page that loses most of its text once: unconfirmed, no version, a recheck within 10 minutes, and the next normal page settles it', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state, { etag: '"e"' }));
    await check(article.id);
    const before = t.store.getArticle(article.id)!;
    state.edition = GLITCH;

    const glitch = await check(article.id);
    expect(glitch).toMatchObject({ outcome: 'unconfirmed', versionOrdinal: null, status: 200, nextCheckAt: clock.t + 10 * MINUTE });
    expect(t.store.getVersion(article.id, 2)).toBeUndefined();
    // the validators stay the latest version's, so the recheck extracts the page again
    expect(t.store.getArticle(article.id)).toMatchObject({ pendingFingerprint: expect.any(String), lastBodyHash: before.lastBodyHash, etag: '"e"' });
    expect(t.store.listChecks(article.id, 1)[0]).toMatchObject({ outcome: 'unconfirmed', versionOrdinal: 1 });

    state.edition = ORIGINAL;
    const back = await check(article.id);
    expect(back.outcome).toBe('unchanged');
    expect(t.store.getArticle(article.id)?.pendingFingerprint).toBeNull();
    expect(t.store.latestVersion(article.id)?.ordinal).toBe(1);
  });

  it('seen again on the recheck: the cut is real and becomes a version (nothing is lost, one check later)', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = GLITCH;
    expect((await check(article.id)).outcome).toBe('unconfirmed');
    const firstSighting = clock.t;

    const confirmed = await check(article.id);
    expect(confirmed).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
    expect(confirmed.changes?.removed).toBeGreaterThanOrEqual(5);
    // first seen when stet first saw it, not when the second sighting confirmed it (a hands-on test); recorded (what
    // the home page and the feeds list it by) when confirmed, so that it comes in above what was stored meanwhile
    expect(t.store.getVersion(article.id, 2)).toMatchObject({ firstSeenAt: firstSighting, lastSeenAt: clock.t, recordedAt: clock.t });
    expect(t.store.getVersion(article.id, 1)).toMatchObject({ firstSeenAt: T0 + 10 * MINUTE, recordedAt: T0 + 10 * MINUTE });
    expect(t.store.getArticle(article.id)?.lastChangedAt).toBe(firstSighting);
    expect(t.store.getArticle(article.id)?.pendingFingerprint).toBeNull();
    // and from then on it is simply the latest version
    expect((await check(article.id)).outcome).toBe('unchanged');
  });

  it('seen again too soon ("Check now" twice): still unconfirmed, pending from the first sighting; the scheduled recheck confirms it', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = GLITCH;
    const first = await check(article.id);
    const firstAt = clock.t;
    expect(first).toMatchObject({ outcome: 'unconfirmed', nextCheckAt: firstAt + 10 * MINUTE });

    const again = await check(article.id, 1);
    expect(again).toMatchObject({ outcome: 'unconfirmed', versionOrdinal: null, nextCheckAt: firstAt + 10 * MINUTE });
    expect(t.store.getArticle(article.id)).toMatchObject({ pendingSince: firstAt, pendingFingerprint: expect.any(String) });
    expect(t.store.getVersion(article.id, 2)).toBeUndefined();

    expect(await check(article.id, 9)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
    expect(t.store.getArticle(article.id)).toMatchObject({ pendingSince: null, pendingFingerprint: null });
  });

  it('a pending cut goes stale: seen again days later, after other answers (a removal between), it is a new first sighting, not a confirmation', async () => {
    const state = { edition: ORIGINAL, status: 200 };
    const article = await serve((_req, res) => (state.status === 200 ? html(res, page(state.edition)) : res.writeHead(state.status).end()));
    await check(article.id);
    state.edition = GLITCH;
    expect((await check(article.id)).outcome).toBe('unconfirmed');
    state.status = 404;
    await check(article.id);
    await check(article.id);
    expect(t.store.openRemoval(article.id)).toBeDefined();

    state.status = 200; // back as a stub ("no longer available") days later
    expect((await check(article.id, 3 * 24 * 60)).outcome).toBe('unconfirmed');
    expect(t.store.getArticle(article.id)?.pendingSince).toBe(clock.t);
    // a stub held as unconfirmed does not end the removal…
    expect(t.store.openRemoval(article.id)).toBeDefined();
    // …its confirmation does: the stub is the page now
    expect(await check(article.id, 10)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
    expect(t.store.openRemoval(article.id)).toBeUndefined();
  });

  it('a cut served with a long max-age is confirmed only once that max-age has run out (a cache answers the same glitch until then)', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state, { 'cache-control': 'max-age=3600' }));
    await check(article.id);
    state.edition = GLITCH;
    const first = await check(article.id);
    const firstAt = clock.t;
    expect(first).toMatchObject({ outcome: 'unconfirmed', nextCheckAt: firstAt + 60 * MINUTE });
    expect(await check(article.id, 6)).toMatchObject({ outcome: 'unconfirmed', nextCheckAt: firstAt + 60 * MINUTE });
    expect(await check(article.id, 54)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
  });

  it('a cut seen again with other text on the recheck (a rotating box, another edge server) is confirmed all the same', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = GLITCH;
    await check(article.id);
    state.edition = { ...GLITCH, paragraphs: [ORIGINAL.paragraphs[1]!, 'Subscribe to keep reading.'] };
    expect(await check(article.id)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
  });

  it('glitch, normal page, glitch: never two sightings in a row, never a version', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    for (let i = 0; i < 3; i++) {
      state.edition = GLITCH;
      expect((await check(article.id)).outcome).toBe('unconfirmed');
      state.edition = ORIGINAL;
      expect((await check(article.id)).outcome).toBe('unchanged');
    }
    expect(t.store.latestVersion(article.id)?.ordinal).toBe(1);
  });

  it('what is held is read when deciding: a check that started before another one cleared it does not confirm', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = GLITCH;
    await check(article.id);
    const staleRow = t.store.getArticle(article.id)!; // holds the glitch
    state.edition = ORIGINAL;
    expect((await check(article.id)).outcome).toBe('unchanged'); // clears it
    state.edition = GLITCH;
    clock.t += 10 * MINUTE;
    expect((await checkArticle(t.checkContext(), staleRow)).outcome).toBe('unconfirmed');
    expect(t.store.latestVersion(article.id)?.ordinal).toBe(1);
  });

  it('a glitch the page lets caches keep (max-age) is rechecked only once that has run out, not after 10 minutes', async () => {
    const state = { edition: ORIGINAL, headers: {} as Record<string, string> };
    const article = await serve((_req, res) => html(res, page(state.edition), state.headers));
    await check(article.id);
    state.edition = GLITCH;
    state.headers = { 'cache-control': 'max-age=3600' };
    const held = await check(article.id);
    expect(held.outcome).toBe('unconfirmed');
    expect(held.nextCheckAt).toBeGreaterThanOrEqual(clock.t + 60 * MINUTE);
  });

  it('a "not found" page served with 200 (a soft 404) twice, minutes apart, is a removal, as a 404 is, not the article\'s next version; the story back ends it', async () => {
    const state = { gone: false };
    const notFound = '<html><head><title>Page not found | Gazette</title></head><body><h1>Page not found</h1><p>Sorry, we could not find the page you were looking for.</p><p><a href="/">Home</a></p></body></html>';
    const article = await serve((_req, res) => html(res, state.gone ? notFound : storyPage('Ferry route to link the islands', SHORT_STORY)));
    await check(article.id);
    state.gone = true;
    const first = await check(article.id);
    const firstAt = clock.t;
    expect(first).toMatchObject({ outcome: 'failed', status: 200, confirmableFrom: firstAt + 5 * MINUTE });
    expect(first.error).toMatch(/^not-found-page: the site answered with "Page not found(?: \| Gazette)?" \(HTTP 200\)/);
    await check(article.id);
    expect(t.store.openRemoval(article.id)).toMatchObject({ removedAt: firstAt, status: 200, redirectedTo: null });
    expect(t.store.listVersions(article.id)).toHaveLength(1);
    state.gone = false;
    await check(article.id);
    expect(t.store.openRemoval(article.id)).toBeUndefined();
    expect(t.store.listVersions(article.id)).toHaveLength(1);
  });

  it('a renamed slug, the text unchanged: the check is unchanged and the article takes the address the page now names (QA: the canonical row never showed)', async () => {
    const state = { renamed: false };
    const article = await serve((req, res) => {
      if (state.renamed && req.url === '/news/story') return void res.writeHead(301, { location: '/news/story-renamed' }).end();
      const canonical = `<link rel="canonical" href="${t.site.origin}${state.renamed ? '/news/story-renamed' : '/news/story'}">`;
      html(res, storyPage('Ferry route to link the islands', SHORT_STORY).replace('<title>', `${canonical}<title>`));
    });
    await check(article.id);
    expect(t.store.getArticle(article.id)!.canonicalUrl).toBe(`${t.site.origin}/news/story`);
    state.renamed = true;
    expect((await check(article.id)).outcome).toBe('unchanged');
    expect(t.store.getArticle(article.id)!.canonicalUrl).toBe(`${t.site.origin}/news/story-renamed`);
    expect(t.store.listVersions(article.id)).toHaveLength(1);
  });

  it('the canonical address is stored without tracking tags or fragment, as watched addresses are, so two articles of one page meet by it (QA: "?utm_source=feed")', async () => {
    const article = await serve((_req, res) => {
      const canonical = `<link rel="canonical" href="${t.site.origin}/news/story?utm_source=feed&amp;id=7#top">`;
      html(res, storyPage('Ferry route to link the islands', SHORT_STORY).replace('<title>', `${canonical}<title>`));
    });
    await check(article.id);
    expect(t.store.getArticle(article.id)!.canonicalUrl).toBe(`${t.site.origin}/news/story?id=7`);
    expect(t.store.getVersion(article.id, 1)!.canonicalUrl).toBe(`${t.site.origin}/news/story?id=7`);
  });

  it('a consent wall instead of the story fails the check, saying so, however long it stays: no version, nothing held, the story back is unchanged (QA: a wall up past 5 minutes became a version)', async () => {
    const state = { consent: false };
    const article = await serve((_req, res) => html(res, state.consent ? CONSENT_PAGE : storyPage('Ferry route to link the islands', SHORT_STORY)));
    await check(article.id);
    state.consent = true;
    for (const minutes of [10, 10, 30]) {
      const walled = await check(article.id, minutes);
      expect(walled).toMatchObject({ outcome: 'failed', versionOrdinal: null, confirmableFrom: null, status: 200 });
      expect(walled.error).toMatch(/^interstitial: the site answered with "(?:Before you continue|We value your privacy)", a consent or bot-check page, instead of the article$/);
    }
    expect(t.store.getArticle(article.id)).toMatchObject({ pendingFingerprint: null, failureCount: 3 });
    expect(t.store.listRemovals(article.id)).toEqual([]);
    state.consent = false;
    expect((await check(article.id)).outcome).toBe('same-bytes');
    expect(t.store.listVersions(article.id)).toHaveLength(1);
  });

  it('a consent wall on the first check is no first version: the story, once served, is', async () => {
    const state = { consent: true };
    const article = await serve((_req, res) => html(res, state.consent ? CONSENT_PAGE : storyPage('Ferry route to link the islands', SHORT_STORY)));
    expect(await check(article.id)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^interstitial: /) });
    expect(t.store.listVersions(article.id)).toEqual([]);
    state.consent = false;
    expect(await check(article.id)).toMatchObject({ outcome: 'first-version', versionOrdinal: 1 });
    expect(t.store.getVersion(article.id, 1)?.title).toBe('Ferry route to link the islands');
  });

  it('a consent wall whose text stet reads none of (its box named "consent", left out as chrome) fails as a wall, not as an empty page (QA)', async () => {
    const wall = '<html><head><title>Before you continue</title></head><body><div class="consent"><h1>Before you continue</h1><p>We use cookies and data to deliver and maintain services. Our 842 partners may store and access information on your device.</p><button>Reject all</button><button>Accept all</button></div></body></html>';
    const article = await serve((_req, res) => html(res, wall));
    expect(await check(article.id)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/^interstitial: the site answered with "Before you continue"/) });
  });

  it('a short story rewritten under a new headline is stored one check later, dated from its first sighting', async () => {
    const state = { title: 'Ferry route to link the islands', paragraphs: SHORT_STORY };
    const article = await serve((_req, res) => html(res, storyPage(state.title, state.paragraphs)));
    await check(article.id);
    state.title = 'Ferry plan dropped after cost review';
    state.paragraphs = ['The harbour authority has dropped its plan for a ferry route between the islands, citing a cost review published on Friday.', 'Residents who had bought season tickets will be refunded.'];
    expect((await check(article.id)).outcome).toBe('unconfirmed');
    const firstSighting = clock.t;
    expect(await check(article.id)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2, confirmableFrom: null });
    expect(t.store.getVersion(article.id, 2)).toMatchObject({ title: 'Ferry plan dropped after cost review', firstSeenAt: firstSighting });
  });

  it('a story rewritten at full length (live coverage) is stored at once, every time', async () => {

    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    for (let round = 1; round <= 3; round++) {
      state.edition = { ...ORIGINAL, paragraphs: ORIGINAL.paragraphs.map((_, i) => `Rewrite ${round}, paragraph ${i}: the situation in Caracas changed again this afternoon, officials said, as crowds gathered.`) };
      expect(await check(article.id)).toMatchObject({ outcome: 'new-version', versionOrdinal: round + 1 });
    }
  });

  it('ordinary edits (a number corrected, a paragraph added or cut) are stored at once', async () => {
    const state = { edition: ORIGINAL };
    const article = await serve(serveEdition(state));
    await check(article.id);
    state.edition = { ...ORIGINAL, paragraphs: ORIGINAL.paragraphs.slice(0, -2) };
    expect(await check(article.id)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
  });
});

describe('a page that goes away: 404 or 410 on checks minutes apart is a removal (gone.ts)', () => {
  /** A page served as `state` says: the edition, or a bare status. */
  const switchable = (state: { status: number; edition: Edition }) => (_req: unknown, res: ServerResponse) =>
    state.status === 200 ? html(res, page(state.edition)) : res.writeHead(state.status).end('<h1>Not here</h1>');

  it('410 twice: a removal dated from the first sighting, kept open while the page stays away, closed by the first page that comes back', async () => {
    const state = { status: 200, edition: ORIGINAL };
    const article = await serve(switchable(state));
    await check(article.id);
    state.status = 410;

    const first = await check(article.id);
    const firstAt = clock.t;
    // a removal once a check from 5 minutes on still finds it gone
    expect(first).toMatchObject({ outcome: 'failed', status: 410, nextCheckAt: clock.t + 10 * MINUTE, confirmableFrom: clock.t + 5 * MINUTE });
    expect(t.store.listRemovals(article.id)).toEqual([]); // one answer is not a removal yet

    await check(article.id);
    const confirmedAt = clock.t;
    expect(t.store.listRemovals(article.id)).toEqual([
      { id: expect.any(Number), articleId: article.id, removedAt: firstAt, confirmedAt, status: 410, redirectedTo: null, versionOrdinal: 1, restoredAt: null },
    ]);
    expect(t.store.openRemoval(article.id)?.removedAt).toBe(firstAt);
    expect(t.store.listArticles()[0]).toMatchObject({ removedSince: firstAt });

    // still away: the same removal, backing off as failures do
    const third = await check(article.id);
    expect(third.nextCheckAt).toBe(clock.t + 120 * MINUTE); // third failure: 30 min × 2²
    expect(t.store.listRemovals(article.id)).toHaveLength(1);
    expect(t.store.listVersions(article.id)).toHaveLength(1); // the versions stay

    state.status = 200;
    const back = await check(article.id);
    expect(back.outcome).toBe('unchanged');
    expect(t.store.listRemovals(article.id)[0]?.restoredAt).toBe(clock.t);
    expect(t.store.openRemoval(article.id)).toBeUndefined();
    expect(t.store.listArticles()[0]).toMatchObject({ removedSince: null });

    // away again: a second removal
    state.status = 404;
    await check(article.id);
    await check(article.id);
    expect(t.store.listRemovals(article.id).map((r) => [r.status, r.restoredAt === null])).toEqual([
      [410, false],
      [404, true],
    ]);
  });

  it('on a one-minute schedule the look after a first 404 waits until it can confirm it: the check at that time records the removal (QA: a look milliseconds short of 5 minutes, then the page back, left a 7-minute pull unrecorded)', async () => {
    const state = { status: 200, edition: ORIGINAL };
    await t.serve(switchable(state));
    const article = t.store.addArticle({ url: `${t.site.origin}/news/story`, intervalMinutes: 1, now: T0 }).article;
    const ctx = t.checkContext({ CHECK_INTERVAL_MINUTES: '1', MAX_INTERVAL_MINUTES: '2' });
    await check(article.id, 0, ctx);
    state.status = 404;
    const first = await check(article.id, 1, ctx);
    const firstAt = clock.t;
    expect(first).toMatchObject({ outcome: 'failed', confirmableFrom: firstAt + 5 * MINUTE, nextCheckAt: firstAt + 5 * MINUTE });
    clock.t = first.nextCheckAt;
    await checkArticle(ctx, t.store.getArticle(article.id)!);
    expect(t.store.openRemoval(article.id)).toMatchObject({ removedAt: firstAt, confirmedAt: first.nextCheckAt });
  });

  it('a drastic cut on a one-minute schedule is looked at again when it can be confirmed, not before', async () => {
    const state = { status: 200, edition: ORIGINAL };
    await t.serve(switchable(state));
    const article = t.store.addArticle({ url: `${t.site.origin}/news/story`, intervalMinutes: 1, now: T0 }).article;
    const ctx = t.checkContext({ CHECK_INTERVAL_MINUTES: '1', MAX_INTERVAL_MINUTES: '2' });
    await check(article.id, 0, ctx);
    state.edition = { ...ORIGINAL, paragraphs: ORIGINAL.paragraphs.slice(0, 1) };
    const held = await check(article.id, 1, ctx);
    expect(held).toMatchObject({ outcome: 'unconfirmed', confirmableFrom: clock.t + 5 * MINUTE, nextCheckAt: clock.t + 5 * MINUTE });
    clock.t = held.nextCheckAt;
    expect(await checkArticle(ctx, t.store.getArticle(article.id)!)).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
  });

  it('a single 404 between good pages is no removal; neither is 404, 503, 404 (not two in a row)', async () => {
    const state = { status: 200, edition: ORIGINAL };
    const article = await serve(switchable(state));
    await check(article.id);
    for (const status of [404, 200, 404, 503, 404]) {
      state.status = status;
      await check(article.id);
    }
    expect(t.store.listRemovals(article.id)).toEqual([]);
    // the next 404 makes two in a row: the removal dates from the one before
    const lastAt = clock.t;
    state.status = 404;
    await check(article.id);
    expect(t.store.listRemovals(article.id)).toMatchObject([{ removedAt: lastAt, status: 404 }]);
  });

  it('two answers a moment apart ("Check now" twice) are no removal yet: the look 10 minutes after the first is, dated from the first', async () => {
    const state = { status: 200, edition: ORIGINAL };
    const article = await serve(switchable(state));
    await check(article.id);
    state.status = 410;
    await check(article.id);
    const firstAt = clock.t;
    const again = await check(article.id, 1);
    expect(again).toMatchObject({ outcome: 'failed', status: 410, nextCheckAt: firstAt + 10 * MINUTE });
    expect(t.store.listRemovals(article.id)).toEqual([]);
    await check(article.id, 9);
    expect(t.store.listRemovals(article.id)).toMatchObject([{ removedAt: firstAt, confirmedAt: clock.t, status: 410 }]);
  });

  it('an address redirected to the front page is a removal too (not the front page stored as the next version); a renamed slug is not', async () => {
    const state = { route: 'story' as 'story' | 'front' | 'renamed' };
    const article = await serve((req, res) => {
      const path = (req as { url?: string }).url ?? '/';
      if (path === '/') return html(res, '<html><head><title>Front page</title></head><body><h1>Today</h1><p>Top stories of the day, with many teasers that are not the article at all.</p></body></html>');
      if (path === '/news/story-renamed') return html(res, page(ORIGINAL));
      if (state.route === 'front') return res.writeHead(301, { location: '/' }).end();
      if (state.route === 'renamed') return res.writeHead(301, { location: '/news/story-renamed' }).end();
      return html(res, page(ORIGINAL));
    });
    await check(article.id);
    state.route = 'front';
    const first = await check(article.id);
    const firstAt = clock.t;
    expect(first).toMatchObject({ outcome: 'failed', status: 301, versionOrdinal: null, nextCheckAt: firstAt + 10 * MINUTE });
    expect(first.error).toBe(`redirected-away: the address now redirects (HTTP 301) to ${t.site.origin}/, a page above the article`);
    await check(article.id);
    expect(t.store.listRemovals(article.id)).toMatchObject([{ removedAt: firstAt, status: 301, redirectedTo: `${t.site.origin}/`, restoredAt: null }]);
    expect(t.store.listVersions(article.id)).toHaveLength(1);

    // the address shortened to one above it where the article itself lives: the article, unchanged
    state.route = 'story';
    expect((await check(article.id)).outcome).toBe('unchanged');
    expect(t.store.listRemovals(article.id)[0]?.restoredAt).toBe(clock.t);
    state.route = 'front';
    await check(article.id);
    await check(article.id);
    expect(t.store.openRemoval(article.id)).toBeDefined();

    // moved to a new address with the same text: back, and unchanged
    state.route = 'renamed';
    expect((await check(article.id)).outcome).toBe('unchanged');
    expect(t.store.listRemovals(article.id)[1]?.restoredAt).toBe(clock.t);
  });

  it('an address redirected to its section page, longer than the article (twelve teasers), is a removal, not version 2 titled "Politics" (QA)', async () => {
    for (const story of [LONG_STORY, SHORT_STORY]) {
      const state = { redirect: false };
      await t.serve((req, res) => {
        const path = (req as { url?: string }).url ?? '/';
        if (path === '/politics/') return html(res, SECTION_PAGE);
        if (state.redirect) return res.writeHead(301, { location: '/politics/' }).end();
        return html(res, storyPage('Ferry route to link the islands', story));
      });
      const article = t.store.addArticle({ url: `${t.site.origin}/politics/2026/long2`, intervalMinutes: 30, now: clock.t }).article;
      await check(article.id);
      state.redirect = true;
      const first = await check(article.id);
      const firstAt = clock.t;
      expect(first).toMatchObject({ outcome: 'failed', status: 301, versionOrdinal: null, confirmableFrom: firstAt + 5 * MINUTE });
      expect(first.error).toBe(`redirected-away: the address now redirects (HTTP 301) to ${t.site.origin}/politics/, a page above the article`);
      expect(await check(article.id)).toMatchObject({ outcome: 'failed', confirmableFrom: null });
      expect(t.store.listRemovals(article.id)).toMatchObject([{ removedAt: firstAt, status: 301, redirectedTo: `${t.site.origin}/politics/` }]);
      expect(t.store.listVersions(article.id)).toHaveLength(1);
    }
  });

  it('an address redirected to a front page of headlines only (nothing to extract there) is a removal, not an empty extraction', async () => {
    const state = { front: false };
    const article = await serve((req, res) => {
      const path = (req as { url?: string }).url ?? '/';
      if (path === '/') return html(res, '<html><head><title>Daily Bugle</title></head><body><h1>Daily Bugle</h1><a href="/news/one">One</a> <a href="/news/two">Two</a></body></html>');
      if (state.front) return res.writeHead(301, { location: '/' }).end();
      return html(res, page(ORIGINAL));
    });
    await check(article.id);
    state.front = true;
    const first = await check(article.id);
    const firstAt = clock.t;
    expect(first.error).toBe(`redirected-away: the address now redirects (HTTP 301) to ${t.site.origin}/, a page above the article`);
    await check(article.id);
    expect(t.store.listRemovals(article.id)).toMatchObject([{ removedAt: firstAt, status: 301, redirectedTo: `${t.site.origin}/`, restoredAt: null }]);
  });

  it('an address redirected to a shorter one (an AMP page to its canonical) that reads empty is an empty extraction, not a removal', async () => {
    const state = { redirect: false };
    const article = await serve((req, res) => {
      const path = (req as { url?: string }).url ?? '/';
      if (path === '/world/story-123') return html(res, '<html><head><title>Story</title></head><body><div id="__next"></div></body></html>');
      if (state.redirect) return res.writeHead(301, { location: '/world/story-123' }).end();
      return html(res, page(ORIGINAL));
    });
    await check(article.id);
    state.redirect = true;
    expect((await check(article.id)).error).toMatch(/^empty-extraction: /);
    await check(article.id);
    expect(t.store.listRemovals(article.id)).toEqual([]);
  });

  it('a 304 from the front page the address now leads to is not the article "not modified": the front page is fetched and it is a removal', async () => {
    const state = { redirect: false };
    const article = await serve((req, res) => {
      const r = req as { url?: string; headers: Record<string, string | undefined> };
      if (r.url === '/') {
        // a front page whose Last-Modified happens to satisfy our article's If-Modified-Since
        if (r.headers['if-modified-since']) return res.writeHead(304).end();
        return html(res, '<html><head><title>Front page</title></head><body><p>Teasers, not the article.</p></body></html>');
      }
      if (state.redirect) return res.writeHead(302, { location: '/' }).end();
      return html(res, page(ORIGINAL), { 'last-modified': 'Thu, 31 Jan 2019 20:13:00 GMT' });
    });
    await check(article.id);
    state.redirect = true;
    const result = await check(article.id);
    expect(result).toMatchObject({ outcome: 'failed', status: 302 });
    expect(result.error).toMatch(/^redirected-away: /);
  });

  it('an address redirected to a shorter one above it where the article still lives (/news/123/old-slug → /news/123) is the article, not a removal', async () => {
    await t.serve((req, res) => {
      const path = (req as { url?: string }).url ?? '/';
      if (path === '/news/123/old-slug' && redirect.on) return res.writeHead(301, { location: '/news/123' }).end();
      return html(res, page(ORIGINAL));
    });
    const redirect = { on: false };
    const article = t.store.addArticle({ url: `${t.site.origin}/news/123/old-slug`, intervalMinutes: 30, now: T0 }).article;
    await check(article.id);
    redirect.on = true;
    expect((await check(article.id)).outcome).toBe('unchanged');
    expect((await check(article.id)).outcome).toBe('unchanged');
    expect(t.store.listRemovals(article.id)).toEqual([]);
  });

  it('a removal decided while another process found the page is not recorded; a restoration is never dated before its confirmation', async () => {
    const { article } = t.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: T0 });
    const body = new TextEncoder().encode('<p>x</p>');
    t.store.recordCheck(article.id, {
      kind: 'new-version', at: T0, status: 200, durationMs: 1, nextCheckAt: T0 + 30 * MINUTE, etag: null, lastModified: null, bodyHash: 'h', body,
      version: { fingerprint: 'f', title: 't', byline: null, publishedAt: null, modifiedAt: null, canonicalUrl: null, lang: null, paragraphs: ['x'], diffSummary: null },
    });
    const failed = (at: number, removedAt?: number) =>
      t.store.recordCheck(article.id, { kind: 'failed', at, status: 404, durationMs: 1, nextCheckAt: at + 10 * MINUTE, error: 'http-status: HTTP 404', ...(removedAt === undefined ? {} : { removal: { removedAt } }) });
    const answered = (at: number) =>
      t.store.recordCheck(article.id, { kind: 'unchanged', at, status: 200, durationMs: 1, nextCheckAt: at + 30 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    failed(T0 + 10 * MINUTE);
    answered(T0 + 12 * MINUTE); // the CLI, meanwhile
    failed(T0 + 20 * MINUTE, T0 + 10 * MINUTE);
    expect(t.store.listRemovals(article.id)).toEqual([]);

    failed(T0 + 30 * MINUTE);
    failed(T0 + 40 * MINUTE, T0 + 30 * MINUTE);
    answered(T0 + 40 * MINUTE - 2000); // stamped before the confirmation, written after it
    expect(t.store.listRemovals(article.id)).toMatchObject([{ confirmedAt: T0 + 40 * MINUTE, restoredAt: T0 + 40 * MINUTE }]);
  });

  it('a URL that never had a version is no removal, and its 404s back off as usual (no quick second look)', async () => {
    const article = await serve((_req, res) => res.writeHead(404).end());
    expect((await check(article.id)).nextCheckAt).toBe(clock.t + 30 * MINUTE);
    expect((await check(article.id)).nextCheckAt).toBe(clock.t + 60 * MINUTE);
    expect(t.store.listRemovals(article.id)).toEqual([]);
  });

  it('back with other text: the removal closes and the edit is a new version', async () => {
    const state = { status: 200, edition: ORIGINAL };
    const article = await serve(switchable(state));
    await check(article.id);
    state.status = 404;
    await check(article.id);
    await check(article.id);
    state.status = 200;
    state.edition = UPDATE_1;
    const back = await check(article.id);
    expect(back).toMatchObject({ outcome: 'new-version', versionOrdinal: 2 });
    expect(t.store.listRemovals(article.id)).toMatchObject([{ versionOrdinal: 1, restoredAt: clock.t }]);
  });
});
