/**
 * A source refused on every read for a sustained time stops being read
 * (monitor/sources.ts isRefusedForGood: at least FAILING_AFTER_REFUSALS reads
 * and FAILING_AFTER_MS since the first refusal of the streak): its state is
 * 'failing', shown with the reason and since when, until it is resumed. Read
 * against a real HTTP server on 127.0.0.1 whose feed starts answering 404,
 * with a fresh in-memory store and the test's clock; the API and the page
 * through app.request.
 */
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../../src/db/store.ts';
import { writeExport } from '../../../src/commands/export.ts';
import { FAILING_AFTER_MS, FAILING_AFTER_REFUSALS, checkSource } from '../../../src/monitor/sources.ts';
import { watchSource } from '../../../src/monitor/watch.ts';
import { createMonitor } from '../../../src/service.ts';
import { elementsIn, textIn } from './support/html.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);

const t = storeAndSite({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false', FETCH_TIMEOUT_MS: '2000' }, { clockStart: T0 });
const { clock } = t;
/** What the site's /feed.xml answers now: the feed, or a status. */
let answer: 'feed' | 404 | 410 | 503;

beforeEach(() => {
  answer = 'feed';
});

function feed(res: ServerResponse, origin: string): void {
  res
    .writeHead(200, { 'content-type': 'application/rss+xml' })
    .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>The Courier</title><item><title>A</title><link>${origin}/news/a</link></item></channel></rss>`);
}

async function feedSource(): Promise<SourceRow> {
  await t.serve((req, res) => {
    if (req.url !== '/feed.xml') return html(res, '<p>story</p>');
    if (answer === 'feed') return feed(res, t.site.origin);
    return res.writeHead(answer).end('no');
  });
  return watchSource(t.store, { url: `${t.site.origin}/feed.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 }).source;
}

/** One read at `at` (the test's clock), as the Monitor or "Read now" runs it. */
async function readAt(sourceId: number, at: number) {
  clock.t = at;
  return checkSource(t.checkContext(), t.store.getSource(sourceId)!);
}

