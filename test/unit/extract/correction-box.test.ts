import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { isCorrectionNote } from '../../../src/extract/normalize.ts';

// Rule: a correction, clarification or editor's note is never chrome, whatever box the page puts it in
// (<aside>, the article's <footer>, a box named like a footer): it is the edit stet exists to show.
const prose = (n: number): string =>
  `Paragraph ${n}: the harbour board met on Tuesday, and after a long debate about dredging, fees, and the ferry timetable, it voted to borrow four million.`;
const story = [1, 2, 3, 4, 5].map((n) => prose(n));
const page = (box: string): string =>
  `<html><head><title>Harbour board</title></head><body><nav><a href="/">Home</a></nav><article><h1>Harbour board</h1>${story.map((p) => `<p>${p}</p>`).join('')}${box}</article>` +
  `<footer><a href="/corrections">Corrections</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy</a></footer></body></html>`;
const NOTE = 'Correction: An earlier version of this story misstated the vote count. It was 7-2.';

describe('correction boxes', () => {
  it.each([
    ['an <aside> named correction', `<aside class="correction"><p>${NOTE}</p></aside>`, NOTE],
    ["an <aside> named editor's note, opening with no label", `<aside class="editors-note"><p>This story has been updated to include the mayor's response.</p></aside>`, "This story has been updated to include the mayor's response."],
    ["the article's <footer>, named like one", `<footer class="article-footer"><p>${NOTE}</p></footer>`, NOTE],
    ['an unnamed <aside> opening "Clarification:"', `<aside><p>Clarification: The board's vote was on Tuesday, not Monday.</p></aside>`, "Clarification: The board's vote was on Tuesday, not Monday."],
    ['a box opening "An earlier version of this story…"', `<div class="footer-note"><p>An earlier version of this story gave the wrong date for the vote.</p></div>`, 'An earlier version of this story gave the wrong date for the vote.'],
    ['"Correction (date):"', `<aside><p>Correction (Nov. 29, 2026): The vote was 7-2, not 6-3.</p></aside>`, 'Correction (Nov. 29, 2026): The vote was 7-2, not 6-3.'],
    ['"CORRECTION, date:"', `<aside><p>CORRECTION, Nov. 29: The vote was 7-2, not 6-3.</p></aside>`, 'CORRECTION, Nov. 29: The vote was 7-2, not 6-3.'],
    ['"This article was amended…"', `<footer><p>This article was amended on 29 November 2026 to correct the vote count.</p></footer>`, 'This article was amended on 29 November 2026 to correct the vote count.'],
    // in other languages: the label, or "an earlier version of this article…"
    ['German "Korrektur:"', `<aside><p>Korrektur: In einer früheren Version hieß es, der Rat habe mit 6 zu 3 gestimmt. Es waren 7 zu 2.</p></aside>`, 'Korrektur: In einer früheren Version hieß es, der Rat habe mit 6 zu 3 gestimmt. Es waren 7 zu 2.'],
    ['German "In einer früheren Version dieses Artikels…"', `<footer><p>In einer früheren Version dieses Artikels stand ein falsches Datum.</p></footer>`, 'In einer früheren Version dieses Artikels stand ein falsches Datum.'],
    ['French "Rectificatif :"', `<aside><p>Rectificatif : le conseil a voté à 7 contre 2, et non à 6 contre 3.</p></aside>`, 'Rectificatif : le conseil a voté à 7 contre 2, et non à 6 contre 3.'],
    ['Spanish "Fe de erratas:"', `<aside><p>Fe de erratas: una versión anterior de este artículo daba una fecha equivocada.</p></aside>`, 'Fe de erratas: una versión anterior de este artículo daba una fecha equivocada.'],
    ['Italian "Nota della redazione:"', `<aside><p>Nota della redazione: questo articolo è stato aggiornato con la risposta del sindaco.</p></aside>`, 'Nota della redazione: questo articolo è stato aggiornato con la risposta del sindaco.'],
    ['Dutch "Correctie:"', `<aside><p>Correctie: in een eerdere versie van dit artikel stond een verkeerde datum.</p></aside>`, 'Correctie: in een eerdere versie van dit artikel stond een verkeerde datum.'],
    // from a second review: what the first guards against other languages' policies and credits had lost
    ['an all-caps note', `<aside><p>CORRECTION: AN EARLIER VERSION OF THIS STORY MISSTATED THE VOTE COUNT. IT WAS 7-2.</p></aside>`, 'CORRECTION: AN EARLIER VERSION OF THIS STORY MISSTATED THE VOTE COUNT. IT WAS 7-2.'],
    ['a note in title case', `<aside><p>Editor’s Note: This Story Has Been Updated To Include New Information</p></aside>`, 'Editor’s Note: This Story Has Been Updated To Include New Information'],
    ['a short note', `<aside><p>Correction: Fixed typo</p></aside>`, 'Correction: Fixed typo'],
    ['a note quoting a question', `<aside><p>Correction: An earlier version of this story misquoted the mayor as asking "Why now?" She asked "Why not?"</p></aside>`, 'Correction: An earlier version of this story misquoted the mayor as asking "Why now?" She asked "Why not?"'],
    ['a note naming a handle', `<aside><p>Correction: The mayor's account on X is @MayorJane, not @JaneMayor.</p></aside>`, "Correction: The mayor's account on X is @MayorJane, not @JaneMayor."],
    ['a German note quoting a question', `<aside><p>In einer früheren Version dieses Artikels hieß es: „Wer zahlt das?“ Richtig ist: die Stadt.</p></aside>`, 'In einer früheren Version dieses Artikels hieß es: „Wer zahlt das?“ Richtig ist: die Stadt.'],
    ['Italian "Correzione:"', `<aside><p>Correzione: il voto si è tenuto martedì, non lunedì.</p></aside>`, 'Correzione: il voto si è tenuto martedì, non lunedì.'],
    ['German "Klarstellung:"', `<aside><p>Klarstellung: Der Rat hat nicht abgestimmt, er hat nur beraten.</p></aside>`, 'Klarstellung: Der Rat hat nicht abgestimmt, er hat nur beraten.'],
    // from a review: the forms papers use
    ['German "Hinweis der Redaktion:"', `<aside><p>Hinweis der Redaktion: Wir haben den Namen des Bürgermeisters korrigiert.</p></aside>`, 'Hinweis der Redaktion: Wir haben den Namen des Bürgermeisters korrigiert.'],
    ['French "NDLR :"', `<aside><p>NDLR : cet article a été modifié pour corriger le résultat du vote.</p></aside>`, 'NDLR : cet article a été modifié pour corriger le résultat du vote.'],
    ['French "Dans une précédente version de cet article…"', `<footer><p>Dans une précédente version de cet article, nous indiquions à tort que le vote avait eu lieu lundi.</p></footer>`, 'Dans une précédente version de cet article, nous indiquions à tort que le vote avait eu lieu lundi.'],
    ['Spanish "Fe de errores:"', `<aside><p>Fe de errores: la votación fue el martes, no el lunes.</p></aside>`, 'Fe de errores: la votación fue el martes, no el lunes.'],
    ['Spanish "En una versión anterior de esta noticia…"', `<footer><p>En una versión anterior de esta noticia se indicaba una fecha equivocada.</p></footer>`, 'En una versión anterior de esta noticia se indicaba una fecha equivocada.'],
    ['Portuguese "Erramos:"', `<aside><p>Erramos: a votação foi na terça-feira, e não na segunda.</p></aside>`, 'Erramos: a votação foi na terça-feira, e não na segunda.'],
    ['Dutch "In een eerdere versie van dit artikel…"', `<footer><p>In een eerdere versie van dit artikel stond dat de stemming maandag was.</p></footer>`, 'In een eerdere versie van dit artikel stond dat de stemming maandag was.'],
  ])('is read: %s', (_name, box, note) => {
    expect(extractArticle(page(box)).paragraphs).toEqual([...story, note]);
  });

  // from a hands-on test: the story's paragraphs in a body wrapper, the note after it inside <article>
  it.each([
    ['<aside class="correction">', `<aside class="correction"><p>An earlier version of this article misstated the size of the budget increase. It is twelve percent, not twenty percent.</p></aside>`],
    ['<footer> opening "Correction (Nov. 29):"', `<footer><p>Correction (Nov. 29): An earlier version of this article misstated the size of the budget increase. It is twelve percent, not twenty.</p></footer>`],
    ["<section class=\"editors-note\"> with a heading", `<section class="editors-note"><h3>Editor's note</h3><p>This story was updated to include the mayor's response, received after publication.</p></section>`],
  ])('is read after a body wrapper: %s', (_name, box) => {
    const html =
      `<html><head><title>Harbour board</title></head><body><main><article><h1>Harbour board</h1><p class="byline">By Sam Carter</p>` +
      `<div class="article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div>${box}</article></main></body></html>`;
    const paragraphs = extractArticle(html).paragraphs;
    expect(paragraphs.slice(0, story.length)).toEqual(story);
    expect(paragraphs.slice(story.length).join(' ')).toContain(box.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().split(' ').slice(-6).join(' '));
  });

  // from a review: boxes named or opening like corrections that are chrome beside the story's body
  it.each([
    ['a comment thread whose first comment opens "Correction:"', '<div class="comments"><div class="comment"><p>Correction: the bridge closed in February, not March. Get your facts right!</p><p>bob99 · 3 hours ago · 12 likes</p></div></div>'],
    ['a list of other stories\' corrections', '<div class="corrections"><h3>Corrections and clarifications</h3><p>Monday: A story about the county fair gave the wrong opening time.</p><p>Sunday: A headline on the housing story misstated the rent rise.</p></div>'],
    ['a corrections policy box', '<div class="corrections-policy"><h4>Corrections policy</h4><p>How we handle corrections and our ethics code. Spotted an error? <a href="/tell-us">Tell us</a>.</p></div>'],
    ['a promo named editors-note', '<div class="editors-note promo"><p>Enjoying our coverage? Subscribe today for just one dollar a week.</p></div>'],
    // from a review of the notes in other languages: what they open with too
    ['a comment thread named in German, its pinned moderation note first', '<div class="leserkommentare"><p>Anmerkung der Redaktion: Bitte bleiben Sie sachlich und respektvoll.</p><p>leser42 · vor 3 Stunden</p><p>Das war doch klar.</p></div>'],
    ['a corrections policy in German', '<aside><p>Korrektur: Fehler gefunden? Schreiben Sie uns an korrektur@zeitung.example</p></aside>'],
    ['a corrections policy in Spanish', '<aside><p>Corrección: ¿Ha detectado un error en este artículo? Escríbanos.</p></aside>'],
    ['a list of other stories\' corrections in German', '<div class="box"><h3>Korrekturen und Klarstellungen</h3><p>Korrektur, 12. März: Ein Artikel vom Montag über das Stadtfest nannte die falsche Uhrzeit.</p><p>Korrektur, 11. März: Ein Bericht über den Hafen nannte den falschen Betrag.</p></div>'],
    ['a credits line naming the proofreader', '<footer><p>Korrektur: Lisa Schmidt</p><p>Grafik: Jan Muster</p></footer>'],
    // from a second review: comment threads however named, a week's list of other stories' notes, a label with a relative time
    ['a box named "korrektur" that asks readers to report errors', '<aside class="korrektur"><p>Korrektur melden</p><p>Sie haben einen Fehler entdeckt? Schreiben Sie uns.</p></aside>'],
    ['a comment thread named "diskussion"', '<aside class="diskussion"><div><p>Korrektur: Die Brücke wurde im Februar gesperrt, nicht im März. Recherchieren Sie besser!</p><p>hansi77 · vor 3 Stunden</p></div></aside>'],
    ['a comment thread named "discussion"', '<aside class="discussion"><div><p>Correction: the bridge closed in February, not March. Do your research!</p><p>bob99 · 3 hours ago</p></div></aside>'],
    ['a comment thread named "reacciones"', '<aside class="reacciones"><div><p>Corrección: el puente se cerró en febrero, no en marzo. ¡Investiguen mejor!</p><p>pepe77 · hace 3 horas</p></div></aside>'],
    ['the week\'s corrections to other stories', '<aside><h3>Korrekturen der Woche</h3><ul><li>Korrektur: Im Artikel „Brücke gesperrt“ vom 3. März hieß es, die Brücke sei seit Februar gesperrt.</li><li>Korrektur: Im Beitrag „Neue Schule“ vom 4. März war die Zahl der Schüler falsch.</li></ul></aside>'],
  ])('stays out beside a body wrapper: %s', (_name, box) => {
    const html =
      `<html><head><title>Harbour board</title></head><body><main><article><h1>Harbour board</h1>` +
      `<div class="article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div>${box}</article></main></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story);
  });

  it('is no box that opens "Update:" (a breaking-news bar, a cookie banner, a newsletter promo)', () => {
    for (const box of [
      '<div class="breaking-news-banner"><p>Update: Polls close at 8 p.m. tonight across the county.</p></div>',
      '<aside class="promo"><p>Update: Our harbour newsletter is now weekly. Sign up today.</p></aside>',
    ]) expect(extractArticle(page(box)).paragraphs).toEqual(story);
  });

  it('is not every box that mentions corrections: a footer menu whose first link is "Corrections", an aside of related links', () => {
    const related = '<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry fares rise</a></li></ul></aside>';
    expect(extractArticle(page(related)).paragraphs).toEqual(story);
  });
});

describe('correction boxes inside the story', () => {
  it('a comment section inside the story body whose first comment opens "Correction:" stays out', () => {
    const html =
      `<html><head><title>Harbour board</title></head><body><article><h1>Harbour board</h1>${story.map((p) => `<p>${p}</p>`).join('')}` +
      `<div class="comments-section"><p>Correction: you got the mayor's name wrong, it is Jane not Joan.</p><p>Reader two says hello to everyone here.</p></div></article></body></html>`;
    expect(extractArticle(html).paragraphs).toEqual(story);
  });
});

