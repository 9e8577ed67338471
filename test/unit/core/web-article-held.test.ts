/**
 * What an article's page says of a change stet is holding (monitor/confirm.ts):
 * a cut seen once, and a page found gone once, with when a check can settle
 * it, as `stet check` and Check now say it; and the address the page names
 * as its own when it is not the watched one (a renamed slug). A fresh
 * in-memory store and app.request (STYLE 8).
 */
import { isTag } from 'domhandler';
import { textContent } from 'domutils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';
import { addVersion } from './support/versions.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const iso = (t: number) => new Date(t).toISOString();

const web = testApp();
let story: ArticleRow;
beforeEach(() => {
  story = web.store.addArticle({ url: 'https://news.example/story', intervalMinutes: 30, now: T0 }).article;
  addVersion(web.store, story, T0 + MINUTE, { title: 'Story', byline: '', paragraphs: ['One.', 'Two.', 'Three.'] });
});

/** The facts of the article's page (its <dl class="facts">): each <dt> with its <dd>s as text, and every time on the page. */
async function facts(): Promise<{ rows: Map<string, string[]>; times: string[] }> {
  const html = await web.page(`/articles/${story.id}`);
  const dl = elementsIn(html, 'dl').find((e) => e.attribs['class'] === 'facts')!;
  const rows = new Map<string, string[]>();
  let term = '';
  for (const child of dl.children) {
    if (!isTag(child)) continue;
    const text = textContent(child).replace(/\s+/g, ' ').trim();
    if (child.name === 'dt') term = text;
    else if (child.name === 'dd') rows.set(term, [...(rows.get(term) ?? []), text]);
  }
  return { rows, times: elementsIn(html, 'time').map((t) => t.attribs['datetime'] ?? '') };
}

const fail = (minutes: number, status: number, removedAtMinutes?: number) =>
  web.store.recordCheck(story.id, {
    kind: 'failed', at: T0 + minutes * MINUTE, status, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE, error: `http-status: HTTP ${status}`,
    ...(removedAtMinutes === undefined ? {} : { removal: { removedAt: T0 + removedAtMinutes * MINUTE } }),
  });

describe('the article page says what stet is holding', () => {
  it('a cut seen once: held, and from when a check can make it a version', async () => {
    const latest = web.store.latestVersion(story.id)!;
    web.store.recordCheck(story.id, { kind: 'unconfirmed', at: T0 + 30 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 40 * MINUTE, fingerprint: 'cut', pendingSince: T0 + 30 * MINUTE, expectedVersionId: latest.id });
    const { rows, times } = await facts();
    expect(rows.get('Held')?.join(' ')).toMatch(/Most of the article's text was gone or replaced on the check at .*it becomes a version only if a check from .* on still finds it so/);
    expect(times).toEqual(expect.arrayContaining([iso(T0 + 30 * MINUTE), iso(T0 + 35 * MINUTE)]));
  });

  it('a page gone since two checks: held from the first, removable from 5 minutes after it; once recorded, removed instead', async () => {
    fail(30, 404);
    fail(32, 404);
    const held = await facts();
    expect(held.rows.get('Held')?.join(' ')).toMatch(/The page has answered as gone since .*: it is recorded as removed if a check from .* on still finds it gone/);
    expect(held.times).toEqual(expect.arrayContaining([iso(T0 + 30 * MINUTE), iso(T0 + 35 * MINUTE)]));
    fail(40, 404, 30);
    const removed = await facts();
    expect(removed.rows.has('Held')).toBe(false);
    expect(removed.rows.get('On the site')?.join(' ')).toMatch(/removed/);
  });

  it('a "not found" page served with 200 (a soft 404): held as a page gone, then removed, said as such', async () => {
    const soft = (minutes: number, removedAtMinutes?: number) =>
      web.store.recordCheck(story.id, {
        kind: 'failed', at: T0 + minutes * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + (minutes + 10) * MINUTE,
        error: 'not-found-page: the site answered with "Page not found" (HTTP 200), a page saying the article is not there',
        ...(removedAtMinutes === undefined ? {} : { removal: { removedAt: T0 + removedAtMinutes * MINUTE } }),
      });
    soft(30);
    expect((await facts()).rows.get('Held')?.join(' ')).toMatch(/The page has answered as gone since/);
    soft(40, 30);
    expect((await facts()).rows.get('On the site')?.join(' ')).toMatch(/^removed a "not found" page \(HTTP 200\) since /);
  });

  it('a failure that is not a page gone, or a gone answer followed by the page back, holds nothing', async () => {
    fail(30, 500);
    expect((await facts()).rows.has('Held')).toBe(false);
    fail(40, 404);
    web.store.recordCheck(story.id, { kind: 'unchanged', at: T0 + 50 * MINUTE, status: 200, durationMs: 1, nextCheckAt: T0 + 80 * MINUTE, etag: null, lastModified: null, bodyHash: null });
    expect((await facts()).rows.has('Held')).toBe(false);
  });

  it('the address the page names as its own, when it is not the watched one (a renamed slug)', async () => {
    expect((await facts()).rows.has('Canonical address')).toBe(false);
    web.store.db.$client.prepare('update articles set canonical_url = ? where id = ?').run('https://news.example/story-renamed', story.id);
    expect((await facts()).rows.get('Canonical address')?.join(' ')).toContain('https://news.example/story-renamed');
    web.store.db.$client.prepare('update articles set canonical_url = url where id = ?').run(story.id);
    expect((await facts()).rows.has('Canonical address')).toBe(false);
  });
});
