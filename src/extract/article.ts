import { attr, classAndId, findFirst, isInside, isTag, isText, rawText, textOf, walkElements, type AnyNode, type Document, type Element, type ParentNode } from './dom.ts';
import { isBareStampLine, isDayLine, isMonth, isYearlessDayLine, parseHumanDate } from './dates.ts';
import { RECOMMENDATION_HEADING, isAdLabel, isContinuationMarker, isCorrectionNote, isFurniture, opensUnderCorrectionHeading, opensWithCorrectionLabel, isSentence, isSeriesNote, isVolatileText, looseKey, normalizeText } from './normalize.ts';

/**
 * What extraction returns: the article as a reader sees it, plus the
 * publisher's own time stamps (the publisher's clock; see DESIGN "Time").
 */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601, offset kept when the page gives one; a bare day (YYYY-MM-DD) when that is all it gives. */
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  lang: string | null;
  /** One string per block of the body, whitespace-normalised, never empty. */
  paragraphs: string[];
}

// ---------------------------------------------------------------------------
// Body extraction: Readability-style content scoring over the htmlparser2 DOM.
//
// 1. One pre-order walk marks what can never be article text (scripts, forms
//    controls, nav, hidden elements, and — on the first attempt — elements
//    whose class/id says "comment", "sidebar", "related"…) and one reverse
//    pass sums text length, link text length and commas bottom-up.
// 2. Every paragraph-like element (p, pre, td, and divs without block
//    children) with at least 25 characters scores 1 + commas + length/100
//    (at most 3) and hands the score to five levels of ancestors, halving
//    and then dividing by 3·level, as Readability.js does.
// 3. The best ancestor, discounted by its link density, is the article; its
//    siblings join when they score close to it or read like prose.
// 4. The chosen subtree is read block by block into paragraphs, skipping
//    link-dense or negatively-named boxes, then furniture (normalize.ts).
// If the result is too short, the walk is retried with fewer exclusions.
// ---------------------------------------------------------------------------

/**
 * Never article text, whatever the page says. The AMP ad elements are ads by definition (AMP's amp-ad,
 * amp-embed, amp-sticky-ad and amp-auto-ads components): what they hold is the ad's "placeholder" and
 * "fallback" text ("Ad loading 93386", "Ad could not be loaded"), which rotates on every request.
 */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'button', 'input', 'select', 'option', 'textarea', 'label', 'nav', 'head', 'title', 'meta', 'link', 'dialog',
  'map', 'area', 'picture', 'source', 'img', 'math', 'figcaption',
  'amp-ad', 'amp-embed', 'amp-sticky-ad', 'amp-auto-ads',
]);
/**
 * Page chrome; kept out on the first attempt. Not <form>: ASP.NET pages wrap
 * the whole page, article included, in one.
 */
const CHROME_TAGS = new Set(['header', 'footer', 'aside', 'menu', 'marquee']);
/** ARIA roles of page chrome, kept out on the first attempt like CHROME_TAGS. */
const CHROME_ROLES = new Set(['navigation', 'complementary', 'dialog', 'alertdialog', 'menu', 'banner', 'contentinfo']);
/** Elements never dropped by their class or id (the story's own containers, links, paragraphs). */
const NAME_EXEMPT_TAGS = new Set(['body', 'a', 'html', 'article', 'main', 'p']);

/**
 * A live widget's box, by its class (never its id: `<section id="weather">`
 * and `<section id="polls">` are an explainer's): a scoreboard, a weather
 * box, a countdown, an article's audio player, whose numbers move on every
 * fetch; and a readers' poll, a class naming a poll or a survey on a box
 * that holds the controls to vote (radio buttons, checkboxes, a "Vote"
 * button) or counts readers or votes (READERS_TALLY). Small only: at most WIDGET_MAX_TEXT characters within
 * WIDGET_MAX_NODES elements; a story's box named so ("weather-warning"
 * prose, a news quiz, a "survey-box" about a survey) is longer or has no
 * such controls.
 */
const WIDGET_CLASS =
  /scoreboard|scorebug|score-?strip|live-?score|match-?score(?!r)|(?:^|\s)(?:weather|weather-?(?:widget|now|current)|wx-?widget)(?:$|\s)|countdown|audio-?player|podcast-?player|listen-?(?:button|bar|player)|text-?to-?speech|(?:^|[\s_-])tts-/;
const POLL_CLASS = /(?:^|[\s_-])(?:polls?|survey)(?:$|[\s_-])|pollcontainer|readerpoll|pds-box|pd-embed/;
const WIDGET_MAX_TEXT = 600;
const WIDGET_MAX_NODES = 300;

function isLiveWidget(el: Element): boolean {
  const c = el.attribs['class']?.toLowerCase();
  if (c === undefined) return false;
  const widget = WIDGET_CLASS.test(c);
  if (!widget && !POLL_CLASS.test(c)) return false;
  // One bounded walk: the box's size, the controls to vote, and (for a poll) its words.
  let text = 0;
  let nodes = 0;
  let vote = false;
  let words = '';
  if (el.children.length > WIDGET_MAX_NODES) return false;
  const stack: AnyNode[] = [...el.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) {
      text += countText(n.data).len;
      if (text > WIDGET_MAX_TEXT) return false;
      if (!widget) words += ` ${n.data}`;
      continue;
    }
    if (!isTag(n)) continue;
    if (++nodes > WIDGET_MAX_NODES) return false;
    if (n.name === 'input') vote ||= /^(?:radio|checkbox)$/i.test(n.attribs['type'] ?? '');
    else if (n.name === 'button') vote ||= /\b(?:vote|submit)\b/i.test(textOf(n, 40, 20));
    else if (n.children.length > WIDGET_MAX_NODES) return false;
    else if (!UNRENDERED_TAGS.has(n.name)) for (const k of n.children) stack.push(k);
  }
  return widget || vote || READERS_TALLY.test(words);
}

/**
 * A readers' poll's tally without its controls ("Poll: 45% of readers agree", "45% of you agree", "45% agree · 55%
 * disagree", "1,204 votes so far", "45 % des lecteurs", "45 % der Leser"): a box named for a poll that counts readers
 * or votes moves as they vote (two QA passes). Not voters or respondents, nor votes or responses without "so far": a
 * survey's or an election's published result ("won the seat with 12,204 votes", "the survey drew 2,000 responses").
 */
const READERS_TALLY =
  /\d\s*%[^%]{0,40}(?<!\p{L})(?:readers|of you|des lecteurs|der leser|de los lectores)(?!\p{L})|(?<!\p{L})readers(?!\p{L})[^%]{0,40}\d\s*%|\d[\d,.]*\s+(?:votes|responses|stimmen|voix|votos)\s+(?:so far|and counting|bisher|jusqu'ici|hasta ahora)|\d\s*%\s*(?:agree|yes|oui|ja|sí)(?!\p{L})[^%]{0,20}\d\s*%\s*(?:disagree|no|non|nein)(?!\p{L})/iu;
/**
 * Comment threads named in other languages ("leserkommentare", "comentarios", "reacties"; "commentaires" and
 * "commenti" hold "comment"), never a story's box. "Kommentare" only as a whole class name: as part of one it names
 * opinion sections ("ressort-kommentare"), and "Kommentar" opinion pieces; "Leserbriefe" are published letters.
 */
const COMMENT_THREAD = String.raw`leserkommentare|kommentarbereich|(?:^|\s)kommentare(?:\s|$)|coment[aá]rios|reacties`;
const UNLIKELY = new RegExp(String.raw`-ad-|ai2html|banner|(?:breaking|headlines?|markets?|stocks?)[-_]?ticker|breaking-?news-?(?:bar|strip|alert)|breadcrumb|combx|comment|${COMMENT_THREAD}|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|outbrain|taboola|cookie|consent|paywall-(?:offer|prompt|message|promo|modal|banner|overlay|cta)|regwall|piano-offer|subscribe-(?:wall|prompt|box|offer|cta)|subscription-(?:wall|prompt|offer)|most-popular|trending|widget|tags\b|toolbar|author-bio|author-info|author-box|authorbox|author-description|about-the-author|about-author|signup`);
/** Never a correction note, whatever it opens with (isCorrectionBox): comment threads, consent banners, recommendation widgets. */
const NOT_A_CORRECTION = new RegExp(String.raw`comment|${COMMENT_THREAD}|disqus|replies|(?:^|[\s_-])respond|cookie|consent|gdpr|outbrain|taboola|newsletter`);
/** Never the article, even on the lenient retries: those, and footers (where a correction note is let back in). */
const NEVER_CONTENT = new RegExp(`${NOT_A_CORRECTION.source}|footer`);
/**
 * A short box named as an advertisement ("ad-slot", "ad_unit", "adsense", "dfp-ad"): never the article, on any
 * attempt. Its text rotates on every request, so on a short article, where the lenient retry re-admits boxes,
 * it would make every fetch a new version. Short only: pages name whole containers after their ad setup
 * ("ads-enabled" on <html>, "ad_body wrapper" around a story).
 */
const AD_BOX_MAX_TEXT = 250;
const AD_BOX = /(?:^|[\s_-])(?:ads?|adv|adverts?|advertisement|advertising|adslot|adunit|adsense|adsbygoogle|dfp|gpt)(?:$|[\s_-])/;
const MAYBE = /and|article|body|column|content|main|mathjax|shadow|story|entry|blog/;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|paragraph|prose|rich-text/;
const NEGATIVE = new RegExp(
  String.raw`-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|social|subscribe|recirc|teaser|byline|dateline|caption|credit|timestamp|toolbar|signup|advert|trending|more-stories|morestories|read-next|readnext|up-next|upnext|excerpt|carousel|slider|outbrain|taboola|breadcrumb|pager|pagination|next-prev|prev-next|author-bio|about-author|author-info|author-box|authorbox|author-description`);

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul', 'summary', 'caption',
]);
/** Blocks that end a paragraph when emitting text. */
const PARAGRAPH_BREAK = BLOCK_TAGS;

