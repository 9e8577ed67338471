import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffArticles, paragraphKey } from '../../../src/diff/index.ts';
import { prepareTokens } from '../../../src/diff/tokens.ts';
import { scoreSimilarity } from '../../../src/diff/words.ts';
import { collapse, rebuild, version } from './helpers.ts';

// A small vocabulary so that paragraphs share words and the pairing, move and
// split logic all get exercised; with numbers, CJK, emoji, combining marks and
// typography variants.
const WORDS = [
  'the', 'army', 'said', 'Maduro', 'Guaido', 'officers', 'deserted', 'military', 'Venezuela', 'Caracas',
  '3,000', '4,000', '63', '66', '2019', 'café', 'cafe\u0301', '我们', '今天去北京', 'ภาษาไทย', '👍🏽', '🇻🇪',
  '“quoted”', '"quoted"', '—', '-', "it's", 'it’s', ',', '.', 'a', 'of',
];
const word = fc.constantFrom(...WORDS);
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\u00a0', '\t');
const paragraph = fc
  .array(fc.tuple(word, space), { minLength: 1, maxLength: 14 })
  .map((parts) => parts.map(([w, s]) => w + s).join('').trim())
  .filter((p) => p.length > 0);

type Edit =
  | { kind: 'keep' }
  | { kind: 'drop' }
  | { kind: 'insert'; text: string }
  | { kind: 'reword'; at: number; text: string }
  | { kind: 'split'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Edit>({ kind: 'keep' }) },
  { weight: 1, arbitrary: fc.constant<Edit>({ kind: 'drop' }) },
  { weight: 1, arbitrary: paragraph.map((text): Edit => ({ kind: 'insert', text })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reword' as const), at: fc.nat(), text: word }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), at: fc.nat() }) },
);

/** A new version derived from the old by realistic edits (and sometimes a move). */
const versionPair = fc
  .tuple(fc.array(paragraph, { maxLength: 12 }), fc.array(edit, { maxLength: 12 }), fc.option(fc.tuple(fc.nat(), fc.nat())))
  .map(([old, edits, move]) => {
    const out: string[] = [];
    old.forEach((p, i) => {
      const e = edits[i] ?? { kind: 'keep' };
      const words = p.split(' ');
      if (e.kind === 'keep') out.push(p);
      else if (e.kind === 'insert') out.push(p, e.text);
      else if (e.kind === 'reword') {
        words[e.at % words.length] = e.text;
        out.push(words.join(' '));
      } else if (e.kind === 'split' && words.length > 1) {
        const at = 1 + (e.at % (words.length - 1));
        out.push(words.slice(0, at).join(' '), words.slice(at).join(' '));
      }
    });
    if (move && out.length > 1) {
      const [from, to] = [move[0] % out.length, move[1] % out.length];
      const [p] = out.splice(from, 1);
      out.splice(to, 0, p!);
    }
    return { old, new: out };
  });

const anyPair = fc.oneof(versionPair, fc.record({ old: fc.array(paragraph, { maxLength: 10 }), new: fc.array(paragraph, { maxLength: 10 }) }));

describe('properties', () => {
  it('the blocks reproduce the new text exactly and the old text up to whitespace, each paragraph once, in new reading order', () => {
    fc.assert(
      fc.property(anyPair, (pair) => {
        const d = diffArticles(version(pair.old), version(pair.new));
        const r = rebuild(d);
        expect([...r.new.keys()].sort((a, b) => a - b)).toEqual(pair.new.map((_, i) => i));
        pair.new.forEach((p, i) => expect(r.new.get(i)).toBe(p));
        expect([...r.old.keys()].sort((a, b) => a - b)).toEqual(pair.old.map((_, i) => i));
        pair.old.forEach((p, i) => expect(collapse(r.old.get(i)!)).toBe(collapse(p)));
        const total = d.stats.unchanged + d.stats.changed + d.stats.added + d.stats.removed + d.stats.moved + d.stats.split + d.stats.merged;
        expect(total).toBe(d.blocks.length);
        // reading order of the new version
        const newOrder = d.blocks.flatMap((b) => ('new' in b ? (Array.isArray(b.new) ? b.new : [b.new]) : []));
        expect(newOrder).toEqual(pair.new.map((_, i) => i));
      }),
      { numRuns: 400 },
    );
  });

  it('identical inputs give no change', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 15 }), fc.option(paragraph), (ps, title) => {
        const d = diffArticles(version(ps, title), version([...ps], title));
        expect(d.blocks.every((b) => b.op === 'unchanged')).toBe(true);
        expect(d.stats.unchanged).toBe(ps.length);
        expect(d.title).toBeNull();
        expect(d.limits).toBeNull();
        expect(d.stats.boring).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  // With two identical paragraphs on one side, which of them pairs is
  // arbitrary (and may differ by direction): the mirror holds for distinct ones.
  const distinctPair = anyPair.filter(
    (pair) => new Set(pair.old.map(collapse)).size === pair.old.length && new Set(pair.new.map(collapse)).size === pair.new.length,
  );

  it('swapping old and new mirrors the ops (added ↔ removed, split ↔ merged; changed, moved, unchanged counts equal)', () => {
    fc.assert(
      fc.property(distinctPair, (pair) => {
        const ab = diffArticles(version(pair.old), version(pair.new));
        const ba = diffArticles(version(pair.new), version(pair.old));
        expect({
          unchanged: ba.stats.unchanged,
          changed: ba.stats.changed,
          moved: ba.stats.moved,
          added: ba.stats.removed,
          removed: ba.stats.added,
          split: ba.stats.merged,
          merged: ba.stats.split,
        }).toEqual({
          unchanged: ab.stats.unchanged,
          changed: ab.stats.changed,
          moved: ab.stats.moved,
          added: ab.stats.added,
          removed: ab.stats.removed,
          split: ab.stats.split,
          merged: ab.stats.merged,
        });
      }),
      { numRuns: 400 },
    );
  });

  it("a paragraph's key is its NFC text with whitespace runs collapsed and trimmed (the one-scan fast path agrees)", () => {
    const piece = fc.oneof(word, space, fc.constantFrom('\u2028', '\r\n', '\u212b', '\u2126', 'e\u0301', '\u3000', ' '), fc.string({ unit: 'binary', maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(paragraphKey(text)).toBe(text.normalize('NFC').replace(/\s+/gu, ' ').trim());
      }),
      { numRuns: 1000 },
    );
  });

  it('scoring with a threshold stops early only below it: at or above, the same similarity as without', () => {
    // one-letter words weigh 1 each: the bound (each edit moves ≥ 1 character) is tight for them
    const letters = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 24 }).map((w) => w.join(' '));
    const text = fc.oneof(paragraph, letters);
    fc.assert(
      fc.property(text, text, fc.constantFrom(0.2, 0.4, 0.5, 0.6, 0.9), (a, b, threshold) => {
        const dict = new Map<string, number>();
        const [x, y] = [prepareTokens(a, dict), prepareTokens(b, dict)];
        const full = scoreSimilarity(x, y, 1000);
        const early = scoreSimilarity(x, y, 1000, undefined, threshold);
        if (full >= threshold) expect(early).toBe(full);
        else expect(early).toBeLessThan(threshold);
      }),
      { numRuns: 2000 },
    );
  });

  it('any strings at all (lone surrogates, controls, every script) give a diff that rebuilds, without throwing', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 30 }).map((t) => t.replace(/[\n\r\u2028\u2029]/g, ' '));
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), fc.array(anyText, { maxLength: 8 }), (a, b) => {
        const d = diffArticles(version(a, a[0] ?? null), version(b, b[0] ?? null));
        const r = rebuild(d);
        b.forEach((p, i) => expect(r.new.get(i)).toBe(p));
        a.forEach((p, i) => expect(collapse(r.old.get(i)!)).toBe(collapse(p)));
        expect(d.limits).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

