/**
 * Page churn: what a news page changes between two fetches when nobody
 * edited the article. Applied to the corpus's real pages, it measures how
 * often stet would cry wolf: a page whose extraction (title, byline,
 * paragraphs) differs after churn would be stored as a new version.
 *
 * The churn is general, not tailored to any page:
 * - digits in every script (but JSON-LD, the article's metadata) and style
 *   (tokens, timestamps, state);
 * - digits in query strings of src, href and srcset, and in data-* values
 *   (cache busters, tracking ids);
 * - relative times and counters in short text ("3 minutes ago", "41
 *   comments", "1.2K views", "瀏覽7");
 * - boxes named for rotating content (ads, sponsored, promo, trending, most
 *   read, popular, related, recommended, outbrain, taboola) that hold a
 *   small share of the page's text: their items shuffled and their words
 *   replaced, as the next fetch serves other ads and other stories;
 * - slots the page fills on each fetch, inserted where sites put them: an
 *   ad inside the story (after its second paragraph), a newsletter prompt
 *   (after its third), a related-stories box (after its fourth), a cookie
 *   banner and a breaking-news bar at the top of the body; their text
 *   differs from fetch to fetch;
 * - a live widget inside the story, as sites embed them: a readers' poll
 *   with its tally, a weather line, a local clock, an audio player, a live
 *   page's update counter, readers' reactions, a market strip, a countdown,
 *   a count of viewers, a scoreboard. A site's widget stays put, so the
 *   page (not the fetch) chooses which widget, in which markup, where, and
 *   its labels; each fetch serves it with other numbers.
 *
 * Nothing here touches the article's own text, headline or stamps, so any
 * difference in the extraction is a false alarm.
 */
import { cloneNode, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import { append, getOuterHTML, prepend, prependChild } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { classAndId, findFirst, walkElements } from '../extract/dom.ts';
import { pick, seededRandom } from './random.ts';

/**
 * A class or id naming a box of rotating content: the word opens the name,
 * after at most a one-letter prefix ("ad-slot", "c-related", "most-popular",
 * "taboola_feed"). Not "article-promo" (a story's own teaser) or
 * "header--no-promo".
 */
const ROTATING_BOX =
  /^(?:[a-z][-_])?(?:ads?|advert\w*|advertisement|sponsor(?:ed)?|promo(?:tion)?s?|trending|most-?read|mostread|most-?popular|popular|related|recommended|outbrain|taboola)(?:$|[-_])/i;
const RELATIVE_TIME = /\b(\d+)(\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|[smh])\s+ago)\b/gi;
const COUNTER = /\b(\d[\d,.]*)(\s*[km]?\s+(?:comments?|views?|shares?|likes?|reactions?|replies))\b/gi;
/** Counters written label first, as Chinese and Korean pages do ("瀏覽7", "评论：41", "조회수 41"). */
const LABELLED_COUNTER = /((?:瀏覽|浏览|閱讀|阅读|回應|回应|評論|评论|推薦|推荐|조회수|댓글)\s*[:：]?\s*)(\d[\d,]*)/g;
/** A box of rotating content holds at most this share of the page's text; more is the article's container, named oddly. */
const MAX_BOX_SHARE = 0.2;
const LABEL_WORDS = 4;
const WORDS = ['lorem', 'ipsum', 'dolor', 'amet', 'offer', 'today', 'deal', 'watch', 'story', 'more', 'best', 'new'];

/** What one churn changed: how many scripts and styles, attributes, relative times and counters, and rotating boxes. */
export interface ChurnCounts {
  scripts: number;
  attributes: number;
  times: number;
  boxes: number;
  /** Slots inserted: the ad, the newsletter prompt and the related box in the story, the cookie banner and the breaking-news bar. */
  slots: number;
  /** Live widgets inserted in the story (LIVE_WIDGETS), one a fetch of a page with a story. */
  widgets: number;
}

/** Counts of a page nothing was churned on yet. */
export function noChurn(): ChurnCounts {
  return { scripts: 0, attributes: 0, times: 0, boxes: 0, slots: 0, widgets: 0 };
}

