/**
 * POST /api/articles for a URL already watched (app.request, STYLE 8): 200
 * with the article as it is; an intervalMinutes given is not applied (it is
 * for new articles; PATCH changes it) and the answer says it was ignored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { createApp } from '../../../src/web/app.tsx';

let store: Store;
beforeEach(() => {
  store = new Store(openDatabase(':memory:'));
});
afterEach(() => store.close());

const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('POST /api/articles for a URL already watched', () => {
  it('answers 200 with the article unchanged, and says an intervalMinutes given was ignored', async () => {
    const app = createApp({ store, config: parseConfig({}) });
    const created = await app.request('/api/articles', post({ url: 'https://news.example/story', intervalMinutes: 5 }));
    expect(created.status).toBe(201);
    expect(await created.json()).not.toHaveProperty('ignored');

    const again = await app.request('/api/articles', post({ url: 'https://news.example/story?CMP=share_btn_tw', intervalMinutes: 60 }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ url: 'https://news.example/story', intervalMinutes: 5, created: false, ignored: ['intervalMinutes'] });
    expect(store.listArticles()).toMatchObject([{ intervalMinutes: 5 }]);

    const plain = await app.request('/api/articles', post({ url: 'https://news.example/story' }));
    expect(await plain.json()).not.toHaveProperty('ignored');
  });
});