interface Stat {
  /** Characters of text (whitespace runs counted as one). */
  text: number;
  /** Characters of text inside links. */
  link: number;
  commas: number;
  /** Text and commas of direct text children only (inline text loose in a container). */
  ownText: number;
  ownCommas: number;
  /** Number of <p> descendants. */
  paras: number;
  /** Has a block-level descendant. */
  hasBlock: boolean;
  score: number;
  scored: boolean;
}

export interface BodyOptions {
  /** Headline, to drop a repeated <h1>/<h2> at the top of the body. */
  title?: string | null;
  /**
   * The headline as the page shows it (the page's one <h1>), which may differ from `title` when the metadata
   * rules chose a meta title: a copy of it at the top of the body is a header line too.
   */
  headline?: string | null;
  /** Byline found by metadata, to drop its line ("by Laura Winter") near the top of the body. */
  byline?: string | null;
}

interface Attempt {
  stripUnlikely: boolean;
  weightClasses: boolean;
  cleanConditionally: boolean;
}

const ATTEMPTS: Attempt[] = [
  { stripUnlikely: true, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: true, cleanConditionally: true },
  { stripUnlikely: false, weightClasses: false, cleanConditionally: false },
];
const ENOUGH_TEXT = 500;

function countText(s: string): { len: number; commas: number } {
  let len = 0;
  let commas = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 12 || c === 160) {
      if (!space) len++;
      space = true;
    } else {
      len++;
      space = false;
      if (c === 44 || c === 0x3001 || c === 0xff0c || c === 0x060c) commas++;
    }
  }
  return { len, commas };
}

/**
 * An ad slot named by the data attributes ad code configures a slot with
 * ("data-ad-slot", "data-ad-unit"), on a box that holds no heading, quote,
 * list or the page's headline. Not the targeting attributes a CMS also puts
 * on the story's own containers and spans ("data-ad-targeting",
 * "data-ad-zone", "data-adunit" on a wrapper): a brief is short too.
 */
const AD_SLOT_ATTRIBUTES = ['data-ad-slot', 'data-ad-unit'];
const AD_SLOT_TAGS = new Set(['div', 'aside', 'section', 'ins', 'figure']);

function hasAdAttribute(el: Element): boolean {
  if (!AD_SLOT_TAGS.has(el.name) || !AD_SLOT_ATTRIBUTES.some((a) => el.attribs[a] !== undefined)) return false;
  return findFirst(el, (x) => /^h[1-6]$/.test(x.name) || x.name === 'blockquote' || x.name === 'li' || x.name === 'article') === null;
}

/** A correction, clarification or editor's note, by its name (or by how it opens: normalize.ts isCorrectionNote). */
const CORRECTION_NAME = /correction|clarification|editors?-?note|editor-s-note|note-to-readers|korrektur|richtigstellung|rectificatif|correccion|fe-de-err|rettifica|errata|correcao|erramos|correctie/;

/**
 * A box the publisher appends to tell readers what was corrected, however
 * it is marked up: `<aside class="correction">`, a `<footer>` that opens
 * "Correction: …", `<div class="editors-note">`. Never chrome: it is the
 * edit stet exists to show.
 */
function isCorrectionBox(el: Element): boolean {
  const ci = classAndId(el);
  // A comment thread whose first comment opens "Correction: …", a cookie or newsletter box: never the publisher's note.
  if (NOT_A_CORRECTION.test(ci) || NOT_A_NOTE_HOLDER.test(ci)) return false;
  const text = textOf(el, 200, NOTE_TEXT_NODES);
  // A site's corrections policy opens "Corrections:" too ("Corrections: To report an error, email …").
  if (isCorrectionPolicy(text)) return false;
  // Named so, it still has to open as a note or under the note's heading ("Editor's note" over its paragraph): a promo
  // or a policy box is named "editors-note" or "corrections-policy" too.
  return isCorrectionNote(text) || (CORRECTION_NAME.test(ci) && opensUnderCorrectionHeading(text));
}

/**
 * A corrections policy: the label, then what a reader should do ("Corrections: To report an error, email …",
 * "Corrections — spotted an error? Tell us"); in other languages too, a label soon followed by the request to
 * write ("Korrektur: Fehler gefunden? Schreiben Sie uns an …", "Corrección: ¿Ha detectado un error? Escríbanos"). A
 * note may quote a question or name an address ("…asked \"Why now?\"", "@MayorJane"): those alone make no policy.
 */
function isCorrectionPolicy(text: string): boolean {
  return CORRECTION_POLICY.test(text) || (opensWithCorrectionLabel(text) && POLICY_ASKS.test(text));
}

const CORRECTION_POLICY = /^\s*corrections?\s*[:—–-]\s*(?:to (?:report|request)|if you|spott?(?:ed)?|see|found|notice|email|e-mail|contact|please|have you|do you|tell us|we (?:want|strive|are committed|welcome))\b/i;
const POLICY_ASKS =
  /^[^:—–]{0,60}[:—–][^.!]{0,80}?(?:to report|report (?:an|a) (?:error|mistake)|tell us|contact us|email us|write to us|let us know|melden sie|schreiben sie uns|kontaktieren sie uns|signalez|écrivez-nous|contactez-nous|escr[íi]banos|cont[áa]ctenos|segnalac|scrivici|contattaci|fale conosco|escreva-nos|entre em contato|laat (?:het )?ons weten|mail ons|neem contact)/iu;

/** Words a correction note holds somewhere, to skip the search for one in the chrome that cannot hold any. */
const CORRECTION_WORDS =
  /correct|clarif|editor['’]?s[’']?\s+note|note\s+to\s+readers|earlier\s+version|amended|korrektur|richtigstellung|berichtigung|der redaktion|anm\. d\. red|rectifi|erratum|errata|de la r[ée]daction|ndlr|n\.d\.l\.r|précision|version (?:précédente|antérieure)|précédente version|correcci|fe de err|de la redacci|n\. de la r|nota del editor|rettifica|correzione|precisazione|della redazione|n\.\s?d\.\s?r|aclarac|retifica|precision|klarstellung|herstel|versione precedente|precedente versione|corre[cç]|erramos|esclarecimento|da reda[cç]|nota do editor|diferentemente do|vers[aã]o anterior|früheren (?:version|fassung)|vorherigen (?:version|fassung)|versi[oó]n anterior|een eerdere versie|verduidelijking|van de redactie|noot redactie|is aangepast|is gecorrigeerd|wurde (?:korrigiert|berichtigt)|a été (?:modifié|corrigé|rectifié)|è stato (?:corretto|modificato)/i;

/**
 * Boxes whose notes are not this story's: comment threads however named
 * (Coral, Viafoura, "reader-responses"), promos, lists of the most read.
 * Only for the search below: a story may sit in a box named "conversation".
 */
const NOT_A_NOTE_HOLDER =
  /promo|coral|viafoura|livefyre|responses|conversation|discussion|diskussion|forum|debat|reacciones|kommentare|leserbriefe|reactie\b|most-?read|most-?popular|policy|ethics/;
/** The most elements searched for notes inside the chrome of a page, on one attempt: a hostile page stays cheap. */
const NOTE_SEARCH_MAX = 2000;

/**
 * The correction boxes inside chrome that is dropped otherwise: the
 * article's `<header>` ("Correction: …" under the headline), an `<aside>`
 * of extras, a box named "sidebar" inside the story. Not inside a comment
 * thread, a consent or newsletter box or a promo (NOT_A_CORRECTION,
 * NOT_A_NOTE_HOLDER): a reader's comment that opens "Correction:" is no
 * note. Several notes are this story's ("Editor's note: …" and
 * "Correction: …"), unless they are a list of other stories' notes
 * (isOtherStoriesNotes). Searched once per piece of chrome, with a budget:
 * nested chrome inside is not searched again (Analysis.index).
 */
function correctionsInside(el: Element, budget: { left: number }): Element[] {
  const ci = classAndId(el);
  if (NOT_A_CORRECTION.test(ci) || NOT_A_NOTE_HOLDER.test(ci) || !CORRECTION_WORDS.test(rawText(el, 2000, NOTE_TEXT_NODES))) return [];
  const boxes: Element[] = [];
  let listHeading = false;
  walkElements(el, (x) => {
    if (--budget.left < 0 || DROP_TAGS.has(x.name)) return false;
    const xci = classAndId(x);
    if (NOT_A_CORRECTION.test(xci) || NOT_A_NOTE_HOLDER.test(xci)) return false;
    if (/^h[1-6]$/.test(x.name) && OTHER_STORIES_HEADING.test(textOf(x, 80, NOTE_TEXT_NODES))) listHeading = true;
    // A label alone ("<b>Correction:</b>" inside a meta line) is no box: what it labels is outside it.
    if (!isCorrectionBox(x) || (INLINE_TAGS.has(x.name) && textOf(x, 40, NOTE_TEXT_NODES).length <= 25)) return true;
    boxes.push(x);
    return false;
  });
  if (budget.left < 0 || boxes.length === 0) return [];
  const notes = boxes.flatMap(notesIn);
  return notes.length > 1 && (listHeading || isOtherStoriesNotes(notes)) ? [] : boxes;
}

