/**
 * contentFingerprint (DESIGN step 4): equal fingerprints mean "no content
 * change". It covers what a reader sees and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { contentFingerprint } from '../../../src/monitor/fingerprint.ts';

const base: { title: string | null; byline: string | null; paragraphs: string[] } = {
  title: 'Guaido says opposition met military officers',
  byline: 'Reuters',
  paragraphs: ['First paragraph.', 'Second paragraph.', 'Third paragraph.'],
};

describe('contentFingerprint', () => {
  it('is a sha256 in hex, stable for the same content', () => {
    expect(contentFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentFingerprint({ ...base, paragraphs: [...base.paragraphs] })).toBe(contentFingerprint(base));
  });

  it('publisher stamps do not matter: a stamp that moves alone is a stamp-only update, not a new version', () => {
    const withStamps = { ...base, publishedAt: '2019-01-31T00:29:00-05:00', modifiedAt: '2019-01-31T15:13:00-05:00', canonicalUrl: 'https://a.example/x', lang: 'en' };
    const stampMoved = { ...withStamps, modifiedAt: '2019-02-01T09:00:00-05:00' };
    expect(contentFingerprint(withStamps)).toBe(contentFingerprint(base));
    expect(contentFingerprint(stampMoved)).toBe(contentFingerprint(withStamps));
  });

  const changes: [string, Partial<typeof base>][] = [
    ['a changed title', { title: 'Guaido says opposition met Venezuelan military officers' }],
    ['a removed title', { title: null }],
    ['a changed byline', { byline: 'Reuters and AP' }],
    ['a changed word in a paragraph', { paragraphs: ['First paragraph.', 'Second paragraph!', 'Third paragraph.'] }],
    ['paragraph order', { paragraphs: ['Second paragraph.', 'First paragraph.', 'Third paragraph.'] }],
    ['a removed paragraph', { paragraphs: ['First paragraph.', 'Third paragraph.'] }],
    ['an added paragraph', { paragraphs: [...base.paragraphs, 'Fourth paragraph.'] }],
    ['a paragraph split in two', { paragraphs: ['First paragraph.', 'Second', 'paragraph.', 'Third paragraph.'] }],
  ];
  it.each(changes)('%s changes the fingerprint', (_name, change) => {
    expect(contentFingerprint({ ...base, ...change })).not.toBe(contentFingerprint(base));
  });

  it('fields cannot bleed into each other: moving text between title and byline changes it', () => {
    expect(contentFingerprint({ title: 'ab', byline: 'c', paragraphs: [] })).not.toBe(contentFingerprint({ title: 'a', byline: 'bc', paragraphs: [] }));
    expect(contentFingerprint({ title: null, byline: null, paragraphs: ['a,b'] })).not.toBe(contentFingerprint({ title: null, byline: null, paragraphs: ['a', 'b'] }));
  });
});
