/**
 * Rule: a short line made only of stamp labels, separators and dates, times
 * or weekdays is a stamp, not story text. With its year any stamp label
 * counts (published, updated, posted, released, last modified… in the
 * languages dates.ts knows); without its year only a publication stamp's
 * (published, updated, modified, veröffentlicht, aktualisiert, publié, mis à
 * jour, publicado, actualizado, pubblicato, aggiornato, atualizado…):
 * "Published Nov 29, 10:45 p.m. · Updated Nov 30, 9:10 a.m." was kept as
 * the first paragraph, and each update that moved only its time was
 * recorded as a new version (hands-on test), but "Released: Friday, Dec 6"
 * in a streaming guide and "Erschienen am Freitag, 29. November" in an album
 * review are the story's, and were dropped with their edits (review). A
 * line opening with a quotation mark is speech, and a range a timetable.
 * Without a label, the page's <time> element marks a line above the story's
 * first line of text as the stamp ("<time>Monday</time>"), unless the page
 * marks more days so below (a timeline's or a live blog's day headings).
 * See dates.ts isStampLine and isBareStampLine, article.ts
 * isMarkedStampLine.
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
    ['Last updated Mon 10:45 pm ET'],
    ['First published on Sun 29 Nov 22.45 GMT'],
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
    ['a streaming guide’s release date', 'Released: Friday, Dec 6'],
    ['a release time', 'Released Thursday at 8 p.m.'],
    ['a release day without its month’s name', 'Released 4.30'],
    ['an album review’s release date', 'Erschienen am Freitag, 29. November'],
    ['a day with "created"', 'Created on Monday at 10:45'],
    ['a day with "edited"', 'Edited Tuesday'],
    ['a day with "posted"', 'Posted: Sunday'],
    ['German "Stand" with a weekday', 'Stand: Montag'],
    ['speech: a quoted line', '"Updated Monday."'],
    ['speech in curly quotes', '“Published Sunday”'],
    ['a timetable under a label', 'Published Mon–Fri 9:00–17:00'],
    ['a timetable under "revised"', 'Revised Monday 9:00 – 17:00'],
  ])('keeps %s', (_rule, line) => {
    expect(isStampLine(line)).toBe(false);
    expect(isFurniture(line)).toBe(false);
  });

  it.each([
    ['Released: Friday, Dec 6, 2026'],
    ['Erschienen am Freitag, 29. November 2026'],
    ['Posted Nov 29, 2026 10:45 pm'],
    ['Edited: 29 November 2026'],
  ])('with its year, any stamp label still counts: %j', (line) => {
    expect(isStampLine(line)).toBe(true);
    expect(isFurniture(line)).toBe(true);
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
    ['a release date ("Released: <time>…</time>")', 'Released: Friday, Dec 6'],
    ['speech', '“Monday”'],
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

describe('story lines without their year, whose edits must be seen, stay', () => {
  const crown = 'Olivia Colman returns for the final run of the royal drama, which picks up in the months after the death of Diana.';
  const fall = 'The documentary series traces the rise and fall of the crypto exchange through interviews with former employees.';
  const guide = (first: string, next: string): string =>
    `<html lang="en"><head><title>What's new on Netflix this week</title></head><body><article><h1>What's new on Netflix this week</h1><p class="byline">By Jane Doe</p><p>${lede}</p>` +
    `<h2>The Crown, season 6</h2><p>${first}</p><p>${crown}</p><h2>Bankman-Fried: The Fall</h2><p>${next}</p><p>${fall}</p></article></body></html>`;

  it('a streaming guide’s release dates, and a moved one is an edit', () => {
    const before = extractArticle(guide('Released: Friday, Dec 6', 'Released Thursday at 8 p.m.')).paragraphs;
    expect(before).toEqual([lede, 'The Crown, season 6', 'Released: Friday, Dec 6', crown, 'Bankman-Fried: The Fall', 'Released Thursday at 8 p.m.', fall]);
    const after = extractArticle(guide('Released: Monday, Dec 9', 'Released Friday at 8 p.m.')).paragraphs;
    expect(after).toContain('Released: Monday, Dec 9');
    expect(after).toContain('Released Friday at 8 p.m.');
  });

  it.each([
    ['an album review’s release date', '<p>Erschienen am Freitag, 29. November</p>', 'Erschienen am Freitag, 29. November'],
    ['a release date in a <time>', '<p>Released: <time datetime="2026-12-06">Friday, Dec 6</time></p>', 'Released: Friday, Dec 6'],
    ['a quoted line', '<p>"Updated Monday."</p>', '"Updated Monday."'],
  ])('%s, above the story', (_rule, line, text) => {
    expect(extractArticle(page(line)).paragraphs).toEqual([text, lede, second]);
  });
});

describe('a day in a <time> goes above the story’s first line only, and not as a timeline’s heading', () => {
  const entry1 = 'Sirens sounded across Kyiv overnight.';
  const entry2 = 'Air defence was active in the capital.';
  const entry3 = 'Talks resumed in Geneva on Sunday, with both delegations arriving early in the morning for what officials called a decisive round.';
  const liveBlog = (first: string, next: string): string =>
    `<html lang="en"><head><title>Ukraine war live</title></head><body><article><h1>Ukraine war live</h1><h2><time>${first}</time></h2><p>${entry1}</p><p>${entry2}</p><h2><time>${next}</time></h2><p>${entry3}</p></article></body></html>`;

  it('a live blog’s day headings, short entries between them, stay: a moved day is an edit', () => {
    expect(extractArticle(liveBlog('Monday', 'Sunday')).paragraphs).toEqual(['Monday', entry1, entry2, 'Sunday', entry3]);
    expect(extractArticle(liveBlog('Monday', 'Saturday')).paragraphs).toEqual(['Monday', entry1, entry2, 'Saturday', entry3]);
  });

  it('a <time> day below a short first line stays', () => {
    const html = page('<p>Sirens sounded overnight.</p><p><time datetime="2026-11-30">Monday</time></p>');
    expect(extractArticle(html).paragraphs).toEqual(['Sirens sounded overnight.', 'Monday', lede, second]);
  });
});

describe('a timeline\'s day headings stay, the first one too, while a lone day above the story goes', () => {
  const timeline = (days: string[]) =>
    `<html><body><article><h1>Timeline of the talks</h1>${days.map((day, i) => `<h3>${day}</h3><p>Entry ${i}: officials met again.</p><p>More short news ${i}.</p>`).join('')}</article></body></html>`;

  it('headings of short entries, none of them 100 characters (QA: every day heading was dropped, a corrected one never seen)', () => {
    const paragraphs = extractArticle(timeline(['Nov 26', 'Nov 27', 'Nov 28'])).paragraphs;
    expect(paragraphs.filter((p) => p.startsWith('Nov '))).toEqual(['Nov 26', 'Nov 27', 'Nov 28']);
    const corrected = extractArticle(timeline(['Nov 26', 'Nov 29', 'Nov 28'])).paragraphs;
    expect(corrected.filter((p) => p.startsWith('Nov '))).toEqual(['Nov 26', 'Nov 29', 'Nov 28']);
  });

  it('a lone day heading above the story is its dateline', () => {
    const html = `<html><body><article><h1>Council backs flood plan</h1><h3>Nov 29</h3><p>${lede}</p><p>${second}</p></article></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual([lede, second]);
  });

  it.each([
    ['day, month and year', ['26 November 2024', '27 November 2024', '28 November 2024'], ['26 November 2024', '29 November 2024', '28 November 2024']],
    ['month first, with the year', ['November 26, 2024', 'November 27, 2024', 'November 28, 2024'], ['November 26, 2024', 'November 27, 2024', 'November 29, 2024']],
    ['weekday, day and year', ['Tuesday, 26 November 2024', 'Wednesday, 27 November 2024'], ['Tuesday, 26 November 2024', 'Thursday, 28 November 2024']],
    ['in numbers', ['26/11/2024', '27/11/2024'], ['26/11/2024', '28/11/2024']],
    ['in ISO numbers', ['2024-11-26', '2024-11-27'], ['2024-11-26', '2024-11-28']],
    ['German, a weekday and numbers', ['Di., 26.11.2024', 'Mi., 27.11.2024'], ['Di., 26.11.2024', 'Do., 28.11.2024']],
    ['Chinese', ['2024年11月26日', '2024年11月27日'], ['2024年11月26日', '2024年11月28日']],
  ])('with their year too (%s): they were all dropped as date lines, wherever they stood (an older rule)', (_case, days, corrected) => {
    const headings = (ps: string[]): string[] => ps.filter((p) => !p.startsWith('Entry') && !p.startsWith('More short news'));
    expect(headings(extractArticle(timeline(days)).paragraphs)).toEqual(days);
    expect(headings(extractArticle(timeline(corrected)).paragraphs)).toEqual(corrected);
  });

  // An adversarial review of the rule with years: these kept a date that rotates or moves on its own.
  const story = (body: string): string[] =>
    extractArticle(`<html><body><article><h1>Council backs flood plan</h1>${body}</article></body></html>`).paragraphs;

  it.each([
    ['"Latest news", a date over each link', `<h2>Latest news</h2><ul><li><h4>28 November 2024</h4><a href="/a">Mayor resigns after a surprise vote</a></li><li><h4>25 November 2024</h4><a href="/b">Transit fares to rise next year</a></li></ul>`],
    ['the same without years (older)', `<h2>Latest news</h2><ul><li><h4>Nov 28</h4><a href="/a">Mayor resigns after a surprise vote</a></li><li><h4>Nov 25</h4><a href="/b">Transit fares to rise next year</a></li></ul>`],
    ['"On this day", a new pair every day', `<h3>On this day</h3><h4>30 November 2019</h4><p><a href="/c">Floods close the bridge for a week</a></p><h4>30 November 2014</h4><p><a href="/d">The new bridge opens to traffic</a></p>`],
    ['a date heading over nothing at the end', `<h4>27 November 2024</h4>`],
  ])('the dates of %s go with their links', (_case, box) => {
    expect(story(`<p>${lede}</p><p>${second}</p>${box}`).filter((p) => /\d/.test(p))).toEqual([]);
  });

  it('a dateline above the story goes though a day heading is below it: over nothing, a link, or the same day again', () => {
    expect(story(`<h4>26 November 2024</h4><p>${lede}</p><p>${second}</p><h4>27 November 2024</h4>`)).toEqual([lede, second]);
    expect(story(`<h4>26 November 2024</h4><p>${lede}</p><p>${second}</p><h3>Read more</h3><h4><a href="/e">27 November 2024</a></h4><p>Crews worked through the night.</p>`)).toEqual([
      lede, second, 'Crews worked through the night.',
    ]);
    expect(story(`<h2>30 November 2024</h2><p>${lede}</p><h2>30 November 2024</h2><p>${second}</p>`)).toEqual([lede, second]);
  });

  it('day headings with sub-headings of their own stay (a review: "<h2>Nov 26</h2><h3>Morning session</h3>…" was dropped)', () => {
    const body = ['Nov 26', 'Nov 27'].map((day, i) => `<h2>${day}</h2><h3>Morning session</h3><p>Entry ${i}: officials met again.</p>`).join('');
    expect(story(body).filter((p) => p.startsWith('Nov'))).toEqual(['Nov 26', 'Nov 27']);
  });

  it('Chinese day headings of one and two digits are one timeline (a review: "2024年11月6日" and "2024年11月26日" were written "differently")', () => {
    const body = ['2024年11月6日', '2024年11月26日'].map((day, i) => `<h3>${day}</h3><p>第${i}条：官员再次会面，讨论了有关问题的细节和后续安排。</p>`).join('');
    expect(story(body).filter((p) => p.includes('年'))).toEqual(['2024年11月6日', '2024年11月26日']);
  });

  it('a date banner written otherwise above a timeline goes (it would read another day tomorrow); the timeline stays', () => {
    const body = `<h2>Saturday, November 30, 2024</h2><p>${lede}</p><h2>Nov. 26, 2024</h2><p>Talks begin in Geneva.</p><h2>Nov. 27, 2024</h2><p>Talks stall overnight.</p>`;
    expect(story(body)).toEqual([lede, 'Nov. 26, 2024', 'Talks begin in Geneva.', 'Nov. 27, 2024', 'Talks stall overnight.']);
  });

  it('headings holding stamps (a label) are no timeline: they go as date lines, as a lone dated heading does', () => {
    const stamps = extractArticle(timeline(['Updated 26 November 2024', 'Updated 27 November 2024'])).paragraphs;
    expect(stamps.filter((p) => p.includes('November'))).toEqual([]);
    const lone = `<html><body><article><h1>Council backs flood plan</h1><h3>29 November 2024</h3><p>${lede}</p><p>${second}</p><h4>Officials react</h4><p>${lede}</p></article></body></html>`;
    expect(extractArticle(lone).paragraphs).toEqual([lede, second, 'Officials react', lede]);
  });
});
