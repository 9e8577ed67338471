/**
 * A tiny newsroom for the demo and the tests: a real HTTP server on
 * 127.0.0.1 serving one article whose edition can be switched, wrapped in page furniture that
 * changes on every request (a rotating ad, a cache-busting token, a
 * "minutes ago" line) exactly as real news pages do. The story is the seed
 * article in ../shared/seed (Global News, 31 January 2019).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../diff/render.ts';

export interface Edition {
  title: string;
  byline: string;
  published: string;
  modified: string;
  paragraphs: string[];
}

export const ORIGINAL: Edition = {
  title: 'Juan Guaido says Venezuelan opposition has held secret meetings with military officers',
  byline: 'Reuters',
  published: '2019-01-31T00:29:00-05:00',
  modified: '2019-01-31T00:29:00-05:00',
  paragraphs: [
    'Venezuela’s self-proclaimed interim president Juan Guaido says the opposition movement that he leads has met with elements of the military amid efforts to topple President Nicolas Maduro.',
    'In an opinion piece published in the New York Times on Wednesday, the 35-year-old said that he believed most service members agreed that Venezuela is in a desperate situation and requires an urgent change of leader.',
    'Amnesty will be offered to all service members who are not found guilty of human rights violations, he added.',
    'Maduro, whose presidency is no longer recognized by the U.S., Canada and dozens of other countries, has insisted throughout the crisis that he retains the support of the Venezuelan military.',
    'As inflation under Maduro’s presidency hits 1 million per cent, soldiers have seen the value of their salaries plummet and watched their military’s facilities crumble along with much of the country.',
    'Over 4,000 low-ranking officers deserted the military last year, according to official documents seen by Reuters.',
    'Maduro became president in 2013 following the death of his mentor Hugo Chavez.',
  ],
};

/** The 3:13 pm update: a number corrected, a paragraph added. */
export const UPDATE_1: Edition = {
  ...ORIGINAL,
  modified: '2019-01-31T15:13:00-05:00',
  paragraphs: [
    ...ORIGINAL.paragraphs.slice(0, 5),
    'Over 4,500 low-ranking officers deserted the military last year, according to official documents seen by Reuters.',
    'A high-ranking officer, who asked not to be identified, told Reuters that the military leadership remains faithful to Maduro.',
    ...ORIGINAL.paragraphs.slice(6),
  ],
};

/** A later, quieter edit: the headline softened and a paragraph cut, the "Updated" stamp left alone (a stealth edit). */
export const UPDATE_2: Edition = {
  ...UPDATE_1,
  title: 'Guaido says opposition met with Venezuelan military officers',
  paragraphs: UPDATE_1.paragraphs.filter((p) => !p.startsWith('Amnesty')),
};

/** Next morning the "Updated" stamp moves again, but not one word changed: a stamp-only update. */
export const UPDATE_3: Edition = { ...UPDATE_2, modified: '2019-02-01T09:05:00-05:00' };

/** The article's life, in order, as the demo plays it. */
export const EDITIONS: readonly Edition[] = [ORIGINAL, UPDATE_1, UPDATE_2, UPDATE_3];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-01-31T15:13:00-05:00" as the page prints it, in the publisher's own zone: "January 31, 2019 3:13 pm". */
function visibleStamp(iso: string): string {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) ?? [];
  const hour = Number(h);
  return `${MONTHS[Number(mo) - 1]} ${Number(d)}, ${y} ${hour % 12 || 12}:${mi} ${hour < 12 ? 'am' : 'pm'}`;
}

let requestCounter = 0;

export function renderArticlePage(edition: Edition, variant = requestCounter++): string {
  const ads = ['Buy the new Phone X today', 'Holiday deals: 40% off flights', 'Subscribe and save'];
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: edition.title,
    datePublished: edition.published,
    dateModified: edition.modified,
    author: { '@type': 'Organization', name: edition.byline },
  };
  const body = edition.paragraphs
    .map((p, i) => `<p>${escapeHtml(p)}</p>${i === 1 ? `\n<div class="ad-slot" id="ad-${variant}"><span>Advertisement</span><a href="/ad?c=${variant}">${ads[variant % ads.length]}</a></div>` : ''}`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(edition.title)} | Newsroom</title>
<meta property="og:title" content="${escapeHtml(edition.title)}">
<meta property="article:published_time" content="${edition.published}">
<meta property="article:modified_time" content="${edition.modified}">
<script type="application/ld+json">${JSON.stringify(ld)}</script>
<script>window.__token = "${variant}-${Math.random().toString(36).slice(2)}";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<div class="ticker">Markets: updated ${variant % 7 + 1} minutes ago</div></header>
<main><article>
<h1>${escapeHtml(edition.title)}</h1>
<div class="byline">By <span class="author">${escapeHtml(edition.byline)}</span></div>
<p class="dateline"><time datetime="${edition.published}">${visibleStamp(edition.published)}</time>${edition.modified !== edition.published ? ` | Updated: <time datetime="${edition.modified}">${visibleStamp(edition.modified)}</time>` : ''}</p>
${body}
</article>
<aside class="related"><h2>Trending</h2><ul><li><a href="/x${variant}">Story ${variant}</a></li><li><a href="/y">Another story</a></li></ul></aside>
</main>
<footer><p>© Newsroom ${2019 + (variant % 2)}. All rights reserved.</p></footer>
</body></html>`;
}

export interface Newsroom {
  url: string;
  /** The article's address. */
  articleUrl: string;
  edition: Edition;
  /** When set, the article answers with this status (410: the story was pulled) instead of the edition. */
  status: number | null;
  requests: number;
  close(): Promise<void>;
}

/** Serves `/news/venezuela` with whatever `edition` holds at the time of each request, a front page and `/feed.xml` listing it. */
export async function startNewsroom(initial: Edition = ORIGINAL): Promise<Newsroom> {
  const state: { edition: Edition; status: number | null; requests: number } = { edition: initial, status: null, requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests++;
    const path = req.url?.split('?')[0];
    // The newsroom's feed lists its one story (dated when the newsroom opened: it is news), and its front page announces the feed.
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Newsroom</title><link>${url}/</link><item><title>${escapeHtml(state.edition.title)}</title><link>${url}/news/venezuela</link><pubDate>${new Date(openedAt).toUTCString()}</pubDate></item></channel></rss>`);
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><head><title>Newsroom</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>Newsroom</h1><p><a href="/news/venezuela">${escapeHtml(state.edition.title)}</a></p></body></html>`);
      return;
    }
    if (path !== '/news/venezuela') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (state.status !== null) {
      res.writeHead(state.status, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>This story is no longer available</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(renderArticlePage(state.edition));
  });
  const openedAt = Date.now();
  let url = '';
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    articleUrl: `${url}/news/venezuela`,
    get edition() {
      return state.edition;
    },
    set edition(e: Edition) {
      state.edition = e;
    },
    get status() {
      return state.status;
    },
    set status(s: number | null) {
      state.status = s;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
