/**
 * POST /api/articles for a URL already watched (app.request, STYLE 8): 200
 * with the article as it is; an intervalMinutes given is not applied (it is
 * for new articles; PATCH changes it) and the answer says it was ignored.
 */
import { describe, expect, it } from 'vitest';
import { jsonRequest, testApp } from '../../support/app.ts';

const web = testApp();

describe('POST /api/articles for a URL already watched', () => {
  it('answers 200 with the article unchanged, and says an intervalMinutes given was ignored', async () => {
    const app = web.app();
    const created = await app.request('/api/articles', jsonRequest({ url: 'https://news.example/story', intervalMinutes: 5 }));
    expect(created.status).toBe(201);
    expect(await created.json()).not.toHaveProperty('ignored');

    const again = await app.request('/api/articles', jsonRequest({ url: 'https://news.example/story?CMP=share_btn_tw', intervalMinutes: 60 }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ url: 'https://news.example/story', intervalMinutes: 5, created: false, ignored: ['intervalMinutes'] });
    expect(web.store.listArticles()).toMatchObject([{ intervalMinutes: 5 }]);

    const plain = await app.request('/api/articles', jsonRequest({ url: 'https://news.example/story' }));
    expect(await plain.json()).not.toHaveProperty('ignored');
  });
});
