import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a live blog that gains entries keeps every paragraph it had: the standfirst and the older entries stay
// whatever the number of entries, so a new entry is the only change a reader sees. Three rules make it so:
// - a box of the top candidate's kind (same tag and named class, or <article>/<li>) is judged as the top was, by
//   the candidate it wraps alone (<li class=live-update><article>…): before, only the best-scored entry was kept;
// - when such boxes join, what sits beside their container (headline zone, standfirst) is judged by the same
//   sibling rule, as it is when the container itself is the top (with one entry, or four and more);
// - a retry (fewer exclusions) that lands inside what the first attempt read is not "elsewhere", so the entries'
//   header chrome (author, share buttons) the first attempt left out does not come back while the blog is short.

const HEADLINE = 'Storm Ida: live updates as the hurricane moves up the coast';
const STANDFIRST =
  'Follow our live coverage of the storm as it moves up the coast, with updates from our reporters in three states and the latest warnings from forecasters.';
const TEXT = [
  'The National Weather Service has extended the hurricane warning north to the state line, officials said, and asked residents to finish their preparations by the evening.',
  'Power has been cut to about 40,000 homes in the county, and crews are waiting for the wind to drop before they go out to repair the lines.',
  'The governor said the state guard would be on standby overnight, with shelters open in every school in the district until the storm has passed.',
  'Flooding has closed the coastal highway between the two bridges, and police are turning drivers back at both ends, the transport department said.',
  'The storm made landfall just after noon, about twenty miles south of the city, with sustained winds of 90 mph, according to the hurricane center.',
  'Schools will stay closed tomorrow, the district announced, and bus services across the county have been suspended until further notice.',
];

const entryMarkups: Record<string, (i: number) => string> = {
  'div.entry with its time in a <p>': (i) => `<div class="entry"><p><time>1${i}:00</time></p><p>${TEXT[i]}</p></div>`,
  'div.entry with a time and an <h2>': (i) => `<div class="entry"><time>1${i}:00</time><h2>Entry ${i}</h2><p>${TEXT[i]}</p></div>`,
  'article.post with a linked <h3> and share links': (i) =>
    `<article class="post" id="post-${i}"><h3><a href="#post-${i}">Entry ${i}</a></h3><p class="time">1${i}:00</p><p>${TEXT[i]}</p><div class="share"><a href="https://twitter.com/x">Share</a> <a href="#p">Copy link</a></div></article>`,
  'article.post under a <header> of author, share buttons and time': (i) =>
    `<article class="post"><header class="post-head"><div class="author"><img src="a.jpg" alt=""><span>Dana Reyes</span></div><ul class="share"><li><a href="https://x.com/share?0">Share</a></li></ul><time>1${i}:05</time></header><p>${TEXT[i]}</p></article>`,
  'li.live-update around an unclassed <article>': (i) =>
    `<li class="live-update"><article><span class="stamp">Updated 1${i}:00</span><h2>Entry ${i}</h2><p>${TEXT[i]}</p></article></li>`,
};

const layouts: Record<string, (entries: string) => string> = {
  'entries in a feed box inside <article>': (e) => `<article><h1>${HEADLINE}</h1><p class="standfirst">${STANDFIRST}</p><div class="live-feed">${e}</div></article>`,
  'entries in a feed box inside <main>': (e) => `<main><h1>${HEADLINE}</h1><p>${STANDFIRST}</p><div class="live-feed">${e}</div></main>`,
  'entries loose beside the standfirst': (e) => `<div id="content"><h1>${HEADLINE}</h1><p>${STANDFIRST}</p>${e}</div>`,
  'a feed box two wrappers down': (e) => `<main><div class="page"><h1>${HEADLINE}</h1><p class="standfirst">${STANDFIRST}</p><div class="live-feed">${e}</div></div></main>`,
  'entries in an <ol>': (e) => `<article><h1>${HEADLINE}</h1><p>${STANDFIRST}</p><ol class="feed">${e}</ol></article>`,
};

