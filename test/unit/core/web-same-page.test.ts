/**
 * Two addresses of one page watched as two articles ("…/story/" beside
 * "…/story", a QA pass) make the same edits twice: each article page names
 * the other, by the canonical address the page gives (store.samePageArticles).
 * A fresh in-memory store and app.request (STYLE 8).
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { textIn } from './support/html.ts';

const web = testApp();
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

function watched(url: string, canonical: string | null) {
  const { article } = web.store.addArticle({ url, intervalMinutes: 30, now: T0 });
  web.store.db.$client.prepare('update articles set canonical_url = ? where id = ?').run(canonical, article.id);
  return web.store.getArticle(article.id)!;
}

describe('articles that are one page', () => {
  it('each names the other: one watched at the canonical address, or both naming it', async () => {
    const plain = watched('https://news.example/story', 'https://news.example/story');
    const slash = watched('https://news.example/story/', 'https://news.example/story');
    const amp = watched('https://news.example/amp/story', 'https://news.example/story');
    const other = watched('https://news.example/other', 'https://news.example/other');
    expect(web.store.samePageArticles(plain).map((a) => a.id)).toEqual([slash.id, amp.id]);
    expect(web.store.samePageArticles(slash).map((a) => a.id)).toEqual([plain.id, amp.id]);
    expect(web.store.samePageArticles(other)).toEqual([]);
    const page = textIn(await web.page(`/articles/${slash.id}`)).replace(/\s+/g, ' ');
    expect(page).toContain(`Also watched as#${plain.id} https://news.example/story, #${amp.id} https://news.example/amp/story: the same page`);
    expect(textIn(await web.page(`/articles/${other.id}`))).not.toContain('Also watched as');
  });

  it('an article with no canonical address names none', () => {
    const bare = watched('https://news.example/bare', null);
    watched('https://news.example/bare/', null);
    expect(web.store.samePageArticles(bare)).toEqual([]);
  });
});