const INLINE_TAGS = new Set(['b', 'strong', 'em', 'i', 'span', 'small', 'label', 'a']);
/** The most nodes a text read for a note visits: a box of 100,000 empty spans holds no note worth the walk. */
const NOTE_TEXT_NODES = 400;
/** A heading over other stories' notes ("Recent corrections", "Corrections and clarifications"). */
const OTHER_STORIES_HEADING =
  /^(?:(?:recent |latest |today['’]s |this week['’]s )?corrections(?: (?:and|&) clarifications)?\W*$|(?:korrekturen|berichtigungen|rectificatifs|rectifications|fe de (?:errores|erratas)|correcciones|rectificaciones|rettifiche|correzioni|errata corrige|corre(?:c?)[cç](?:õ|o)es|erratas?|correcties|rectificaties)(?![\p{L}]))/iu;

/**
 * The notes a correction box holds: its children that open as one, through
 * a lone wrapper ("<ul><li>Correction: …</li><li>Correction: …</li>" holds
 * two), or the box itself.
 */
function notesIn(box: Element): Element[] {
  let el = box;
  for (;;) {
    const kids = el.children.filter(isTag);
    if (kids.length !== 1 || el.children.some((c) => isText(c) && /\S/.test(c.data))) {
      const notes = kids.filter((k) => isCorrectionNote(textOf(k, 200, NOTE_TEXT_NODES)));
      return notes.length > 0 ? notes : [box];
    }
    el = kids[0]!;
  }
}

/** Notes about other stories: they link to them, or say which ("A story on Monday about the county fair…"). */
function isOtherStoriesNotes(notes: Element[]): boolean {
  if (notes.some((n) => findFirst(n, (x) => x.name === 'a' && x.attribs['href'] !== undefined) !== null)) return true;
  return notes.filter((n) => OTHER_STORY.test(textOf(n, 200, NOTE_TEXT_NODES))).length >= 2;
}

const QUOTED_TITLE = String.raw`(?:\s*[„“"«‹‚'][^”“"»›‘'’]{1,120}[“”"»›‘'’],?)?`;
const OTHER_STORY = new RegExp(
  [
    String.raw`\b(?:an?|the) (?:story|article|headline|report|photo caption|caption|column|graphic)${QUOTED_TITLE} (?:on|about|in|from|published)\b`,
    String.raw`\b(?:ein|der|im|dem) (?:artikel|beitrag|bericht|text)${QUOTED_TITLE} (?:vom|über|zum|zur)\b`,
    String.raw`\b(?:un|el) (?:art[ií]culo|titular|texto)${QUOTED_TITLE} (?:del|sobre|publicado)\b`,
    String.raw`\b(?:un |l['’] ?)article${QUOTED_TITLE} (?:du|sur|publié)\b`,
    String.raw`\b(?:un |l['’] ?)articolo${QUOTED_TITLE} (?:del|su|pubblicato)\b`,
    String.raw`\b(?:um|o) (?:artigo|texto)${QUOTED_TITLE} (?:de|sobre|publicado)\b`,
    String.raw`\b(?:een|het) (?:artikel|bericht)${QUOTED_TITLE} (?:van|over)\b`,
  ].join('|'),
  'iu',
);

function isHidden(el: Element): boolean {
  if (el.attribs['hidden'] !== undefined) return true;
  if (el.attribs['aria-hidden'] === 'true' && el.name !== 'span' && el.name !== 'i') return true;
  const style = el.attribs['style'];
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function classWeight(a: Analysis, el: Element): number {
  const ci = classAndId(el);
  if (ci === '') return 0;
  let w = 0;
  if (NEGATIVE.test(ci) && !a.isLayoutWrapper(el)) w -= 25;
  if (POSITIVE.test(ci)) w += 25;
  return w;
}

function baseScore(a: Analysis, el: Element, weightClasses: boolean): number {
  let s = 0;
  switch (el.name) {
    case 'div': case 'article': case 'main': case 'section': s = 5; break;
    case 'pre': case 'td': case 'blockquote': s = 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s = -3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s = -5; break;
  }
  if (el.name === 'article' || attr(el, 'itemprop') === 'articleBody') s += 10;
  return s + (weightClasses ? classWeight(a, el) : 0);
}

class Analysis {
  readonly stats = new Map<Element, Stat>();
  readonly dropped = new Set<Element>();
  readonly order: Element[] = [];
  /**
   * Chrome kept only for the correction box inside it (correctionsInside), and the boxes between the two:
   * everything else in them is dropped, their own text too.
   */
  private readonly shells = new Set<Element>();
  /** The correction boxes the shells hold. */
  private readonly notes = new Set<Element>();
  private readonly noteSearch = { left: NOTE_SEARCH_MAX };

  /** Chrome kept only for the correction inside it: it joins the story as the correction would. */
  isShell(el: Element): boolean {
    return this.shells.has(el);
  }

  constructor(
    private readonly root: ParentNode,
    readonly attempt: Attempt,
    /** Facts of the page that do not depend on the attempt, shared by the attempts of one extractBody call. */
    private readonly layout: PageLayout,
  ) {
    this.index(root);
  }

  /**
   * A box named like chrome that is the page's layout around the story
   * ("panel-two-col-sidebar-right-mix", "jPanelMenu-panel"): it holds every
   * <h1> of the page (a site header holding the logo's <h1> does not hold
   * the story's) and more than half of its text outside links. Neither
   * stripped nor weighed down by its name: that took the story with it,
   * left the strict attempt nothing, and the lenient retries read the
   * story with the related links and boxes beside it, which change from
   * fetch to fetch.
   */
  isLayoutWrapper(el: Element): boolean {
    // Per extractBody call, not in a module-level WeakMap: that kept whole documents alive until a major collection
    // (peak RSS 214 → 405 MB in bench/extract.ts). The text total is counted only when a box holds every <h1>.
    const page = this.layout;
    let is = page.wrappers.get(el);
    if (is === undefined) {
      const h1s = (page.h1s ??= headings(this.root, MAX_LAYOUT_H1S + 1));
      is = h1s.length > 0 && h1s.length <= MAX_LAYOUT_H1S && h1s.every((h) => contains(el, h, 1000)) && proseText(el) * 2 > (page.proseText ??= proseText(this.root));
      page.wrappers.set(el, is);
    }
    return is;
  }

  stat(el: Element): Stat {
    let s = this.stats.get(el);
    if (s === undefined) {
      s = { text: 0, link: 0, commas: 0, ownText: 0, ownCommas: 0, paras: 0, hasBlock: false, score: 0, scored: false };
      this.stats.set(el, s);
    }
    return s;
  }

  private shouldDrop(el: Element): boolean {
    if (DROP_TAGS.has(el.name)) return true;
    if (isHidden(el)) return true;
    // Class and id, read once; not for the elements that are never dropped by their name.
    const ci = NAME_EXEMPT_TAGS.has(el.name) ? '' : classAndId(el);
    if (this.isChrome(el, ci)) {
      if (isCorrectionBox(el)) return false;
      // Only the story's own chrome, inside its <article>: the site's header, sidebar and footer hold notes about other pages.
      if (!inArticle(el)) return true;
      const notes = correctionsInside(el, this.noteSearch);
      if (notes.length === 0) return true;
      for (const note of notes) {
        this.notes.add(note);
        for (let box: Element | null = note.parent as Element | null; box !== null && box !== el; box = box.parent as Element | null) this.shells.add(box);
      }
      this.shells.add(el);
      return false;
    }
    if (((ci !== '' && AD_BOX.test(ci) && !MAYBE.test(ci)) || hasAdAttribute(el)) && textOf(el, AD_BOX_MAX_TEXT * 40).length < AD_BOX_MAX_TEXT) return true;
    if (ci !== '' && isLiveWidget(el)) return true;
    return false;
  }

  /** Page chrome by its role, its tag (the strict attempt) or its class and id `ci` (UNLIKELY on the strict attempt, NEVER_CONTENT on the others). */
  private isChrome(el: Element, ci: string): boolean {
    const role = el.attribs['role'];
    // Chrome by its role on the first attempt; on the retries its class and id still count (a role="dialog" cookie banner).
    if (this.attempt.stripUnlikely && role !== undefined && CHROME_ROLES.has(role)) return true;
    if (this.attempt.stripUnlikely && CHROME_TAGS.has(el.name)) return true;
    if (ci === '' || !(this.attempt.stripUnlikely ? UNLIKELY : NEVER_CONTENT).test(ci) || MAYBE.test(ci)) return false;
    return !this.attempt.stripUnlikely || NEVER_CONTENT.test(ci) || !this.isLayoutWrapper(el);
  }

  /** Pre-order walk (iterative) recording elements, then a reverse pass summing stats upward. */
  private index(root: ParentNode): void {
    const stack: { node: AnyNode; inLink: boolean }[] = [];
    for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i]!, inLink: false });
    while (stack.length > 0) {
      const { node, inLink } = stack.pop()!;
      const inShell = node.parent !== null && isTag(node.parent) && this.shells.has(node.parent);
      if (isText(node)) {
        const p = node.parent;
        if (p !== null && isTag(p) && !inShell) {
          const { len, commas } = countText(node.data);
          const s = this.stat(p);
          s.text += len;
          s.commas += commas;
          s.ownText += len;
          s.ownCommas += commas;
          if (inLink) s.link += len;
        }
        continue;
      }
      if (!isTag(node)) continue;
      // In a shell, only the correction box and the boxes on the way to it, which are not judged again.
      if (inShell && !this.notes.has(node) && !this.shells.has(node)) {
        this.dropped.add(node);
        continue;
      }
      if (!this.shells.has(node) && this.shouldDrop(node)) {
        this.dropped.add(node);
        continue;
      }
      this.order.push(node);
      this.stat(node);
      const link = inLink || node.name === 'a';
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, inLink: link });
    }
    for (let i = this.order.length - 1; i >= 0; i--) {
      const el = this.order[i]!;
      const p = el.parent;
      if (p === null || !isTag(p)) continue;
      const s = this.stat(el);
      const ps = this.stat(p);
      ps.text += s.text;
      ps.link += s.link;
      ps.commas += s.commas;
      ps.paras += s.paras + (el.name === 'p' ? 1 : 0);
      if (s.hasBlock || BLOCK_TAGS.has(el.name)) ps.hasBlock = true;
    }
  }

  linkDensity(el: Element): number {
    const s = this.stat(el);
    return s.text === 0 ? 0 : s.link / s.text;
  }

  /** Readability's scoring; returns the best candidate or null. */
  score(): Element | null {
    const candidates: Element[] = [];
    for (const el of this.order) {
      const n = el.name;
      const s = this.stat(el);
      const paragraphLike = n === 'p' || n === 'pre' || n === 'td' || ((n === 'div' || n === 'section' || n === 'span' || n === 'font') && !s.hasBlock && s.text > 0 && el.parent !== null && isTag(el.parent) && el.parent.name !== 'p');
      let contentScore: number;
      let anc: ParentNode | null;
      if (paragraphLike && s.text >= 25) {
        contentScore = 1 + s.commas + Math.min(Math.floor(s.text / 100), 3);
        anc = el.parent;
      } else if (s.hasBlock && s.ownText >= 25 && (n === 'div' || n === 'section' || n === 'article' || n === 'td' || n === 'main')) {
        // Prose loose in a container that also holds blocks ("text<div class=br></div>more text"):
        // Readability wraps such runs in a <p>; we score them as that <p> would be, with this element as its parent.
        contentScore = 1 + s.ownCommas + Math.min(Math.floor(s.ownText / 100), 3);
        anc = el;
      } else continue;
      for (let level = 0; anc !== null && isTag(anc) && level < 5; level++) {
        if (anc.name === 'html') break;
        const as = this.stat(anc);
        if (!as.scored) {
          as.scored = true;
          as.score = baseScore(this, anc, this.attempt.weightClasses);
          candidates.push(anc);
        }
        as.score += contentScore / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
        anc = anc.parent;
      }
    }
    let top: Element | null = null;
    let topScore = -Infinity;
    for (const c of candidates) {
      const s = this.stat(c);
      s.score *= 1 - this.linkDensity(c);
      if (s.score > topScore) {
        topScore = s.score;
        top = c;
      }
    }
    if (top === null) return null;
    // When several strong candidates share an ancestor, the article is that ancestor (split bodies).
    // Like Readability, only the five best candidates are compared, and only nearby ancestors.
    const best = candidates
      .filter((c) => c !== top)
      .sort((x, y) => this.stat(y).score - this.stat(x).score)
      .slice(0, 4)
      .filter((c) => this.stat(c).score / topScore >= 0.75);
    if (best.length >= 3) {
      let p: ParentNode | null = top.parent;
      for (let level = 0; p !== null && isTag(p) && p.name !== 'body' && level < 30; level++, p = p.parent) {
        let containing = 0;
        for (const c of best) if (contains(p, c)) containing++;
        if (containing >= 3) {
          top = p;
          break;
        }
      }
    }
    // Climb while the parent holds (almost) only this candidate's text.
    for (let p = top.parent, level = 0; p !== null && isTag(p) && p.name !== 'body' && p.name !== 'html' && level < 100; p = p.parent, level++) {
      const ps = this.stat(p);
      const ts = this.stat(top);
      if (ps.text > ts.text * 1.1 + 20) break;
      top = p;
    }
    return top;
  }
}

