/**
 * Text normalisation and in-body furniture rules.
 *
 * A paragraph stet stores must be stable across fetches of the same article:
 * the same text must give the same bytes. So every paragraph is NFC-normalised
 * (Unicode UAX #15), invisible format characters are removed, and all runs of
 * white space (including NBSP and the other Unicode spaces) become one ASCII
 * space.
 *
 * Furniture is text that sits inside the article container but is not part of
 * the article: "Story continues below", "READ MORE: …", "WATCH: …",
 * newsletter and share prompts, ad labels. The rules below are deliberately
 * general (no per-site selectors); each one names what it matches and is
 * covered by a case in test/unit/extract/normalize.test.ts.
 */

import { CJK_RELATIVE_DAYS, isStampLine, isStampWordsWithDay, parseHumanDate } from './dates.ts';

/**
 * Invisible characters that publishers sprinkle into text (soft hyphens,
 * zero-width spaces, word joiners, BOMs) and control characters that have
 * no place in prose (C0 and C1 controls, noncharacters). Not the zero-width
 * joiner and non-joiner (U+200D, U+200C): they spell (Persian می‌خواهم,
 * Devanagari conjuncts) and join emoji (👨‍👩‍👧), so dropping them changed
 * the text a reader sees (user test).
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF\u180E\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/g;
/** Any white space, including NBSP (U+00A0) and the U+2000 block. */
const SPACES = /[\s\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

export function normalizeText(text: string): string {
  let t = text;
  // Skip NFC when the string is printable ASCII: NFC is the identity there and it is the hot path.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0009-\u000D\u0020-\u007E]/.test(t)) t = t.normalize('NFC').replace(INVISIBLE, '');
  return t.replace(SPACES, ' ').trim();
}

/**
 * Furniture rules. Each entry: a name (for docs and tests) and a test on the
 * whole, normalised paragraph. They match only short paragraphs, so a real
 * sentence that happens to start with "Watch" is kept.
 */
interface FurnitureRule {
  name: string;
  test: (p: string, lower: string) => boolean;
}

/** A label and its separator; a dash only spaced ("WATCH - …", "Read more — …"), not a compound word ("Subscribe-and-save programs…"). */
const PROMPT_PREFIX =
  /^(?:read|see|watch|listen|related|more|also read|also see|read more|see also|more on this|more from|recommended|related articles?|related stories|related coverage|related content|trending|most read|most popular|top stories|don['’]t miss|do not miss|click here|sign up|subscribe|advertisement|sponsored|video|photos?|gallery|audio|podcast|live|latest)(?:\s*[:|»›>]|\s+[-–—]|[–—]\s|\s*\.\.\.|\s*…)\s*/i;

/** "Story continues below", "Article continues after advertisement", "Continue reading": the page says its text goes on after an insert. */
export function isContinuationMarker(lower: string): boolean {
  return (
    lower.length <= 80 &&
    (/^(?:the )?(?:story|article|text|content|report|post)s? continues? (?:below|after|under|beneath)/.test(lower) || /^continue reading(?: below| after .*| the (?:article|story))?\W*$/.test(lower))
  );
}

/** A standalone ad label: "Advertisement", "ADVERTISEMENT", "Anzeige", "Publicité", "Sponsored content", "Ad". */
export function isAdLabel(lower: string): boolean {
  return /^(?:advertisement|advertising|advertisements|advert|adverts|ad|ads|publicidade|reklama|sponsored|sponsored content|paid content|promoted content|anzeige|publicité|publicidad|pubblicità|reklame|werbung)\s*[:.]?\s*(?:\d{1,4}\s*)?(?:- (?:scroll|story) continues?.*)?$/.test(
    lower,
  );
}

/** A reading time ("5 min read", "3-minute read", "4 min de lecture"): changes with every edit, never the article's text. */
const READING_TIME = String.raw`\d+\s*(?:-|–)?\s*min(?:ute)?s?\.?\s+(?:read|reading time|de lecture|lesezeit|de lectura)|(?:temps de lecture|lecture\s(?=:)|reading time|lesezeit|lesedauer|tiempo de lectura)\s*:?\s*\d+\s*min(?:ute[sn]?)?\.?`;
const READING_TIME_LINE = new RegExp(`^${READING_TIME}\\W*$`);

export const FURNITURE_RULES: readonly FurnitureRule[] = [
  {
    name: 'continuation marker ("Story continues below", "Article continues after advertisement")',
    test: (_p, l) => isContinuationMarker(l),
  },
  {
    name: 'ad label ("Advertisement", "ADVERTISEMENT", "Sponsored content", "Ad")',
    test: (_p, l) => isAdLabel(l),
  },
  {
    name: 'cross-promotion prompt ("READ MORE: …", "WATCH: …", "Related: …") of headline length',
    test: (p) => {
      const m = PROMPT_PREFIX.exec(p);
      if (m === null || m[0].trim().length === 0) return false;
      // A real sentence continues well past a headline; a prompt is a label plus one headline.
      const rest = p.slice(m[0].length);
      return rest.length <= 160 && !/[.!?]["”’]?\s+\S+.*[.!?]/.test(rest);
    },
  },
  {
    name: 'capitalised promo label without punctuation ("DON\'T MISS Plague warning: … [WARNING] … [INSIGHT]")',
    test: (p) => p.length <= 400 && /^(?:DON[’']?T MISS|READ MORE|MORE TO READ|RELATED|WATCH|TRENDING|LATEST)\b(?![’'])/.test(p) && !/[a-z]/.test(p.slice(0, 12)),
  },
  {
    name: 'newsletter prompt ("Sign up for our newsletter", "Get the … newsletter delivered")',
    test: (_p, l) =>
      l.length <= 220 &&
      /\b(?:sign up|signup|subscribe|register|get|receive|delivered|suscr[ií]b\w*|abonn\w*|iscriviti|inscreva\w*|melden sie sich)\b.{0,80}\b(?:newsletters?|inbox|e-?mail (?:alerts?|updates)|briefing|daily digest|bolet[ií]n)\b/.test(
        l,
      ) &&
      // not a sentence that reports someone's words ("Subscribe to the council's newsletter, officials urged residents, …")
      !/\b(?:said|says|urged|told|according to|officials|spokes(?:man|woman|person))\b/.test(l),
  },
  {
    name: 'share prompt ("Share this article", "Share on Facebook", "Click to share")',
    test: (_p, l) =>
      l.length <= 120 &&
      /^(?:share|tweet|email|e-mail|print|copy link|pin|whatsapp|facebook|twitter|linkedin|reddit)(?:\s+(?:this|the|on|via|to|article|story|page|link|facebook|twitter|x|linkedin|whatsapp|email|reddit))*\b[\s:!.]*$|^click to (?:share|email|print)|^share (?:this|the) (?:article|story|page)/.test(
        l,
      ),
  },
  {
    name: 'follow prompt ("Follow us on Twitter", "Like us on Facebook")',
    test: (_p, l) =>
      l.length <= 160 &&
      (/^(?:follow|like|join) (?:us|me|@\w+|\w+ \w+ on)\b.{0,60}\b(?:twitter|facebook|instagram|x|linkedin|tiktok|threads|mastodon|bluesky|youtube|telegram)\b/.test(l) ||
        /\bsubscribe (?:to (?:us|our channel) )?on youtube\b/.test(l)),
  },
  {
    name: 'media/consent placeholder ("This content is not available", "Enable JavaScript", "Loading…")',
    test: (_p, l) =>
      l.length <= 200 &&
      (/^(?:loading|please wait)\W*$/.test(l) ||
        /(?:enable|turn on|activate) javascript|requires javascript|your browser does not support|this (?:content|video|embed|element) (?:is not available|cannot be displayed|could not be loaded)|to view this (?:content|video)/.test(
          l,
        )),
  },
  {
    name: 'paywall prompt ("Subscribe to continue reading", "Already a subscriber? Log in")',
    test: (_p, l) =>
      l.length <= 160 &&
      /^(?:subscribe|sign in|log in|register) to (?:continue|keep) reading|^(?:to )?continue reading,? (?:subscribe|sign in|log in)|^already (?:a subscriber|have an account|registered)\?|^this (?:article|story|content) is (?:for|only available to) (?:subscribers|members)/.test(l),
  },
  {
    name: 'post footer ("Posted by Jane at 9:11 PM", "Eingestellt von der Michel um 21:11")',
    test: (_p, l) => l.length <= 100 && /^(?:posted|eingestellt|publié|publicado|pubblicato|geplaatst) (?:by|von|par|por|da|door) .{1,50} (?:at|um|à|a las|alle|om) \d{1,2}[:.h]\d{2}/.test(l),
  },
  {
    name: 'recommendation heading ("You may also like", "Recommended for you", "More from our network")',
    test: (_p, l) =>
      l.length <= 60 && RECOMMENDATION_HEADING.test(l),
  },
  {
    name: 'comments heading ("Comments", "12 comments", "Leave a reply")',
    test: (_p, l) => l.length <= 40 && /^(?:\d+\s+)?(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?|commenti)\W*$|^(?:leave|post|add) a (?:comment|reply)\W*$|^about the author\W*$/.test(l),
  },
  {
    name: 'source line ("SOURCE: News agencies", "Source: Al Jazeera News")',
    test: (_p, l) => l.length <= 60 && /^(?:source|sources|quelle|fuente|fonte)\s*:\s*\S/.test(l),
  },
  {
    name: 'post meta line ("05/10/2018 - Posted by: Jane - Category: Health - Tags: …")',
    test: (_p, l) =>
      l.length <= 250 &&
      (l.match(/\b(?:posted by|published by|publicado por|publié par|veröffentlicht von|categor(?:y|ia|ie|ies|ías)|kategorie|tags?|schlagworte|filed under)\s*:?/g) ?? []).length >= 2,
  },
  {
    name: 'date line on its own ("20 Nov 2019 08:00 GMT", "Updated: March 3, 2020", "Aktualisiert am 29.11.2026, 10:02 Uhr", "2026年11月29日 10:02")',
    test: (p, l) => {
      // Nothing but stamps (labels, dates, times, zones, weekdays; dates.ts isStampLine), two of them if need be,
      // and a reading time beside them ("Updated Nov 30, 9:10 a.m. · 4 min read": a review found it kept, and a
      // stamp that moved alone made a version).
      if (isStampLine(p)) return true;
      const parts = p.split(/\s*[·|•｜]\s*/);
      if (parts.length > 1 && parts.every((part) => isStampLine(part) || READING_TIME_LINE.test(part.toLowerCase())) && parts.some((part) => isStampLine(part))) return true;
      if (l.length > 48 || parseHumanDate(p) === null) return false;
      // Besides the date, at most one word ("Updated", a weekday): "— PFF CLE Browns (@PFF_Browns) November 15, 2019" is a tweet's attribution.
      const words = l.replace(MONTH_WORDS, ' ').replace(/[^\p{L}]+/gu, ' ').trim().split(' ').filter((w) => w.length > 3);
      return words.length <= 1;
    },
  },
  {
    name: 'relative time, reading time or counter that changes on every fetch ("Updated 3 hours ago", "2h ago", "5 min read", "1,204 views")',
    test: (_p, l) => isTickerLine(l),
  },
  {
    // Not in a table's cell (isVolatileText), where "5m" is a height and "3h" a time.
    name: 'compact relative time alone ("3h", "5m", "2d")',
    test: (_p, l) => /^\d{1,3}\s*(?:s|m|h|d|w|mins?|hrs?)$/.test(l),
  },
  {
    name: 'meta bar carrying a counter or a relative time ("By Sam Carter · Published 2024-05-01 · 3 minutes ago · 41 comments", "Sam Carter - 3 hours ago")',
    test: (p) => isMetaBar(p),
  },
  {
    name: 'interface label on its own ("Skip to content", "LEARN MORE", "Load more")',
    test: (_p, l) =>
      l.length <= 30 &&
      /^(?:skip to (?:main )?(?:content|navigation|article)|(?:learn|read|see|show|load|view) more|back to top|print this (?:page|article)|close|menu|filed under|video|audio|photos?|gallery|podcast|(?:staff|senior|contributing) writer|(?:staff )?reporter|correspondent|contributor)\W*$/.test(l),
  },
  {
    name: 'author bio line ("Kaveh Waddell is a former staff writer at The Atlantic.", "Mark di Stefano is a breaking news reporter for BuzzFeed News")',
    test: (p) =>
      p.length <= 220 &&
      /^\p{Lu}[\p{L}.'’-]+(?: (?:(?:di|de|da|del|della|van|von|der|den|la|le|du|bin|al|el|ter) ){0,2}\p{Lu}[\p{L}.'’-]+){1,3} (?:is|was) (?:a|an|the) (?:[\p{Ll}-]+ ){0,3}(?:writer|reporter|editor|correspondent|columnist|contributor|journalist)s? (?:at|for|with|of) (?:the )?\p{Lu}/u.test(p),
  },
  {
    name: 'reader feedback and support prompts ("Was this article helpful?", "Submit a letter to the editor", "Support our journalism")',
    test: (_p, l) =>
      l.length <= 400 &&
      (/^was this (?:article|story|page|post) (?:helpful|useful)\W*$|^(?:awesome|great|thanks)[,!]? share it\W*$/.test(l) ||
        /we want to hear what you think|submit a letter to the editor|send us a letter|support (?:our|independent|quality) journalism|help us keep (?:this|our) (?:journalism|reporting)/.test(l) ||
        /^this (?:article|story|page) is (?:more than|over) \w+ (?:years?|months?) old\W*$/.test(l)),
  },
  {
    name: 'raw URLs ("http://…/KakaoTalk_2018.jpg 540 960 jdadmin http://…")',
    test: (p) => {
      const urls = p.match(/\bhttps?:\/\/\S+/g);
      if (urls === null || urls.join('').length < p.length * 0.4) return false;
      // a sentence around an address is text ("Details of the scheme … are at https://… for residents to read.", a QA pass),
      // eight words or more ("Reach the reporters on Twitter at http://… and http://…", a contact line of seven, goes)
      return (p.replace(/\bhttps?:\/\/\S+/g, ' ').match(/\p{L}{2,}/gu)?.length ?? 0) < 8;
    },
  },
  {
    name: 'rights notice ("All rights reserved.", "This document is subject to copyright…", "This material may not be published, broadcast, rewritten or redistributed")',
    test: (_p, l) => l.length <= 300 && isRightsNotice(l),
  },
  {
    name: 'leaked CMS shortcode ("[button link=…]Send us your review[/button]")',
    test: (p) => /^\[(\w+)\b[^\]]*\].*\[\/\1\]$/.test(p),
  },
  {
    name: 'caption left in the text, ending in its credit ("A 14th century plague doctor (Image: GETTY)")',
    test: (_p, l) => l.length <= 200 && /\((?:image|images|picture|pic|photo|photograph|foto|bild|credit)s?\s*:\s*[^)]{2,60}\)$/.test(l),
  },
  {
    name: 'copyright line ("© 2019 Globe News, a division of …", "Copyright 2019 The Associated Press.", "Copyright The Associated Press 2019")',
    test: (p, l) =>
      l.length <= 200 &&
      (/^©\s*(?:\d{4}|\p{L})/u.test(l) ||
        // "(c)" with a year or a name ("(c) Wiley-VCH"): "(c) the right to appeal" is the third item of a list
        /^\(c\)\s*(?:\d{4}|copyright)/.test(l) ||
        /^\(c\)\s*\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3}$/u.test(p) ||
        /^copyright\s*(?:©|\(c\))/.test(l) ||
        // "Copyright 2019 The Associated Press", not "Copyright 2025 filings show the studio registered…" (a sentence)
        (/^copyright\s*(?:\d{4}|by\b)/.test(l) && (!isSentence(p) || /^copyright\s*\d{4}\s+[^.]{1,40}\.(?:\s|$)/.test(l))) ||
        // "Copyright The Associated Press 2019", "copyright Inexhibit 2019 - ISSN: …", not "Copyright lawyers for the city said…"
        (l.length <= 100 && /^copyright\b/.test(l) && /\b(?:19|20)\d\d\b/.test(l) && !isSentence(p))),
  },
  {
    name: 'audio prompt and player ("Listen to this article · 4 min", "🎧 Listen to this story (4:12)", "Listen · 4:12", "0:00 / 4:31")',
    test: (_p, l) => l.length <= 80 && AUDIO_PROMPT.test(l),
  },
  {
    name: 'comments prompt ("Join the conversation (41)", "Join the discussion · 41 comments")',
    test: (_p, l) => l.length <= 80 && /^(?:join|start|enter) the (?:conversation|discussion|debate)(?:\s*[·|•:(-]?\s*\(?[\d.,]*\d[km]?\)?(?:\s+comments?)?)?\W*$/.test(l),
  },
  {
    name: 'weather box line ("Now: 12°C, partly cloudy", "Springfield 51°F Sunny")',
    test: (p, l) => l.length <= 80 && isWeatherLine(p, l),
  },
  {
    name: 'market quotes ("Dow 38,121.45 ▲ 0.1% | S&P 500 5,011.20 ▼ 0.1%", "BTC $61,210 (+2.1%) · ETH $3,410 (-0.5%)")',
    test: (p) => p.length <= 260 && isMarketQuotesLine(p),
  },
  {
    name: 'image credit line on its own ("Photo: Jane Doe/Reuters", "Image copyright Getty Images")',
    test: (_p, l) =>
      l.length <= 90 && /^(?:photo|image|picture|credit|photograph|foto|bild|illustration)(?: copyright)?\s*(?::|by|copyright|©)\s*\S/.test(l),
  },
];

/**
 * A weather box's line: the temperature now ("Now: 12°C, light rain",
 * "Currently 51°F, partly cloudy", "Feels like 9°C", "Now 12°C · High 14°
 * Low 6°"), with nothing else but a place's name. Only with "now": a
 * place's reading and its weather ("Seville 46°C, sunny", "Fair Isle 9°C")
 * is a heat wave or storm story's list as often as a widget's line (a
 * widget goes by its box's name, article.ts isLiveWidget); a forecast
 * ("Monday: Sunny, high 24°C") has no "now". Not a sentence.
 */
function isWeatherLine(p: string, l: string): boolean {
  if (!/[°℃℉]/.test(l) || isSentence(p) || !/\b(?:now|currently|feels like)\b/.test(l)) return false;
  const left = p.replace(TEMPERATURE, ' ').replace(WEATHER_WORDS, ' ').replace(/[\s,;:()|·•/-]+/g, ' ').trim();
  return left === '' || isNameLike(left);
}

const TEMPERATURE = /[-−]?\d{1,3}(?:[.,]\d)?\s*(?:°(?:\s*[cf]\b)?|℃|℉)|[°℃℉]/gi;
const WEATHER_WORDS =
  /\b(?:(?:mostly|partly) (?:cloudy|sunny)|cloudy|sunny|clear|fair|overcast|(?:light |heavy )?(?:rain|showers|drizzle|snow|sleet)|thunderstorms?|fog|foggy|mist|haze|hazy|windy|breezy|humid|feels like|now|currently|today|high|low|hi|lo|h|l)\b/gi;

/** An article's audio: a prompt that ends its line, maybe with the duration ("Listen to this article · 4 min", "Listen · 4:12"), or a player at its start and its length ("0:00 / 4:31"; not a timetable's "07:15 / 08:05"). */
const AUDIO_PROMPT =
  /^\W*(?:(?:listen(?: to (?:this |the )?(?:article|story|report|piece|post))?|listen now|hear this (?:article|story)|audio version|(?:artikel|beitrag) (?:vor)?anhören|écouter (?:cet |l['’])article|escuchar (?:este |el )?(?:artículo|noticia)|ascolta(?: l['’]articolo)?|ouvir (?:este |o )?artigo)(?:\s*[·|•:(-]?\s*(?:0?0:00\s*\/\s*\d{1,2}:\d{2}|\d{1,2}:\d{2}|\d+\s*min\w*)\)?)?|0?0:00\s*\/\s*\d{1,2}:\d{2}(?::\d{2})?)\W*$/;

/**
 * Quotes of a market strip, two or more: a name ("Dow", "S&P 500", "FTSE
 * 100", "EUR/USD") and a price with decimals (not a thousands group:
 * "Labour 12,204 (+3.1%)" is a result), or a ticker ("BTC") and a price in a
 * currency ("$61,210"; "London £534,000" is a house price), and a change
 * (an arrow, or a percentage), and nothing else on the line. A market
 * report's figures come in sentences ("The Dow rose 0.1% to 38,121.45"); a
 * seat count ("Labour 412 (+211)") or a results line ("Revenue 4,210
 * (+12%)") has no price. Read one quote at a time (sticky), so a line
 * that is not one fails in linear time: one pattern for the whole line
 * backtracked exponentially on "A 1 +1 A 1 +1 …!" (a review).
 */
const QUOTE_AT = new RegExp(
  String.raw`(?:\p{Lu}[\p{L}&./]*(?: (?:\p{Lu}[\p{L}&./]*|\d{2,4}))?:? +[$€£¥]?\d[\d.,]*[.,](?:\d{1,2}|\d{4,})(?!\d)|[A-Z]{2,5}(?:\/[A-Z]{2,5})?:? +[$€£¥] ?\d[\d.,]*)(?: +\(?(?:[▲▼△▽↑↓⬆⬇] ?[+\-−]? ?[$€£]?[\d.,]*\d ?%?|[+\-−]? ?[\d.,]*\d ?%)\)?){1,2}(?: *[|·•,;—–/] *| +|$)`,
  'uy',
);

function isMarketQuotesLine(p: string): boolean {
  let quotes = 0;
  for (let at = 0; at < p.length; quotes++) {
    QUOTE_AT.lastIndex = at;
    if (QUOTE_AT.exec(p) === null || QUOTE_AT.lastIndex === at) return false;
    at = QUOTE_AT.lastIndex;
  }
  // one quote is enough with a ticker's arrow ("FTSE 100 7,086.97 ▲0.89%"): a report's sentence has none
  return quotes >= 2 || (quotes === 1 && /[▲▼△▽↑↓⬆⬇]/.test(p));
}

/**
 * A countdown that ticks, ending its line without a full stop: seconds
 * among its units, after something that closes, ends, starts or opens "in"
 * ("Polls close in 3 hours 11 minutes 5 seconds") or before "left",
 * "remaining" or "to go"; or any two units after a countdown's label
 * ("Time left: 2d 4h", "Countdown: 3 days 4 hours"). Hours and minutes
 * alone are a heading's ("Ceasefire expires in 2 days 12 hours"), which the
 * newsroom rewrites; a widget goes by its box's name (article.ts
 * isLiveWidget). Not a time taken ("She finished the race in 2 hours 31
 * minutes.").
 */
const UNIT = String.raw`\d+\s*(?:days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b`;
const UNITS = String.raw`${UNIT}(?:\s*,?\s*(?:and\s+)?${UNIT})+`;
const TICKING = String.raw`(?=[^.]*\d\s*(?:seconds?|secs?|s)\b)${UNITS}`;
const COUNTDOWN_LINE = new RegExp(
  String.raw`^(?:[a-z' ]{0,30}\b(?:closes?|ends?|starts?|opens?|begins?|launch(?:es)?|kicks? off|expires?|pass(?:es)?|runs? out|is due|goes live)\s+in\s+${TICKING}|(?:countdown|time left|time remaining)\s*:?\s*${UNITS}|${TICKING}\s+(?:left|remaining|to go))[^.\w]*$`,
);

const LEADING_ICONS = /^(?:\p{Extended_Pictographic}\uFE0F?\s*)+/u;

/** A line that is a relative time, a reading time or a counter, which changes on every fetch ("Updated 3 hours ago", "2h ago", "5 min read", "1,204 views"); `l` is lower-cased. */
function isTickerLine(line: string): boolean {
  // An icon in front says what the number counts ("👁 393 people are watching now", "🕒 3 hours ago").
  const l = line.replace(LEADING_ICONS, '');
  return (
    l.length <= 60 &&
    // (compound durations, "3 hours, 5 minutes ago", and a relative day with its time, "Yesterday at 3:10 pm", are meta bars: VOLATILE_META)
    (/^(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:\d+|an?|one|a few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\W*$/.test(l) ||
      // the compact form ("2h ago", "5m ago", "3d ago", "1w ago")
      /^(?:(?:updated|published|posted|last updated)\s*:?\s*)?\d+\s*(?:s|m|h|d|w|mo|y)\s+ago\W*$/.test(l) ||
      /^(?:updated |posted )?(?:just now|yesterday|today|moments ago)\W*$/.test(l) ||
      READING_TIME_LINE.test(l) ||
      /^(?:reading time|lesezeit|temps de lecture)\s*:?\s*\d+\s*min\w*\W*$/.test(l) ||
      /^[\d.,\s]+[km]?\s+(?:views?|reads?|shares?|likes?|aufrufe|vues)\W*$/.test(l) ||
      // a live page's counters ("LIVE · 23 updates" is a meta bar; "23 updates", "12 new posts since you arrived")
      /^[\d.,]*\d\s+(?:new\s+(?:updates?|posts?|entries)|updates|neue (?:beiträge|einträge|meldungen)|nouveaux (?:messages|posts|billets)|nuevas (?:entradas|publicaciones|actualizaciones))(?:\s+(?:since|seit|depuis|desde)\s+.{1,30})?\W*$/.test(l) ||
      // a countdown that ticks ("Polls close in 3 hours 11 minutes 5 seconds", "Time left: 2d 4h"): COUNTDOWN_LINE
      COUNTDOWN_LINE.test(l) ||
      // a view counter written out ("This article has been viewed 1,234 times", "Read 1,234 times", "1,234 people are reading this now")
      /^(?:this (?:article|story|post|page) has been )?(?:viewed|read|shared)\s+[\d.,]*\d\s*[km]?\s+times\W*$/.test(l) ||
      // viewers and readers now ("121 people are watching", "Watch live: 1.2K watching", "84 readers right now", "Join 1,204 others reading")
      (/^(?:(?:live|watch live|now)\s*[:·|-]?\s*)?(?:join\s+)?[\d.,]*\d\s*[km]?(?:\s+(?:people|readers|others|viewers|users)(?: online)?(?: are)?)?(?:\s+(?:reading|viewing|watching|read|viewed|online))?(?:\s+(?:this|now|right now|today|article|story|page|live))*\W*$/.test(l) &&
        /\b(?:reading|viewing|watching|read|viewed|online|now|today)\b/.test(l)) ||
      // a paywall's meter ("You have 3 free articles left this month")
      /^(?:you have )?\d+ (?:free )?(?:articles?|stories|reads) (?:left|remaining)(?: this month| this week)?\W*$/.test(l) ||
      /^(?:просмотров|просмотры|комментариев|aufrufe|vues|visualizaciones|visualizações|wyświetleń|updates)\s*:?\s*[\d\s.,]*\d\W*$/.test(l) ||
      // a labelled time without a date ("Updated 10:02 GMT", "Published 09:00 GMT | Updated 10:02 GMT", "Updated Sunday, 10:02 AM"): it moves when the stamp does
      TIME_STAMP_LINE.test(l))
  );
}

/** A sentence, however short: it ends as one and has six words or more ("Published May 1, 2024." is a stamp). */
export function isSentence(p: string): boolean {
  return /[.!?]["”’)]*$/.test(p) && p.split(/\s+/).length >= 6;
}

/**
 * A notice about the page's own rights, not a report about someone's: it
 * ends "All rights reserved", says this material (article, content…) is
 * subject to copyright or may not be published, or opens "No part of this
 * …". Court and copyright reporting uses the same words about other things
 * ("the footage may not be broadcast or published in Britain", "all rights
 * reserved for the estate would pass…", "the songs cannot be reproduced").
 */
function isRightsNotice(l: string): boolean {
  if (/all rights reserved\W*$/.test(l)) return true;
  // a copyright mark with the reservation or a prohibition ("All content copyright 2024 …, all rights reserved.",
  // "Copyright 2024 The Associated Press. This material may not be published…")
  if (/(?:©|\(c\)|\bcopyright\b)/.test(l) && (/all rights reserved/.test(l) || (/^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))/.test(l) && RIGHTS_PROHIBITION.test(l)))) return true;
  // Reported, it is the story's ("The video may not be broadcast or published until the trial ends, the judge said.").
  if (REPORTED.test(l)) return false;
  if (/\bno part of (?:this|the) /.test(l) && rightsTerms(l) >= 2) return true;
  // the page's own material as the subject ("This material…", "The contents of this website are…", "Material from this site…")
  return (
    RIGHTS_SUBJECT.test(l) &&
    (RIGHTS_PROHIBITION.test(l) || /subject to copyright|protected by copyright/.test(l)) &&
    rightsTerms(l) >= 2
  );
}

/**
 * How many of a rights notice's terms a line holds: "This material may not
 * be published, broadcast, rewritten or redistributed" holds five, "No
 * part of this publication may be reproduced without prior written
 * permission" three; a sentence of the story holds one at most ("the
 * results could not be reproduced", "names may not be published until the
 * trial", "without prior permission from a judge").
 */
function rightsTerms(l: string): number {
  let n = 0;
  for (const term of RIGHTS_TERMS) if (term.test(l)) n++;
  return n;
}

/** Someone's words, reported: a notice speaks for itself. */
const REPORTED = /\b(?:said|says|say|told|according to|ruled|ordered|argued|wrote|added|warned|claimed|stated|states|directed|under an order)\b/;

/**
 * The page's own material as a notice's subject ("This material…", "All content…", "The contents of this website
 * are…", "Material from this site…"); not "The video…" or "The images…", which a court story's sentences open with.
 */
const RIGHTS_SUBJECT =
  /^(?:(?:(?:this|all|any|our) )?(?:material|article|content|contents|document|publication|website|site|page|story|report|broadcast|text|video|photos?|images?)s?|(?:the )?(?:material|content|contents|text|articles?|photos?|images?) (?:of|on|from|in) (?:this|our|the) (?:site|website|page|publication|newspaper|article|story)) (?:is|are|may|must|shall|cannot|can)\b/;

/** What makes those terms a notice rather than news ("The report was published on Monday and broadcast…"): a prohibition. */
const RIGHTS_PROHIBITION = /\b(?:may|must|shall|can) not be\b|\bcannot be\b|\bwithout (?:the )?(?:express )?(?:prior )?(?:written )?permission\b|\bno part of\b/;

const RIGHTS_TERMS = [
  /copyright|©/,
  /\bprotected\b/,
  /\b(?:re)?published\b/,
  /\bbroadcast\b/,
  /\brewritten\b/,
  /\bredistributed\b/,
  /\breproduced\b/,
  /\bwithout (?:the )?(?:express )?(?:written|prior) (?:written )?permission\b/,
  /\bthis (?:material|article|content|document|publication|website|site)\b/,
];

const TIME_STAMP = String.raw`(?:published|updated|last updated|posted|modified|(?:local time|ortszeit|heure locale|hora local|ora locale)(?: (?:in |à |en |a )?(?:(?!(?:at|when|as|during|of|on|als|quand|cuando)\b)[^\s:\d]+ ?){1,2})?)(?:\s+(?:at|on))?\s*:?\s*(?:(?:mon|tues?|wed|thu|thur|fri|sat|sun)\w*,?\s*)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|et|est|edt|ct|cst|cdt|pt|pst|pdt))?`;
const TIME_STAMP_LINE = new RegExp(`^${TIME_STAMP}(?:\\s*[|·•,]\\s*${TIME_STAMP})?\\W*$`);

/**
 * What a data table's cell is left out of its row for (article.ts
 * joinCells): text that changes on every fetch, alone ("3 hours ago", "41
 * comments") or as a meta bar. Not the label rules: "Share" or "Video"
 * heading a column is the table's text.
 */
export function isVolatileText(text: string): boolean {
  return isTickerLine(text.toLowerCase()) || isMetaBar(text);
}

/**
 * A day named relative to today (English, German, Spanish, Italian,
 * Portuguese, Dutch), and the words between it and a time ("Yesterday at
 * 3:10 pm", "heute um 10:02"); shared with byline.ts, which cuts them off a
 * name. French "hier" and "aujourd'hui" are apart (FRENCH_RELATIVE_DAY).
 */
export const RELATIVE_DAY = String.raw`(?:today|yesterday|heute|gestern|hoy|ayer|oggi|ieri|hoje|ontem|vandaag|gisteren)`;
/** French "hier" and "aujourd’hui" (either apostrophe): a day only with a time ("hier" is German "here", and alone they head a timeline). */
export const FRENCH_RELATIVE_DAY = String.raw`(?:hier|aujourd['’]hui)`;
export const AT_TIME = String.raw`(?:at|um|à|a las|a la|alle|às|om)`;

/**
 * What changes on every fetch inside a meta bar: a relative time of
 * seconds, minutes, hours or days ("3 minutes ago", "2h ago", "3 mins.
 * ago", "vor 3 Minuten", "il y a 3 heures", "hace 3 horas", "3 小时前",
 * "just now") or a counter ("41 comments", "10,031 views", "Comments
 * (41)", "Views: 41", "💬 41", "瀏覽7", "评论：41", "조회수 41"). Not "3 years ago": an anniversary or a
 * timeline entry ("Jan 6, 2021 (3 years ago)") changes once a year, if at
 * all, and is the article's text.
 */
/** A reaction's count before its icon ("13 👍"). */
const REACTION_COUNT_FIRST = String.raw`[\d.,]*\d[km]?\s*(?:💬|👁️?|❤️?|♥️?|👍|👎|😂|😆|😮|😲|😢|😭|😡|😠|👏|💯|🤔|😍|🥰|🙏|🤯|😄|😀)\uFE0F?`;

const VOLATILE_META = new RegExp(
  [
    // one unit or several ("3 hours, 5 minutes ago", "1 hour and 5 minutes ago")
    String.raw`\b(?:\d+|an?|one|a few)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?)\.?(?:,?\s+(?:and\s+)?\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\.?)*\s+ago\b`,
    String.raw`\b\d+\s*(?:s|secs?|m|mins?|h|hrs?|d)\.?\s+ago\b`,
    String.raw`\b(?:just now|moments ago)\b`,
    // a day named relative to today, with its time ("Yesterday at 3:10 pm", "heute, 10:02 Uhr", "hier à 10h02", "ayer a las 10:02"):
    // it reads "yesterday" tomorrow and a date the day after
    String.raw`\b${RELATIVE_DAY}\b,?(?:\s*${AT_TIME}?\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|uhr))?)?`,
    // French "hier" and "aujourd'hui" (either apostrophe: the straight one alone was taken for a meta bar while the
    // curly one stayed) count only with a time: alone, a timeline's heading ("hier" is German "here")
    String.raw`\b(?:hier(?: (?:soir|matin))?|aujourd['’]hui|ce (?:matin|soir)|cet après-midi),?\s*(?:à\s*)?\d{1,2}\s?[:h]\s?\d{2}`,
    // English parts of a day with their time ("This morning at 8:15 am", "Last night at 10:45 pm"): tomorrow another day's
    String.raw`\b(?:this (?:morning|afternoon|evening)|last night),?\s*(?:at\s*)?(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?\s?m\b\.?|\d{1,2}[:.]\d{2})`,
    // Chinese and Japanese days relative to today with their time ("今天 10:02", "昨天 上午10:02", "今日 10時02分")
    String.raw`${CJK_RELATIVE_DAYS}\s*(?:上午|下午|午前|午後|早上|晚上)?\s*\d{1,2}[:：時时]\d{2}分?`,
    String.raw`\bvor\s+(?:\d+|einer?|wenigen)\s+(?:sek|min|std|stunden?|tag|tagen)\w*\.?`,
    // Russian, Ukrainian, Italian, Dutch, Polish ("3 часа назад", "5 хвилин тому", "3 ore fa", "3 uur geleden", "3 godziny temu")
    String.raw`(?<![\p{L}\p{N}])\d+\s+(?:секунд\p{L}*|минут\p{L}*|час\p{L}*|дн\p{L}*|хвилин\p{L}*|годин\p{L}*|секунд|second[io]|minut[oi]|or[ae]|giorn[oi]|seconden|minuten|minuut|uur|dagen|dag|sekund\p{L}*|minut\p{L}*|godzin\p{L}*|dni|dzień)\s+(?:назад|тому|fa|geleden|temu)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:сегодня|вчера|сьогодні|вчора)(?![\p{L}]),?\s*(?:в\s*)?\d{1,2}[:.]\d{2}`,
    String.raw`(?<![\p{L}\p{N}])[\d\s.,]*\d\s+(?:просмотр\p{L}*|комментари\p{L}*|переглядів)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:просмотров|просмотры|views|المشاهدات|مشاهدات|okunma|görüntülenme)\s*:?\s*(?!(?:19|20)\d\d(?![\d.,]))[\d.,]*\d(?![\p{L}\p{N}])`,
    String.raw`\bil y a\s+(?:\d+|une?|quelques)\s+(?:s|sec|secondes?|min|minutes?|h|heures?|jours?)\b`,
    String.raw`\b(?:hace|há)\s+(?:\d+|una?|uns|umas)\s+(?:seg|segundos?|min|minutos?|horas?|d[ií]as?)\b`,
    String.raw`\d+\s*(?:秒|分钟|分鐘|分|小时|小時|時間|天|日)前`,
    String.raw`(?:^|[\s(·|•])[\d.,]*\d\s*(?:[km]|bn|mn)?\s+(?:comments?|views?|reads?|shares?|likes?|reactions?|replies|responses|votes|updates|new posts|kommentare|aufrufe|vues|commentaires|comentarios)\b`,
    String.raw`\b(?:comments?|views?|likes?|shares?|replies|kommentare|commentaires|comentarios)\s*(?:\(\s*[\d.,]+[km]?\s*\)|:\s*[\d.,]+[km]?\b)`,
    // a comment or view count, or readers' reactions ("💬 41", "👍 12 😂 3 😮 1"), by icon
    // (the count ends the part: "🔥 10 Hottest Summers" and "💔 2 Dead" are headings)
    String.raw`(?:💬|👁️?|❤️?|♥️?|👍|👎|😂|😆|😮|😲|😢|😭|😡|😠|🔥|👏|💯|🤔|😍|🥰|🙏|💔|🤯|😄|😀)\uFE0F?\s*[\d.,]*\d[km]?(?=\s*(?:$|[·|•｜]|\p{Extended_Pictographic}))`,
    // the same with the count first ("13 👍 2 😂"), ending the part: one alone only where the part starts ("13 👍",
    // "Sam Carter · 13 👍"); after words, two or more, as a heading or a name with a number and an icon is text
    // ("Day 3 😍", "Apollo 13 😢", "Paris 2024 ❤️")
    String.raw`(?:(?<=(?:^|[·|•｜]|\s[-–—/])\s*)${REACTION_COUNT_FIRST}|(?<![\p{L}\p{N}])${REACTION_COUNT_FIRST}(?:\s*${REACTION_COUNT_FIRST})+)(?:\s*${REACTION_COUNT_FIRST})*(?=\s*(?:$|[·|•｜]))`,
    // a social network's reactions by name, two or more, not one word twice ("Like 13 Love 1 Haha 2"; "Love 13" alone
    // may be a title, "Love 2 Love 1" a refrain)
    String.raw`\b(?<react>like|love|haha|wow|sad|angry|care)\s+[\d.,]*\d[km]?(?:\s+(?!\k<react>\b)(?:like|love|haha|wow|sad|angry|care)\s+[\d.,]*\d[km]?)+\b`,
    // CJK and Korean counters, label first ("瀏覽7", "阅读 1,204", "评论：41", "조회수 41", "댓글 3")
    // (the count ends the part: "推荐3家餐厅" recommends three restaurants, "조회수 1억 돌파" is a headline)
    String.raw`(?:瀏覽|浏览|閱讀|阅读|點閱|点击|點擊|回應|回应|回覆|回复|評論|评论|留言|推薦|推荐|按讚|点赞|點讚|閲覧|コメント|조회수?|댓글|추천|공감)(?:数|數|量|次数|次數)?\s*[:：]?\s*(?:[\d.,]*\d(?:\s*(?:次|人|件|万|萬))?|[(（][\d.,]*\d[)）])(?=\s*(?:$|[|｜·•,，]))`,
  ].join('|'),
  'giu',
);

/**
 * VOLATILE_META, and the French days relative to today without a time: in a meta bar with other parts,
 * "aujourd'hui" anywhere, "hier" after a separator only ("Jean Dupont · Hier"; "Hier · Jan Müller" is German "here").
 */
const VOLATILE_IN_BAR = new RegExp(String.raw`${VOLATILE_META.source}|\baujourd['’]hui(?!\p{L})|(?<=[·|•｜/–—-]\s*)hier(?!\p{L})`, 'giu');

/** What else a meta bar holds, taken out before asking whether anything but a name is left. */
const META_BAR_NOISE = new RegExp(
  [
    // icons ("🕒 3 hours ago", "✍ Sam Carter")
    String.raw`\p{Extended_Pictographic}\uFE0F?`,
    // stamps: ISO dates and times, numeric and written dates, times, weekdays, zones
    String.raw`\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?)?\b`,
    String.raw`\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b`,
    String.raw`\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-zä]*\.?,?\s+\d{4}\b`,
    String.raw`\b\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|uhr))?`,
    String.raw`\b(?:mon|tues?|wed|thu|thur|fri|sat|sun)(?:day|nesday|rsday|urday)?\b,?`,
    String.raw`\b(?:utc|gmt|et|est|edt|pt|pst|pdt|ct|cst|cdt|bst|cet|cest|mez|mesz)\b`,
    // labels and reading times
    String.raw`\b(?:last updated|updated|published|posted|modified|aktualisiert|ver[öo]ffentlicht|mis à jour|publiée?|actualizado|publicado)(?![\p{L}])(?:\s+(?:on|at|am|le|el|em))?\s*:?`,
    // a source's label in Chinese and Japanese ("来源：新华社", "出典：共同通信"): the source is the name left
    String.raw`(?:来源|來源|出处|出處|出典)\s*[:：]\s*`,
    String.raw`(?<![\p{L}])(?:обновлено|опубликовано)(?![\p{L}])\s*:?`,
    // a Russian date ("1 марта 2026")
    String.raw`\b\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+\d{4}`,
    String.raw`\b${READING_TIME}\b`,
    // share buttons written out ("Share on Facebook", "Tweet", "Email")
    String.raw`\b(?:share|teilen|partager|compartir)\b(?:\s+(?:on|via|to|by|auf|per|sur|par|en|por))?(?:\s+\S+)?|\b(?:tweet|email|e-mail|print(?: this)?|save|copy link|whatsapp)\b`,
    // an embedded post's attribution: its dash and the account's handle ("— City Police (@citypolice) 5 minutes ago"
    // under a tweet; the same line with its date, "— PFF CLE Browns (@PFF_Browns) November 15, 2019", has nothing volatile)
    String.raw`^\s*[-–—]\s*|(?<![\p{L}\p{N}_@.])@\w{1,30}`,
    // the byline's lead word and role
    // at the start, or after a label ("Posted 2 hours ago by Jane Smith", the time taken out already); not "Killed by Police"
    String.raw`(?<=^\s*|\b(?:posted|published|updated|written|story|words|photos?|reporting|text|publiée?|veröffentlicht|publicado)\s+)(?:(?:by|von|par|por|door|di)\s+|(?:作者|автор)\s*[:：]?\s*)`,
    String.raw`\b(?:staff|senior|contributing|chief)?\s*(?:writer|reporter|correspondent|editor|columnist|contributor)s?\b`,
  ].join('|'),
  'giu',
);

/**
 * A meta bar whose text changes on every fetch: a line of at most 200
 * characters holding a VOLATILE_META token, in which every part (split at
 * `·`, `|`, `•`, and spaced dashes or slashes) is, once the volatile
 * tokens, stamps, labels, reading times and byline words are taken out,
 * empty or a name ("Sam Carter", "The Gazette", "Reuters"). So "By Sam
 * Carter Published 2024-05-01 Updated … 3 minutes ago 41 comments 10,031
 * views", "Sam Carter - 3 hours ago" and an embedded post's attribution
 * "— City Police (@citypolice) 5 minutes ago" go, but not a heading that says
 * what happened ("10:02 · Police say the fire started 3 hours ago"), data
 * ("YouTube: 10m views · 41,000 comments", "Director sold 5,000 shares"),
 * a score ("Arsenal 2 Chelsea 1 · 45 minutes ago") or a sentence.
 */
export function isMetaBar(paragraph: string): boolean {
  if (paragraph.length > 200) return false;
  const parts = paragraph.split(/\s*[·|•｜]\s*|\s+[-–—/]\s+/);
  // French "hier" and "aujourd'hui" without a time are a day only in a bar's parts ("Jean Dupont · Aujourd'hui"): alone, a heading.
  const volatile = parts.length > 1 ? VOLATILE_IN_BAR : VOLATILE_META;
  if (paragraph.search(volatile) === -1) return false;
  for (const part of parts) {
    const left = part.replace(volatile, ' ').replace(META_BAR_NOISE, ' ').replace(/[\s,;()]+/g, ' ').replace(/\s*[.]+\s*$/, '').trim();
    // Only punctuation left ("Today: 2026-11-29T19:00:00Z" leaves its colon).
    if (/^[\p{P}\s]*$/u.test(left)) continue;
    // A stamp the part is whole, its year left out ("Published 29 November · Updated 9 hours ago", a review: it
    // churned at every hour, the stamp part read as words).
    if (isStampLine(part)) continue;
    // A day or time with its age beside it, the age taken out ("Nov 30, 9:10 a.m. (2 hours ago)", a review: kept,
    // and it churned at every hour).
    if (isStampWordsWithDay(part.replace(volatile, ' '))) continue;
    if (!isNameLike(left)) return false;
  }
  return true;
}

/** A name, as a meta bar gives one: up to six words, each capitalised (or a particle, "and", "&", or up to 8 letters of a script without case), no digits, no colon. */
function isNameLike(text: string): boolean {
  if (/[\d:]/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length > 6) return false;
  // A word in a script without case (Chinese, Japanese, Korean) is a name only while short: a longer run is a sentence.
  // A capitalised preposition or verb is a headline in title case ("Council Votes On Budget"), no name.
  if (words.some((w) => TITLE_CASE_WORDS.test(w))) return false;
  return words.every((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w) || /^\p{Lo}{1,8}$/u.test(w) || /^(?:and|&|und|et|y|e|de|da|di|del|van|von|der|den|la|le|du|bin|al|el|avec|mit)$/.test(w));
}

const TITLE_CASE_WORDS = /^(?:On|In|Into|To|For|At|Is|Are|Was|Were|With|From|After|Before|Over|Under|Says?|Said|Will|Has|Have|Votes?|Wins?)$/;

const MONTH_WORDS = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-zéûä]*\.?/g;

