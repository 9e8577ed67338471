/**
 * Visible date stamps in the formats of German, French, Spanish, Italian,
 * Chinese and British/US pages: how they parse (dates.ts), which stamp they
 * are (metadata.ts scanVisibleStamps) and that a stamp line on its own is
 * furniture (normalize.ts). See docs/extraction.md § Metadata.
 */
import { describe, expect, it } from 'vitest';
import { parseHumanDate } from '../../../src/extract/dates.ts';
import { parseHtml } from '../../../src/extract/dom.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { extractMetadata, scanVisibleStamps } from '../../../src/extract/metadata.ts';
import { isFurniture } from '../../../src/extract/normalize.ts';

describe('parseHumanDate: numeric, ISO-like and CJK stamps, with their times and zones', () => {
  it.each([
    ['dd.mm.yyyy is day first, with a 24-hour time and "Uhr"', '29.11.2026, 10:02 Uhr', '2026-11-29T10:02:00'],
    ['dd.mm.yyyy is day first even when both parts could be a month', '03.04.2026', '2026-04-03'],
    ['"yyyy-mm-dd hh:mm" written for people is a local time (no zone given, none invented)', '2026-11-29 10:02', '2026-11-29T10:02:00'],
    ['MEZ is CET (+01:00)', 'Stand: 29.11.2026 10:02 MEZ', '2026-11-29T10:02:00+01:00'],
    ['MESZ is CEST (+02:00)', 'Stand: 29.06.2026 10:02 MESZ', '2026-06-29T10:02:00+02:00'],
    ['a zone after "Uhr"', 'Zuletzt aktualisiert am 29.11.2026 um 10:02 Uhr MEZ', '2026-11-29T10:02:00+01:00'],
    ['"Aktualisiert am" before a dotted date and time', 'Aktualisiert am 29.11.2026, 10:02 Uhr', '2026-11-29T10:02:00'],
    ['French "à 10h02" after a numeric date', 'Publié le 29/11/2026 à 10h02', '2026-11-29T10:02:00'],
    ['French "à 10h02" after a month name', 'Mis à jour le 29 novembre 2026 à 10h02', '2026-11-29T10:02:00'],
    ['a named zone after a numeric date and time', 'Actualizado: 29/11/2026 10:02 CET', '2026-11-29T10:02:00+01:00'],
    ['Italian "alle" before the time', 'Pubblicato il 29/11/2026 alle 10:02', '2026-11-29T10:02:00'],
    ['CJK 年月日 with a time', '2026年11月29日 10:02', '2026-11-29T10:02:00'],
    ['CJK 年月日 with a weekday before the time', '2026年11月29日 星期日 10:02', '2026-11-29T10:02:00'],
    ['Korean 년 월 일 standing alone', '2026년 11월 29일', '2026-11-29'],
    ['a dot in a 12-hour time ("10.02am")', 'Updated 29 Nov 2026, 10.02am GMT', '2026-11-29T10:02:00Z'],
    ['"a.m." and ET (standard time after the first Sunday of November)', 'Nov. 29, 2026 10:02 a.m. ET', '2026-11-29T10:02:00-05:00'],
    ['a time written before the date', '10:02 Uhr, 29.11.2026', '2026-11-29T10:02:00'],
    ['a time and zone before the month-name date', 'Published 10:02 AM EST Nov 19, 2019', '2019-11-19T10:02:00-05:00'],
    ['a time before the date with a weekday between', 'Fri 6:45 PM, Feb 16, 2018', '2018-02-16T18:45:00'],
    ['Arabic م after the time is pm', '2020/12/25 - 1:59 مساءً', '2020-12-25T13:59:00'],
    ['dd/mm/yyyy when the first part is above 12', '29/11/2026', '2026-11-29'],
    ['mm/dd/yyyy when the second part is above 12', '11/29/2026 10:02 PM', '2026-11-29T22:02:00'],
    ['day and month equal read the same either way', '04/04/2026', '2026-04-04'],
    ['hyphens like slashes', '29-11-2026', '2026-11-29'],
    ['a day-first language word on the line settles 03/04/2026', 'Publié le 03/04/2026', '2026-04-03'],
    ['"10h02" is a day-first clue', '03/04/2026 10h02', '2026-04-03T10:02:00'],
    ['an unknown zone word leaves the time local', '29.11.2026 10:02 XYZ', '2026-11-29T10:02:00'],
    ['"Amsterdam" after a time is not "am"', 'November 29, 2026 10:02 Amsterdam', '2026-11-29T10:02:00'],
    ['a version number before a date is not a time', 'Version 1.10 29.11.2026', '2026-11-29'],
  ])('%s', (_rule, input, expected) => {
    expect(parseHumanDate(input)).toBe(expected);
  });

  it.each([
    ['03/04/2026 with no clue is not read (no month that may be wrong)', '03/04/2026'],
    ['English words give no clue to the order', 'Updated 03/04/2026 10:02 am'],
    ['a CJK date opening a sentence is not a stamp', '2017年3月10日，美国宇航局宣布了新的计划。'],
    ['an ISO-like date followed by prose is not a stamp', '2026-11-29 was the day the council voted.'],
    ['a date in a file path is not a stamp', 'https://cdn.example/img/1170x658/2016/11/01/8c94db8b.jpg'],
  ])('%s', (_rule, input) => {
    expect(parseHumanDate(input)).toBeNull();
  });

  it.each([
    ['a declared day-first language (pt-BR) settles 05/10/2018', { lang: 'pt_BR' }, '2018-10-05'],
    ['British English is day first', { lang: 'en-GB' }, '2018-10-05'],
    ['US English gives no clue (many CMSs declare it on every page)', { lang: 'en-US' }, null],
    ['"en" alone gives no clue', { lang: 'en' }, null],
    ['a day-first label in the previous text node settles the order', { label: 'Publié le' }, '2018-10-05'],
  ])('%s', (_rule, context, expected) => {
    expect(parseHumanDate('05/10/2018', context)).toBe(expected);
  });

  it('a year-first date followed by other words is a stamp when a label comes before it', () => {
    expect(parseHumanDate('2026年11月29日 来源：新华网', { label: '发布时间：' })).toBe('2026-11-29');
    expect(parseHumanDate('2026年11月29日 来源：新华网')).toBeNull();
  });
});