/** Adds `more` into `total`, count by count. */
export function addChurn(total: ChurnCounts, more: ChurnCounts): void {
  for (const k of Object.keys(total) as (keyof ChurnCounts)[]) total[k] += more[k];
}

export interface ChurnedPage {
  html: string;
  counts: ChurnCounts;
  /** The live widget this fetch serves in the story, its kind the same on every fetch of the page; null on a page without a story. */
  widget: { kind: string; html: string } | null;
}

/** The page as the next fetch might serve it, the article untouched. */
export function churn(html: string, random: () => number): ChurnedPage {
  return churnTree(parseMarkup(html), random, pageSeed(html));
}

/**
 * One churned fetch of the page per random source, as churn() makes each,
 * but the page parsed once: every fetch but the last churns a copy of the
 * tree (a copy costs half a parse), the last churns the tree itself.
 */
export function* churnedFetches(html: string, randoms: (() => number)[]): Generator<ChurnedPage> {
  const doc = parseMarkup(html);
  const seed = pageSeed(html);
  for (let i = 0; i < randoms.length; i++) yield churnTree(i === randoms.length - 1 ? doc : cloneNode(doc, true), randoms[i]!, seed);
}

/** Markup parsed with its entities left as written, so that what churn does not touch is served back byte for byte. */
function parseMarkup(html: string): Document {
  return parseDocument(html, { decodeEntities: false });
}

/**
 * The page's own seed (FNV-1a of its markup): what a site keeps between
 * fetches (which live widget, its markup, its place, its labels) is drawn
 * from it, so that every fetch of the page draws the same.
 */
function pageSeed(html: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < html.length; i++) h = Math.imul(h ^ html.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Churns `doc` in place and serves it; `seed` is the page's (pageSeed). */
function churnTree(doc: Document, random: () => number, seed: number): ChurnedPage {
  const counts = noChurn();
  const digits = (s: string): string => s.replace(/\d/g, () => String(Math.floor(random() * 10)));
  const total = textLength(doc);
  // Text and elements in document order, by hand: the random draws follow that order, and walkElements visits no text.
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const t = node.data;
        if (t.trim().length <= 40) {
          const before = t;
          node.data = t
            .replace(RELATIVE_TIME, (_m, n: string, rest: string) => `${Number(n) + 1 + Math.floor(random() * 5)}${rest}`)
            .replace(COUNTER, (_m, n: string, rest: string) => `${digits(n)}${rest}`)
            .replace(LABELLED_COUNTER, (_m, label: string, n: string) => `${label}${digits(n)}`);
          if (node.data !== before) counts.times++;
        }
        continue;
      }
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      // Not JSON-LD: it carries the article's own metadata, which a fetch without an edit does not change.
      if ((el.name === 'script' && !/ld\+json/i.test(el.attribs['type'] ?? '')) || el.name === 'style') {
        for (const c of el.children) {
          if (c.type !== 'text' || !/\d/.test(c.data)) continue;
          c.data = digits(c.data);
          counts.scripts++;
        }
      }
      for (const [name, value] of Object.entries(el.attribs)) {
        let next = value;
        if (name.startsWith('data-')) next = digits(value);
        else if (name === 'src' || name === 'href' || name === 'srcset') next = value.replace(/\?[^\s,]*/g, (q) => digits(q));
        if (next === value) continue;
        el.attribs[name] = next;
        counts.attributes++;
      }
      const names = classAndId(el).split(/\s+/);
      if (el.name !== 'body' && el.name !== 'html' && names.some((n) => ROTATING_BOX.test(n)) && textLength(el) <= total * MAX_BOX_SHARE) {
        rotate(el, random);
        counts.boxes++;
        continue;
      }
      walk(el.children);
    }
  };
  walk(doc.children);
  const story = storyContainer(doc);
  const paragraphs = story === null ? null : paragraphChildren(story);
  insertSlots(doc, paragraphs, random, counts);
  // Its numbers drawn after everything else, so that the rest of the fetch is what it was before widgets came.
  const widget = paragraphs === null ? null : insertLiveWidget(paragraphs, seededRandom(seed), random);
  if (widget !== null) counts.widgets++;
  return { html: getOuterHTML(doc.children, { decodeEntities: false }), counts, widget };
}

