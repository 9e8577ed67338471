import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a box named like chrome that holds the page's <h1> and most of its text is the layout, not chrome; and a
// role="dialog" box is judged by its class on the lenient retries too.
const prose = (n: number): string =>
  `Paragraph ${n}: the harbour board met on Tuesday, and after a long debate about dredging, fees, and the ferry timetable, it voted to borrow four million.`;
const story = [1, 2, 3, 4, 5, 6].map((n) => `<p>${prose(n)}</p>`);
const related = (titles: string[]): string =>
  `<div class="related-stories"><h3>Related stories</h3><ul>${titles.map((t, i) => `<li><a href="/s/${i}">${t}</a> <span>${i + 2} hours ago, by the news desk</span></li>`).join('')}</ul></div>`;

const layoutPage = (box: string): string =>
  `<html><head><title>Harbour board borrows four million</title></head><body>` +
  `<div class="page-layout-with-sidebar">` +
  `<nav><a href="/">Home</a> <a href="/news">News</a></nav>` +
  `<div class="signup">Sign up for breaking news alerts</div>` +
  `<h1>Harbour board borrows four million</h1>` +
  `<div class="body-text">${story.slice(0, 3).join('')}${box}${story.slice(3).join('')}</div>` +
  `</div></body></html>`;

describe('layout wrapper named like chrome', () => {
  it('reads the story inside it, without the related box, whatever the box lists', () => {
    const a = extractArticle(layoutPage(related(['Ferry fares rise again', 'Dredger runs aground', 'New pier opens in May'])));
    const b = extractArticle(layoutPage(related(['Fishing quotas cut by a third', 'Lighthouse up for sale', 'Storm closes the marina for a week'])));
    expect(a.paragraphs).toEqual(story.map((_, i) => prose(i + 1)));
    expect(b.paragraphs).toEqual(a.paragraphs);
  });

  it('is read by the strict attempt, which keeps chrome out of the story (an <aside> offer, here)', () => {
    const offer = '<aside><p>Subscribe to the print edition for just one dollar a week and get the paper delivered every morning.</p></aside>';
    expect(extractArticle(layoutPage(offer)).paragraphs).toEqual(story.map((_, i) => prose(i + 1)));
  });

  it('is no site header holding the logo <h1>, however much text its menu has', () => {
    const menu = Array.from({ length: 10 }, () => '<div class="col"><a href="/s">Section</a><div>Daily coverage of council meetings, school boards, high school sports and new local businesses.</div></div>').join('');
    const html =
      `<html><head><title>Harbour board borrows four million</title></head><body><div class="header"><h1><a href="/">Gazette</a></h1>${menu}</div>` +
      `<main><article><h1>Harbour board borrows four million</h1>${story.join('')}</article></main></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story.map((_, i) => prose(i + 1)));
  });

  it('still strips a sidebar that holds less than half of the page, even beside the headline', () => {
    const html =
      `<html><head><title>T</title></head><body><div class="sidebar"><h1>Harbour board borrows four million</h1><p>Sidebar teaser text.</p></div>` +
      `<div class="story">${story.join('')}</div></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story.map((_, i) => prose(i + 1)));
  });
});

describe('role="dialog" on the lenient retries', () => {
  it('a cookie banner beside a story the first attempt could not read stays out', () => {
    // The box is named like a sidebar and holds no <h1>: the strict attempt strips it, a lenient one reads it.
    const html =
      `<html><head><title>T</title></head><body><div class="sidebar-box">` +
      `<p>${prose(1)}</p><div class="cookie-consent" role="dialog"><p>We use cookies to improve your experience on our site.</p><button>Accept</button></div><p>${prose(2)}</p>` +
      `</div></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual([prose(1), prose(2)]);
  });
});
