/**
 * The feeds' own ids (Atom <id>), through app.request() on a fresh in-memory
 * store (STYLE 8): stable like the entry GUIDs, so neither a new BASE_URL nor
 * a database moved by export and import (new row ids) makes a feed new.
 */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/db/store.ts';
import { testApp } from '../../support/app.ts';

const web = testApp();

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });
const atomId = async (base: string, path: string) => {
  const app = web.app({ env: { BASE_URL: base } });
  return xml.parse(await (await app.request(path)).text()).feed.id as string;
};

describe('Atom feed ids are stable like the entry GUIDs (RFC 4287 §4.2.6: an id never changes)', () => {
  it('urn:stet:all for every article, urn:stet:<key> for one, whatever BASE_URL is', async () => {
    const url = 'https://news.example/story';
    const key = sha256Hex(url).slice(0, 16);
    const { article } = web.store.addArticle({ url, intervalMinutes: 30, now: Date.UTC(2026, 0, 15) });
    for (const base of ['https://stet.example', 'https://moved.example/stet']) {
      expect(await atomId(base, '/feed.atom')).toBe('urn:stet:all');
      expect(await atomId(base, `/articles/${article.id}/feed.atom`)).toBe(`urn:stet:${key}`);
    }
  });

  it('the same article under another row id (as `stet import` gives) keeps its feed id', async () => {
    const url = 'https://news.example/moved';
    web.store.addArticle({ url: 'https://news.example/other', intervalMinutes: 30, now: 0 });
    const { article } = web.store.addArticle({ url, intervalMinutes: 30, now: 0 });
    expect(article.id).toBe(2);
    expect(await atomId('https://stet.example', `/articles/${article.id}/feed.atom`)).toBe(`urn:stet:${sha256Hex(url).slice(0, 16)}`);
  });
});
