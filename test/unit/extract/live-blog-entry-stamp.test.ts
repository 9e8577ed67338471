import { describe, expect, it } from 'vitest';
import { isClockTime } from '../../../src/extract/dates.ts';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a paragraph that is only a time of day is a live blog entry's stamp. It is news (AP's "The Latest … (all times
// local):" then "10 p.m." / the entry), so it stays, joined to the paragraph it opens: one new entry is one paragraph
// added, not two.
const entries = [
  ['10:42', 'Police have closed the bridge in both directions while divers search the river below.'],
  ['10:00', 'The first reports of a collision on the bridge came in shortly before ten this morning.'],
];
const lead = 'Follow the latest on the bridge collision, with updates from our reporters at the scene and from the police.';
const page = (feed: string): string =>
  `<!doctype html><html lang="en"><head><title>Bridge collision: live</title></head><body><main><article><h1>Bridge collision: live</h1>` +
  `<p>${lead}</p><div class="feed">${feed}</div></article></main></body></html>`;
const entry = (time: string, text: string, stamp = (t: string) => `<time>${t}</time>`): string => `<div class="update">${stamp(time)}<p>${text}</p></div>`;
const paragraphs = (feed: string): string[] => extractArticle(page(feed)).paragraphs;

describe('isClockTime: a time of day and nothing else', () => {
  it.each([['10:00'], ['10:42 am'], ['10:42am'], ['4:14 p.m.'], ['9 a.m. ET'], ['10pm'], ['14:05 GMT'], ['14:05 (UTC+1)'], ['14:05 Uhr'], ['14.05 Uhr'], ['14.05 BST'], ['10h42'], ['08:15:30'], ['10：00']])(
    '%j is a clock time',
    (t) => {
      expect(isClockTime(t)).toBe(true);
    },
  );
  it.each([
    ['a dot without a suffix reads as a date or a number', '14.05'],
    ['a score', '2:1'],
    ['an aspect ratio', '16:9'],
    ['no clock has hour 25', '25:00'],
    ['no 13 pm', '13pm'],
    ['an hour alone without am/pm', '10'],
    ['an unknown zone', '10:42 xyz'],
    ['a time that opens a sentence', '10:42 Police arrive'],
    ['a duration', '1:30 min'],
  ])('%s: %j is not', (_name, t) => {
    expect(isClockTime(t)).toBe(false);
  });
});

describe('a live blog entry stamp opens its entry', () => {
  it.each([
    ['<time> on its own (the user test)', (t: string) => `<time>${t}</time>`],
    ['a paragraph', (t: string) => `<p>${t}</p>`],
    ['a span in a meta-less box', (t: string) => `<div><span class="time">${t}</span></div>`],
    ['a heading', (t: string) => `<h3>${t}</h3>`],
  ])('%s: joined to the entry text', (_name, stamp) => {
    const feed = entries.map(([t, x]) => entry(t!, x!, stamp)).join('');
    expect(paragraphs(feed)).toEqual([lead, ...entries.map(([t, x]) => `${t} ${x}`)]);
  });

  it.each([['10:42 am'], ['4:14 p.m.'], ['14:05 GMT'], ['9 a.m. ET'], ['14.05 Uhr'], ['10h42']])('%j is a stamp', (t) => {
    expect(paragraphs(entry(t, entries[0]![1]!))).toEqual([lead, `${t} ${entries[0]![1]}`]);
  });

  it('a new entry is one paragraph added, and the entries already there do not change', () => {
    const before = paragraphs(entries.map(([t, x]) => entry(t!, x!)).join(''));
    const after = paragraphs(entry('11:05', 'Divers have recovered a car from the river, police said.') + entries.map(([t, x]) => entry(t!, x!)).join(''));
    expect(after).toEqual([lead, '11:05 Divers have recovered a car from the river, police said.', ...before.slice(1)]);
  });

  it('an entry with a headline: the stamp opens the headline', () => {
    const feed = `<div class="update"><time>10:42</time><h2>Bridge closed</h2><p>${entries[0]![1]}</p></div>`;
    expect(paragraphs(feed)).toEqual([lead, '10:42 Bridge closed', entries[0]![1]]);
  });

  it('an entry without text (an embed): its stamp stays on its own', () => {
    const feed = `<div class="update"><time>10:50</time><iframe src="https://video.example/1"></iframe></div>${entry('10:42', entries[0]![1]!)}`;
    expect(paragraphs(feed)).toEqual([lead, '10:50', `10:42 ${entries[0]![1]}`]);
  });

  it.each([
    ['a number with a dot', '<p>14.05</p>', '14.05'],
    ['a score', '<p>2:1</p>', '2:1'],
    ['a sentence that opens with a time', '<p>10:42 Police arrive at the scene.</p>', '10:42 Police arrive at the scene.'],
  ])('keeps %s as its own paragraph', (_name, html, kept) => {
    expect(paragraphs(html + `<p>${entries[0]![1]}</p>`)).toEqual([lead, kept, entries[0]![1]]);
  });

  it('a stamp at the very end stays on its own', () => {
    expect(paragraphs(`<p>${entries[0]![1]}</p><p>11:59</p>`)).toEqual([lead, entries[0]![1], '11:59']);
  });
});
