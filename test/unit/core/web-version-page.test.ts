/**
 * /articles/:id/versions/:n: one version in full (headline, byline, text,
 * both clocks), with the versions beside it and its diffs; the timeline's
 * version numbers lead there (QA: a version could only be read as the diff
 * of itself, "Version 1 → version 1"). A fresh in-memory store and
 * app.request (STYLE 8).
 */
import { findAll, textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';
import { addVersion, watch } from './support/versions.ts';

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const MINUTE = 60_000;

const web = testApp();

const links = (page: string): Record<string, string> =>
  Object.fromEntries(elementsIn(page, 'a').map((a) => [textContent(a).replace(/\s+/g, ' ').trim(), a.attribs['href'] ?? '']));

describe('a version page', () => {
  function threeVersions() {
    const article = watch(web.store, 'https://news.example/flood', T0);
    addVersion(web.store, article, T0, { title: 'Rains flood the city', byline: 'Ann Lee', paragraphs: ['Rain fell all night.', '210 mm fell in twelve hours.'] }, { publishedAt: '2026-11-30T08:00:00+05:30', modifiedAt: '2026-11-30T08:00:00+05:30' });
    addVersion(web.store, article, T0 + 30 * MINUTE, { title: 'Rains flood the city', byline: 'Ann Lee', paragraphs: ['Rain fell all night.', '240 mm fell in twelve hours.'] }, { publishedAt: '2026-11-30T08:00:00+05:30', modifiedAt: '2026-11-30T09:10:00+05:30' });
    addVersion(web.store, article, T0 + 60 * MINUTE, { title: 'Rains flood parts of the city', byline: 'Ann Lee', paragraphs: ['Rain fell all night.', '240 mm fell in twelve hours.', 'Schools are closed.'] }, { publishedAt: '2026-11-30T08:00:00+05:30', modifiedAt: '2026-11-30T09:10:00+05:30' });
    return article;
  }

  it('shows the version’s headline, byline, text and both clocks, with its neighbours and diffs', async () => {
    const article = threeVersions();
    const page = await web.page(`/articles/${article.id}/versions/2`);
    const text = textIn(page).replace(/\s+/g, ' ');
    expect(elementsIn(page, 'h1').map((h) => textContent(h))).toEqual(['Rains flood the city']);
    expect(text).toContain('Version 2 of 3');
    expect(text).toContain('Ann Lee');
    expect(text).toContain('2026-11-30 09:10 +05:30');
    expect(elementsIn(page, 'article').flatMap((a) => findAll((e) => e.name === 'p', a.children).map((p) => textContent(p)))).toEqual(['Rain fell all night.', '240 mm fell in twelve hours.']);
    const to = links(page);
    expect(to['← Version 1']).toBe(`/articles/${article.id}/versions/1`);
    expect(to['Version 3 →']).toBe(`/articles/${article.id}/versions/3`);
    expect(to['What changed from version 1']).toBe(`/articles/${article.id}/diff/1..2`);
    expect(to['This → latest']).toBe(`/articles/${article.id}/diff/2..3`);
  });

  it('the original and the latest say so and link only where there is somewhere to go; a stealth edit is marked', async () => {
    const article = threeVersions();
    const first = await web.page(`/articles/${article.id}/versions/1`);
    expect(textIn(first)).toContain('(the original)');
    expect(Object.keys(links(first)).some((k) => k.startsWith('← Version'))).toBe(false);
    const last = await web.page(`/articles/${article.id}/versions/3`);
    expect(textIn(last)).toContain('(the latest)');
    expect(Object.keys(links(last)).some((k) => k.endsWith('→') && k.startsWith('Version'))).toBe(false);
    expect(textIn(last)).toContain('stealth edit');
  });

  it('its way back leads to the timeline page that lists it, an older page for an old version (QA: version 5 of 118)', async () => {
    const article = watch(web.store, 'https://news.example/live', T0);
    for (let n = 1; n <= 118; n++) addVersion(web.store, article, T0 + n * MINUTE, { title: 'Live', byline: 'Ann Lee', paragraphs: [`Update ${n}.`] });
    const back = async (n: number) => elementsIn(await web.page(`/articles/${article.id}/versions/${n}`), 'a').find((a) => textContent(a).startsWith('←') && !textContent(a).includes('Version'))!.attribs['href'];
    expect(await back(118)).toBe(`/articles/${article.id}#v118`);
    expect(await back(19)).toBe(`/articles/${article.id}#v19`);
    expect(await back(5)).toBe(`/articles/${article.id}?before=6#v5`);
    const older = await web.page(`/articles/${article.id}?before=6`);
    expect(elementsIn(older, 'tr').some((tr) => tr.attribs['id'] === 'v5')).toBe(true);
  });

  it('an article with one version says it is the only one', async () => {
    const article = watch(web.store, 'https://news.example/one', T0);
    addVersion(web.store, article, T0, { title: 'One', byline: 'Ann Lee', paragraphs: ['Only text.'] });
    const text = textIn(await web.page(`/articles/${article.id}/versions/1`)).replace(/\s+/g, ' ');
    expect(text).toContain('Version 1 of 1 (the only one so far)');
  });

  it('the diff page’s columns lead to the two versions in full', async () => {
    const article = threeVersions();
    const to = links(await web.page(`/articles/${article.id}/diff/1..3`));
    expect(to['version 1']).toBe(`/articles/${article.id}/versions/1`);
    expect(to['version 3']).toBe(`/articles/${article.id}/versions/3`);
  });

  it('the timeline’s version numbers lead to the version pages', async () => {
    const article = threeVersions();
    const page = await web.page(`/articles/${article.id}`);
    const hrefs = elementsIn(page, 'a').map((a) => a.attribs['href']);
    for (const n of [1, 2, 3]) expect(hrefs).toContain(`/articles/${article.id}/versions/${n}`);
  });

  it('a version that does not exist is a 404 saying which exist; a number that is none a 400', async () => {
    const article = threeVersions();
    const missing = await web.request(`/articles/${article.id}/versions/9`);
    expect(missing.status).toBe(404);
    expect(textIn(await missing.text())).toContain('version 9 of this article not found (it has versions 1 to 3)');
    for (const bad of ['0', 'x', '1.5', '-1']) expect((await web.request(`/articles/${article.id}/versions/${bad}`)).status).toBe(400);
    expect((await web.request('/articles/999/versions/1')).status).toBe(404);
  });
});
