/**
 * One check of one article, top to bottom (DESIGN "The pipeline", STYLE 2):
 * robots.txt allows? → fetch → same bytes? → extract → same content? → new version → reschedule.
 * Expected failures (HTTP errors, timeouts, empty pages) are recorded as
 * values on the article; only bugs throw. A page that answers 404 or 410, or
 * redirects to a page above it (gone.ts), on checks at least 5 minutes
 * apart with nothing else between, was removed (a removal, store.ts): the
 * versions stay, and the first check that reaches it again marks it restored.
 */
import type { Config } from '../config.ts';
import type { ArticleRow, CheckOutcomeKind, CheckRecord, RemovalChange, Store, VersionRow } from '../db/store.ts';
import { sha256Hex } from '../db/store.ts';
import { diffArticles } from '../diff/index.ts';
import { summarizeChange, type ChangeSummary } from '../diff/summary.ts';
import { extractArticle } from '../extract/index.ts';
import { fetchPage } from '../fetch/fetcher.ts';
import { robotsRefusal, type RobotsCache } from '../fetch/politeness.ts';
import { CONFIRM_MIN_GAP_MS, confirmableFrom, confirmation, confirmingCheckAt, isDrasticChange } from './confirm.ts';
import { contentFingerprint } from './fingerprint.ts';
import { NOT_FOUND_PAGE, REDIRECTED_AWAY, goneRunStart, isFrontOrSection, isGoneStatus, isRedirectedAway, notFoundPageTitle } from './gone.ts';
import { INTERSTITIAL, interstitialTitle } from './interstitial.ts';
import { markCurrent, rereadLatest } from './reread.ts';
import { normalizeArticleUrl } from './watch.ts';
import { nextCheckAt } from './schedule.ts';

export interface CheckContext {
  store: Store;
  config: Pick<
    Config,
    | 'USER_AGENT'
    | 'FETCH_TIMEOUT_MS'
    | 'FETCH_MAX_BYTES'
    | 'FETCH_MAX_REDIRECTS'
    | 'ALLOW_PRIVATE_NETWORKS'
    | 'MAX_INTERVAL_MINUTES'
    // for the sources the same Monitor reads (sources.ts)
    | 'CHECK_INTERVAL_MINUTES'
    | 'SOURCE_MAX_AGE_HOURS'
    | 'SOURCE_MAX_NEW_ARTICLES'
  >;
  now: () => number;
  random: () => number;
  /** Asked before every fetch; absent when robots.txt is not honoured (RESPECT_ROBOTS_TXT=false). */
  robots?: RobotsCache;
}

type Validators = { etag: string | null; lastModified: string | null; bodyHash: string | null };

export interface CheckResult {
  articleId: number;
  outcome: CheckOutcomeKind;
  /** The version this check created, if any. */
  versionOrdinal: number | null;
  status: number | null;
  durationMs: number;
  error: string | null;
  /** When the scheduler checks it next; only while the article is watched (`state` active): a paused one is not checked. */
  nextCheckAt: number;
  /** The article's state after the check: a paused article is checked only when asked, and keeps no schedule. */
  state: ArticleRow['state'];
  /** What changed against the previous version (as stored with the version), when a new version was created after the first. */
  changes: ChangeSummary | null;
  /** The server's Retry-After on a failed check (RFC 9110 §10.2.3), in seconds; null when it gave none. */
  retryAfterSeconds: number | null;
  /** The removal this check recorded (the page gone on checks far enough apart), or ended (back online); null when neither. */
  removal: RemovalChange | null;
  /**
   * A drastic change held unconfirmed, or a kept page found gone and not
   * recorded as removed yet: from when a check that finds the same confirms
   * it (a version, a removal); null otherwise.
   */
  confirmableFrom: number | null;
  /**
   * How many versions' stored pages this check read again, and replaced their readings with before comparing, because
   * this release reads the latest one differently from what was stored (reread.ts); 0 when none.
   */
  rereadVersions: number;
}


