/**
 * decodeHtml follows the WHATWG HTML encoding sniffing algorithm
 * (https://html.spec.whatwg.org/#encoding-sniffing-algorithm).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, mimeEssence } from '../../../src/fetch/decode.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/fetch/${name}`, import.meta.url)));
const ascii = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...ascii(part)] : part)));

describe('decodeHtml: which declaration wins', () => {
  it('a UTF-8 BOM wins over a Content-Type charset, and is not part of the text (step 1, BOM sniff)', () => {
    const decoded = decodeHtml(bytes([0xef, 0xbb, 0xbf], '<p>', [0xc3, 0xa9], '</p>'), 'text/html; charset=windows-1252');
    expect(decoded).toEqual({ html: '<p>é</p>', encoding: 'utf-8' });
  });

  it('a UTF-16LE BOM is honoured (step 1, BOM sniff)', () => {
    const decoded = decodeHtml(bytes([0xff, 0xfe, 0x3c, 0x00, 0x70, 0x00, 0x3e, 0x00]), null);
    expect(decoded).toEqual({ html: '<p>', encoding: 'utf-16le' });
  });

  it('the Content-Type charset wins over <meta charset> (step 4, transport layer)', () => {
    expect(decodeHtml(fixture('windows-1252-meta.html'), 'text/html; charset=utf-8').encoding).toBe('utf-8');
  });

  it('an unknown Content-Type charset is ignored and the meta prescan decides', () => {
    expect(decodeHtml(fixture('windows-1252-meta.html'), 'text/html; charset=no-such-thing').encoding).toBe('windows-1252');
  });

  it('<meta charset> decides when the header is silent (step 5, prescan)', () => {
    const decoded = decodeHtml(fixture('windows-1252-meta.html'), 'text/html');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.html).toContain('“Quoted” — price €5, naïve résumé.');
  });

  it('<meta http-equiv="Content-Type" content="…; charset=Shift_JIS"> decides too (step 5, prescan)', () => {
    const decoded = decodeHtml(fixture('shift_jis-meta.html'));
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.html).toContain('<title>日本語のニュース</title>');
  });

  it('a <meta> declaring UTF-16 means UTF-8, since the prescan read it as ASCII (prescan, "get an attribute")', () => {
    expect(decodeHtml(ascii('<meta charset="utf-16"><p>x</p>')).encoding).toBe('utf-8');
  });

  it('a <meta> inside a comment is skipped by the prescan', () => {
    expect(decodeHtml(bytes('<!-- <meta charset="shift_jis"> --><p>', [0xe9], '</p>')).encoding).toBe('windows-1252');
  });

  it('labels are matched case-insensitively and aliases map to names: latin1 is windows-1252 (Encoding Standard §4.2)', () => {
    expect(decodeHtml(bytes([0x93, 0x94]), 'text/html; charset="LATIN1"')).toEqual({ html: '“”', encoding: 'windows-1252' });
  });

  it('a label of the "replacement" encoding never decodes the content (Encoding Standard, replacement)', () => {
    expect(decodeHtml(ascii('<p>secret</p>'), 'text/html; charset=iso-2022-kr')).toEqual({ html: '\uFFFD', encoding: 'replacement' });
  });
});

describe('decodeHtml with nothing declared (step 8, autodetection allowed)', () => {
  it('takes UTF-8 when the bytes are valid UTF-8', () => {
    expect(decodeHtml(ascii('<p>naïve — “quoted”</p>'))).toEqual({ html: '<p>naïve — “quoted”</p>', encoding: 'utf-8' });
  });

  it('falls back to windows-1252, the suggested default for most locales, when they are not', () => {
    const decoded = decodeHtml(fixture('windows-1252-undeclared.html'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.html).toContain('“Quoted” — price €5');
  });

  // The story's text in legacy bytes (made with iconv-lite), in a page that declares nothing.
  const page = (base64: string) => bytes('<html><head><title>x</title></head><body><article><p>', [...Buffer.from(base64, 'base64')], '</p></article></body></html>');
  const SHIFT_JIS = 'jnOLY4nvgs2Mjpdqk/qBQY1ekIWRzo30gsyXXI5aiMSC8InCjIiCtYK9gUKOc5K3gs2BdY9alq+CzIjAkVOCqpHmiOqCvoF2gsaPcYLXgr2BQg==';
  const GBK = 'ytDS6bvh1tzSu82ouf3By7fAuunUpMvjsLiho8rQs6Sx7cq+o6y+08PxtcSwssiryse12tK7zru1xKGj';
  const WINDOWS_1251 = 'w+7w7uTx6u7pIPHu4uXyIOIg7+7t5eTl6/zt6Oog7uTu4fDo6yDh/uTm5fIg7eAg5+D56PLzIO7yIO3g4u7k7eXt6OkuIMz98CDx6uDn4OssIPfy7iDh5efu7+Dx7e7x8vwg5ujy5evl6SDi4Obt5eUg4vHl4+4u';
  const WINDOWS_1250 = 'UmFkYSBtaWVqc2thIHcgcG9uaWVkemlhs2VrIHphdHdpZXJkemmzYSBidWS/ZXQgbmEgb2Nocm9u6iBwcnplY2l3cG93b2R6aW93uS4ghEJlenBpZWN6ZfFzdHdvIG1pZXN6a2HxY/N3IGplc3QgbmFqd2G/bmllanN6ZZQgliBwb3dpZWR6aWGzIGJ1cm1pc3Ryei4=';

  it.each([
    ['Shift_JIS', SHIFT_JIS, 'shift_jis', '市議会は月曜日、洪水対策の予算案を可決した。'],
    ['GBK', GBK, 'gb18030', '市议会周一通过了防洪预算案。'],
    ['windows-1251', WINDOWS_1251, 'windows-1251', 'Городской совет в понедельник одобрил бюджет'],
  ])('detects a CJK or Cyrillic encoding instead of reading it as windows-1252 (QA: a Shift_JIS page stored as mojibake): %s', (_name, base64, encoding, text) => {
    const decoded = decodeHtml(page(base64));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.html).toContain(text);
  });

  it('detects the text wherever it starts: after 100 KB of inline script as at the top (QA: a window from the start missed it past 64 KB)', () => {
    const decoded = decodeHtml(bytes('<html><head><script>', 'var x = 1;\n'.repeat(10_000), '</script></head><body><p>', [...Buffer.from(SHIFT_JIS, 'base64')], '</p></body></html>'));
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.html).toContain('市議会は月曜日');
  });

  it('keeps windows-1252 for Latin bytes, even where detection names another Latin encoding: their letters must not hang on an ad\'s words', () => {
    const decoded = decodeHtml(page(WINDOWS_1250));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.html).toContain('Rada miejska w poniedzia');
  });

  it('decodes empty input as an empty string', () => {
    expect(decodeHtml(new Uint8Array(0))).toEqual({ html: '', encoding: 'utf-8' });
  });

  it('replaces malformed sequences with U+FFFD instead of throwing', () => {
    expect(decodeHtml(bytes('<p>', [0xff], '</p>'), 'text/html; charset=utf-8').html).toBe('<p>\uFFFD</p>');
  });
});

describe('Content-Type parameters (RFC 9110 §5.6.6, §8.3)', () => {
  it.each([
    ['text/html; charset=utf-8', 'utf-8'],
    ['text/html;charset=Shift_JIS', 'Shift_JIS'],
    ['text/html; CHARSET="windows-1252"', 'windows-1252'],
    ['text/html; foo="a;charset=bad"; charset=utf-8', 'utf-8'],
    ['text/html; charset=utf-8; charset=latin1', 'utf-8'],
    ['text/html', null],
    ['text/html; charset=', null],
    ['text/html; charset', null],
  ])('%s → %s', (contentType, expected) => {
    expect(charsetFromContentType(contentType)).toBe(expected);
  });

  it.each([
    ['text/html; charset=utf-8', 'text/html'],
    ['Application/XHTML+XML', 'application/xhtml+xml'],
    ['', null],
    ['nonsense', null],
  ])('essence of %j is %j', (contentType, expected) => {
    expect(mimeEssence(contentType)).toBe(expected);
  });
});
