/**
 * The watch forms, through app.request() on a fresh in-memory store
 * (STYLE 8): an address typed without a scheme reaches the server, whose
 * error suggests the https:// one (a browser's <input type=url> refused it
 * before the server could say anything).
 */
import { describe, expect, it } from 'vitest';
import { formPost, testApp } from '../../support/app.ts';
import { elementsIn, textIn } from './support/html.ts';

const web = testApp({ BASE_URL: 'https://stet.example' });

describe('the watch forms let the server answer an address without a scheme', () => {
  it.each([['/articles'], ['/sources']])('%s: a text field for URLs (keyboard with "/" and ".com"), required, no autocorrection', async (path) => {
    const input = elementsIn(await web.text(path), 'input').find((i) => i.attribs['name'] === 'url')!;
    expect(input.attribs).toMatchObject({ type: 'text', inputmode: 'url', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
    expect('required' in input.attribs).toBe(true);
  });

  it.each([['/articles'], ['/sources']])('%s: example.com/news/x reaches the server, which suggests the https:// address', async (path) => {
    const res = await web.request(path, formPost({ url: 'example.com/news/x' }));
    expect(res.status).toBe(422);
    expect(textIn(await res.text())).toContain('https://example.com/news/x');
  });
});