export async function checkArticle(ctx: CheckContext, article: ArticleRow): Promise<CheckResult> {
  const { store, config } = ctx;
  const startedAt = ctx.now();
  const schedule = (failureCount: number, extra: { retryAfterSeconds?: number | null; maxAgeSeconds?: number | null; changed?: boolean }) =>
    nextCheckAt({
      now: ctx.now(),
      // The interval as stored now: the reader may have changed it while this check was fetching.
      intervalMinutes: store.getArticle(article.id)?.intervalMinutes ?? article.intervalMinutes,
      maxIntervalMinutes: config.MAX_INTERVAL_MINUTES,
      lastChangedAt: extra.changed ? ctx.now() : (article.lastChangedAt ?? article.createdAt),
      failureCount,
      retryAfterSeconds: extra.retryAfterSeconds ?? null,
      maxAgeSeconds: extra.maxAgeSeconds ?? null,
      random: ctx.random(),
    });
  // What the checks recorded here did to the article's removal (a write that conflicted may still have ended one).
  let removal: RemovalChange | null = null;
  let rereadVersions = 0;
  const record = (rec: CheckRecord) => {
    // With what it read again (reread.ts), so the timeline's recent checks say so.
    const recorded = store.recordCheck(article.id, { ...rec, rereadVersions });
    removal ??= recorded.removal;
    return recorded;
  };
  const finish = (outcome: CheckOutcomeKind, fields: Partial<CheckResult> & { nextCheckAt: number }): CheckResult => ({
    articleId: article.id,
    outcome,
    versionOrdinal: null,
    status: null,
    durationMs: ctx.now() - startedAt,
    error: null,
    changes: null,
    retryAfterSeconds: null,
    confirmableFrom: null,
    removal,
    rereadVersions,
    state: store.getArticle(article.id)?.state ?? article.state,
    ...fields,
  });
  /**
   * `redirectedTo`: the page above the article that its address now redirects to (gone.ts); `notFoundPage`: the
   * page answered is a "not found" page (gone.ts notFoundPageTitle). Either, like a 404 or 410, says it is gone.
   */
  const fail = (error: string, status: number | null, retryAfterSeconds: number | null = null, redirectedTo: string | null = null, notFoundPage = false): CheckResult => {
    // One time for the whole record: a first sighting's start is the stored check's time, to the millisecond.
    const at = ctx.now();
    let next = schedule(article.failureCount + 1, { retryAfterSeconds });
    // A kept page that says it is gone (404/410, or redirected away) went away
    // when it says so on checks at least CONFIRM_MIN_GAP_MS apart, with nothing
    // else between; until then it is looked at again soon, as a drastic cut is (confirm.ts).
    const goneSince = goneStreakStart(isGoneStatus(status) || redirectedTo !== null || notFoundPage, at);
    let gone: { removedAt: number; redirectedTo: string | null } | undefined;
    if (goneSince !== null && at - goneSince >= CONFIRM_MIN_GAP_MS) gone = { removedAt: goneSince, redirectedTo };
    else if (goneSince !== null && retryAfterSeconds === null) next = Math.min(next, confirmingCheckAt(goneSince, at, null));
    // A look before the first sighting could be confirmed is wasted, and the last one before it, milliseconds
    // short on a one-minute schedule, would leave a pull that ends before the next look unrecorded (QA).
    if (goneSince !== null && !gone) next = Math.max(next, confirmableFrom(goneSince, null));
    const durationMs = at - startedAt;
    record({ kind: 'failed', at, status, durationMs, nextCheckAt: next, error, ...(gone ? { removal: gone } : {}) });
    const confirmable = goneSince !== null && !gone ? confirmableFrom(goneSince, null) : null;
    return finish('failed', { status, error, nextCheckAt: next, durationMs, retryAfterSeconds, confirmableFrom: confirmable });
  };
  /**
   * For a page found gone `now`, when stet holds a version of it and no
   * removal is open: when it was first found gone in the unbroken run of
   * such answers this one ends (now, if the check before said otherwise).
   */
  const goneStreakStart = (gone: boolean, now: number): number | null => {
    if (!gone || !store.latestVersion(article.id) || store.openRemoval(article.id)) return null;
    return goneRunStart(store.listChecks(article.id, 50)) ?? now;
  };

  // 0. may we? A publisher's robots.txt "no" is a failed check; the versions already kept stay (RFC 9309).
  const refusal = robotsRefusal(await ctx.robots?.check(article.url, config.USER_AGENT));
  if (refusal !== null) return fail(refusal, null);

  // 1. fetch, conditionally (RFC 9110 §13.1): a 304 costs the publisher almost nothing.
  const latestBefore = store.latestVersion(article.id);
  const fetchArticle = (conditional: boolean) =>
    fetchPage(article.url, {
      userAgent: config.USER_AGENT,
      timeoutMs: config.FETCH_TIMEOUT_MS,
      maxBytes: config.FETCH_MAX_BYTES,
      maxRedirects: config.FETCH_MAX_REDIRECTS,
      allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
      // Validators only make sense once we hold a version to compare against.
      etag: conditional && latestBefore ? article.etag : null,
      lastModified: conditional && latestBefore ? article.lastModified : null,
    });
  let fetched = await fetchArticle(true);
  // A 304 from a page above the article that the address now leads to says nothing about the article
  // (our validators matched the front page by chance): ask for that page itself (gone.ts).
  if (fetched.kind === 'not-modified' && latestBefore && isRedirectedAway(article.url, fetched.url)) fetched = await fetchArticle(false);
  if (fetched.kind === 'failed') return fail(`${fetched.code}: ${fetched.message}`, fetched.status, fetched.retryAfterSeconds);

  // 2. same bytes? Nothing to extract: the latest version was simply seen again.
  const seen = (kind: 'not-modified' | 'same-bytes', status: number, validators: Validators): CheckResult => {
    const next = schedule(0, { maxAgeSeconds: fetched.maxAgeSeconds });
    record({ kind, at: ctx.now(), status, durationMs: ctx.now() - startedAt, nextCheckAt: next, ...validators });
    return finish(kind, { status, nextCheckAt: next });
  };
  if (fetched.kind === 'not-modified') {
    if (!latestBefore) return fail('http-status: 304 Not Modified without a stored version', 304);
    return seen('not-modified', 304, { etag: fetched.etag, lastModified: fetched.lastModified, bodyHash: null });
  }
  // The address now leads to the front page or a section? Decided below, once it is clear what is there.
  const redirectedAway = latestBefore !== undefined && isRedirectedAway(article.url, fetched.url);
  const bodyHash = sha256Hex(fetched.body);
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified, bodyHash };
  if (latestBefore && bodyHash === article.lastBodyHash) return seen('same-bytes', fetched.status, validators);

  // 3. extract (pure).
  // The address the page names as its own, in the form stet stores addresses (no tracking tags, no fragment), so that
  // two articles that are one page meet by it (store.samePageArticles; QA: "?utm_source=feed" kept them apart).
  const read = extractArticle(fetched.html, fetched.url);
  const extracted = { ...read, canonicalUrl: storedForm(read.canonicalUrl) };
  // The address led to a page above the article and what is there is not the article: it was pulled (gone.ts).
  const pulled = (): CheckResult => {
    const status = fetched.redirectStatus ?? fetched.status;
    return fail(`${REDIRECTED_AWAY}: the address now redirects (HTTP ${status}) to ${fetched.url}, a page above the article`, status, null, fetched.url);
  };
  // A consent wall or a bot check instead of the article: no version of it, and none of the article's return (interstitial.ts).
  const wall = interstitialTitle(extracted);
  if (wall !== null) return fail(`${INTERSTITIAL}: the site answered with "${wall}", a consent or bot-check page, instead of the article`, fetched.status);
  if (extracted.paragraphs.length === 0) {
    // Headlines only, at the front page or a section.
    if (redirectedAway && isFrontOrSection(fetched.url)) return pulled();
    return fail('empty-extraction: no article text found on the page', fetched.status);
  }
  // A "not found" page served as a page (a soft 404): gone, as a 404 is, not the article's next version.
  const missing = notFoundPageTitle(extracted);
  if (missing !== null) return fail(`${NOT_FOUND_PAGE}: the site answered with "${missing}" (HTTP ${fetched.status}), a page saying the article is not there`, fetched.status, null, null, true);
  const fingerprint = contentFingerprint(extracted);
  const stampMoved = (latest: VersionRow) => extracted.modifiedAt !== null && extracted.modifiedAt !== latest.latestModifiedAt;

  // Steps 4 and 5 compare with the latest version and write in one
  // transaction that first checks the latest is still the one compared
  // with; if another check (the CLI beside the server) recorded a version
  // meanwhile, compare again with that one.
  for (let attempt = 0; attempt < 3; attempt++) {
    let latest = attempt === 0 ? latestBefore : store.latestVersion(article.id);
    // A newer extractor may read the latest version's page differently: compare readings by the same one (reread.ts).
    // Not when the address now leads to the front page or a section: that page says nothing of how the article reads.
    // (An article that merely lives at a shorter address now is read again there.)
    if (latest && !(redirectedAway && isFrontOrSection(fetched.url))) {
      const history = await rereadLatest(store, latest, { fingerprint, modifiedAt: extracted.modifiedAt }, fetched, ctx.now());
      rereadVersions += history.versions;
      latest = history.latest;
    }

    // 4. same content? Publisher stamps may still have moved: that is a stamp-only update.
    if (latest && fingerprint === latest.fingerprint) {
      const next = schedule(0, { maxAgeSeconds: fetched.maxAgeSeconds });
      const kind = stampMoved(latest) ? 'stamp-only' : 'unchanged';
      const { conflict } = record({
        kind, at: ctx.now(), status: fetched.status, durationMs: ctx.now() - startedAt, nextCheckAt: next,
        ...validators, modifiedAt: extracted.modifiedAt, canonicalUrl: extracted.canonicalUrl, expectedVersionId: latest.id,
      });
      if (conflict) continue;
      return finish(kind, { status: fetched.status, nextCheckAt: next });
    }

    // 5. a new version, with its diff summary against the previous one.
    const latestParagraphs = latest ? store.paragraphTexts(latest.paragraphHashes) : [];
    const diff = latest ? diffArticles({ ...latest, paragraphs: latestParagraphs }, extracted) : null;

    // …unless it cuts the article down or replaces it (a new headline over other text) and the previous check did not
    // already see that: a second sighting, soon, confirms it (confirm.ts). What is held is read now, not from the row
    // this check started with.
    const drastic = latest !== undefined && diff !== null && isDrasticChange(diff, latestParagraphs, extracted.paragraphs);

    // Something else than the article, above it (a section page of teasers, longer than the story): it was pulled.
    // An article that merely lives at the shorter address is compared as usual.
    if (redirectedAway && drastic) return pulled();

    const holding = drastic ? store.getArticle(article.id) : undefined;
    const held = holding?.pendingFingerprint ?? null;
    const state = confirmation(held === null ? null : (holding?.pendingSince ?? null), ctx.now(), fetched.maxAgeSeconds);
    if (latest && drastic && state !== 'confirmed') {
      // First seen now (or the pending one is stale), or seen again too soon after the first sighting to confirm it.
      const since = state === 'too-soon' ? holding!.pendingSince! : ctx.now();
      // Not before the sighting can be confirmed, as for a page gone (fail, above).
      const next = Math.max(
        Math.min(schedule(0, { maxAgeSeconds: fetched.maxAgeSeconds }), confirmingCheckAt(since, ctx.now(), fetched.maxAgeSeconds)),
        confirmableFrom(since, fetched.maxAgeSeconds),
      );
      const { conflict } = record({
        kind: 'unconfirmed', at: ctx.now(), status: fetched.status, durationMs: ctx.now() - startedAt, nextCheckAt: next,
        fingerprint, pendingSince: since, expectedVersionId: latest.id,
      });
      if (conflict) continue;
      return finish('unconfirmed', { status: fetched.status, nextCheckAt: next, confirmableFrom: confirmableFrom(since, fetched.maxAgeSeconds) });
    }

    const next = schedule(0, { maxAgeSeconds: fetched.maxAgeSeconds, changed: true });
    const changes = diff ? summarizeChange(diff) : null;
    const { versionOrdinal, conflict } = record({
      kind: 'new-version', at: ctx.now(), status: fetched.status, durationMs: ctx.now() - startedAt, nextCheckAt: next,
      ...validators,
      body: fetched.body,
      expectedVersionId: latest?.id ?? null,
      // A confirmed cut: still confirming what this check read as held (another check may have settled it meanwhile).
      ...(drastic ? { expectedPendingFingerprint: held } : {}),
      version: {
        ...extracted,
        fingerprint,
        diffSummary: changes,
        encoding: fetched.encoding,
      },
    });
    if (conflict) continue;
    // Read by this extractor: its page need not be read again (reread.ts).
    if (versionOrdinal !== null) markCurrent(store, { articleId: article.id, ordinal: versionOrdinal, fingerprint });
    return finish(latest ? 'new-version' : 'first-version', { status: fetched.status, nextCheckAt: next, versionOrdinal, changes });
  }
  return fail('conflict: other checks kept recording versions of this article meanwhile', fetched.status);
}

/** A page's canonical address as stet stores addresses (watch.ts normalizeArticleUrl), or null when it is none. */
function storedForm(url: string | null): string | null {
  if (url === null) return null;
  try {
    return normalizeArticleUrl(url);
  } catch {
    return null;
  }
}