function words(random: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(random, WORDS)).join(' ');
}

/** The markups sites use for an ad slot in a story, each with this fetch's ad copy. */
function adSlot(random: () => number): string {
  const copy = words(random, 6 + Math.floor(random() * 8));
  const q = Math.floor(random() * 1e9);
  const slots = [
    `<div class="ad-container"><p class="ad-label">Advertisement</p><a href="https://ads.example/c?id=${q}"><img src="https://ads.example/i.png?${q}">${copy}</a></div>`,
    `<aside class="advert inline-ad"><span>Sponsored</span><p><a href="https://ads.example/c?id=${q}">${copy}</a></p></aside>`,
    `<div id="ad-slot-${q % 7}" class="dfp-ad"><iframe src="https://ads.example/frame?${q}"></iframe><p>${copy}</p></div>`,
  ];
  return pick(random, slots);
}

function relatedBox(random: () => number): string {
  const items = Array.from({ length: 3 }, () => `<li><a href="/story/${Math.floor(random() * 1e6)}">${words(random, 5 + Math.floor(random() * 5))}</a></li>`);
  return `<div class="related-stories"><h3>Related stories</h3><ul>${items.join('')}</ul></div>`;
}

function cookieBanner(random: () => number): string {
  return `<div class="cookie-consent" role="dialog"><p>We use cookies ${words(random, 8)} to improve your experience.</p><button>Accept all</button></div>`;
}

/** A sign-up box inside the story, its pitch tried in variants. No <form>: inside a page that a form wraps (ASP.NET) its end tag would close the page's. */
function newsletterPrompt(random: () => number): string {
  return `<div class="newsletter-signup"><h4>Get the ${words(random, 2)} briefing</h4><p>Sign up for our ${words(random, 3)} newsletter, delivered every morning.</p><div class="signup-fields"><input type="email"><button>Sign up</button></div></div>`;
}

/** A breaking-news bar above the page, naming the latest story. */
function breakingTicker(random: () => number): string {
  return `<div class="breaking-news-bar"><strong>Breaking</strong> <a href="/story/${Math.floor(random() * 1e6)}">${words(random, 7)}</a></div>`;
}

/** Where a site puts a live widget among the story's paragraphs: above the first, after the first, after the middle one, after the last. */
type WidgetSpot = 'top' | 'after-lead' | 'middle' | 'end';

/**
 * A kind of live widget, where sites put it in a story, and the markups they
 * serve it in. A markup draws what the site keeps (a city, a poll's
 * question, the teams) from `fixed`, the page's own random source, and the
 * numbers that move between fetches from `random`, the fetch's; it draws
 * from `fixed` as often whatever `random` gives, so that every fetch keeps
 * the same.
 */
interface LiveWidget {
  kind: string;
  spot: WidgetSpot;
  markups: readonly ((fixed: () => number, random: () => number) => string)[];
}

const CITIES = ['Kyiv', 'Lagos', 'Lima', 'Manila', 'Oslo', 'Nairobi', 'Seoul', 'Toronto'];
const US_CITIES = ['Springfield', 'Denver', 'Phoenix', 'Boston'];
const WEATHER = ['light rain', 'partly cloudy', 'sunny', 'overcast', 'showers', 'cloudy'];
const POLL_QUESTIONS = ['Should the plan go ahead?', 'Do you agree with the decision?', 'Was this the right call?', 'Will it make a difference?'];
const DEADLINES = ['Polls close', 'Voting ends', 'The deadline passes'];
const TEAMS = [['Lakers', 'Celtics'], ['Bulls', 'Knicks'], ['Heat', 'Nets']] as const;
const CLUBS = [['Arsenal', 'Chelsea'], ['Leeds', 'Everton'], ['Celtic', 'Rangers']] as const;