describe('scanVisibleStamps: localized labels decide which stamp', () => {
  it.each([
    ['"Stand:" is the last-modified time', '<p>Stand: 29.11.2026 10:02 Uhr</p>', { modified: '2026-11-29T10:02:00' }],
    [
      '"Veröffentlicht am … | Aktualisiert am …" in one text node',
      '<p>Veröffentlicht am 28.11.2026 | Aktualisiert am 29.11.2026, 10:02 Uhr</p>',
      { published: '2026-11-28', modified: '2026-11-29T10:02:00' },
    ],
    [
      '"Publié le … - Mis à jour le …"',
      '<p>Publié le 29/11/2026 à 10h02 - Mis à jour le 30/11/2026 à 08h15</p>',
      { published: '2026-11-29T10:02:00', modified: '2026-11-30T08:15:00' },
    ],
    ['"Publicado:" with a zone', '<p>Publicado: 29/11/2026 10:02 CET</p>', { published: '2026-11-29T10:02:00+01:00' }],
    [
      'Italian "Pubblicato il" / "Aggiornato il"',
      '<p>Pubblicato il 29/11/2026 alle 10:02</p><p>Aggiornato il 30/11/2026 alle 08:15</p>',
      { published: '2026-11-29T10:02:00', modified: '2026-11-30T08:15:00' },
    ],
    [
      'Chinese 发布时间 / 更新时间',
      '<p>发布时间：2026年11月29日 10:02</p><p>更新时间：2026-11-30 08:15</p>',
      { published: '2026-11-29T10:02:00', modified: '2026-11-30T08:15:00' },
    ],
    ['"Publiziert am" in the previous text node', '<span>Publiziert am</span> <span>13. Januar 2014</span>', { published: '2014-01-13' }],
    ['a day-first label in the previous text node reads 03/04/2026 as 3 April', '<span>Publié le</span> <time>03/04/2026</time>', { published: '2026-04-03' }],
    ['an ambiguous date under an English label is not read', '<p>Updated 03/04/2026</p>', { modified: null, unlabeled: null }],
    [
      'a common verb in prose is no label ("was released on")',
      '<p>Mercurial 5.2 was released on November 5, 2019. It is the first version to run on Python 3.</p>',
      { published: null, unlabeled: '2019-11-05' },
    ],
  ])('%s', (_rule, html, expected) => {
    expect(scanVisibleStamps(parseHtml(html))).toMatchObject(expected);
  });

  it('the page language settles a numeric date whose label comes after it ("05/10/2018 - Publicado por")', () => {
    const html = '<html lang="pt-BR"><body><small><b>05/10/2018</b> - Publicado por: Clarissa Borba</small><p>Texto.</p></body></html>';
    expect(extractMetadata(parseHtml(html), null).publishedAt).toBe('2018-10-05');
    expect(extractMetadata(parseHtml(html.replace('pt-BR', 'en')), null).publishedAt).toBeNull();
  });
});