describe('a source refused on every read for a sustained time stops being read', () => {
  it(`a feed that starts answering 404 is 'failing' after ${FAILING_AFTER_REFUSALS} refusals and ${FAILING_AFTER_MS / HOUR} hours, not before; not read until resumed, nothing deleted`, async () => {
    const source = await feedSource();
    expect(await readAt(source.id, T0)).toMatchObject({ outcome: 'listed', state: 'active', added: 1 });
    answer = 404;
    const first = T0 + HOUR;
    // Three refusals within two hours: a publisher's redeploy can do that, and be fixed the same day.
    for (const [i, at] of [first, first + HOUR, first + 2 * HOUR].entries()) {
      expect(await readAt(source.id, at)).toMatchObject({ outcome: 'failed', refusal: 'gone', state: 'active' });
      expect(t.store.getSource(source.id)).toMatchObject({ state: 'active', refusalCount: i + 1, refusedSince: first });
    }
    expect(t.store.findDueSources(first + 100 * HOUR, 10).map((s) => s.id)).toEqual([source.id]);
    // The first read a day after the first refusal: still refused, so stet stops reading it.
    expect(await readAt(source.id, first + FAILING_AFTER_MS)).toMatchObject({ outcome: 'failed', refusal: 'gone', state: 'failing' });
    expect(t.store.getSource(source.id)).toMatchObject({ state: 'failing', refusalCount: 4, refusedSince: first, lastError: expect.stringMatching(/404/) });
    expect(t.store.findDueSources(first + 1000 * HOUR, 10)).toEqual([]);
    // Nothing is deleted: the article it added and the links it remembers stay.
    expect(t.store.listArticles().map((a) => new URL(a.url).pathname)).toEqual(['/news/a']);
    expect(t.store.listSourceLinks(source.id)).toHaveLength(1);
  });

  it('two refusals more than a day apart are not enough (a source read rarely): the third read decides', async () => {
    const source = await feedSource();
    answer = 410;
    await readAt(source.id, T0);
    expect(await readAt(source.id, T0 + 30 * HOUR)).toMatchObject({ refusal: 'gone', state: 'active' });
    expect(await readAt(source.id, T0 + 31 * HOUR)).toMatchObject({ refusal: 'gone', state: 'failing' });
  });

  it('a failure for a while (503) between refusals neither counts nor ends the streak; a read that lists ends it', async () => {
    const source = await feedSource();
    answer = 404;
    await readAt(source.id, T0);
    answer = 503;
    expect(await readAt(source.id, T0 + HOUR)).toMatchObject({ outcome: 'failed', refusal: null, state: 'active' });
    expect(t.store.getSource(source.id)).toMatchObject({ refusalCount: 1, refusedSince: T0, failureCount: 2 });
    answer = 404;
    await readAt(source.id, T0 + 2 * HOUR);
    expect(t.store.getSource(source.id)).toMatchObject({ refusalCount: 2, refusedSince: T0 });
    answer = 'feed';
    expect(await readAt(source.id, T0 + 3 * HOUR)).toMatchObject({ outcome: 'listed', state: 'active' });
    expect(t.store.getSource(source.id)).toMatchObject({ refusalCount: 0, refusedSince: null, failureCount: 0, lastError: null });
    // A new streak starts from its own first refusal.
    answer = 404;
    await readAt(source.id, T0 + 4 * HOUR);
    await readAt(source.id, T0 + 5 * HOUR);
    expect(await readAt(source.id, T0 + 26 * HOUR)).toMatchObject({ state: 'active' });
    expect(t.store.getSource(source.id)).toMatchObject({ refusalCount: 3, refusedSince: T0 + 4 * HOUR });
    expect(await readAt(source.id, T0 + 28 * HOUR)).toMatchObject({ state: 'failing' });
  });

  it('resuming makes it active, due now, with no streak; a read that lists (Read now) makes a failing source active again', async () => {
    const source = await feedSource();
    answer = 404;
    for (const at of [T0, T0 + HOUR, T0 + 24 * HOUR]) await readAt(source.id, at);
    expect(t.store.getSource(source.id)?.state).toBe('failing');
    const resumed = t.store.setSourceState(source.id, 'active', T0 + 30 * HOUR);
    expect(resumed).toMatchObject({ state: 'active', nextCheckAt: T0 + 30 * HOUR, refusalCount: 0, refusedSince: null });
    // Still 404 after resuming: counted afresh, a day again before it stops.
    expect(await readAt(source.id, T0 + 30 * HOUR)).toMatchObject({ state: 'active' });
    expect(t.store.getSource(source.id)).toMatchObject({ refusalCount: 1, refusedSince: T0 + 30 * HOUR });
    await readAt(source.id, T0 + 31 * HOUR);
    await readAt(source.id, T0 + 54 * HOUR);
    expect(t.store.getSource(source.id)?.state).toBe('failing');
    answer = 'feed';
    expect(await readAt(source.id, T0 + 60 * HOUR)).toMatchObject({ outcome: 'listed', state: 'active' });
    expect(t.store.getSource(source.id)).toMatchObject({ state: 'active', refusalCount: 0, refusedSince: null });
  });

  it('the service logs once, as a warning, when a source becomes failing', async () => {
    const source = await feedSource();
    answer = 404;
    const warnings: string[] = [];
    const log = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (m: string) => void warnings.push(m) };
    const monitor = createMonitor(t.store, t.config, log, () => clock.t);
    try {
      for (const at of [T0, T0 + HOUR, T0 + 24 * HOUR, T0 + 48 * HOUR]) {
        clock.t = at;
        await monitor.readSourceNow(source.id);
      }
    } finally {
      await monitor.stop();
    }
    expect(warnings.filter((w) => w.includes('no longer read until resumed'))).toEqual([
      `source #${source.id} ${source.url}: refused on every read for a day and more; no longer read until resumed (stet source resume ${source.id}, or Resume on /sources)`,
    ]);
    expect(warnings.filter((w) => w.includes('failed: http-status'))).toHaveLength(4);
  });

  it('a paused source read now and refused stays paused (the streak is kept until it is resumed)', async () => {
    const source = await feedSource();
    t.store.setSourceState(source.id, 'paused', T0);
    answer = 404;
    for (const at of [T0, T0 + HOUR, T0 + 25 * HOUR]) expect(await readAt(source.id, at)).toMatchObject({ state: 'paused' });
    expect(t.store.getSource(source.id)).toMatchObject({ state: 'paused', refusalCount: 3 });
  });

  it('a front page whose feed moved to one another source reads is refused as a duplicate on every read, and stops being read', async () => {
    let announced = '/feed.xml';
    await t.serve((req, res) => {
      if (req.url === '/feed.xml' && announced === '/feed.xml') return feed(res, t.site.origin);
      if (req.url === '/other.xml') return feed(res, t.site.origin);
      if (req.url === '/') return html(res, `<html><head><link rel="alternate" type="application/rss+xml" href="${announced}"></head><body>x</body></html>`);
      return res.writeHead(404).end('no');
    });
    const front = watchSource(t.store, { url: `${t.site.origin}/`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 }).source;
    const other = watchSource(t.store, { url: `${t.site.origin}/other.xml`, intervalMinutes: 15, articleIntervalMinutes: null, now: T0 }).source;
    expect(await readAt(front.id, T0)).toMatchObject({ outcome: 'listed' });
    announced = '/other.xml';
    for (const at of [T0 + HOUR, T0 + 2 * HOUR]) expect(await readAt(front.id, at)).toMatchObject({ refusal: 'duplicate-feed', state: 'active' });
    expect(await readAt(front.id, T0 + 25 * HOUR)).toMatchObject({ refusal: 'duplicate-feed', state: 'failing', error: expect.stringMatching(`source #${other.id} already reads`) });
    expect(t.store.getSource(other.id)?.state).toBe('active');
  });

  it('an export writes a failing source as active (its reads\' outcomes are not carried): the new place judges it anew', async () => {
    const source = await feedSource();
    answer = 404;
    for (const at of [T0, T0 + HOUR, T0 + 24 * HOUR]) await readAt(source.id, at);
    expect(t.store.getSource(source.id)?.state).toBe('failing');
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    await writeExport(t.store, out, { now: () => T0 });
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; state?: string });
    expect(lines.find((l) => l.kind === 'source')).toMatchObject({ state: 'active' });
  });
});