/** A whole number from `lo` to `hi`, both included. */
function between(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** 1201 → "1,201". */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');
const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
const capitalized = (s: string): string => s[0]!.toUpperCase() + s.slice(1);

/** An index's quote with its change, up or down: "Dow 38,121.45 ▲ 0.1%" (arrows) or "DAX 18,011.30 -0.2%" (signs). */
function quote(random: () => number, name: string, lo: number, hi: number, arrows: boolean): string {
  const price = `${grouped(between(random, lo, hi))}.${twoDigits(between(random, 0, 99))}`;
  const up = random() < 0.5;
  const change = `${(random() * 1.5).toFixed(1)}%`;
  return `${name} ${price} ${arrows ? `${up ? '▲' : '▼'} ${change}` : `${up ? '+' : '-'}${change}`}`;
}

/** A poll's shares: "Yes" and "No" adding up to 100, and the votes cast. */
function tally(random: () => number): { yes: number; no: number; votes: string } {
  const yes = between(random, 5, 95);
  return { yes, no: 100 - yes, votes: grouped(between(random, 120, 9800)) };
}

/**
 * The live widgets sites embed in a story, in the shapes stet's extractor
 * is tested on (test/unit/extract/live-widgets.test.ts) and markups sites
 * use for them.
 */
export const LIVE_WIDGETS: readonly LiveWidget[] = [
  {
    kind: 'poll',
    spot: 'middle',
    markups: [
      // No <form>: inside a page that a form wraps (ASP.NET) its end tag would close the page's.
      (fixed, random) => {
        const question = pick(fixed, POLL_QUESTIONS);
        const t = tally(random);
        return `<div class="poll"><h3>${question}</h3><div class="poll-options"><label><input type="radio" name="poll"> Yes</label> <label><input type="radio" name="poll"> No</label><button>Vote</button></div><p>Yes ${t.yes}% · No ${t.no}% · ${t.votes} votes</p></div>`;
      },
      (_fixed, random) => {
        const t = tally(random);
        // A live tally sits in the widget that takes the votes ("Change my vote"); a closed poll's results do not move.
        return `<div class="poll-results"><p>Yes: ${t.yes}%</p><p>No: ${t.no}%</p><p>Total votes: ${t.votes}</p><button>Change my vote</button></div>`;
      },
    ],
  },
  {
    kind: 'weather',
    spot: 'top',
    markups: [
      (fixed, random) => `<p>Now: ${between(random, -5, 34)}°C, ${pick(fixed, WEATHER)}</p>`,
      (fixed, random) => `<div class="weather"><span class="city">${pick(fixed, CITIES)}</span> <span class="temp">${between(random, -5, 34)}°C</span> <span>${capitalized(pick(fixed, WEATHER))}</span></div>`,
      // (named: a place's reading and its weather in a bare paragraph is a heat wave story's list as often)
      (fixed, random) => `<div class="wx-widget"><p>${pick(fixed, US_CITIES)} ${between(random, 20, 95)}°F ${capitalized(pick(fixed, WEATHER))}</p></div>`,
    ],
  },
  {
    kind: 'local clock',
    spot: 'top',
    markups: [
      (fixed, random) => `<p>Local time in ${pick(fixed, CITIES)}: ${twoDigits(between(random, 0, 23))}:${twoDigits(between(random, 0, 59))}</p>`,
      (fixed, random) => `<div class="local-time">Local time in ${pick(fixed, CITIES)}: <time>${twoDigits(between(random, 0, 23))}:${twoDigits(between(random, 0, 59))}</time></div>`,
    ],
  },
  {
    kind: 'audio player',
    spot: 'top',
    markups: [
      (_fixed, random) => `<div class="audio-player"><button>Listen</button><span>${between(random, 2, 11)}:${twoDigits(between(random, 0, 59))}</span></div>`,
      (_fixed, random) => `<p>🎧 Listen to this article (${between(random, 2, 11)}:${twoDigits(between(random, 0, 59))})</p>`,
      (_fixed, random) => `<div class="article-audio"><button aria-label="Play">▶</button> <span>Listen to this article · ${between(random, 2, 11)} min</span></div>`,
    ],
  },
  {
    kind: 'live counter',
    spot: 'top',
    markups: [
      (_fixed, random) => `<p>LIVE · ${between(random, 3, 240)} updates</p>`,
      (_fixed, random) => `<div class="live-bar"><span class="live-badge">LIVE</span> · <span>${between(random, 3, 240)} updates</span></div>`,
      (_fixed, random) => `<div class="new-posts-notice">${between(random, 2, 60)} new posts since you arrived</div>`,
    ],
  },
  {
    kind: 'reactions',
    spot: 'end',
    markups: [
      (_fixed, random) => `<p>👍 ${between(random, 0, 900)} 😂 ${between(random, 0, 200)} 😮 ${between(random, 0, 90)}</p>`,
      (_fixed, random) =>
        `<div class="reactions"><button>👍 <span>${between(random, 0, 900)}</span></button> <button>😂 <span>${between(random, 0, 200)}</span></button> <button>😢 <span>${between(random, 0, 90)}</span></button></div>`,
      (_fixed, random) => `<p class="reacts">${between(random, 0, 900)} 👍 ${between(random, 0, 200)} ❤️ ${between(random, 0, 90)} 😮</p>`,
      (_fixed, random) => `<p class="fb-reactions">Like ${between(random, 0, 900)} Love ${between(random, 0, 200)} Haha ${between(random, 0, 90)}</p>`,
    ],
  },
  {
    kind: 'market strip',
    spot: 'top',
    markups: [
      (_fixed, random) => `<div class="quotes"><span>${quote(random, 'Dow', 36000, 40000, true)}</span> | <span>${quote(random, 'S&amp;P 500', 4800, 5300, true)}</span></div>`,
      (_fixed, random) => `<p>${quote(random, 'Dow', 36000, 40000, true)} | ${quote(random, 'S&amp;P 500', 4800, 5300, true)} | ${quote(random, 'Nasdaq', 15000, 17000, true)}</p>`,
      (_fixed, random) => `<div class="market-strip"><span>${quote(random, 'FTSE 100', 7400, 8000, false)}</span> · <span>${quote(random, 'DAX', 17000, 18500, false)}</span></div>`,
    ],
  },
  {
    kind: 'countdown',
    spot: 'after-lead',
    markups: [
      // Bare, it ticks with its seconds: hours and minutes alone in a paragraph are a heading's ("Ceasefire expires in 2 days 12 hours")
      (fixed, random) => `<p>${pick(fixed, DEADLINES)} in ${plural(between(random, 1, 11), 'hour')} ${plural(between(random, 1, 59), 'minute')} ${plural(between(random, 1, 59), 'second')}</p>`,
      (fixed, random) => `<div class="countdown"><span>${pick(fixed, DEADLINES)} in</span> <span>${plural(between(random, 1, 11), 'hour')} ${plural(between(random, 1, 59), 'minute')}</span></div>`,
    ],
  },
  {
    kind: 'viewers',
    spot: 'top',
    markups: [
      (_fixed, random) => `<p>${grouped(between(random, 20, 4000))} people are watching</p>`,
      (_fixed, random) => `<div class="live-viewers"><span>👁</span> ${grouped(between(random, 20, 4000))} people are watching now</div>`,
    ],
  },
  {
    kind: 'scoreboard',
    spot: 'top',
    markups: [
      (fixed, random) => {
        const [home, away] = pick(fixed, TEAMS);
        return `<div class="scoreboard"><p>${home} ${between(random, 60, 125)} – ${away} ${between(random, 60, 125)} · Q${between(random, 1, 4)} ${between(random, 0, 11)}:${twoDigits(between(random, 0, 59))}</p></div>`;
      },
      (fixed, random) => {
        const [home, away] = pick(fixed, TEAMS);
        return `<div class="scoreboard"><table><tr><td>${home}</td><td>${between(random, 60, 125)}</td></tr><tr><td>${away}</td><td>${between(random, 60, 125)}</td></tr></table><p>Q${between(random, 1, 4)} ${between(random, 0, 11)}:${twoDigits(between(random, 0, 59))}</p></div>`;
      },
      (fixed, random) => {
        const [home, away] = pick(fixed, CLUBS);
        return `<div class="scoreboard"><span>${home}</span> <strong>${between(random, 0, 4)} – ${between(random, 0, 4)}</strong> <span>${away}</span> <span class="match-clock">${between(random, 1, 90)}'</span></div>`;
      },
    ],
  },
];

/** A live widget among the story's paragraphs `ps`: the kind, markup, place and labels the page's `fixed` draws, this fetch's numbers. */
function insertLiveWidget(ps: Element[], fixed: () => number, random: () => number): { kind: string; html: string } {
  const widget = pick(fixed, LIVE_WIDGETS);
  const html = pick(fixed, widget.markups)(fixed, random);
  if (widget.spot === 'top') insertBefore(ps[0]!, html);
  else insertAfter(ps[widget.spot === 'after-lead' ? 0 : widget.spot === 'middle' ? Math.floor(ps.length / 2) : ps.length - 1]!, html);
  return { kind: widget.kind, html };
}

/**
 * The story's container: the element with the most <p> children, at least 4.
 * Of two with as many (five corpus pages have such twins), the later in
 * document order, or the outer where one holds the other, so that the
 * slots land where they always have.
 */
function storyContainer(doc: Document): Element | null {
  let best: Element | null = null;
  let most = 0;
  walkElements(doc, (el) => {
    if (el.type !== 'tag') return false;
    const ps = paragraphChildren(el).length;
    if (ps > most || (ps === most && best !== null && !holds(best, el))) {
      best = el;
      most = ps;
    }
  });
  return most >= 4 ? best : null;
}

function paragraphChildren(el: Element): Element[] {
  return el.children.filter((c): c is Element => c.type === 'tag' && c.name === 'p');
}

function holds(outer: Element, el: Element): boolean {
  for (let p = el.parent; p !== null; p = p.parent) if (p === outer) return true;
  return false;
}

/** The ad, the newsletter prompt and the related box among the story's paragraphs `ps` (if it has a story), the cookie banner and the breaking-news bar atop the body. */
function insertSlots(doc: Document, ps: Element[] | null, random: () => number, counts: ChurnCounts): void {
  if (ps !== null) {
    insertAfter(ps[1]!, adSlot(random));
    insertAfter(ps[2]!, newsletterPrompt(random));
    insertAfter(ps[3]!, relatedBox(random));
    counts.slots += 3;
  }
  const body = findFirst(doc, (el) => el.name === 'body');
  if (body !== null) {
    for (const html of [cookieBanner(random), breakingTicker(random)]) {
      const nodes = parseMarkup(html).children;
      for (const n of nodes.reverse()) prependChild(body, n);
      counts.slots++;
    }
  }
}

function insertAfter(el: Element, html: string): void {
  let at: AnyNode = el;
  for (const n of parseMarkup(html).children) {
    append(at, n);
    at = n;
  }
}

function insertBefore(el: Element, html: string): void {
  for (const n of parseMarkup(html).children) prepend(el, n);
}

/** Other ads, other stories: the box's element children shuffled and every word of its text replaced. */
function rotate(box: Element, random: () => number): void {
  const kids = box.children;
  for (let i = kids.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kids[i], kids[j]] = [kids[j]!, kids[i]!];
  }
  for (let i = 0; i < kids.length; i++) {
    kids[i]!.prev = kids[i - 1] ?? null;
    kids[i]!.next = kids[i + 1] ?? null;
  }
  // By hand, the last node first: the random draws follow this order, and walkElements visits no text.
  const stack: AnyNode[] = [...kids];
  while (stack.length > 0) {
    const n = stack.pop()!;
    // Labels stay ("Advertisement", "Related stories", "Story continues below advertisement"); the items change.
    if (n.type === 'text') {
      if (n.data.trim().split(/\s+/).length > LABEL_WORDS) n.data = n.data.replace(/\p{L}+/gu, () => pick(random, WORDS));
    }
    else if ('children' in n && n.type === 'tag') stack.push(...n.children);
  }
}

/** Characters of text under `root`, each text node trimmed; scripts and styles do not count. */
function textLength(root: ParentNode): number {
  let n = ownTextLength(root);
  walkElements(root, (el) => {
    if (el.type !== 'tag') return false;
    n += ownTextLength(el);
  });
  return n;
}

function ownTextLength(parent: ParentNode): number {
  let n = 0;
  for (const c of parent.children) if (c.type === 'text') n += c.data.trim().length;
  return n;
}