const page = (body: string): string => `<!doctype html><html><head><title>${HEADLINE}</title></head><body>${body}</body></html>`;

describe('a growing live blog keeps every paragraph it had', () => {
  const cases = Object.entries(entryMarkups).flatMap(([entry, markup]) => Object.entries(layouts).map(([layout, wrap]) => [entry, layout, markup, wrap] as const));
  it.each(cases)('%s, %s: entries 1 to 6', (_entry, _layout, markup, wrap) => {
    let previous: string[] | null = null;
    for (let n = 1; n <= TEXT.length; n++) {
      const entries = Array.from({ length: n }, (_, j) => markup(n - 1 - j)).join('\n');
      const { paragraphs } = extractArticle(page(wrap(entries)));
      expect(paragraphs[0], `${n} entries`).toBe(STANDFIRST);
      for (let i = 0; i < n; i++) expect(paragraphs, `${n} entries`).toContain(TEXT[i]);
      if (previous !== null) expect(previous.filter((p) => !paragraphs.includes(p)), `lost at ${n} entries`).toEqual([]);
      previous = paragraphs;
    }
  });

  it('the entries’ header chrome stays out while the blog is still short', () => {
    const entries = [1, 0].map((i) => entryMarkups['article.post under a <header> of author, share buttons and time']!(i)).join('');
    const { paragraphs } = extractArticle(page(layouts['a feed box two wrappers down']!(entries)));
    expect(paragraphs).toEqual([STANDFIRST, TEXT[1], TEXT[0]]);
  });
});

// Counter-rules: what the wider reading must not take in.
const STORY = [
  'The council voted on Tuesday to close the library branch on Elm Street, citing a budget shortfall of nearly two million dollars, officials said.',
  'Residents packed the meeting, and several speakers urged members to delay the vote until a review of other cuts, including parking fees, was finished.',
  'The mayor said the decision was painful, but that the city had no choice, and promised that the building would be kept for community use.',
];
const TEASERS = [
  'Police named the man found dead near the river on Monday, and said, after a search of the area, that the death was not suspicious.',
  'The bridge, which carries 20,000 cars a day, will shut for six weeks from June, engineers said, while its deck is replaced.',
  'Pupils, teachers and parents celebrated after the school was named the best in the region, for the third year running, on Friday.',
];