// From a hands-on test: a note inside chrome that is dropped otherwise (the article's <header>, an <aside> of
// extras, a box named "sidebar") was dropped with it. The chrome stays out; only the note is read.
describe('correction boxes inside chrome', () => {
  const html = (before: string, after = ''): string =>
    `<html><head><title>Harbour board</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>${before}` +
    `<div class="article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div>${after}</article></body></html>`;

  it.each([
    ["the article's <header>, under the headline and byline", html(`<header><h1>Harbour board</h1><p class="byline">By Sam Carter</p><div class="correction"><p>${NOTE}</p></div></header>`), 'before'],
    ["the article's <header>, a bare paragraph", html(`<header class="article-header"><h1>Harbour board</h1><p>${NOTE}</p><p>By Sam Carter</p></header>`), 'before'],
    ['an <aside> of extras after the story', html('<h1>Harbour board</h1>', `<aside class="article-extras"><h3>More on this</h3><ul><li><a href="/a">Ferry fares rise</a></li></ul><p>${NOTE}</p></aside>`), 'after'],
    ['a box named "sidebar" after the story', html('<h1>Harbour board</h1>', `<div class="sidebar"><div class="promo"><a href="/s">Subscribe for one dollar a week</a></div><div class="editors-note"><h4>Editor's note</h4><p>This story was updated to include the mayor's response.</p></div></div>`), 'after'],
  ])('is read, and nothing else of it: %s', (_name, page, where) => {
    const paragraphs = extractArticle(page).paragraphs;
    const rest = where === 'before' ? paragraphs.slice(0, -story.length) : paragraphs.slice(story.length);
    expect(where === 'before' ? paragraphs.slice(-story.length) : paragraphs.slice(0, story.length)).toEqual(story);
    expect(rest).toHaveLength(where === 'after' && page.includes("Editor's note") ? 2 : 1);
    expect(rest.join(' ')).toMatch(/^(?:Correction:|Editor's note)/);
    expect(rest.join(' ')).not.toMatch(/Sam Carter|Ferry fares|Subscribe/);
  });

  it.each([
    ['a comment thread in an <aside> whose comment opens "Correction:"', '<aside class="comments"><p>Correction: you got the mayor’s name wrong, it is Jane not Joan.</p></aside>'],
    ['a site header’s alert about another page', '<header class="site-header"><a href="/">Gazette</a><p>Correction: our print crossword had two clues swapped.</p></header>'],
  ])('stays out: %s', (_name, box) => {
    const page = `<html><head><title>Harbour board</title></head><body>${box.includes('site-header') ? box : ''}<article><h1>Harbour board</h1>${story.map((p) => `<p>${p}</p>`).join('')}${box.includes('site-header') ? '' : box}</article></body></html>`;
    expect(extractArticle(page).paragraphs).toEqual(story);
  });
});

// From a review of the shells: chrome's own text, other notes, and notes before the story's body.
describe('correction boxes inside chrome: what comes with them', () => {
  const inArticle = (before: string, after = '', extra = ''): string =>
    `<html><head><title>Harbour board</title></head><body><main><article>${before}<div class="article-body">${story.map((p) => `<p>${p}</p>`).join('')}</div>${after}</article>${extra}</main></body></html>`;

  it.each([
    ['loose text around the note in the header', inArticle(`<header>Opinion | By Sam Carter, Staff Writer<h1>Harbour board</h1><div class="correction"><p>${NOTE}</p></div></header>`)],
    ['loose sponsor text around the note in an aside', inArticle('<h1>Harbour board</h1>', `<aside class="extras">Sponsored by Acme Bank — open an account today and get 3% interest<p>${NOTE}</p></aside>`)],
    ['an aside of related links with the note, before the body', inArticle(`<h1>Harbour board</h1><aside class="extras"><h3>Related</h3><ul><li><a href="/a">Ferry fares rise</a></li></ul><p>${NOTE}</p></aside>`)],
  ])('only the note is read: %s', (_name, page) => {
    const paragraphs = extractArticle(page).paragraphs;
    expect(paragraphs.filter((p) => !story.includes(p))).toEqual([NOTE]);
  });

  it.each([
    ["a sidebar listing other stories' corrections", inArticle('<h1>Harbour board</h1>', '<aside class="sidebar"><h3>Recent corrections</h3><ul><li><p>Correction: A story on Monday about the county fair gave the wrong opening time.</p></li><li><p>Correction: A headline on Sunday misstated the rent rise.</p></li></ul></aside>')],
    ['a comment thread not named "comment"', inArticle('<h1>Harbour board</h1>', '<aside class="coral-talk"><h3>Reader responses (41)</h3><div class="msg"><p>Correction: the mayor’s name is Jane, not Joan. Please fix.</p></div></aside>')],
    ["a promo with an editor's note", inArticle('<h1>Harbour board</h1>', "<aside class=\"promo\"><h3>The Morning Brief</h3><p>Editor's note: Our morning briefing is now free for all readers. Sign up here.</p></aside>")],
    ['a site box after the article', inArticle('<h1>Harbour board</h1>', '', '<aside role="complementary"><div class="box"><h3>Most read</h3><ol><li><a href="/x">Ferry fares rise</a></li></ol></div><div class="box"><p>Correction: Our Sunday crossword had two clues swapped.</p></div></aside>')],
    ["the site's corrections policy in its footer", `<html><head><title>Harbour board</title></head><body><article><h1>Harbour board</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article><footer class="site-footer"><p>Corrections: To report an error, email corrections@gazette.com or call 555-0100.</p><p><a href="/about">About</a></p></footer></body></html>`],
  ])('stays out: %s', (_name, page) => {
    expect(extractArticle(page).paragraphs).toEqual(story);
  });
});

// From a second review: real notes that mention errors, several notes on one story, a label alone.
describe('correction notes that look like something else', () => {
  const withBox = (box: string, header = ''): string =>
    `<html><head><title>Harbour board</title></head><body><article><header><h1>Harbour board</h1>${header}</header>${story.map((p) => `<p>${p}</p>`).join('')}${box}</article></body></html>`;

  it.each([
    'Correction: A reader spotted an error in our chart of harbour fees. The fee is $12, not $21.',
    "Editor's note: After publication we found an error in the crime figures supplied by the council.",
    'Correction: An earlier version misstated the fee. We regret the error. Spot an error? Email corrections@gazette.com.',
    'This article was amended on 29 November 2026 in line with our corrections policy.',
  ])('is read: %s', (note) => {
    expect(extractArticle(withBox(`<aside class="correction"><p>${note}</p></aside>`)).paragraphs).toEqual([...story, note]);
  });

  it('two notes in the header are both read, and a third added later keeps them', () => {
    const two = ['Correction: An earlier version of this story misstated the vote count. It was 7-2.', "Editor's note: This story was updated with the mayor's response."];
    const header = (notes: string[]) => `<p class="byline">By Sam Carter</p><div class="corrections">${notes.map((n) => `<p>${n}</p>`).join('')}</div>`;
    expect(extractArticle(withBox('', header(two.slice(0, 1)))).paragraphs).toEqual([two[0], ...story]);
    expect(extractArticle(withBox('', header(two))).paragraphs).toEqual([...two, ...story]);
  });

  it('a label alone inside a meta line is no paragraph of its own', () => {
    const header = '<p class="meta">By Sam Carter · Nov. 28 · <b>Correction:</b> An earlier version of this story misstated the vote count.</p>';
    expect(extractArticle(withBox('', header)).paragraphs).not.toContain('Correction:');
  });
});

// From a hands-on test: appending a note made the extraction read a narrower box, and a stamp without its year
// ("Jan 10") read in the wider one was reported removed. A day alone above the story is its stamp, in either box.
describe('an appended note changes nothing else', () => {
  const page = (note: string): string =>
    `<html><head><title>Water plant upgrade approved</title></head><body><main><article><h1>Water plant upgrade approved</h1><p class="byline">By Sam Carter</p><time datetime="2026-01-10T08:00:00Z">Jan 10</time>` +
    `<div class="story-body"><p>The regional authority approved an upgrade of the main water treatment plant on Monday after two years of debate.</p><ul><li>Cost: 12 million</li><li>Work starts in May</li></ul>` +
    `<p>The plant serves about 120,000 households in the northern districts and was built in 1968.</p></div>${note}</article></main></body></html>`;

  it('a day without its year above the story is no paragraph, with the note or without it', () => {
    const before = extractArticle(page('')).paragraphs;
    const after = extractArticle(page('<p><em>This article was amended on 12 January 2026 to correct the number of households.</em></p>')).paragraphs;
    expect(before).not.toContain('Jan 10');
    expect(after).toEqual([...before, 'This article was amended on 12 January 2026 to correct the number of households.']);
  });

  it('a day heading below the first paragraph (a timeline) stays', () => {
    const html = `<html><head><title>Timeline</title></head><body><article><h1>Timeline</h1>${story.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}<h3>Jan 10</h3>${story.slice(2).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    expect(extractArticle(html).paragraphs).toContain('Jan 10');
  });
});

describe('isCorrectionNote: a label with a sentence after it', () => {
  it.each([
    ['Correction: The vote was 7-2.', true],
    ['Clarification — Tuesday, not Monday.', true],
    ['Corrección 12/03/2026: la fecha era otra.', true],
    ['Anm. d. Red.: Der Text wurde ergänzt.', true],
    ['Correction: 更正了投票结果的日期', true],
    // a credits line, a heading alone: no sentence after the label
    ['Korrektur: Lisa Schmidt', false],
    ['Korrektur: Lisa Schmidt Grafik: Jan Muster', false],
    ['Corrections:', false],
    ['Correction (2 hours ago): the vote was 7-2.', false],
    ['Korrektur (vor 2 Stunden): Die Abstimmung endete 7 zu 2.', false],
    ['Precision: the watch gains no more than two seconds a day.', false],
    ['Précision : le vote a eu lieu mardi, et non lundi.', true],
  ])('%s', (text, note) => {
    expect(isCorrectionNote(text)).toBe(note);
  });
});
