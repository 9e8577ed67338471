/**
 * Rule: the datelines of the French and Dutch press are stamps, not story
 * text. An adversarial review found Le Monde's "Publié aujourd’hui à 06h00,
 * modifié à 09h58" kept as a paragraph: the next day it reads "Publié hier
 * à 06h00, modifié à 09h58", so every day (and every move of the modified
 * time) recorded a new version. "modifié" (French), "gepubliceerd",
 * "bijgewerkt" and "laatst bijgewerkt" (Dutch) are labels of a publication
 * stamp now (dates.ts YEARLESS_STAMP_LABEL); after such a label a day named
 * relative to today ("aujourd’hui", "hier", "this morning", "gisteren") is a
 * stamp's word (RELATIVE_DAY_WORDS); German "Stand" names a stamp without
 * its year only with a clock time in "Uhr"; and a day or time beside its age
 * ("Nov 30, 9:10 a.m. (2 hours ago)") is a meta bar (normalize.ts isMetaBar).
 * So are Chinese and Japanese days after a label ("发布于 今天 10:02",
 * "公開日：今日 10:02"). A sentence with the same words is the story's, and
 * so is a timeline's heading "Hier" or "Aujourd’hui" alone (either
 * apostrophe).
 */
import { describe, expect, it } from 'vitest';
import { isStampLine } from '../../../src/extract/dates.ts';
import { extractArticle } from '../../../src/extract/index.ts';
import { isFurniture } from '../../../src/extract/normalize.ts';

const lede =
  'Le gouvernement a présenté mardi un projet de loi qui doit encore être examiné par les deux chambres du Parlement avant la fin de l’année, selon le ministre.';
const second = 'Les syndicats ont annoncé une journée de mobilisation pour la semaine prochaine, et plusieurs élus de la majorité ont dit leurs doutes sur le calendrier.';
const page = (line: string, lang = 'fr'): string =>
  `<html lang="${lang}"><head><title>Test</title></head><body><article><h1>Le projet de loi sur les retraites présenté en conseil des ministres</h1><p>${line}</p><p>${lede}</p><p>${second}</p></article></body></html>`;
const paragraphs = (line: string, lang = 'fr'): string[] => extractArticle(page(line, lang), 'https://example.com/article').paragraphs;

