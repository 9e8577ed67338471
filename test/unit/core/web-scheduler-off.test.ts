/**
 * With SCHEDULER=false no check comes by itself: the article page and the
 * watch list say so, and what does check, instead of "first check under way"
 * for ever (QA: a new article's page said it indefinitely).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { textIn } from './support/html.ts';

const web = testApp();

describe('Next check', () => {
  it('SCHEDULER=false: a new article is "not checked yet", the scheduler is off, and stet check <id> or the page\'s check button checks it', async () => {
    const app = web.app({ env: { SCHEDULER: 'false' }, monitor: undefined });
    const { article } = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: Date.now() });
    const words = `not checked yet; none scheduled: the scheduler is off (SCHEDULER=false), so it is checked when someone runs stet check ${article.id} or uses the check button on`;
    const page = textIn(await (await app.request(`/articles/${article.id}`)).text());
    expect(page).toContain(`Next check${words} this page`);
    expect(page).not.toContain('first check under way');
    expect(textIn(await (await app.request('/articles')).text())).toContain(`${words} its page`);
  });

  it('SCHEDULER=false: a checked article says no check is scheduled rather than a time that will pass unchecked', async () => {
    const app = web.app({ env: { SCHEDULER: 'false' }, monitor: undefined });
    const { article } = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: Date.now() });
    web.store.recordCheck(article.id, { kind: 'failed', at: Date.now(), status: 404, durationMs: 1, nextCheckAt: Date.now() + 60_000, error: 'http-status: HTTP 404' });
    const page = textIn(await (await app.request(`/articles/${article.id}`)).text());
    expect(page).toContain(`Next checknone scheduled: the scheduler is off (SCHEDULER=false), so it is checked when someone runs stet check ${article.id} or uses the check button on this page`);
  });

  it('with the scheduler on, a new article\'s first check is under way', async () => {
    const app = web.app({ monitor: undefined });
    const { article } = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: Date.now() });
    expect(textIn(await (await app.request(`/articles/${article.id}`)).text())).toContain('Next checkfirst check under way');
  });
});
