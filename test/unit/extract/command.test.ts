/** `stet extract` batch mode and the decoding of saved pages. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { extractCommand } from '../../../src/commands/extract.ts';
import { decodeSavedHtml } from '../../../src/fetch/decode.ts';

const sentence = 'The council voted on Tuesday to keep the library open, after a long debate about its budget.';
const page = (title: string, body: string, head = '<meta charset="utf-8">'): string =>
  `<html><head>${head}<title>${title}</title><meta property="article:published_time" content="2024-03-05T10:00:00+01:00"></head><body><article><p>${body}</p><p>${sentence}</p></article></body></html>`;

describe('stet extract --manifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stet-extract-'));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads html paths relative to the manifest (gzip transparently) and writes one JSON line per page', async () => {
    writeFileSync(join(dir, 'a.html.gz'), gzipSync(page('Café opens', `Le café ouvre à huit heures, déjà plein. ${sentence}`)));
    const latin1 = page('Zürich', `Zürich und Genève stimmen ab. ${sentence}`, '<meta charset="iso-8859-1">');
    writeFileSync(join(dir, 'b.html'), Buffer.from(latin1, 'latin1'));
    writeFileSync(join(dir, 'manifest.jsonl'), [{ id: 'a', html: 'a.html.gz', url: 'https://x.example/a' }, { id: 'b', html: 'b.html' }].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const out = join(dir, 'pred.jsonl');
    await extractCommand().parseAsync(['--manifest', join(dir, 'manifest.jsonl'), '--out', out], { from: 'user' });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['id'])).toEqual(['a', 'b']);
    expect(Object.keys(lines[0]!).sort()).toEqual(['byline', 'id', 'modifiedAt', 'ms', 'paragraphs', 'publishedAt', 'text', 'title']);
    expect(lines[0]!['title']).toBe('Café opens');
    expect(lines[0]!['publishedAt']).toBe('2024-03-05T10:00:00+01:00');
    expect(lines[1]!['title']).toBe('Zürich');
    expect(lines[1]!['text']).toBe((lines[1]!['paragraphs'] as string[]).join('\n\n'));
    expect(lines[1]!['text']).toContain('Zürich und Genève');
    expect(typeof lines[0]!['ms']).toBe('number');
  });
});

describe('decodeSavedHtml', () => {
  it('follows the declared charset for legacy bytes', () => {
    expect(decodeSavedHtml(Buffer.from('<meta charset="windows-1252"><p>caf\u00e9</p>', 'latin1'))).toContain('café');
  });
  it('reads valid UTF-8 as UTF-8 even under a stale legacy label (re-saved pages)', () => {
    const bytes = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>人工智能迈上新台阶</title>', 'utf8');
    expect(decodeSavedHtml(bytes)).toContain('人工智能迈上新台阶');
  });
  it('finds a charset declared after the first 1024 bytes (Shift_JIS page with a long comment first)', () => {
    const sjis = Uint8Array.from([0x93, 0xfa, 0x96, 0x7b]); // 日本 in Shift_JIS
    const head = Buffer.from(`<!-- ${'x'.repeat(2000)} --><meta charset="shift_jis"><p>`, 'latin1');
    expect(decodeSavedHtml(Buffer.concat([head, sjis]))).toContain('<p>日本');
  });
  it('a charset declared late wins over what detection would find (a Cyrillic text declared KOI8-R is read as KOI8-R)', () => {
    const cp1251 = Buffer.from('w+7w7uTx6u7pIPHu4uXyIOIg7+7t5eTl6/zt6Oog7uTu4fDo6yDh/uTm5fIg7eAg5+D56PLzIO7yIO3g4u7k7eXt6OkuIMz98CDx6uDn4OssIPfy7iDh5efu7+Dx7e7x8vwg5ujy5evl6SDi4Obt5eUg4vHl4+4u', 'base64');
    const body = Buffer.concat([Buffer.from('<p>', 'latin1'), cp1251]);
    expect(decodeSavedHtml(body)).toContain('Городской совет');
    const declaredLate = Buffer.concat([Buffer.from(`<!-- ${'x'.repeat(2000)} --><meta charset="koi8-r">`, 'latin1'), body]);
    expect(decodeSavedHtml(declaredLate)).not.toContain('Городской совет');
    expect(decodeSavedHtml(declaredLate)).toContain(new TextDecoder('koi8-r').decode(cp1251));
  });
  it('treats undeclared non-UTF-8 bytes as windows-1252', () => {
    expect(decodeSavedHtml(Uint8Array.from([0x3c, 0x70, 0x3e, 0x63, 0x61, 0x66, 0xe9]))).toBe('<p>café');
  });
});
