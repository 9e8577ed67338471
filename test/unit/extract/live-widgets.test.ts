import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { furnitureRule } from '../../../src/extract/normalize.ts';

// Rule: a live widget inside the story (a readers' poll, a weather box, a clock, an audio player's prompt, a
// live page's update counter, reactions, a market strip, a countdown, a scoreboard) is not the article: its
// numbers move on every fetch, and each fetch would be a new version. Each case is fetched twice with
// different numbers; both fetches must read exactly the story.
const prose = (n: number): string =>
  `Paragraph ${n}: the harbour board met on Tuesday, and after a long debate about dredging, fees, and the ferry timetable, it voted to borrow four million.`;
const story = [1, 2, 3, 4, 5].map(prose);
const page = (widget: string): string =>
  `<html><head><title>Harbour board</title></head><body><article><h1>Harbour board</h1>${story.slice(0, 3).map((p) => `<p>${p}</p>`).join('')}${widget}${story.slice(3).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

describe('live widgets inside the story stay out on every fetch', () => {
  it.each<[string, (n: number) => string]>([
    ['a readers’ poll and its tally', (n) => `<div class="poll"><h3>Should the ferry run at night?</h3><form><label><input type="radio" name="q"> Yes</label><button>Vote</button></form><p>Yes ${40 + n}% · No ${60 - n}% · ${1200 + n} votes</p></div>`],
    ['a poll’s results box', (n) => `<div class="pollContainer"><p>Yes: ${40 + n}%</p><p>No: ${60 - n}%</p><button>Change my vote</button></div>`],
    // QA: no controls, only the tally, a version on every check
    ['a readers’ poll’s tally without its controls', (n) => `<div class="poll"><p>Poll: ${45 + n}% of readers agree</p></div>`],
    ['a poll’s count of votes', (n) => `<div class="reader-poll"><p>Should the ferry run at night?</p><p>${1200 + n} votes so far</p></div>`],
    ['a poll’s tally of you', (n) => `<div class="poll"><p>Poll: ${45 + n}% of you agree</p></div>`],
    ['a poll’s two shares', (n) => `<div class="poll"><p>${45 + n}% agree · ${55 - n}% disagree</p></div>`],
    ['a French readers’ poll', (n) => `<div class="poll"><p>Sondage : ${45 + n} % des lecteurs sont d’accord</p></div>`],
    ['a German readers’ poll', (n) => `<div class="poll"><p>Umfrage: ${45 + n} % der Leser stimmen zu</p></div>`],
    ['a Spanish poll’s two shares', (n) => `<div class="poll"><p>${45 + n}% sí · ${55 - n}% no</p></div>`],
    ['a weather box', (n) => `<div class="weather"><span>London</span> <span>1${n}°C</span> <span>Bewölkt</span></div>`],
    ['a weather line with a label', (n) => `<p>Now: ${10 + n}°C, light rain</p>`],
    ['a local clock', (n) => `<p>Local time in Kyiv: 1${n}:02</p>`],
    ['an audio player with its duration', (n) => `<div class="audio-player"><button>Listen</button><span>4:3${n}</span></div>`],
    ['an audio prompt', (n) => `<p>🎧 Listen to this article (${n + 3}:12)</p>`],
    ['an audio player’s position and length', (n) => `<div class="trinity-tts-pb"><span>0:00 / 4:3${n}</span></div>`],
    ['a live page’s update counter', (n) => `<p>LIVE · ${20 + n} updates</p>`],
    ['a count of new posts', (n) => `<p>${10 + n} new posts since you arrived</p>`],
    ['a comments prompt with its count', (n) => `<p>Join the conversation · ${40 + n} comments</p>`],
    ['readers’ reactions', (n) => `<p>👍 ${12 + n} 😂 ${3 + n} 😮 1</p>`],
    ['readers’ reactions, the count first', (n) => `<p>${12 + n} 👍 ${3 + n} 😂 1 😮</p>`],
    ['one reaction, the count first, after the byline', (n) => `<p>Sam Carter · ${12 + n} 👍</p>`],
    ['reactions by name', (n) => `<p>Like ${12 + n} Love ${3 + n} Haha 1</p>`],
    ['a market strip', (n) => `<div class="quotes"><span>Dow 38,12${n}.45 ▲ 0.${n}%</span> | <span>S&amp;P 500 5,01${n}.20 ▼ 0.1%</span></div>`],
    ['crypto prices', (n) => `<p>BTC $6${n},210 (+2.${n}%) · ETH $3,4${n}0 (-0.5%)</p>`],
    ['a count of viewers', (n) => `<p>${n + 120} people are watching</p>`],
    ['a count of viewers behind an icon', (n) => `<div class="live-viewers"><span>👁</span> ${n + 392} people are watching now</div>`],
    ['an audio prompt in German', (n) => `<p>Artikel anhören · ${n + 3} Min.</p>`],
    ['an audio prompt in French', (n) => `<p>Écouter cet article · ${n + 3} min</p>`],
    ['new posts in German', (n) => `<p>${n + 10} neue Beiträge</p>`],
    ['a local clock in German', (n) => `<p>Ortszeit Kiew: 1${n}:02</p>`],
    ['a local clock in French', (n) => `<p>Heure locale : 1${n}h02</p>`],
    // from a hands-on test
    ['readers right now', (n) => `<p>${n + 80} readers right now</p>`],
    ['readers to join', (n) => `<p>Join ${n + 1200} others reading</p>`],
    ['viewers of a live stream', (n) => `<p>Watch live: ${n}.2K watching</p>`],
    ['a paywall’s meter', (n) => `<p>You have ${n + 2} free articles left this month</p>`],
    ['one quote with a ticker’s arrow', (n) => `<div class="ticker"><p>FTSE 100 7,08${n}.97 ▲0.8${n}%</p></div>`],
    ['an audio prompt with its player', (n) => `<p>Listen to this article 0:00 / 4:5${n}</p>`],
    ['a countdown box', (n) => `<div class="countdown"><span>Polls close in</span> <span>${n + 2} hours ${10 + n} minutes</span></div>`],
    ['a countdown that ticks', (n) => `<p>Polls close in 3 hours 11 minutes ${n} seconds</p>`],
    ['a countdown’s label', (n) => `<p>Time left: ${n}d 4h</p>`],
    ['a market strip in German figures', (n) => `<p>DAX 18.001,2${n} (+0,${n} %) · MDAX 26.100,5 (-0,3 %)</p>`],
    ['a scoreboard', (n) => `<div class="scoreboard"><p>Lakers 10${n} – Celtics 98 · Q4 2:1${n}</p></div>`],
  ])('%s', (_name, widget) => {
    expect(extractArticle(page(widget(1))).paragraphs).toEqual(story);
    expect(extractArticle(page(widget(2))).paragraphs).toEqual(story);
  });
});

describe('the story’s own figures, weather and prompts stay', () => {
  it.each([
    // from a review: results, forecasts, race times, headings and court reporting that the first rules dropped
    'Total votes: 2,205,666',
    'Votes: 12,204',
    'Monday: Sunny, high 24°C',
    'Tonight: Clear, low 4°C',
    'Heavy snow, -12°C',
    'She finished the race in 2 hours 31 minutes.',
    'Kiplagat in 2 hours 2 minutes',
    'It sold out in 4 minutes 30 seconds',
    'Labour 412 (+211) Conservative 121 (-244)',
    'Revenue 4,210 (+12%) Profit 312 (-4%)',
    '🔥 10 Hottest Summers',
    '💔 2 Dead',
    'Listen to the report in full on BBC Sounds.',
    'Join the conversation at Thursday’s town hall',
    'Local time in Kyiv when the missiles struck: 04:15',
    'Ortszeit, als die Raketen einschlugen: 04:15',
    '300 people',
    'Join 1,204 others in signing the petition',
    '3 posts',
    // from a second review: results and prices with thousands, headings counting down, timetables, a heat wave's list
    'Labour 12,204 (+3.1%) Conservative 10,311 (-2.4%)',
    'London £534,000 (+2.1%) · South East £381,000 (+1.4%)',
    'Ceasefire expires in 2 days 12 hours',
    '07:15 / 08:05',
    'Seville 46°C, sunny',
    'Fair Isle 9°C',
    'Temperatures hit 41°C in Seville on Tuesday, the hottest day on record.',
    'Seville 46°C',
    'The Dow rose 0.1% to 38,121.45 by the close.',
    'Dow 38,121.45 +0.1%',
    'Polls close in 3 hours',
    'The flight took 3 hours 11 minutes',
    'Join the conversation about the ferry at Thursday’s town hall meeting.',
    'Listen to the full interview below',
    'Smith 52.1% (+3.2) Jones 47.9% (-3.2)',
    '🔥 5 things to know',
    // beside the reaction forms: a count before an icon in a sentence or heading, a reaction word alone or in prose
    'Love 13',
    'I like 3 of them and love 2',
    '3 👏 for the volunteers who cleared the beach',
    'Top 10 🔥 recipes for summer',
    // from a review of the count-first form: headings, names and titles with a number and an icon
    'Day 3 😍',
    'Apollo 13 😢',
    'Paris 2024 ❤️',
    'Arsenal 3 😂',
    'Proposition 50 👎',
    'Love 2 Love 1',
  ])('%s', (line) => {
    expect(furnitureRule(line)).toBeNull();
    expect(extractArticle(page(`<p>${line}</p>`)).paragraphs).toContain(line);
  });

  it.each([
    ['an explainer’s section with the id "polls"', '<section id="polls"><h2>What the polls say</h2><p>Labour leads by 12 points in the average of polls, down from 20 in the spring.</p></section>'],
    ['an exit poll table', '<table class="exit-poll"><tr><th>Party</th><th>Seats</th></tr><tr><td>Labour</td><td>410</td></tr><tr><td>Conservative</td><td>131</td></tr></table>'],
  ])('%s is read', (_name, box) => {
    const text = extractArticle(page(box)).paragraphs.join(' ');
    expect(text).toMatch(/Labour/);
  });

  it.each([
    ['a weather warning', '<div class="weather-warning"><p>Amber warning for wind: gusts of 70 to 80 mph are expected along the coast from 6 p.m.</p></div>', 'Amber warning'],
    ['an explainer’s section with the id "weather"', '<section id="weather"><h2>What the weather will do</h2><p>Forecasters expect the storm to reach the coast by Friday evening.</p></section>', 'Forecasters expect'],
    ['a news quiz question', '<div class="quiz"><h3>Question 1: Which council voted to close a library this week?</h3><label><input type="radio" name="q1"> Springfield</label><label><input type="radio" name="q1"> Shelbyville</label></div>', 'Question 1'],
    ['a box about a survey', '<div class="survey-box"><p>About this survey: 1,200 adults were asked between 3 and 9 November; the margin of error is 3 points.</p><button>Show more</button></div>', 'About this survey'],
    ['a published poll’s result in a poll box', '<div class="poll"><p>Poll: 45% of voters back the plan, according to an Ipsos survey of 1,000 adults.</p></div>', '45% of voters'],
    // a review: a count of votes or responses alone is a result, not a tally that moves
    ['an election result in a poll box', '<div class="poll-results"><p>Labour won the seat with 12,204 votes.</p></div>', '12,204 votes'],
    ['an exit poll table counting votes (its box is read; a cell of votes alone still goes as a counter, an older rule)', '<table class="exit-poll"><tr><td>Labour</td><td>12,204 votes</td></tr><tr><td>Greens</td><td>9,100 votes</td></tr></table>', 'Greens'],
    ['a survey’s responses', '<div class="survey"><p>The survey drew 2,000 responses from residents.</p></div>', '2,000 responses'],
    ['a match report’s scorers', '<div class="match-scorers"><p>Goals: Haaland 12, 67; Foden 80</p></div>', 'Haaland'],
  ])('%s is read', (_name, box, words) => {
    expect(extractArticle(page(box)).paragraphs.join(' ')).toContain(words);
  });

  it('a story box named for polls, when it is the story’s body, is read', () => {
    const html = `<html><head><title>Polls</title></head><body><main><h1>Polls</h1><div class="poll-story article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div></main></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story);
  });
});
