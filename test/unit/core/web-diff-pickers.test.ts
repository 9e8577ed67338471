/**
 * The diff page's version pickers (app.request on a fresh in-memory store,
 * STYLE 8): two number fields bounded by the article's versions, whatever
 * their count, in a GET form that works without script, beside the
 * layout links it had (the layout and "changes only" carried through); and
 * the stealth mark read from the store.
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';
import { addVersion, watch, type PublisherStamps, liveBlog as liveBlogIn } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;

const web = testApp({ BASE_URL: 'https://stet.example' });

const liveBlog = (count: number, stamps?: (n: number) => PublisherStamps): ArticleRow => liveBlogIn(web.store, T0, count, stamps);

describe('the diff page picks versions with two number fields, not a list of every version', () => {
  it('from and to are number fields from 1 to the latest version, holding the versions compared; the page has no <option> at all', async () => {
    const article = liveBlog(250);
    const html = await web.page(`/articles/${article.id}/diff/120..121`);
    const form = elementsIn(html, 'form').find((f) => f.attribs.class === 'pick')!;
    expect(form.attribs).toMatchObject({ method: 'get', action: `/articles/${article.id}/diff` });
    const fields = elementsIn(html, 'input').filter((i) => i.attribs.name === 'from' || i.attribs.name === 'to').map((i) => i.attribs);
    expect(fields).toEqual([
      { name: 'from', type: 'number', min: '1', max: '250', value: '120' },
      { name: 'to', type: 'number', min: '1', max: '250', value: '121' },
    ]);
    expect(textContent(form)).toContain('of 250');
    expect(elementsIn(html, 'option')).toEqual([]);
    expect(elementsIn(html, 'select')).toEqual([]);
  });

  it('the form as a browser sends it (the layout kept in a hidden field) leads to the canonical diff; an empty field means the original or the latest', async () => {
    const article = liveBlog(5);
    const html = await web.page(`/articles/${article.id}/diff/1..5?layout=side-by-side`);
    expect(elementsIn(html, 'input').find((i) => i.attribs.name === 'layout')?.attribs).toMatchObject({ type: 'hidden', value: 'side-by-side' });
    const submitted = await web.request(`/articles/${article.id}/diff?from=2&to=4&layout=side-by-side`);
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/articles/${article.id}/diff/2..4?layout=side-by-side`);
    expect((await web.request(`/articles/${article.id}/diff?from=&to=3&layout=inline`)).headers.get('location')).toBe(`/articles/${article.id}/diff/1..3?layout=inline`);
    expect((await web.request(`/articles/${article.id}/diff?from=2&to=&layout=inline`)).headers.get('location')).toBe(`/articles/${article.id}/diff/2..5?layout=inline`);
  });

  it('"changes only" survives picking other versions: a hidden changes=only in the form, kept by the redirect (left out, the whole article)', async () => {
    const article = liveBlog(12);
    const hidden = async (path: string) => elementsIn(await web.page(path), 'input').filter((i) => i.attribs.type === 'hidden').map((i) => [i.attribs.name, i.attribs.value]);
    expect(await hidden(`/articles/${article.id}/diff/3..9?layout=side-by-side&changes=only`)).toEqual([['layout', 'side-by-side'], ['changes', 'only']]);
    expect(await hidden(`/articles/${article.id}/diff/3..9?layout=side-by-side`)).toEqual([['layout', 'side-by-side']]);
    const submitted = await web.request(`/articles/${article.id}/diff?from=3&to=9&layout=side-by-side&changes=only`);
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`/articles/${article.id}/diff/3..9?layout=side-by-side&changes=only`);
    expect((await web.request(`/articles/${article.id}/diff?from=3&to=9&layout=inline`)).headers.get('location')).toBe(`/articles/${article.id}/diff/3..9?layout=inline`);
    expect((await web.request(`/articles/${article.id}/diff?from=3&to=9&layout=inline&changes=bogus`)).headers.get('location')).toBe(`/articles/${article.id}/diff/3..9?layout=inline`);
  });

  it('a number past the latest version, typed in, ends on the 404 that says which versions there are', async () => {
    const article = liveBlog(3);
    const submitted = await web.request(`/articles/${article.id}/diff?from=1&to=9&layout=inline`);
    const res = await web.request(submitted.headers.get('location')!);
    expect(res.status).toBe(404);
    expect(textIn(await res.text())).toContain('version 9 of this article not found (it has versions 1 to 3)');
  });

  it('keeps the links to the other layout and to the changes only (or the whole article), on the versions compared', async () => {
    const article = liveBlog(4);
    const links = (html: string) => elementsIn(html, 'a').filter((a) => ['inline', 'side by side', 'whole article', 'changes only'].includes(textContent(a))).map((a) => [textContent(a), a.attribs.href]);
    const base = `/articles/${article.id}/diff/2..3`;
    expect(links(await web.page(base))).toEqual([['side by side', `${base}?layout=side-by-side`], ['changes only', `${base}?layout=inline&changes=only`]]);
    expect(links(await web.page(`${base}?layout=side-by-side&changes=only`))).toEqual([['inline', `${base}?layout=inline&changes=only`], ['whole article', `${base}?layout=side-by-side`]]);
  });

  it('marks a stealth edit between consecutive versions by the stamps of the versions before, however far back (shown on version 1 only)', async () => {
    const article = liveBlog(8, (n) => (n === 1 ? { modifiedAt: '2026-01-15T08:00:00Z' } : {}));
    expect(textIn(await web.page(`/articles/${article.id}/diff/6..7`))).toContain('stealth edit');
    expect(textIn(await web.page(`/articles/${article.id}/diff/1..2`))).not.toContain('stealth edit');
    const noStamps = watch(web.store, 'https://news.example/never-stamped', T0);
    for (let n = 1; n <= 3; n++) addVersion(web.store, noStamps, T0 + n * MINUTE, { title: 'Quiet', byline: 'Desk', paragraphs: [`Text ${n}.`] });
    expect(textIn(await web.page(`/articles/${noStamps.id}/diff/2..3`))).not.toContain('stealth edit');
  });
});