/** Headings that introduce a list of other stories; the list that follows them goes too (article.ts). */
export const RECOMMENDATION_HEADING =
  /^(?:you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you| stories| reading)?|more from [\w\s]+|more\b.{0,30}\b(?:stories|articles|news|reads|coverage)|related posts?|related (?:stories|articles|coverage|content|links)|further reading|what to read next|read next|up next|don'?t miss|most (?:read|popular|viewed)|the latest|latest (?:news|stories|headlines|articles))\W*$/;

/**
 * A note that the article is one part of a series ("This is part 2 of our
 * series on …", "Dies ist Teil 2 zum Text „…“, der vergangene Woche
 * erschien"). Only furniture when the page sets it apart in italics
 * (article.ts): the same sentence as a plain paragraph is usually the
 * article's own first line ("This is the second article in a series about
 * …; in the first article, I …").
 */
export function isSeriesNote(paragraph: string): boolean {
  const l = paragraph.toLowerCase();
  return (
    l.length <= 260 &&
    (/^(?:this|it) is (?:the )?(?:(?:first|second|third|fourth|fifth|sixth|final|last|concluding) (?:part|installment|instalment|article|post|episode|chapter)|(?:part|installment|instalment|episode|chapter) (?:\d+|one|two|three|four|five|six|[ivx]+)\b)|^(?:this|the) (?:article|story|post|piece|essay|interview|text|report) is (?:the \w+ )?part (?:\d+ )?of (?:a|an|our|the)\b.{0,80}\bseries\b/.test(l) ||
      /^(?:dies|das|hier) ist (?:der )?(?:\d+\. |erste |zweite |dritte |vierte |fünfte |letzte )?teil\b.{0,60}\b(?:serie|reihe|folge|text|artikel|beitrag|interview)|^(?:dieser|der) (?:text|artikel|beitrag) ist (?:der )?(?:\d+\. )?teil\b.{0,60}\b(?:serie|reihe|folge)/.test(l) ||
      /^(?:ceci est|voici) la (?:\w+ )?partie\b|^cet article fait partie d['’](?:une|un) (?:série|dossier)|^(?:esta es|este es) (?:la|el) (?:\w+ )?(?:parte|entrega|capítulo) de\b|^este (?:artículo|texto) (?:forma|es) parte de (?:una|la|nuestra) serie/.test(l))
  );
}

/** Name of the furniture rule a paragraph matches, or null when it is article text. */
export function furnitureRule(paragraph: string): string | null {
  if (paragraph.length > 260 || isCorrectionNote(paragraph)) return null;
  const lower = paragraph.toLowerCase();
  for (const rule of FURNITURE_RULES) if (rule.test(paragraph, lower)) return rule.name;
  return null;
}

export function isFurniture(paragraph: string): boolean {
  return furnitureRule(paragraph) !== null;
}

/**
 * A correction, clarification or editor's note, by how it opens:
 * "Correction:", "Correction (Nov. 29, 2026):", "CORRECTION, Nov. 29:",
 * "Clarification —", "Editor's note:", "Note to readers:", "An earlier
 * version of this story…", "This article was amended / has been
 * corrected…", and the same in German, French, Spanish, Italian,
 * Portuguese and Dutch ("Korrektur:", "Anm. d. Red.:", "Rectificatif :",
 * "NDLR :", "Fe de errores:", "Erramos:", "In een eerdere versie van dit
 * artikel…"). A label must be followed by something, and not by a name
 * alone ("Korrektur: Lisa Schmidt", "Korrektur: Lisa Schmidt Grafik: …"
 * credit a proofreader), nor nothing (a heading).
 * Never furniture (it is the edit stet exists to show), and never chrome
 * whatever box holds it (article.ts isCorrectionBox).
 */
export function isCorrectionNote(text: string): boolean {
  const label = CORRECTION_LABEL.exec(text);
  if (label) {
    const rest = text.slice(label[0].length);
    return /\S/.test(rest) && !CREDITED_NAME.test(rest);
  }
  return CORRECTION_SENTENCE.test(text);
}

/** Whether the text opens with a correction label ("Correction:", "Korrektur:"…), whatever follows. */
export function opensWithCorrectionLabel(text: string): boolean {
  return CORRECTION_LABEL.test(text);
}

/**
 * What follows a label in a list of credits: a name of one to three capitalised words, then nothing or the next
 * label ("Lisa Schmidt", "Lisa Schmidt Grafik: Jan Muster"). Not "Tuesday." (ended as a sentence), nor "THE
 * VOTE WAS 7-2", nor "Name geändert".
 */
const CREDITED_NAME = /^\s*\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s*(?:$|[,;·|]?\s*\p{Lu}[\p{L}]*\s*:)/u;

const RELATIVE_IN_LABEL = String.raw`(?:\bago\b|\bvor \d|\bil y a\b|\bhace\b|\bfa\b|\bhá\b|\bgeleden\b|\bjust now\b)`;

/** The labels, with a date in brackets or after a comma ("Correction (Nov. 29):", "CORRECTION, Nov. 29:", "Corrección 12/03/2026:"). */
const CORRECTION_LABEL = new RegExp(
  String.raw`^\s*(?:corrections?|clarifications?|editor['’]?s[’']? note|note to readers|korrektur(?:hinweis)?|richtigstellung|berichtigung|anmerkung der redaktion|hinweis der redaktion|anm\. d\. red\.|klarstellung|rectificatif|rectification|correctif|erratum|errata(?: corrige)?|précision|precision(?=\s+:)|note de la r[ée]daction|n\.?\s?d\.?\s?l\.?\s?r\.?|correcci[oó]n|rectificaci[oó]n|fe de err(?:ores|atas)|aclaraci[oó]n|nota de la redacci[oó]n|nota del editor|n\. de la r\.|rettifica|correzione|precisazione|nota della redazione|n\.\s?d\.\s?r\.|corre(?:c?)[cç][aã]o|erramos|re(?:c?)tifica[cç][aã]o|esclarecimento|nota da reda(?:c?)[cç][aã]o|nota do editor|correctie|rectificatie|herstel|verduidelijking|noot (?:van de )?redactie)` +
    // a date, not a relative time ("Korrektur (vor 2 Stunden):" would read otherwise on the next fetch)
    String.raw`(?:\s*\((?![^)]*${RELATIVE_IN_LABEL})[^)]{0,40}\)|,(?![^:]*${RELATIVE_IN_LABEL})[^:]{0,40}|\s+\d{1,2}[./]\d{1,2}[./]\d{2,4})?\s*[:—–]`,
  'iu',
);

/** The sentences ("An earlier version of this story…", "In een eerdere versie van dit artikel…"). */
const CORRECTION_SENTENCE = new RegExp(
  String.raw`^\s*(?:` +
    [
      String.raw`an earlier version of this (?:article|story|report)\b`,
      String.raw`this (?:article|story|report) (?:was|has been) (?:amended|corrected|updated)\b`,
      String.raw`in einer (?:früheren|vorherigen|ersten) (?:version|fassung)\b`,
      String.raw`dieser (?:artikel|beitrag|text) wurde (?:korrigiert|berichtigt)\b`,
      String.raw`(?:dans )?une (?:précédente |première )?version (?:précédente |antérieure )?de cet article\b`,
      String.raw`cet article a été (?:modifié|corrigé|rectifié)\b`,
      String.raw`(?:en )?una versi[oó]n anterior de (?:este|esta) (?:art[ií]culo|nota|noticia|texto|informaci[oó]n)\b`,
      String.raw`in una (?:precedente versione|versione precedente) di questo articolo\b`,
      String.raw`questo articolo è stato (?:corretto|modificato)\b`,
      String.raw`(?:em |n)?uma vers[aã]o anterior (?:deste|desta) (?:artigo|reportagem|mat[eé]ria|texto|not[ií]cia)\b`,
      String.raw`diferentemente do (?:que (?:foi|havia sido) )?(?:publicado|informado)\b`,
      String.raw`(?:in )?een eerdere versie van dit (?:artikel|bericht)\b`,
      String.raw`dit artikel is (?:aangepast|gecorrigeerd)\b`,
    ].join('|') +
    ')',
  'iu',
);

/**
 * Text that opens under a note's heading, without the colon ("Editor's
 * note" in an <h3> over its paragraph): one note, not a list of other
 * stories' "Corrections and clarifications" (plural). For a box named as a
 * note (article.ts isCorrectionBox).
 */
export function opensUnderCorrectionHeading(text: string): boolean {
  return /^\s*(?:correction|clarification|editor['’]?s[’']? note|note to readers|korrektur|klarstellung|richtigstellung|anmerkung der redaktion|hinweis der redaktion|rectificatif|rectification|note de la r[ée]daction|correcci[oó]n|fe de errores|nota de la redacci[oó]n|rettifica|correzione|nota della redazione|corre(?:c?)[cç][aã]o|erramos|correctie|herstel|noot van de redactie)\b(?![sn])(?!\s+(?:melden|signaler|reportar|segnalare))/iu.test(text);
}

/** Loose comparison key: case, quotes, dashes and punctuation ignored. */
export function looseKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
