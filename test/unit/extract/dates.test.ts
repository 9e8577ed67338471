import { describe, expect, it } from 'vitest';
import { parseHumanDate, parseMachineDate } from '../../../src/extract/dates.ts';

describe('parseMachineDate keeps exactly what the stamp says', () => {
  it.each([
    ['ISO with offset is kept with its offset', '2019-01-31T15:13:00-05:00', '2019-01-31T15:13:00-05:00'],
    ['ISO in UTC becomes Z, fractional seconds kept', '2019-01-31T20:13:00.294Z', '2019-01-31T20:13:00.294Z'],
    ['compact offset +0100 is written +01:00', '2021-11-01T10:52:50+0100', '2021-11-01T10:52:50+01:00'],
    ['a time without zone stays local (no invented offset)', '2019-01-31 15:13:00', '2019-01-31T15:13:00'],
    ['a bare day stays a day', '2019-01-31', '2019-01-31'],
    ['epoch seconds are UTC', '1548947580', '2019-01-31T15:13:00Z'],
    ['epoch milliseconds are UTC', '1548947580000', '2019-01-31T15:13:00Z'],
    ['compact YYYYMMDD', '20190131', '2019-01-31'],
    ['RFC 2822-like text falls back to the human parser', 'Thu, 31 Jan 2019 15:13:00 GMT', '2019-01-31T15:13:00Z'],
  ])('%s', (_rule, input, expected) => {
    expect(parseMachineDate(input)).toBe(expected);
  });

  it.each([['not a date'], [''], ['2019-13-45'], ['0000-00-00'], ['1970-01-01T00:00:00Z'.replace('1970', '1812')]])('rejects %j', (input) => {
    expect(parseMachineDate(input)).toBeNull();
  });
});

describe('parseHumanDate reads dates written for people', () => {
  it.each([
    ['the seed article stamp, no zone: local time', 'January 31, 2019 12:29 am', '2019-01-31T00:29:00'],
    ['"Updated:" label before the date', 'Updated: January 31, 2019 3:13 pm', '2019-01-31T15:13:00'],
    ['US Eastern in winter is -05:00', 'January 31, 2019 3:13 pm ET', '2019-01-31T15:13:00-05:00'],
    ['US Eastern in summer is -04:00 (DST from the 2nd Sunday of March)', 'July 4, 2019 10:00 a.m. ET', '2019-07-04T10:00:00-04:00'],
    ['named zone PST', 'Feb 16, 2020 at 3:02pm PST', '2020-02-16T15:02:00-08:00'],
    ['abbreviated month with a dot, day only', 'Jan. 27, 2019', '2019-01-27'],
    ['day-month-year, GMT, 24-hour with a dot', 'Thursday 31 January 2019 15.13 GMT', '2019-01-31T15:13:00Z'],
    ['German', '31. Januar 2019 um 15:13 Uhr', '2019-01-31T15:13:00'],
    ['Spanish with "de"', '17 de Febrero 2020', '2020-02-17'],
    ['Arabic month names', 'الأربعاء، 07 أكتوبر 2020 - 12:09 م', '2020-10-07T12:09:00'],
    ['numeric day-first', '31.01.2019', '2019-01-31'],
    ['numeric month-first when the day cannot be a month', '01/31/2019', '2019-01-31'],
    ['UTC offset written out', 'January 31, 2019 15:13 (UTC+1)', '2019-01-31T15:13:00+01:00'],
  ])('%s', (_rule, input, expected) => {
    expect(parseHumanDate(input)).toBe(expected);
  });

  it('12 am is midnight and 12 pm is noon', () => {
    expect(parseHumanDate('March 1, 2020 12:05 am')).toBe('2020-03-01T00:05:00');
    expect(parseHumanDate('March 1, 2020 12:05 pm')).toBe('2020-03-01T12:05:00');
  });

  it('returns null for text without a date', () => {
    expect(parseHumanDate('Story continues below')).toBeNull();
    expect(parseHumanDate('May the best team win in 2020')).toBeNull();
  });
});
