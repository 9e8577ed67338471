import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: on a blog's index or archive page (sibling posts, each under a headline linking to its own page), the body is the first post.
const prose = (post: number, n: number): string =>
  `Post ${post}, paragraph ${n}: the council met on Tuesday, and after a long debate about the budget, the library, and the pool, it voted to keep all three open for another year.`;
const post = (i: number, href: string): string =>
  `<div id="post-${i}" class="post hentry"><h2 class="entry-title"><a href="${href}" rel="bookmark">Title of post ${i}</a></h2>` +
  `<div class="entry-content"><p>${prose(i, 1)}</p><p>${prose(i, 2)}</p></div><div class="entry-utility">Filed in <a href="/category/news/">News</a></div></div>`;
const page = (posts: string): string =>
  `<html><head><title>blog</title></head><body><div id="container"><div id="content" role="main"><div class="navigation"><a href="/blog/page/2/">Older posts</a></div>${posts}</div></div>` +
  `<div id="primary" class="widget-area"><ul><li><a href="/about/">About</a></li></ul></div></body></html>`;

describe('a list of posts (blog index page)', () => {
  it('reads the first post only', () => {
    const a = extractArticle(page(post(1, '/2014/01/first/') + post(2, '/2013/07/second/') + post(3, '/2013/06/third/?ref=index') + post(4, '/2013/05/fourth/')));
    expect(a.paragraphs).toEqual([prose(1, 1), prose(1, 2), 'Filed in News']);
  });

  it("titles the article with that post's headline, not the listing's <title>", () => {
    const a = extractArticle(page(post(1, '/2014/01/first/') + post(2, '/2013/07/second/') + post(3, '/2013/06/third/')));
    expect(a.title).toBe('Title of post 1');
  });

  it("a single post's page with teasers of the previous and next posts around it reads the post, not a teaser", () => {
    const teaser = (i: number, href: string): string =>
      `<article class="post"><h2 class="entry-title"><a href="${href}">Teaser ${i}</a></h2><div class="entry-summary"><p>${'Teaser text of another post, which goes on for a while, with commas, and more words. '.repeat(8)}</p></div></article>`;
    const main = `<article class="post"><h1 class="entry-title"><a href="/2024/02/the-story/">The story</a></h1><div class="entry-content">${Array.from({ length: 12 }, (_, n) => `<p>${prose(9, n)}</p>`).join('')}</div></article>`;
    const a = extractArticle(page(teaser(1, '/2024/01/older/') + main + teaser(2, '/2024/03/newer/')));
    expect(a.title).not.toBe('Teaser 1');
    expect(a.paragraphs.filter((p) => p.startsWith('Post 9'))).toHaveLength(12);
    expect(a.paragraphs.some((p) => p.startsWith('Teaser text'))).toBe(false);
  });

  it('a story that is not a listed post, with linked related posts under it, is read as the story', () => {
    const related = (i: number): string => `<article class="post"><h3><a href="/2024/0${i}/related-${i}/">Related ${i}</a></h3><p>${'Excerpt of a related post, with commas, words, and more words to read. '.repeat(3)}</p></article>`;
    const story = `<div class="single"><h1>The story</h1><p>${prose(7, 1)}</p><p>${prose(7, 2)}</p></div>`;
    const a = extractArticle(page(story + related(1) + related(2) + related(3)));
    expect(a.title).toBe('blog');
    expect(a.paragraphs).toEqual(expect.arrayContaining([prose(7, 1), prose(7, 2)]));
  });

  it('keeps the page title where the page is not a listing', () => {
    const a = extractArticle(page(post(1, '/live/budget#entry-1') + post(2, '/live/budget#entry-2') + post(3, '/live/budget#entry-3')));
    expect(a.title).toBe('blog');
  });

  it('keeps every entry when the headlines link to anchors on one page (a live blog)', () => {
    const a = extractArticle(page(post(1, '/live/budget#entry-1') + post(2, '/live/budget#entry-2') + post(3, '/live/budget#entry-3')));
    expect(a.paragraphs.filter((p) => p.startsWith('Post '))).toEqual([prose(1, 1), prose(1, 2), prose(2, 1), prose(2, 2), prose(3, 1), prose(3, 2)]);
  });

  it('keeps an article split across sibling boxes without linked headlines', () => {
    const box = (i: number): string => `<div class="story-part"><h2>Part ${i}</h2><p>${prose(i, 1)}</p><p>${prose(i, 2)}</p></div>`;
    const a = extractArticle(page(box(1) + box(2) + box(3)));
    expect(a.paragraphs.filter((p) => p.startsWith('Post '))).toHaveLength(6);
  });

  it('keeps a listicle whose items have linked headlines but are not named as posts', () => {
    const item = (i: number): string => `<div class="listicle-item"><h2><a href="/venue/${i}/">Venue ${i}</a></h2><p>${prose(i, 1)}</p><p>${prose(i, 2)}</p></div>`;
    const a = extractArticle(page(item(1) + item(2) + item(3)));
    expect(a.paragraphs.filter((p) => p.startsWith('Post '))).toHaveLength(6);
  });
});
