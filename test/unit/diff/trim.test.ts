import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  commonEnds,
  isNfcStable,
  nonSpaceLength,
  prepareTokens,
  prepareTrimmedTokens,
  tokenize,
} from '../../../src/diff/tokens.ts';
import { diffTokens, diffTrimmed, scoreSimilarity } from '../../../src/diff/words.ts';

const ends = (a: string, b: string): [string, string] => {
  const [pre, suf] = commonEnds(a, b);
  return [a.slice(0, pre), a.slice(a.length - suf)];
};

describe('commonEnds: common prefix and suffix cut at token boundaries of both texts', () => {
  it.each([
    ['a number changed', 'Troops rose to 4,000 on Tuesday.', 'Troops rose to 4,500 on Tuesday.', 'Troops rose to ', ' on Tuesday.'],
    ['a word changed inside: the cut backs off to the word start', 'the cattle ran', 'the catfish ran', 'the ', ' ran'],
    ['a split: the first piece is a prefix', 'One two. Three four.', 'One two.\nThree four.', 'One two.', 'Three four.'],
    ['a sentence appended', 'One two.', 'One two. Three.', 'One two.', ''],
    ['identical', 'Same text.', 'Same text.', 'Same text.', ''],
    ['nothing in common', 'abc', 'xyz', '', ''],
    ['a whitespace run that only grew is not cut inside', 'a  b', 'a b', 'a', 'b'],
    ['CRLF vs LF: the run is one token', 'a\r\nb', 'a\nb', 'a', 'b'],
    ['NBSP vs space', 'a\u00a0b', 'a b', 'a', 'b'],
    ['a combining mark stays on its letter', 'cafe\u0301 noir', 'cafe noir', '', ' noir'],
    ['precomposed vs combining: no common word', 'caf\u00e9 noir', 'cafe\u0301 noir', '', ' noir'],
    ['emoji: surrogates are never cut apart', 'ok 👍🏽 then', 'ok 👍🏿 then', 'ok ', ' then'],
    ['CJK without spaces: no boundary inside the run', '我们今天去北京', '我们明天去北京', '', ''],
    ['CJK between spaces', '他说 我们今天去北京 了', '他说 我们明天去北京 了', '他说 ', ' 了'],
    ['whitespace-only difference at the end', 'a b ', 'a b', 'a b', ''],
    ['whitespace-only texts', '  ', ' ', '', ''],
    ['empty', '', 'abc', '', ''],
    ['the suffix does not overlap the prefix', 'a b', 'a b b', 'a b', ''],
  ])('%s', (_name, a, b, pre, suf) => {
    expect(ends(a, b)).toEqual([pre, suf]);
    // symmetric in what it finds
    expect(ends(b, a)).toEqual([pre, suf]);
  });

  it('the tokens of each text are those of its prefix, middle and suffix', () => {
    const piece = fc.constantFrom('a', 'b', 'ab', ' ', '  ', '\n', '\r\n', '\u00a0', ',', '3,000', 'é', 'e\u0301', '\u0301', '👍', '👍🏽', '我们', '北京', '’', "'");
    const text = fc.array(piece, { maxLength: 12 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [pre, suf] = commonEnds(a, b);
        expect(pre + suf).toBeLessThanOrEqual(Math.min(a.length, b.length));
        expect(a.slice(0, pre)).toBe(b.slice(0, pre));
        expect(a.slice(a.length - suf)).toBe(b.slice(b.length - suf));
        for (const t of [a, b]) {
          const parts = [t.slice(0, pre), t.slice(pre, t.length - suf), t.slice(t.length - suf)];
          expect(parts.flatMap((p) => tokenize(p))).toEqual(tokenize(t));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nonSpaceLength', () => {
  it('counts UTF-16 units that are not whitespace (NBSP, CRLF, U+2028, BOM are whitespace)', () => {
    expect(nonSpaceLength('a b\u00a0c\r\nd\u2028e\ufeff')).toBe(5);
    expect(nonSpaceLength('👍 x')).toBe(3);
    expect(nonSpaceLength('abcdef', 1, 4)).toBe(3);
  });
});

describe('trimmed token lists give the same diff and similarity as full ones', () => {
  // Latin and NFC-stable text, with whitespace variants and repeated words (where alignments tie).
  const piece = fc.constantFrom('a', 'b', 'a', 'the', ' ', ' ', '  ', '\n', '\r\n', '\u00a0', '\t', ',', '.', "'", 'don’t', '3', '3,000', 'é', '—', 'x y');
  const text = fc.array(piece, { maxLength: 14 }).map((ps) => ps.join(''));
  const edited = fc.tuple(text, fc.array(fc.tuple(fc.nat(), fc.nat(3), piece), { maxLength: 3 })).map(([t, edits]) => {
    let s = t;
    for (const [at, del, ins] of edits) {
      const k = at % (s.length + 1);
      s = s.slice(0, k) + ins + s.slice(k + del);
    }
    return [t, s] as const;
  });

  it('diffTrimmed, when it answers, equals diffTokens of the full token lists', () => {
    fc.assert(
      fc.property(edited, ([a, b]) => {
        for (const [x, y] of [[a, b], [b, a]] as const) {
          const d = new Map<string, number>();
          const full = diffTokens(prepareTokens(x, d), prepareTokens(y, d));
          const trimmed = diffTrimmed(x, y, new Map());
          if (trimmed) expect(trimmed).toEqual(full);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('scoring trimmed token lists gives exactly the full similarity', () => {
    fc.assert(
      fc.property(edited, ([a, b]) => {
        const [pre, suf] = commonEnds(a, b);
        const d = new Map<string, number>();
        const full = scoreSimilarity(prepareTokens(a, d), prepareTokens(b, d), 1000);
        const trimmed = scoreSimilarity(prepareTrimmedTokens(a, pre, suf, d), prepareTrimmedTokens(b, pre, suf, d), 1000);
        expect(trimmed).toBe(full);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves to the full lists an insertion that the full diff would show one token later', () => {
    // "a b" → "a b b": the full diff inserts " b" at the end; trimmed at the common prefix "a" it would
    // insert "b " after "a ", so diffTrimmed declines. (Whitespace runs compare equal.)
    expect(diffTrimmed('a  b', 'a b b', new Map())).toBeUndefined();
    expect(diffTrimmed('the cat', 'the big cat', new Map())?.segments).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'insert', text: 'big ' },
      { op: 'equal', text: 'cat' },
    ]);
  });

  it('declines text NFC could change and texts with no common end', () => {
    expect(isNfcStable('cafe\u0301')).toBe(false);
    expect(diffTrimmed('cafe\u0301 noir', 'cafe\u0301 blanc', new Map())).toBeUndefined();
    expect(diffTrimmed('abc', 'xyz', new Map())).toBeUndefined();
  });

  it('a split: only the whitespace between the pieces is diffed', () => {
    const d = diffTrimmed('One two. Three four.', 'One two.\nThree four.', new Map());
    expect(d?.segments).toEqual([
      { op: 'equal', text: 'One two.' },
      { op: 'delete', text: ' ' },
      { op: 'insert', text: '\n' },
      { op: 'equal', text: 'Three four.' },
    ]);
    expect(d?.similarity).toBe(1);
  });
});