function contains(ancestor: ParentNode, node: AnyNode, maxDepth = 60): boolean {
  let d = 0;
  for (let p = node.parent; p !== null && d < maxDepth; p = p.parent, d++) if (p === ancestor) return true;
  return false;
}

/** The page's <h1>s and its text outside links (each counted when first asked), and which boxes are its layout (Analysis.isLayoutWrapper). */
interface PageLayout {
  h1s: Element[] | null;
  proseText: number | null;
  wrappers: Map<Element, boolean>;
}

/** A page with more <h1> elements than this has no one headline, and no box is taken for its layout by them. */
const MAX_LAYOUT_H1S = 8;

/** The <h1> elements under a node, in document order, at most `limit` (iterative). */
function headings(root: ParentNode, limit: number): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0 && out.length < limit) {
    const n = stack.pop()!;
    if (!isTag(n)) continue;
    if (n.name === 'h1') out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** How many characters of text a node holds outside links, scripts and styles (iterative). */
function proseText(root: ParentNode): number {
  let n = 0;
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) n += node.data.trim().length;
    else if (isTag(node) && node.name !== 'a' && !DROP_TAGS.has(node.name)) for (const c of node.children) stack.push(c);
  }
  return n;
}

const SIBLING_MAX_LINK_DENSITY = 0.33;

/**
 * A correction appended beside the story's body: its text opens as a note
 * does ("Correction:", "An earlier version…"), or it is named so and opens
 * with the note's heading (isCorrectionBox), and it is no list of links.
 */
function isAppendedCorrection(a: Analysis, box: Element): boolean {
  return a.linkDensity(box) < SIBLING_MAX_LINK_DENSITY && isCorrectionBox(box);
}

/** Is `el` inside an `<article>`? Only there is chrome searched for the story's notes (a shell). */
function inArticle(el: Element): boolean {
  return isInside(el, (p) => p.name === 'article');
}

/** Does this sibling of the top candidate belong to the article? */
function siblingJoins(a: Analysis, sib: Element, top: Element, threshold: number): boolean {
  if (sib === top) return true;
  if (a.dropped.has(sib)) return false;
  // Chrome beside it in the story's <article> holding its note (the article's <header>, an <aside> of extras: a shell
  // is made inside an <article> only, so the top beside it is in that <article> too).
  if (a.isShell(sib) && a.linkDensity(sib) < SIBLING_MAX_LINK_DENSITY) return true;
  // A correction appended beside the story's body (<aside class="correction"> after <div class="article-body">).
  if (isAppendedCorrection(a, sib)) return true;
  const s = a.stat(sib);
  let bonus = 0;
  const tc = attr(top, 'class');
  if (tc && attr(sib, 'class') === tc) bonus += a.stat(top).score * 0.2;
  // A box of the top's own kind is judged as the top was: by the candidate it wraps alone (the climb took
  // the top from an entry's <article> to the <li> around it; the next <li> is worth what its <article> is).
  const score = sameKind(sib, top) ? wrappedScore(a, sib) : s.scored ? s.score : null;
  // By score, as Readability, but not a box whose text is a third links: a grid of story teasers scores like prose.
  if (score !== null && score + bonus >= threshold && a.linkDensity(sib) < SIBLING_MAX_LINK_DENSITY) return true;
  return readsAsProse(a, sib);
}

/**
 * A lone paragraph of prose (a `<p>`, or a box without blocks): long with few links, or a short sentence without any.
 * An embedded post too (isEmbeddedPost: `<blockquote class="twitter-tweet">` beside a live blog's entries): inside the
 * top candidate it is read, so beside it it must be, or whether the story's posts are kept would hang on the layout (a
 * hands-on test: an embedded tweet dropped beside the entries in an `<article>`, read within a `<div
 * class="story-body">` that won by its name). Not any other `<blockquote>`: beside the story it is a box of its own
 * more often than the story's (a quote of the day, a testimonial, a reader's pick, a promo, a "Did you know?" tip,
 * each new on every fetch; a pull quote repeating a paragraph), a review found.
 */
