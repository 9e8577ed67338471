/**
 * What the server logs of each check (service.ts createMonitor): the
 * outcome, and what the check did to a removal, as `stet check` says it, so
 * a first sighting of a page gone and its removal do not read the same.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { createMonitor } from '../../../src/service.ts';
import { renderArticlePage, ORIGINAL } from '../../support/newsroom.ts';
import { html } from './support/sites.ts';
import { storeAndSite } from './support/store-and-site.ts';

const MINUTE = 60_000;
const ctx = storeAndSite();

describe('the check log', () => {
  it('says when a check recorded a removal and when the page came back', async () => {
    const state = { status: 200 };
    const site = await ctx.serve((_req, res) => (state.status === 200 ? html(res, renderArticlePage(ORIGINAL)) : void res.writeHead(state.status).end('gone')));
    const lines: string[] = [];
    const log = { debug: () => undefined, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const clock = { t: Date.now() };
    const monitor = createMonitor(ctx.store, parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true', RESPECT_ROBOTS_TXT: 'false' }), log, () => clock.t);
    try {
      const { id } = ctx.store.addArticle({ url: `${site.origin}/news/1`, intervalMinutes: 30, now: clock.t }).article;
      await monitor.checkNow(id);
      state.status = 410;
      clock.t += 10 * MINUTE;
      await monitor.checkNow(id);
      clock.t += 10 * MINUTE;
      await monitor.checkNow(id);
      state.status = 200;
      clock.t += 10 * MINUTE;
      await monitor.checkNow(id);
    } finally {
      await monitor.stop();
    }
    expect(lines.map((l) => l.replace(/^check #\d+ \S+: /, '').replace(/ \(\d+ ms\)$/, ''))).toEqual([
      'first-version v1',
      'failed: http-status: HTTP 410 Gone',
      'failed: http-status: HTTP 410 Gone; recorded as removed',
      'unchanged; back online',
    ]);
  });
});
