/**
 * The watch list says which sites fall behind their articles' intervals
 * (store.sitesBehind): one page of a site at a time caps how many articles a
 * site can keep fresh (README "How much it can watch"), and a user watching
 * thousands from one outlet should see it without paging the list. A fresh
 * in-memory store and app.request (STYLE 8).
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';

const MINUTE = 60_000;

const web = testApp();

/** Watches `count` articles of `host`, due `minutesAgo` minutes ago (one minute apart, the oldest first). */
function due(host: string, count: number, minutesAgo: number): void {
  for (let n = 0; n < count; n++) web.store.addArticle({ url: `https://${host}/story-${n}`, intervalMinutes: 30, now: Date.now() - (minutesAgo - n) * MINUTE });
}

describe('sites behind schedule', () => {
  it('store.sitesBehind: active articles due 10 minutes ago or more, by site, the longest queue first', () => {
    due('big.example', 30, 60);
    due('small.example', 3, 15);
    due('ontime.example', 5, 4);
    web.store.db.$client.prepare("update articles set state = 'paused' where url like 'https://small.example/%' and url != 'https://small.example/story-0'").run();
    const behind = web.store.sitesBehind(Date.now(), 10 * MINUTE, 5);
    expect(behind.map((s) => [s.host, s.due])).toEqual([['big.example', 30], ['small.example', 1]]);
    expect(Date.now() - behind[0]!.oldest).toBeGreaterThanOrEqual(60 * MINUTE);
    expect(web.store.sitesBehind(Date.now(), 10 * MINUTE, 1)).toHaveLength(1);
  });

  async function behindOnPage(env: Record<string, string> = {}): Promise<string | null> {
    const res = await web.app({ env }).request('/articles');
    expect(res.status).toBe(200);
    const box = elementsIn(await res.text(), 'div').find((d) => d.attribs['class'] === 'behind');
    return box ? textContent(box).replace(/\s+/g, ' ').trim() : null;
  }

  it('the watch list names each site behind with how many wait and since when; none when all are on time, or when no scheduler runs', async () => {
    due('ontime.example', 5, 4);
    expect(await behindOnPage()).toBeNull();
    due('big.example', 30, 60);
    expect(await behindOnPage()).toMatch(/^Behind schedule: .*big\.example: 30 articles waiting, the oldest due since /);
    expect(await behindOnPage({ SCHEDULER: 'false' })).toBeNull();
  });

  it('an article due a while ago and not yet checked says it waits for its site, not that its first check is under way', async () => {
    due('big.example', 1, 60);
    due('new.example', 1, 0);
    const page = await web.text('/articles');
    const cells = elementsIn(page, 'td').filter((td) => td.attribs['data-label'] === 'Next check').map((td) => textContent(td));
    expect(cells).toEqual(['first check under way', expect.stringMatching(/^first check waiting for its site since \d{4}-/)]);
  });
});