function readsAsProse(a: Analysis, el: Element): boolean {
  const s = a.stat(el);
  if (el.name !== 'p' && !isEmbeddedPost(el) && ((el.name !== 'div' && el.name !== 'section') || s.hasBlock)) return false;
  const ld = a.linkDensity(el);
  if (s.text > 80 && ld < 0.25) return true;
  return s.text > 0 && s.text <= 80 && ld === 0 && /[.!?。]["”’]?\s*$/.test(textOfQuick(el));
}

/**
 * The class names the social networks' embed code gives its `<blockquote>`
 * (X/Twitter, Instagram, TikTok, Bluesky, Mastodon, Threads, Reddit,
 * Facebook), as whole class names. A short list on purpose: a quotation
 * beside the story joins it only when it is one of these posts.
 */
const EMBEDDED_POST_CLASS = /(?:^|\s)(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed|bluesky-embed|mastodon-embed|text-post-media|reddit-card|reddit-embed-bq|fb-post|fb-xfbml-parse-ignore)(?:$|\s)/i;

/** A social network's post embedded in the page (`<blockquote class="twitter-tweet">`; see EMBEDDED_POST_CLASS). */
function isEmbeddedPost(el: Element): boolean {
  return el.name === 'blockquote' && EMBEDDED_POST_CLASS.test(attr(el, 'class') ?? '');
}

/**
 * Two boxes of one kind: the same tag and the same class, named (two bare
 * <section>s or <div>s say nothing: one may be the story, the other a teaser
 * rail), or two <article>s or <li>s, which are items by their tag.
 */
function sameKind(x: Element, y: Element): boolean {
  if (x.name !== y.name) return false;
  const kind = attr(x, 'class');
  if (kind !== attr(y, 'class')) return false;
  return (kind !== undefined && kind.trim() !== '') || x.name === 'article' || x.name === 'li';
}

/**
 * The best score among a box and the boxes it only wraps, going down the
 * way Analysis.score climbs up (a child holding all but a tenth of the
 * text): what the box would have scored as a top candidate. Null when none
 * of them was scored.
 */
function wrappedScore(a: Analysis, box: Element): number | null {
  let best: number | null = null;
  let el = box;
  for (let depth = 0; depth < 10; depth++) {
    const s = a.stat(el);
    if (s.scored && (best === null || s.score > best)) best = s.score;
    let only: Element | null = null;
    for (const c of el.children) if (isTag(c) && !a.dropped.has(c) && a.stat(c).text * 1.1 + 20 >= s.text) only = c;
    if (only === null) break;
    el = only;
  }
  return best;
}

function textOfQuick(el: Element): string {
  let out = '';
  const stack: AnyNode[] = [el];
  while (stack.length > 0 && out.length < 2000) {
    const n = stack.pop()!;
    if (isText(n)) out += n.data;
    else if (isTag(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Readability's `_cleanConditionally`, on our stats: is this box inside the article really furniture? */
function isJunkBox(a: Analysis, el: Element): boolean {
  // The correction check (a text read) only for the few boxes that would go.
  return !a.isShell(el) && looksLikeJunk(a, el) && !isCorrectionBox(el);
}

function looksLikeJunk(a: Analysis, el: Element): boolean {
  const n = el.name;
  if (n !== 'div' && n !== 'section' && n !== 'ul' && n !== 'ol' && n !== 'table' && n !== 'aside' && n !== 'figure' && n !== 'header' && n !== 'footer' && n !== 'form' && n !== 'dl') return false;
  const s = a.stat(el);
  const weight = classWeight(a, el);
  // Readability: a negatively named box goes unless its own content score outweighs the name.
  if (a.attempt.cleanConditionally && weight + (s.scored ? s.score : 0) < 0) return true;
  if (s.text === 0) return false;
  const ld = a.linkDensity(el);
  if (!a.attempt.cleanConditionally) return ld > 0.8 && s.text < 1000;
  const isList = n === 'ul' || n === 'ol';
  if (s.commas >= 10) return false;
  // Lists are content unless a positively named box is mostly links (Readability); short
  // all-link items are dropped later, one paragraph at a time.
  if (isList) return weight >= 25 && ld > 0.5;
  // A short box without paragraphs that is a fifth links (a "related" box named neutrally), or any mostly-links box.
  if (weight < 25 && ld > 0.2 && s.paras === 0 && s.text < 500) return true;
  return ld > 0.5;
}

/** Inline elements an image's caption is set in when the page has no <figcaption>. */
const CAPTION_TAGS = new Set(['em', 'i', 'small']);
/** Longer than this, an italic line under an image is prose (a standfirst), not a caption. */
const MAX_CAPTION_CHARS = 400;

/** Is this element an image (or a link/box holding only an image, no text)? Bounded walk. */
function isImageOnly(el: Element): boolean {
  if (el.name === 'img' || el.name === 'picture') return true;
  if (el.name !== 'a' && el.name !== 'span' && el.name !== 'figure') return false;
  let image = false;
  const stack: AnyNode[] = [...el.children];
  for (let seen = 0; stack.length > 0 && seen < 50; seen++) {
    const n = stack.pop()!;
    if (isText(n)) {
      if (/\S/.test(n.data)) return false;
    } else if (isTag(n)) {
      if (n.name === 'img' || n.name === 'picture') image = true;
      else for (const c of n.children) stack.push(c);
    }
  }
  return image && stack.length === 0;
}

/**
 * An image caption set as an italic or small line right under the image,
 * "<img><br><em>KL 26, Metz, 1940. Seitdem in Sammlerhand.</em><br>": the
 * line starts at the image (nothing but <br> between them) and ends with the
 * element (a <br>, a block or the end of its parent follows). Like
 * <figcaption>, it describes the picture and is not article text.
 */
function isImageCaption(el: Element): boolean {
  let next = el.next;
  while (next !== null && isText(next) && !/\S/.test(next.data)) next = next.next;
  if (next !== null && !(isTag(next) && (next.name === 'br' || BLOCK_TAGS.has(next.name)))) return false;
  let prev = el.prev;
  for (let brs = 0; prev !== null; prev = prev.prev) {
    if (isText(prev)) {
      if (/\S/.test(prev.data)) return false;
    } else if (isTag(prev) && prev.name === 'br') {
      if (++brs > 2) return false;
    } else break;
  }
  if (prev === null || !isTag(prev) || !isImageOnly(prev)) return false;
  const text = textOfQuick(el);
  return /\S/.test(text) && countText(text).len <= MAX_CAPTION_CHARS;
}

/** A paragraph as read from the DOM, before normalisation. */
interface RawParagraph {
  text: string;
  /** Characters inside links, and all characters (raw, before whitespace collapsing). */
  linkChars: number;
  /** Characters inside <em>/<i> (a paragraph set in italics is an aside: an editor's note). */
  italicChars: number;
  /** Characters inside <time> elements (the page's own mark for a date: "<time>Monday</time>" above the story is its stamp). */
  timeChars: number;
  chars: number;
  /** The block element that produced it. */
  tag: string;
  /** An element without text of its own (an iframe, an image, an empty or excluded box) sits between it and the previous paragraph. */
  afterBox: boolean;
  /** The <h1> its text was read from, if any. */
  h1: Element | null;
}

/** Never rendered, so not a slot on the page whatever it holds (a box in the sense of RawParagraph.afterBox is visible). */
const UNRENDERED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link']);

/** The most text a cell of a data table holds; a longer one is a layout table's column of prose. */
const DATA_CELL_MAX_TEXT = 300;
/** Between the cells of a data row while it is read; finishParagraphs judges each cell, then joins them with " | ". */
const CELL = '\u001f';

/**
 * A row of a data table, read as one paragraph: two cells or more, each
 * short and without blocks or line breaks inside, in a table with at
 * least two such rows. A changed figure then shows in its row ("North |
 * 1,204" → "North | 1,304"), not as a bare "1,204" → "1,304". A layout
 * table's row (a column of paragraphs beside a menu; a one-row table of a
 * menu, a brief and a sponsor line) keeps its cells apart.
 */
function isDataRow(a: Analysis, tr: Element, tables: Map<Element, boolean>): boolean {
  if (!hasDataCells(a, tr)) return false;
  // The table: the row's parent, or its parent past a <thead>/<tbody>/<tfoot>.
  let table = tr.parent;
  if (table !== null && isTag(table) && table.name !== 'table' && table.parent !== null && isTag(table.parent)) table = table.parent;
  if (table === null || !isTag(table) || table.name !== 'table') return false;
  let is = tables.get(table);
  if (is === undefined) {
    let rows = 0;
    for (const c of table.children) {
      if (!isTag(c)) continue;
      if (c.name === 'tr') rows += hasDataCells(a, c) ? 1 : 0;
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') for (const r of c.children) if (isTag(r) && r.name === 'tr' && hasDataCells(a, r)) rows++;
      if (rows >= 2) break;
    }
    tables.set(table, (is = rows >= 2));
  }
  return is;
}

function hasDataCells(a: Analysis, tr: Element): boolean {
  if (tr.name !== 'tr') return false;
  let cells = 0;
  for (const c of tr.children) {
    if (!isTag(c)) {
      if (isText(c) && /\S/.test(c.data)) return false;
      continue;
    }
    if (c.name !== 'td' && c.name !== 'th') return false;
    const s = a.stat(c);
    if (s.hasBlock || s.text > DATA_CELL_MAX_TEXT || findFirst(c, (x) => x.name === 'br') !== null) return false;
    cells++;
  }
  return cells >= 2;
}

/** A data row's text (CELL between its cells) as one paragraph: each cell normalised, empty cells and those that change on every fetch left out. */
function joinCells(text: string): string {
  const cells: string[] = [];
  for (const cell of text.split(CELL)) {
    const c = normalizeText(cell);
    if (c !== '' && !isVolatileText(c)) cells.push(c);
  }
  return cells.join(' | ');
}

/** Read the chosen subtrees into paragraphs, one per block. */
function emitParagraphs(a: Analysis, roots: Element[]): RawParagraph[] {
  const out: RawParagraph[] = [];
  let buf = '';
  let linkChars = 0;
  let italicChars = 0;
  let timeChars = 0;
  let tag = '';
  let h1: Element | null = null;
  // A box met before the current paragraph's text belongs before it; one met after its text, before the next paragraph.
  let boxBefore = false;
  let boxAfter = false;
  const markBox = (): void => {
    if (/\S/.test(buf)) boxAfter = true;
    else boxBefore = true;
  };
  const flush = (): void => {
    if (buf.length > 0) {
      out.push({ text: buf, linkChars, italicChars, timeChars, chars: buf.length, tag, afterBox: boxBefore, h1 });
      buf = '';
      linkChars = 0;
      italicChars = 0;
      timeChars = 0;
      boxBefore = boxAfter;
      boxAfter = false;
    }
  };
  const dataRows = new Map<Element, boolean>();
  const dataTables = new Map<Element, boolean>();
  const dataRow = (tr: Element): boolean => {
    let is = dataRows.get(tr);
    if (is === undefined) dataRows.set(tr, (is = isDataRow(a, tr, dataTables)));
    return is;
  };
  type Frame = { node: AnyNode; exit: boolean; inLink: boolean; inItalic: boolean; inTime: boolean; block: string; inH1: Element | null };
  for (const root of roots) {
    const stack: Frame[] = [{ node: root, exit: false, inLink: false, inItalic: false, inTime: false, block: root.name, inH1: null }];
    while (stack.length > 0) {
      const { node, exit, inLink, inItalic, inTime, block, inH1 } = stack.pop()!;
      if (exit) {
        flush();
        continue;
      }
      if (isText(node)) {
        // A shell's own text ("Opinion | By Sam Carter" loose in the header around a note) is the chrome's.
        if (node.parent !== null && isTag(node.parent) && a.isShell(node.parent)) continue;
        if (buf.length === 0) {
          tag = block;
          h1 = inH1;
        }
        buf += node.data;
        if (inLink) linkChars += node.data.length;
        if (inItalic) italicChars += node.data.length;
        if (inTime) timeChars += node.data.length;
        continue;
      }
      if (!isTag(node)) continue;
      if (a.dropped.has(node)) {
        if (!UNRENDERED_TAGS.has(node.name)) markBox();
        continue;
      }
      const n = node.name;
      if (n === 'br') {
        // Two <br> in a row end a paragraph; one is a line break inside it.
        let next = node.next;
        while (next !== null && isText(next) && !/\S/.test(next.data)) next = next.next;
        if (next !== null && isTag(next) && next.name === 'br') flush();
        else buf += ' ';
        continue;
      }
      if (n === 'hr') {
        flush();
        continue;
      }
      if (node !== root && isJunkBox(a, node)) {
        markBox();
        continue;
      }
      if (CAPTION_TAGS.has(n) && isImageCaption(node)) {
        flush();
        continue;
      }
      // A cell of a data table is part of its row's paragraph ("North | 1,204", see joinCells), not a paragraph of its own.
      const dataCell = (n === 'td' || n === 'th') && node.parent !== null && isTag(node.parent) && dataRow(node.parent);
      if (dataCell) {
        if (buf.length === 0) {
          tag = 'tr';
          h1 = inH1;
        }
        buf += CELL;
      }
      const isBlock = !dataCell && PARAGRAPH_BREAK.has(n);
      // An empty block or <ins> (AdSense's slot) is a box a script fills: an ad's, often.
      if ((isBlock || n === 'ins') && a.stat(node).text === 0) markBox();
      if (isBlock) {
        flush();
        stack.push({ node, exit: true, inLink, inItalic, inTime, block: n, inH1 });
      }
      const link = inLink || n === 'a';
      const italic = inItalic || n === 'em' || n === 'i';
      const time = inTime || n === 'time';
      const childBlock = isBlock ? n : block;
      const childH1 = n === 'h1' ? node : inH1;
      const kids = node.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, exit: false, inLink: link, inItalic: italic, inTime: time, block: childBlock, inH1: childH1 });
    }
    flush();
  }
  return out;
}

/**
 * A numeric date stamp, a time perhaps, then the source or author label:
 * "2017-03-10 09:58 来源：网易科学人", "12.03.2019, 14:05 | Quelle: dpa". The
 * label is required: "2017年3月10日，NASA宣布……" opens a sentence.
 */
const DATELINE_WITH_SOURCE =
  /^(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[./]\d{1,2}[./]\d{4})(?:\s*,?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*(?:uhr|h))?)?\s*(?:[|·•,，\-–—/]\s*)?(?:来源|來源|作者|责任编辑|source|quelle|fuente|fonte|author|auteur|autor|by|von|par|por)(?:\s*[:：]|\s)/i;

/** Header lines that sit above the first paragraph of prose: kicker, headline, byline, date line. */
function isHeaderLine(p: string, titleKey: string | null, headlineKey: string | null): boolean {
  if (titleKey !== null || headlineKey !== null) {
    const key = looseKey(p);
    // The chosen title, or its first part ("Headline" when the title is "Headline | Site" and the site was not recognised).
    if (titleKey !== null && (key === titleKey || (key.length >= 15 && titleKey.startsWith(key)))) return true;
    // The headline as the page shows it, when the title came from the metadata: only the same words, nothing shorter.
    if (key === headlineKey) return true;
  }
  if (p.length <= 100 && startsAsByline(p)) return true;
  // A date line, not a short first sentence that holds a date ("By May 3, 2024, the river had risen three metres.").
  if (p.length <= 80 && (parseHumanDate(p) !== null || DATELINE_WITH_SOURCE.test(p) || isYearlessDayLine(p)) && !isSentence(p)) return true;
  return false;
}

/**
 * A line the page marked as a date, above the story's first line of text
 * (of any length: a live blog's or a timeline's entries are short): its
 * text is in <time> elements, and the rest only stamp words
 * ("<time>Monday</time>", "<time>Nov 29, 10:45 p.m.</time>"; dates.ts
 * isBareStampLine: a day or weekday without its year or a label). The
 * weekday becomes a date when the week is over, and the page a new
 * version. The same words without the mark stay: "Monday" may head a
 * timetable, and a <time> in a sentence is the sentence's. So does a
 * day the page marks in the same tag again below (`<h3><time>Nov
 * 26</time></h3>` … `<h3><time>Nov 27</time></h3>`): those are a
 * timeline's headings, the first one too (a review saw a timeline's and a
 * live blog's day headings dropped while no paragraph had reached 100
 * characters).
 */
function isMarkedStampLine(raw: readonly RawParagraph[], texts: readonly string[], i: number): boolean {
  const r = raw[i]!;
  if (!isMarkedDayLine(r, texts[i]!)) return false;
  for (let k = i + 1; k < raw.length; k++) if (raw[k]!.tag === r.tag && isMarkedDayLine(raw[k]!, texts[k]!)) return false;
  return true;
}

/**
 * A timeline's day headings, the story's text: heading elements (h2–h6) each holding a day alone, with its year
 * or without and no label ("<h3>Nov 26</h3>" … "<h3>26 November 2024</h3>"; dates.ts isDayLine), two or more
 * different days of one tag written the same way (dayShape), each heading an entry of its own: text below it,
 * before the next heading, that is not a link. They head the entries below them, the first one too (a QA pass
 * saw a short-entry timeline lose every day heading, as datelines or as date lines by normalize.ts, so that
 * correcting one was never seen). Not a dateline above the story with a day somewhere below (an adversarial
 * review: a site's date banner above a timeline written otherwise, a byline's date beside a linked date under
 * "Read more", the same day twice), nor the dates of a list of links ("Latest news", "On this day": they
 * rotate). Their indexes.
 */
function dayHeadings(raw: readonly RawParagraph[], texts: readonly string[]): Set<number> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    if (!/^h[2-6]$/.test(r.tag) || r.linkChars > 0.5 * r.chars || !isDayLine(texts[i]!) || !headsAnEntry(raw, texts, i)) continue;
    const key = `${r.tag} ${dayShape(texts[i]!)}`;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const out = new Set<number>();
  for (const group of groups.values()) {
    if (new Set(group.map((i) => texts[i])).size >= 2) for (const i of group) out.add(i);
  }
  return out;
}

/**
 * Whether text that is not a link follows heading i before the next heading of its level or above (a day's own
 * sub-headings, "<h2>Nov 26</h2><h3>Morning session</h3>…", are part of its entry: a review).
 */
function headsAnEntry(raw: readonly RawParagraph[], texts: readonly string[], i: number): boolean {
  const level = Number(raw[i]!.tag.slice(1));
  for (let k = i + 1; k < raw.length; k++) {
    const heading = /^h([1-6])$/.exec(raw[k]!.tag);
    if (heading && Number(heading[1]) <= level) break;
    if (!heading && texts[k]!.length > 0 && raw[k]!.linkChars <= 0.5 * raw[k]!.chars) return true;
  }
  return false;
}

/** How a day is written, its words and numbers left out ("Nov. 26, 2024" and "May 3, 2024": "a 0 0"; "Saturday, November 30, 2024": "a a 0 0"). */
function dayShape(text: string): string {
  return text
    // (the ordinal's letters are Latin: 年, 月 and 日 after a number are words of their own)
    .replace(/\d+(?:st|nd|rd|th|er)?(?!\p{Script=Latin})/giu, '0')
    .replace(/\p{L}+/gu, 'a')
    .replace(/[^a0]+/g, ' ')
    .trim();
}

/** Text in <time> elements, the rest stamp words, with a day (dates.ts isBareStampLine). */
function isMarkedDayLine(r: RawParagraph, p: string): boolean {
  return r.timeChars > 0 && isBareStampLine(p);
}

/** "by Duncan Bell / January 19, 2017 / Leave a comment": a byline-and-date line, even after a standfirst. */
function isBylineDateLine(p: string): boolean {
  return p.length <= 200 && startsAsByline(p) && parseHumanDate(p) !== null;
}

/** Words that, after "By", "Par", "Por", "Von" or "Door", make a sentence rather than a byline ("By the time…", "Par un arrêté…"). */
const NOT_A_NAME = /^(?:the|then|now|this|that|these|those|a|an|all|far|late|early|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|un|une|le|la|les|l|ce|cette|el|los|las|lo|primera|primer|der|die|das|dem|den|einem|einer|de|het|een)$/i;

/**
 * A line that opens as a byline: "By", "Von", "Par", "Por", "Door" or "Di"
 * and a name, not a sentence that starts with the same preposition ("By
 * March 1, 2024, more than 3,000 residents had signed…", "Por primera vez…",
 * "Von 1. Januar 2025 an…", "Door de storm…"): the word after it is
 * capitalised and no article, month (dates.ts isMonth), weekday or number, and a line that
 * ends as a sentence counts only with a separator or a stamp label in it.
 */
function startsAsByline(p: string): boolean {
  const m = /^(?:by|von|par|por|door|di)\s+([^\s,.;:]+)/i.exec(p);
  if (m === null) return false;
  const next = m[1]!;
  if (!/^\p{Lu}/u.test(next) || NOT_A_NAME.test(next) || /\d/.test(next)) return false;
  // A month opens a date ("By May 3, 2024, the river…", "By June, the council…"), unless a capitalised word
  // follows it: then it is a first name ("By Jan Smith", "By May Lee", "Door Jan de Vries": QA saw them kept as text).
  if (isMonth(next) && !/^(?:(?:de|van|der|den|von|di|da|du|le|la|al|el|bin)\s+)?\p{Lu}/u.test(p.slice(m.index + m[0].length).trimStart())) return false;
  if (/[.!?]["”’)]*$/.test(p) && !/[|·•/]|\b(?:updated|published|posted)\b/i.test(p) && p.length > 60) return false;
  return true;
}

/**
 * Ad copy written as bare paragraphs between an ad label and the page's
 * marker that the story goes on: "ADVERTISEMENT" / "Buy SuperWidget now!" /
 * "Story continues below advertisement". The publisher has marked both ends
 * of the slot, so what lies between is the ad's text, which rotates on every
 * fetch, whatever it says. Only when nothing else sits in between: when an
 * iframe, image or (empty) ad box follows the label, that element is the ad
 * and the paragraph after it is the story's again, marker or not. Bounded,
 * so that a misplaced marker cannot take story text with it: at most
 * MAX_AD_COPY_PARAGRAPHS paragraphs of at most MAX_AD_COPY_CHARS characters
 * each (display-ad text is short: Google's responsive display ads allow a
 * 90-character long headline and 90-character descriptions). A label with
 * no marker after it proves nothing about the paragraph that follows.
 */
const MAX_AD_COPY_PARAGRAPHS = 4;
const MAX_AD_COPY_CHARS = 100;

/**
 * The index of the continuation marker closing an ad slot whose label is
 * texts[label] (see above), or null when texts[label] opens no such slot.
 * texts are the normalised raw paragraphs; empty ones are not counted.
 */
function adSlotEnd(raw: readonly RawParagraph[], texts: readonly string[], label: number): number | null {
  if (!isAdLabel(texts[label]!.toLowerCase())) return null;
  // A label right after a box (an iframe, an image) is that ad's caption: the ad was above it, and what follows is the
  // story. The box may have marked a whitespace-only paragraph between them (pretty-printed markup): look past those.
  for (let k = label; k >= 0; k--) {
    if (raw[k]!.afterBox) return null;
    if (k < label && texts[k]!.length > 0) break;
  }
  let copy = 0;
  for (let i = label + 1; i < raw.length; i++) {
    if (raw[i]!.afterBox) return null;
    const p = texts[i]!;
    if (p.length === 0) continue;
    const lower = p.toLowerCase();
    // A marker that is a link ("Continue reading" opening the rest of the story) is navigation, not the end of an ad slot.
    if (isContinuationMarker(lower)) return copy > 0 && raw[i]!.linkChars < 0.5 * raw[i]!.chars ? i : null;
    if (isAdLabel(lower) || p.length > MAX_AD_COPY_CHARS || ++copy > MAX_AD_COPY_PARAGRAPHS) return null;
  }
  return null;
}

function finishParagraphs(raw: RawParagraph[], { title, headline, byline }: BodyOptions): string[] {
  const out: string[] = [];
  const titleKey = title ? looseKey(title) : null;
  const headlineKey = headline ? looseKey(headline) || null : null;
  const bylineKey = byline ? looseKey(byline) : null;
  // The article's headline element: the first <h1> read above the first paragraph of prose (see below).
  let headlineElement: Element | null = null;
  let inHeader = true;
  let inRecommendations = false;
  // A data row (tag 'tr': its cells are not blocks) is judged cell by cell, so a row is not taken for a meta bar or a prompt.
  const texts = raw.map((r) => (r.tag === 'tr' ? joinCells(r.text) : normalizeText(r.text)));
  const days = dayHeadings(raw, texts);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const p = texts[i]!;
    if (p.length === 0) continue;
    // "ADVERTISEMENT" / the ad's own lines / "Story continues below advertisement": the ad slot goes whole (adSlotEnd).
    const adEnd = adSlotEnd(raw, texts, i);
    if (adEnd !== null) {
      i = adEnd;
      continue;
    }
    // "More Great WIRED Stories" and the list under it: list items, or short teaser lines, until prose or a heading.
    if (inRecommendations && (r.tag === 'li' || (p.length < 160 && (!/^h[1-6]$/.test(r.tag) || r.linkChars > 0.8 * r.chars)))) continue;
    inRecommendations = p.length <= 60 && RECOMMENDATION_HEADING.test(p.toLowerCase());
    if (inRecommendations) continue;
    if (inHeader) {
      // The headline element is never a body paragraph, whichever title the metadata rules chose: when only
      // og:title or <title> changed, the unchanged <h1> no longer equals the title and read as a new paragraph.
      // Only before any body text: an <h1> after the first paragraphs (short ones keep the header open) is a section heading.
      if (r.h1 !== null && out.length === 0 && (headlineElement === null || headlineElement === r.h1)) {
        headlineElement = r.h1;
        continue;
      }
      if ((isHeaderLine(p, titleKey, headlineKey) && !days.has(i)) || isBylineDateLine(p)) continue;
      // Only above the story's first line, however short (isMarkedStampLine).
      if (out.length === 0 && isMarkedStampLine(raw, texts, i)) continue;
      if (p.length >= 100) inHeader = false;
    } else if (out.length < 4 && (isBylineDateLine(p) || (bylineKey !== null && looseKey(p.replace(/^(?:by|von|par|por|door)\s+/i, '')) === bylineKey))) continue;
    // A short paragraph that is all link is a cross-link ("Who will make the Rock Hall in 2020?"), not prose.
    if (r.chars > 0 && r.linkChars / r.chars > 0.8 && p.length < 160 && r.tag !== 'pre') continue;
    if (r.tag !== 'tr' && isFurniture(p) && !days.has(i)) continue;
    // A day heading over nothing but links ("Latest news": "<h4>Nov 28</h4><a>…</a>") labels a list that rotates; its links went above.
    if (/^h[2-6]$/.test(r.tag) && !days.has(i) && isDayLine(p) && !headsAnEntry(raw, texts, i)) continue;
    // An editor's note in italics saying this is one part of a series ("Dies ist Teil 2 zum Text …"): not the article's text.
    if (r.italicChars > 0.8 * r.chars && isSeriesNote(p)) continue;
    out.push(p);
  }
  return out;
}

interface AttemptResult extends Body {
  chars: number;
  top: Element | null;
  /** The elements read: the top candidate and the siblings that joined it. */
  roots: Element[];
}

/** What extractBody found: the paragraphs, and on a blog's index page the headline of the post they come from. */
export interface Body {
  paragraphs: string[];
  /** The listed post's headline, when the page is a listing read as its first post (its own title names the listing). */
  postHeadline: string | null;
}

/** Posts a listing needs before it counts as one: a blog's index or archive page. */
const MIN_LISTED_POSTS = 3;
/** What blog engines call a post on their index pages (WordPress "post hentry", Drupal "node-teaser"), as a whole class name. */
const POST_BOX = /(?:^|\s)(?:post|hentry|h-entry|entry|blog-?post|type-post|node-teaser)(?:$|\s)/;

/**
 * The path a post's headline links to, when the element opens (within its
 * first few elements) with a heading that is all link: a post on a blog's
 * index page ("<h2 class=entry-title><a href=/2014/01/title/>Title</a></h2>"
 * then the post's text), in an <article> or a box named as a post (a
 * listicle's items also have linked headings, but are not named so). Null
 * for anything else.
 */
function postPermalink(a: Analysis, el: Element): string | null {
  return postHeading(a, el)?.href ?? null;
}

/** The post's headline element and the path it links to (postPermalink). */
function postHeading(a: Analysis, el: Element): { heading: Element; href: string } | null {
  if (el.name !== 'article' && !POST_BOX.test(classAndId(el))) return null;
  const s = a.stat(el);
  const stack: { node: Element; depth: number }[] = [{ node: el, depth: 0 }];
  for (let seen = 0; stack.length > 0 && seen < 12; seen++) {
    const { node, depth } = stack.shift()!;
    if (/^h[1-4]$/.test(node.name)) {
      const hs = a.stat(node);
      if (hs.text === 0 || hs.link < 0.8 * hs.text || s.text < hs.text + 100) return null;
      const link = findFirst(node, (x) => x.name === 'a' && attr(x, 'href') !== undefined);
      const href = link === null ? null : attr(link, 'href')!.replace(/[?#].*$/, '');
      return href !== null && href !== '' ? { heading: node, href } : null;
    }
    if (depth < 2) for (const c of node.children) if (isTag(c) && !a.dropped.has(c)) stack.push({ node: c, depth: depth + 1 });
  }
  return null;
}

/**
 * A blog's index or archive page: the top candidate is one of several
 * sibling posts, each under a headline linking to its own page, or the box
 * holding them. The posts would all join (they read as prose), making one
 * "article" of a dozen posts; read the first post, the newest, as
 * trafilatura's annotators do. Null when there is no such list (a live
 * blog's entries link to anchors on one page, so they stay one article).
 */
function firstListedPost(a: Analysis, top: Element): Element | null {
  const parent = top.parent;
  const topIsPost = postPermalink(a, top) !== null && parent !== null && isTag(parent);
  let box: Element = topIsPost ? (parent as Element) : top;
  // The climb may have left the list a few wrappers down ("#container > #content > posts").
  for (let level = 0; !topIsPost && level < 10 && a.stat(box).text > 0; level++) {
    let only: Element | null = null;
    for (const c of box.children) if (isTag(c) && !a.dropped.has(c) && a.stat(c).text >= 0.9 * a.stat(box).text) only = c;
    if (only === null) break;
    box = only;
  }
  const paths = new Set<string>();
  let first: Element | null = null;
  let otherText = 0;
  for (const child of box.children) {
    if (!isTag(child) || a.dropped.has(child)) continue;
    const path = postPermalink(a, child);
    if (path === null) {
      otherText += a.stat(child).text;
      continue;
    }
    paths.add(path);
    // The top candidate when it is a post itself: a single post's page may list teasers of the previous and
    // next posts around it, and they are not what the page is about. Otherwise the first post, the newest.
    if (first === null && (!topIsPost || child === top)) first = child;
  }
  if (paths.size < MIN_LISTED_POSTS || first === null) return null;
  // A story that is not itself a listed post, with linked posts under it ("related"): not a listing.
  if (otherText >= 0.5 * a.stat(first).text) return null;
  return first;
}

/**
 * Is the top candidate one of a run of boxes of its kind (same tag, same
 * class), with at least one more of them joining as its sibling? A live
 * blog's entries, a story set in several same-class blocks.
 */
function joinsItsKind(top: Element, roots: readonly Element[]): boolean {
  for (const r of roots) if (r !== top && sameKind(r, top)) return true;
  return false;
}

/**
 * The article as read when the top candidate is one of several boxes of a
 * kind (a live blog's entries): the boxes that join, after the paragraphs
 * of prose that open their container's parent before it (the standfirst).
 * The same page with one entry, or with four or more, has the container as
 * its top candidate (a lone box climbs to it; three strong candidates in it
 * take their shared ancestor), and the standfirst joins it then: without
 * this it came and went as entries were added. Only prose, and only before
 * the container: boxes beside it (partner promos, card rails, a "Latest"
 * strip) and whatever follows it (a disclaimer, a donation pitch) stay out,
 * as they did when a story was set in two blocks of one class. The
 * container's children are still filtered one by one (teasers between the
 * boxes stay out), and the top candidate does not change.
 */
function withOpeningProse(a: Analysis, container: Element, inner: Element[]): Element[] {
  const outer = container.parent;
  if (outer === null || !isTag(outer) || outer.name === 'html') return inner;
  const before: Element[] = [];
  for (const sib of outer.children) {
    if (sib === container) break;
    if (isTag(sib) && !a.dropped.has(sib) && readsAsProse(a, sib)) before.push(sib);
  }
  return [...before, ...inner];
}

function runAttempt(doc: Document, attempt: Attempt, options: BodyOptions, layout: PageLayout): AttemptResult {
  const a = new Analysis(doc, attempt, layout);
  let top = a.score();
  // Nothing long enough to score (a stub page, "<p>Gone fishing.</p>"): read what the body has.
  if (top === null) top = findFirst(doc, (el) => el.name === 'body') ?? (a.order[0] ?? null);
  if (top === null) return { paragraphs: [], postHeadline: null, chars: 0, top: null, roots: [] };
  const topScore = a.stat(top).score;
  const threshold = Math.max(10, topScore * 0.2);
  const parent = top.parent;
  let roots: Element[] = [];
  const listed = firstListedPost(a, top);
  const heading = listed === null ? null : postHeading(a, listed);
  const postHeadline = heading === null ? null : normalizeText(textOf(heading.heading, 2000)) || null;
  if (listed !== null) roots.push(listed);
  else if (parent !== null && isTag(parent) && parent.name !== 'html') {
    for (const sib of parent.children) if (isTag(sib) && siblingJoins(a, sib, top, threshold)) roots.push(sib);
    if (joinsItsKind(top, roots)) roots = withOpeningProse(a, parent, roots);
  } else roots.push(top);
  const paragraphs = finishParagraphs(emitParagraphs(a, roots), options);
  let chars = 0;
  for (const p of paragraphs) chars += p.length;
  return { paragraphs, postHeadline, chars, top, roots };
}

/**
 * Did a retry land where the first attempt already read? Its top candidate
 * is the first one's or around it, or inside another box of the first top's
 * kind that joined it (a short live blog's retry picked another entry: a
 * different element, the same place). Not merely inside the first top: the
 * strict attempt may have climbed through a story it had stripped
 * (Elementor's "widget" wrappers), and the retry that finds it is the point.
 */
function samePlace(first: AttemptResult, retryTop: Element): boolean {
  const top = first.top;
  if (top === null) return false;
  if (retryTop === top || contains(retryTop, top, 1000)) return true;
  for (const root of first.roots) if (root !== top && sameKind(root, top) && (root === retryTop || contains(root, retryTop, 1000))) return true;
  return false;
}

/** A paragraph this long is prose, not chrome (a name, a time, "Share", a short offer). */
const PROSE_PARAGRAPH = 80;

/**
 * Did the retry find story the first attempt did not read, where the first
 * result is boxes of one kind read together (joinsItsKind)? New paragraphs
 * of prose at least as long as the first result (and 400 characters) are a
 * story the strict attempt stripped by its box's name, which the joined
 * boxes (a dek and a caption in two same-class sections or rows) had
 * carried past SHORT_ARTICLE; not entry headers, share boxes or a paywall
 * offer, which are short lines. Only then: a short brief of one box keeps
 * its "related" blurbs out, as before.
 */
function foundMoreStory(first: AttemptResult, retry: AttemptResult): boolean {
  if (first.top === null || !joinsItsKind(first.top, first.roots)) return false;
  const had = new Set(first.paragraphs);
  let added = 0;
  for (const p of retry.paragraphs) if (p.length >= PROSE_PARAGRAPH && !had.has(p)) added += p.length;
  return added >= Math.max(400, first.chars);
}

/** A short article is still an article: enough text that a lenient retry must find a different place to win. */
const SHORT_ARTICLE = 200;

/**
 * The article body as paragraphs. Pure; bounded by the size of the DOM.
 *
 * Like Readability, a result under ENOUGH_TEXT characters triggers a retry
 * with fewer exclusions, and the longest result wins, with one difference: a
 * retry that lands on the same place (its top candidate contains the first
 * one's) only re-admits what the first attempt excluded on purpose (a
 * paywall offer, a share box), so a short but real first result stands.
 */
export function extractBody(doc: Document, options: BodyOptions = {}): Body {
  let best: AttemptResult = { paragraphs: [], postHeadline: null, chars: 0, top: null, roots: [] };
  let first: AttemptResult | null = null;
  const layout: PageLayout = { h1s: null, proseText: null, wrappers: new Map() };
  for (const attempt of ATTEMPTS) {
    const r = runAttempt(doc, attempt, options, layout);
    if (first === null) first = r;
    else if (first.chars >= SHORT_ARTICLE && first.top !== null && r.top !== null && samePlace(first, r.top) && !foundMoreStory(first, r)) continue;
    if (r.chars >= ENOUGH_TEXT) return { paragraphs: r.paragraphs, postHeadline: r.postHeadline };
    if (r.chars > best.chars) best = r;
  }
  return { paragraphs: best.paragraphs, postHeadline: best.postHeadline };
}
