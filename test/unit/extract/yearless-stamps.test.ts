/**
 * Rule: a short line made only of stamp labels (published, updated, posted,
 * last modified… in the languages dates.ts knows), separators and dates,
 * times or weekdays is a stamp, not story text, with or without the year:
 * "Published Nov 29, 10:45 p.m. · Updated Nov 30, 9:10 a.m." was kept as
 * the first paragraph, and each update that moved only its time was
 * recorded as a new version (hands-on test). Without a label, the page's
 * <time> element marks a line above the first paragraph as the stamp
 * ("<time>Monday</time>"). Sentences that open with a label or a day, a
 * timetable and a heading "Monday" stay. See dates.ts isStampLine and
 * isBareStampLine, article.ts isMarkedStampLine.
 */
import { describe, expect, it } from 'vitest';
import { isBareStampLine, isStampLine } from '../../../src/extract/dates.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { isFurniture } from '../../../src/extract/normalize.ts';

const lede = 'The council said on Tuesday that the plan would be reviewed again before the end of the month, citing concerns raised by several independent auditors.';
const second = 'Officials have been waiting for a decision for more than two years, and many say the delays have already cost local businesses dearly.';
const page = (line: string, after = ''): string =>
  `<html lang="en"><head><title>Stamp test</title></head><body><article><h1>Council under pressure over the stamp plan</h1><p class="byline">By Anna Smith</p>${line}<p>${lede}</p>${after}<p>${second}</p></article></body></html>`;

describe('a labelled stamp without its year is furniture (isStampLine)', () => {
  it.each([
    ['Published Nov 29, 10:45 p.m. · Updated Nov 30, 9:10 a.m.'],
    ['Updated: Monday'],
    ['Published Sunday'],
    ['Published Sunday · Updated: Monday'],
    ['Updated on September 19 at 3:15 p.m.'],
    ['Last modified: 29 November, 10:02'],
    ['Posted Mon 10:45 pm ET'],
    ['Aktualisiert am Montag, 10:02 Uhr'],
    ['Publié le 29 novembre à 10h02'],
    ['Actualizado el lunes'],
  ])('%j', (line) => {
    expect(isStampLine(line)).toBe(true);
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    ['a sentence opening with a label and a weekday', 'Published Monday, the report found that rents rose by a tenth.'],
    ['a sentence opening with "Updated"', 'Updated figures on Monday showed a smaller deficit.'],
    ['a label and a word of the story', 'Updated guidance Monday'],
    ['a label alone', 'Updated'],
    ['a label and a month without its day', 'Published May'],
    ['a label and two-letter words that are also German weekdays ("so", "do")', 'Posted so do'],
    ['a timetable line (no label)', 'Monday 9:00 – 17:00'],
    ['a heading "Monday" (no label)', 'Monday'],
    ['a day heading of a timeline (no label)', 'Jan 10'],
  ])('keeps %s', (_rule, line) => {
    expect(isStampLine(line)).toBe(false);
    expect(isFurniture(line)).toBe(false);
  });
});

describe('a day marked in a <time> element, alone, is the stamp above the story (isBareStampLine)', () => {
  it.each([['Monday'], ['Nov 29, 10:45 p.m.'], ['Sunday, 29 November'], ['Mon 10:45'], ['Montag, 10:02 Uhr']])('%j', (line) => {
    expect(isBareStampLine(line)).toBe(true);
  });
  it.each([
    ['a bare time (a live blog entry’s)', '22:45'],
    ['a heading with other words', 'Schedule for Monday'],
    ['a month without its day', 'November'],
  ])('not %s', (_rule, line) => {
    expect(isBareStampLine(line)).toBe(false);
  });
});

describe('a dateline whose dates have no year is no paragraph, so an update that moves only its stamp is no edit', () => {
  it.each([
    [
      'two <time>s with labels',
      (updated: string) =>
        `<p class="dateline">Published <time datetime="2026-11-29T22:45:00Z">Nov 29, 10:45 p.m.</time> · Updated <time datetime="2026-11-30T09:10:00Z">${updated}</time></p>`,
    ],
    ['a label and a weekday in a <time>', (updated: string) => `<p>Updated: <time>${updated}</time></p>`],
    ['labels and weekdays as text', (updated: string) => `<p>Published Sunday · Updated: ${updated}</p>`],
    ['a bare weekday in a <time>', (updated: string) => `<p><time>${updated}</time></p>`],
  ])('%s', (_rule, line) => {
    for (const updated of ['Monday', 'Nov 30, 9:10 a.m.', 'Dec 1, 8:00 a.m.', 'Tuesday']) {
      expect(extractArticle(page(line(updated))).paragraphs).toEqual([lede, second]);
    }
  });

  it('a published-only <time> stamp goes, whatever the weekday', () => {
    expect(extractArticle(page('<p>Published <time>Sunday</time></p>')).paragraphs).toEqual([lede, second]);
  });
});

describe('story text that looks like a stamp stays', () => {
  it.each([
    ['a sentence opening "Published Monday"', '<p>Published Monday, the report found that rents rose by a tenth.</p>'],
    ['a sentence opening "Updated figures on Monday"', '<p>Updated figures on Monday showed a smaller deficit than forecast.</p>'],
    ['a heading "Monday" (no <time>)', '<h2>Monday</h2>'],
    ['a timetable line', '<p>Monday 9:00 – 17:00</p>'],
    ['a sentence holding a <time>', '<p>The vote is set for <time datetime="2026-12-07">Monday</time>.</p>'],
  ])('%s, above the story', (_rule, line) => {
    const a = extractArticle(page(line));
    expect(a.paragraphs.length).toBe(3);
    expect(a.paragraphs.slice(1)).toEqual([lede, second]);
  });

  it('a weekday heading in a <time> below the first paragraph stays (a timeline, a week’s schedule)', () => {
    const a = extractArticle(page('', '<h3><time datetime="2026-12-07">Monday</time></h3>'));
    expect(a.paragraphs).toEqual([lede, 'Monday', second]);
  });
});