describe('a failing source in the API and on /sources', () => {
  async function failingSource(): Promise<SourceRow> {
    const source = await feedSource();
    answer = 404;
    for (const at of [T0, T0 + HOUR, T0 + 24 * HOUR]) await readAt(source.id, at);
    return t.store.getSource(source.id)!;
  }

  it('GET /api/sources says failing, since when and why, with no next read; PATCH state active resumes it and clears the streak', async () => {
    const source = await failingSource();
    const app = t.app();
    const listed = (await (await app.request('/api/sources')).json()) as { sources: unknown[] };
    expect(listed.sources).toEqual([
      expect.objectContaining({ id: source.id, state: 'failing', refusalCount: 3, refusedSince: new Date(T0).toISOString(), nextCheckAt: null, lastError: expect.stringMatching(/404/) }),
    ]);
    const resumed = await app.request(`/api/sources/${source.id}`, { method: 'PATCH', body: JSON.stringify({ state: 'active' }), headers: { 'content-type': 'application/json' } });
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ state: 'active', refusalCount: 0, refusedSince: null });
    expect(t.store.findDueSources(Date.now(), 10).map((s) => s.id)).toEqual([source.id]);
  });

  it('the page shows it failing with the reason and since when, and offers Resume; the resume action makes it active', async () => {
    const source = await failingSource();
    const app = t.app();
    const page = await (await app.request('/sources')).text();
    const row = textIn(page);
    expect(row).toMatch(/failing/);
    expect(row).toContain(`refused on every read since ${new Date(T0).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    // The reason in words; the stored one, code and all, is the tooltip.
    expect(row).toMatch(/\(3 reads\): the server answered 404 Not Found; not read until resumed/);
    expect(row).not.toMatch(/http-status/);
    expect(elementsIn(page, 'div').some((d) => d.attribs['title'] === 'http-status: HTTP 404 Not Found')).toBe(true);
    expect(elementsIn(page, 'form').some((f) => f.attribs['action']?.endsWith(`/sources/${source.id}/resume`))).toBe(true);
    const resumed = await app.request(`/sources/${source.id}/resume`, { method: 'POST', headers: { origin: 'http://localhost' } });
    expect(resumed.status).toBe(303);
    expect(t.store.getSource(source.id)).toMatchObject({ state: 'active', refusalCount: 0, refusedSince: null });
  });
});
