/** The scrapinghub article-extraction-benchmark metric as ../shared/corpus/README.md defines it. */
import { describe, expect, it } from 'vitest';
import { corpusBodyScore, pageCounts, pagePrecisionRecall, sameByline, sameDate, sameText, shingles, snippetChecks, tokens } from '../../../src/eval/metrics.ts';

describe('tokens and shingles', () => {
  it('tokens are Unicode \\w+ runs, case kept', () => {
    expect(tokens('Über-Größe: 3,5 m² — naïve_café!')).toEqual(['Über', 'Größe', '3', '5', 'm', 'naïve_café']);
  });
  it('4-token shingles are counted as a multiset', () => {
    const s = shingles('a b c d a b c d');
    expect(s.get('a b c d')).toBe(2);
    expect(s.size).toBe(4);
  });
  it('a text of fewer than 4 tokens is one shingle; an empty text has none', () => {
    expect([...shingles('just two')]).toEqual([['just two', 1]]);
    expect(shingles('  ,, ').size).toBe(0);
  });
});

describe('per-page counts, normalised by tp+fp+fn', () => {
  it('identical texts: all true positives', () => {
    expect(pageCounts('one two three four five', 'one two three four five')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
  it('extra predicted text is fp, missing expected text is fn', () => {
    const c = pageCounts('a b c d e', 'b c d e f');
    // expected shingles: abcd, bcde; predicted: bcde, cdef
    expect(c.tp).toBeCloseTo(1 / 3);
    expect(c.fp).toBeCloseTo(1 / 3);
    expect(c.fn).toBeCloseTo(1 / 3);
  });
  it('edge cases: both 1 when fp = fn = 0; precision 0 when tp = fp = 0; undefined means left out of the mean', () => {
    expect(pagePrecisionRecall({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 1, recall: 1 });
    expect(pagePrecisionRecall({ tp: 0, fp: 0, fn: 1 })).toEqual({ precision: null, recall: 0 });
    expect(pagePrecisionRecall({ tp: 0, fp: 1, fn: 0 })).toEqual({ precision: 0, recall: null });
  });
});

describe('corpus score', () => {
  it('F1 is the harmonic mean of mean precision and mean recall', () => {
    const s = corpusBodyScore([
      { tp: 1, fp: 0, fn: 0 },
      { tp: 0.5, fp: 0.5, fn: 0 },
    ]);
    expect(s.precision).toBeCloseTo(0.75);
    expect(s.recall).toBeCloseTo(1);
    expect(s.f1).toBeCloseTo((2 * 0.75) / 1.75);
  });
});

describe('field comparisons', () => {
  it('titles compare with whitespace collapsed', () => {
    expect(sameText('A  title\n here', 'A title here')).toBe(true);
    expect(sameText('A title', 'A Title')).toBe(false);
  });
  it('bylines compare as the names they give: lead-in word, case and list separator aside', () => {
    expect(sameByline('By Ana Sandoiu', 'Ana Sandoiu')).toBe(true);
    expect(sameByline('Par Sébastien Farcis', 'Sébastien Farcis')).toBe(true);
    expect(sameByline('written by: Jo Bloggs', 'Jo Bloggs')).toBe(true);
    expect(sameByline('OZ', 'oz')).toBe(true);
    expect(sameByline('Howard Schneider and Lindsay Dunsmuir', 'Howard Schneider, Lindsay Dunsmuir')).toBe(true);
    // every name and its spelling still count, and a site name kept or dropped
    expect(sameByline('Guido Beyß', 'Guido Beyss')).toBe(false);
    expect(sameByline('Stephen Collinson, CNN', 'Stephen Collinson')).toBe(false);
    expect(sameByline('Ysabel Yates Illustration by Claire Lordon', 'Ysabel Yates')).toBe(false);
    expect(sameByline('JOE HILDEBRAND', 'Laurie Oakes')).toBe(false);
    // "By" only as the lead-in word, not inside a name
    expect(sameByline('Byron Tau', 'ron Tau')).toBe(false);
    expect(sameByline('By Ana Sandoiu', null)).toBe(false);
  });
  it('dates compare on the day unless both sides give a time', () => {
    expect(sameDate('2019-01-31', '2019-01-31T15:13:00-05:00')).toBe(true);
    expect(sameDate('2019-01-31T20:13:00Z', '2019-01-31T15:13:00-05:00')).toBe(true);
    expect(sameDate('2019-01-31T20:13:00Z', '2019-01-31T15:14:00-05:00')).toBe(false);
  });
  it('snippets: every must-include present, every must-exclude absent', () => {
    expect(snippetChecks('The  council voted.', ['council voted'], ['Subscribe'])).toEqual({ withOk: true, withoutOk: true });
    expect(snippetChecks('Subscribe now', ['council'], ['Subscribe'])).toEqual({ withOk: false, withoutOk: false });
  });
});