describe('boxes of one kind do not take in what is beside them', () => {
  it('a story in two same-class blocks with a teaser box between them keeps the teasers out', () => {
    const teasers = `<div class="teasers">${TEASERS.map((t, i) => `<div class="card"><a href="/story-${i}">${t}</a></div>`).join('')}</div>`;
    const html = page(`<main><div class="article"><h1>Council votes to close library</h1><div class="story-body"><p>${STORY[0]}</p><p>${STORY[1]}</p></div>${teasers}<div class="story-body"><p>${STORY[2]}</p></div></div></main>`);
    expect(extractArticle(html).paragraphs).toEqual(STORY);
  });

  it('an unnamed <section> of teaser blurbs beside the story’s unnamed <section> is not of its kind', () => {
    // The shape of a front-page rail under a story: <section><section class=wrapper> of teaser <article>s.
    const story = [...STORY, ...TEXT];
    const teaser = (t: string, i: number) => `<article class="rail-story"><h2><a href="/story-${i}">Story ${i}</a></h2><p>${t}</p></article>`;
    const rail = `<section><section class="wrapper">${TEASERS.map(teaser).join('')}</section></section>`;
    const html = page(`<main><section><section><article class="single-story"><h1>Council votes to close library</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article></section></section>${rail}</main>`);
    expect(extractArticle(html).paragraphs).toEqual(story);
  });
  it('partner promos beside a story set in two same-class blocks stay out (only opening prose joins beside the container)', () => {
    const teasers = `<div class="teasers">${TEASERS.map((t, i) => `<div class="card"><h3><a href="/news/story-${i}">Headline ${i}</a></h3><p>${t}</p></div>`).join('')}</div>`;
    const partners = `<div class="partners">${TEASERS.map((t, i) => `<div class="partner"><a href="https://p.example/${i}"><img src="p.jpg"></a><h4><a href="https://p.example/${i}">Partner offer ${i}</a></h4><p>${t.replace('the', 'a')}</p></div>`).join('')}</div>`;
    const story = [...STORY, ...TEXT.slice(0, 3)];
    const html = page(`<main><article><h1>Council votes to close library</h1><div class="article-body"><div class="body-text">${story.slice(0, 4).map((p) => `<p>${p}</p>`).join('')}</div>${teasers}<div class="body-text">${story.slice(4).map((p) => `<p>${p}</p>`).join('')}</div></div>${partners}</article></main>`);
    expect(extractArticle(html).paragraphs).toEqual(story);
  });

  it('a standfirst made longer does not hide the story: a retry that finds the story inside what the strict attempt climbed through still counts', () => {
    // "has-sidebar" is an unlikely name, so the strict attempt strips the story and reads only the standfirst.
    const story = [...STORY, ...TEXT];
    const article = (standfirst: string) =>
      page(`<article><div class="hero"><h1>Council votes to close library</h1><p>${standfirst}</p></div><div class="layout has-sidebar"><div class="rich-text">${story.map((p) => `<p>${p}</p>`).join('')}</div></div></article>`);
    const short = 'The Elm Street branch, which has served the neighbourhood for more than sixty years, will shut in June after a vote that split the council.';
    const long = `${short.slice(0, -1)}, angered residents and left the city looking for a use for the building.`;
    for (const standfirst of [short, long]) expect(extractArticle(article(standfirst)).paragraphs).toEqual(expect.arrayContaining(story));
  });
  it.each([
    ['two same-class sections, dek in one, caption and a stripped story in the other', (story: string) =>
      `<main><section class="article-section"><h1>Council votes to close library</h1><p class="lead">The Elm Street branch, which opened in 1962, will shut in June, after a vote that split the council, angered residents, and left staff uncertain.</p></section><section class="article-section"><p class="caption">Residents queue outside the Elm Street branch on Tuesday, hours before the vote.</p><div class="layout has-sidebar"><div class="rich-text">${story}</div></div></section></main>`],
    ['Bootstrap rows, dek in one, a two-comma caption and a stripped story in the other', (story: string) =>
      `<main class="container"><div class="row"><div class="col-12"><h1>Council votes to close library</h1><p class="lead">The Elm Street branch, which has served the neighbourhood for more than sixty years, will shut in June after a vote that split the council.</p></div></div><div class="row"><div class="col-lg-12"><p class="caption">Residents queued outside the branch on Tuesday, hours before the vote, and some, in tears, said goodbye.</p><div class="layout has-sidebar"><div class="rich-text">${story}</div></div></div></div></main>`],
  ])('a retry that finds a story the strict attempt stripped wins, whatever joined the short first result: %s', (_name, layout) => {
    const story = [...STORY, ...TEXT];
    const { paragraphs } = extractArticle(page(layout(story.map((p) => `<p>${p}</p>`).join(''))));
    expect(paragraphs).toEqual(expect.arrayContaining(story));
  });
  it('a short brief keeps the "related" blurbs its strict attempt left out (the retry that finds more prose wins only over boxes of one kind)', () => {
    const brief = [STORY[0]!, 'Residents packed the meeting and urged a delay, but the vote passed seven to five.'];
    const cards = [...TEASERS, TEXT[0]!].map((t, i) => `<div class="card"><h3><a href="/s${i}">Story ${i}</a></h3><p>${t}</p></div>`).join('');
    const html = page(`<main><article><h1>Council votes</h1><div class="body">${brief.map((p) => `<p>${p}</p>`).join('')}</div><div class="related">${cards}</div></article></main>`);
    expect(extractArticle(html).paragraphs).toEqual(brief);
  });
});