describe('a stamp line on its own is furniture; a sentence that starts with a date is text', () => {
  it.each([
    ['Aktualisiert am 29.11.2026, 10:02 Uhr'],
    ['Zuletzt aktualisiert am 29.11.2026 um 10:02 Uhr MEZ'],
    ['Veröffentlicht am 28.11.2026, 09:00 Uhr | Aktualisiert am 29.11.2026, 10:02 Uhr'],
    ['Stand: 29.11.2026 10:02 Uhr'],
    ['Publié le 29/11/2026 à 10h02'],
    ['Mis à jour le 29 novembre 2026 à 10h02'],
    ['Actualizado: 29/11/2026 10:02 CET'],
    ['2026年11月29日 星期日 10:02'],
    ['更新时间：2026-11-29 10:02'],
    ['Updated 29 Nov 2026, 10.02am GMT'],
    ['Nov. 29, 2026 10:02 a.m. ET'],
    ['Published January 31, 2019 12:29 am / Updated: January 31, 2019 3:13 pm'],
    ['Last updated: Thursday, March 3, 2020'],
    ['03/04/2026'],
  ])('%j', (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    ['29.11.2026: Der Gemeinderat hat am Abend beschlossen, das Hallenbad bis zum Frühjahr zu schließen.'],
    ['Le 29 novembre 2026 à 10h02, la mairie a annoncé la fermeture de la piscine municipale.'],
    ['On Nov. 29, 2026 the council voted to keep the pool open for another year, the mayor said.'],
    ['2017年3月10日，美国宇航局宣布了新的计划。'],
  ])('keeps %j', (line) => {
    expect(isFurniture(line)).toBe(false);
  });
});

describe('stamp lines in the article body', () => {
  const prose = (n: number): string =>
    `Absatz ${n}: Der Gemeinderat tagte am Dienstag, und nach einer langen Debatte über den Haushalt, die Bibliothek und das Bad beschloss er, alle drei ein weiteres Jahr offen zu halten.`;
  const dated = '29.11.2026: Der Gemeinderat hat am Abend beschlossen, das Hallenbad bis zum Frühjahr zu schließen, weil die Heizung ersetzt werden muss.';
  const page = (body: string): string => `<html lang="de"><head><title>Haushalt</title></head><body><article>${body}</article></body></html>`;

  it('drops stamp lines standing alone, keeps a sentence that starts with a date, and reads the stamps', () => {
    const a = extractArticle(
      page(
        `<p>Veröffentlicht am 28.11.2026, 09:00 Uhr | Aktualisiert am 29.11.2026, 10:02 Uhr</p><p>${prose(1)}</p><p>Zuletzt aktualisiert am 29.11.2026 um 10:02 Uhr</p><p>${prose(2)}</p><p>2026年11月29日 10:02</p><p>${dated}</p>`,
      ),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), dated]);
    expect(a.publishedAt).toBe('2026-11-28T09:00:00');
    expect(a.modifiedAt).toBe('2026-11-29T10:02:00');
  });
});

describe('a meridiem or zone set in an element of its own belongs to the time before it', () => {
  const page = (line: string) =>
    `<html><body><article><h1>Storm</h1><p class="dateline">${line}</p><p>The mayor resigned on Monday evening after weeks of pressure from the council and from her own party, aides said on Tuesday.</p></article></body></html>`;
  it.each([
    ['3:13 <span>pm</span> (it was read as 3:13 in the morning)', 'Updated: January 31, 2019 3:13 <span>pm</span>', '2019-01-31T15:13:00'],
    ['3:13 pm <span>EST</span>', 'Updated: January 31, 2019 3:13 pm <span>EST</span>', '2019-01-31T15:13:00-05:00'],
    ['3:13 <span>p.m.</span>', 'Updated: January 31, 2019 3:13 <span class="ampm">p.m.</span>', '2019-01-31T15:13:00'],
    ['not a word that only starts like one ("3:13 <b>by Jane</b>")', 'Updated: January 31, 2019 3:13 <b>by Jane</b>', '2019-01-31T03:13:00'],
  ])('%s', (_name, line, modified) => {
    expect(extractArticle(page(line)).modifiedAt).toBe(modified);
  });
});