describe('French and Dutch datelines are stamps', () => {
  it.each([
    ['Publié aujourd’hui à 06h00, modifié à 09h58'],
    ['Publié hier à 06h00, modifié à 09h58'],
    ["Publié aujourd'hui à 06h00, modifié aujourd'hui à 09h58"],
    ['Publié le 29 novembre 2026 à 06h00, modifié le 30 novembre 2026 à 09h58'],
    ['Publié le 29 novembre à 06h00, modifié le 30 novembre à 09h58'],
    ['Mis à jour le 30/11 à 09h10'],
    ['Gepubliceerd op 29 nov om 22:45, bijgewerkt om 09:10'],
    ['Bijgewerkt: 30 november 2026, 09:10'],
    ['Laatst bijgewerkt: 3 mei 2026'],
    ['Gepubliceerd gisteren om 22:45'],
    ['Updated this morning'],
    ['Stand: 30.11.2026, 09:10 Uhr'],
    ['Stand: 30.11., 09:10 Uhr'],
    ['发布于 今天 10:02'],
    ['发布于今天10:02'],
    ['更新于 昨天 09:10'],
    ['公開日：今日 10:02'],
    ['更新日 昨日 09:10'],
    ['发布于 今天 上午10:02'],
    ['發佈於 今天 10:02'],
    ['配信日：今日 10:02'],
    ['公開日：今日 午前10:02'],
    ['发布日期：今天'],
    ['最新更新：今天'],
    ['掲載日：今日'],
    ['更新于 今天 10:02（北京时间）'],
  ])('%j', (line) => {
    expect(isStampLine(line)).toBe(true);
    expect(isFurniture(line)).toBe(true);
  });

  // An adversarial review: each of these was kept, and read another day tomorrow.
  it.each([
    ["Jean Dupont · Aujourd'hui"],
    ["Jean Dupont | Aujourd'hui"],
    ["Jean Dupont - aujourd'hui"],
    ["Aujourd'hui · 3 min de lecture"],
    ['Jean Dupont · Aujourd’hui'],
    ['Jean Dupont · Hier'],
    ["Aujourd'hui à 10 h 02"],
    ['Hier à 22 h 45'],
    ['Hier soir à 22h45'],
    ['Ce matin à 08h15'],
    ['This morning at 8:15 am'],
    ['Last night at 10:45 pm'],
    ['今天 10:02'],
    ['昨天 10:02'],
    ['张三 今天 10:02'],
    ['作者：张三 | 发布于 今天 10:02'],
    // a second QA pass: with the source or the author on the same line, or a French reading time
    ['今天 10:02 来源：新华社'],
    ['来源：新华社 今天 10:02'],
    ["Publié aujourd'hui à 06h00 par Jean Dupont"],
    ['Le Monde avec AFP · Publié aujourd’hui à 06h00'],
    ["Publié aujourd'hui à 06h00 | Lecture : 3 min"],
  ])('a relative day in a meta bar, or with its time: %j', (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it('a day and time beside its age is a meta bar: "Nov 30, 9:10 a.m. (2 hours ago)"', () => {
    expect(isFurniture('Nov 30, 9:10 a.m. (2 hours ago)')).toBe(true);
  });

  it.each([
    ['the day turns', 'Publié aujourd’hui à 06h00, modifié à 09h58', 'Publié hier à 06h00, modifié à 09h58', 'fr'],
    ['the modified time moves', 'Publié aujourd’hui à 06h00, modifié à 09h58', 'Publié aujourd’hui à 06h00, modifié à 11h20', 'fr'],
    ['the modified day moves', 'Publié le 29 novembre 2026 à 06h00, modifié le 30 novembre 2026 à 09h58', 'Publié le 29 novembre 2026 à 06h00, modifié le 1 décembre 2026 à 08h12', 'fr'],
    ['a Dutch update time moves', 'Gepubliceerd op 29 nov om 22:45, bijgewerkt om 09:10', 'Gepubliceerd op 29 nov om 22:45, bijgewerkt om 11:02', 'nl'],
    ['a Dutch update day moves', 'Bijgewerkt: 30 november 2026, 09:10', 'Bijgewerkt: 1 december 2026, 08:00', 'nl'],
    ['the age ticks', 'Nov 30, 9:10 a.m. (2 hours ago)', 'Nov 30, 9:10 a.m. (3 hours ago)', 'en'],
    ['the morning becomes yesterday', 'Updated this morning', 'Updated yesterday', 'en'],
    ['German "Stand" with its time in Uhr', 'Stand: 30.11., 09:10 Uhr', 'Stand: 30.11., 11:45 Uhr', 'de'],
    ['a Chinese "today" becomes "yesterday"', '发布于 今天 10:02', '发布于 昨天 10:02', 'zh'],
    ['a Japanese "today" becomes "yesterday" (the 日 of 今日 was read as a date character, and the line kept)', '公開日：今日 10:02', '公開日：昨日 10:02', 'ja'],
  ])('two fetches whose only difference is the dateline give the same paragraphs: %s', (_case, first, next, lang) => {
    const a = paragraphs(first, lang);
    expect(a).toEqual(paragraphs(next, lang));
    expect(a).toEqual([lede, second]);
  });
});

describe('story text with the same words stays', () => {
  it.each([
    ['a French sentence with "modifié à 09h58"', 'Le texte a été modifié à 09h58 par le Sénat, qui a voté dans la nuit.'],
    ['a Dutch sentence with "gepubliceerd"', 'Het rapport werd op 29 november gepubliceerd en leidde tot ophef in de Kamer.'],
    ['a Dutch sentence with "bijgewerkt"', 'Het nieuws werd bijgewerkt'],
    ['a timeline’s heading "Hier"', 'Hier'],
    ['a timeline’s heading "Aujourd’hui"', 'Aujourd’hui'],
    ["a timeline’s heading \"Aujourd'hui\" with a straight apostrophe (it was taken for a meta bar's relative time)", "Aujourd'hui"],
    ['a Chinese relative day without a label', '今天'],
    ['a Chinese sentence opening with "today"', '今天天气很好'],
    ['a Chinese sentence opening with a label and "today"', '更新今天的数据显示，失业率下降。'],
    ['a Japanese sentence opening with "today" and a label', '今日公開の映画は三本です。'],
    ['a German "Hier" (here) before a name', 'Hier · Jan Müller'],
    ['a French sentence with "aujourd\'hui"', "Aujourd'hui encore, les habitants attendent."],
    ['a sentence opening with a part of the day and its time', 'This morning at 8:15 am, the bridge closed to traffic.'],
    ['a part of the day alone', 'Last night'],
    ['a label alone', 'Modifié'],
    ['a Dutch label alone', 'Bijgewerkt'],
    ['a sentence opening with a label and a relative day', 'Updated this morning, the figures showed a smaller deficit.'],
    ['a relative day without a label', 'This morning'],
    ['German "Stand" with a weekday', 'Stand: Montag'],
    ['German "Stand" with a day and no time', 'Stand: 30.11.'],
    ['"aangepast" (an everyday verb) with a day and no year', 'Aangepast op 30 november'],
    ['a timetable under a Dutch label', 'Bijgewerkt ma–vr 9:00–17:00'],
  ])('keeps %s', (_rule, line) => {
    expect(isStampLine(line)).toBe(false);
    expect(isFurniture(line)).toBe(false);
  });

  it.each([
    ['Le texte a été modifié à 09h58 par le Sénat, qui a voté dans la nuit.', 'fr'],
    ['Het rapport werd op 29 november gepubliceerd en leidde tot ophef in de Kamer.', 'nl'],
  ])('an extracted page keeps %j', (line, lang) => {
    expect(paragraphs(line, lang)).toEqual([line, lede, second]);
  });
});

describe('the labels say which stamp a visible date is', () => {
  it('Le Monde’s dateline gives both stamps', () => {
    const a = extractArticle(page('Publié le 29 novembre 2026 à 06h00, modifié le 30 novembre 2026 à 09h58'), 'https://example.com/article');
    expect(a.publishedAt).toBe('2026-11-29T06:00:00');
    expect(a.modifiedAt).toBe('2026-11-30T09:58:00');
  });

  it('a Dutch dateline gives both stamps, Dutch month names read ("mei")', () => {
    const a = extractArticle(page('Gepubliceerd op 3 mei 2026 om 22:45, bijgewerkt op 4 mei 2026 om 09:10', 'nl'), 'https://example.com/article');
    expect(a.publishedAt).toBe('2026-05-03T22:45:00');
    expect(a.modifiedAt).toBe('2026-05-04T09:10:00');
  });
});
