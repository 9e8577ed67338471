/**
 * The scheduler only selects due rows and hands them to a bounded pool
 * (STYLE 4). `next_check_at` lives in the database, so the database is the
 * queue: a crash loses nothing, due articles are simply picked up again.
 * At most one check runs per host at a time, and at most `concurrency`
 * overall; a check asked for by hand (API, CLI) shares the same pool and is
 * merged with one already running for that article.
 *
 * The per-host state lives in the database too (store.ts, table `hosts`),
 * because the server and the CLI beside it (`stet check`) are two processes
 * on one file, and a restart must not forget what a site asked for: a check
 * takes the site's lease there before fetching (released when it ends, and
 * running out by itself after a crash, like an article's lease), and the
 * site's Crawl-delay and Retry-After holds are written there. Within one
 * process, checks of one site also queue in memory (busyHosts), so they go
 * in the order they were asked for instead of polling the database.
 */
import { randomUUID } from 'node:crypto';
import type { ArticleRow, SourceRow } from '../db/store.ts';
import { NotFoundError } from '../db/store.ts';
import { checkArticle, type CheckContext, type CheckResult } from './check.ts';
import { siteOf } from '../fetch/site.ts';
import { nextCheckAt } from './schedule.ts';
import { CRAWL_DELAY_CAP_MS, SITEMAP_INDEX_MAX_CHILDREN, checkSource, nextReadAt, type SourceCheckResult } from './sources.ts';

const MAX_CRAWL_DELAY_MS = 120_000;
/** How often a check by hand asks again for a site's lease that another process holds. */
const HOST_LEASE_POLL_MS = 100;

export interface MonitorOptions {
  concurrency: number;
  tickMs: number;
  onResult?: (article: ArticleRow, result: CheckResult) => void;
  onError?: (article: ArticleRow, error: unknown) => void;
  onSourceResult?: (source: SourceRow, result: SourceCheckResult) => void;
}

export class ArticleNotFoundError extends Error {}
export class SourceNotFoundError extends Error {}

/**
 * A check or read by hand (checkNow, readSourceNow) of a host whose
 * Retry-After (a 429 or 503, RFC 9110 §10.2.3) still runs: not made, as the
 * README promises no request while it runs. Nothing was requested or
 * recorded; the scheduler checks the site once the hold ends.
 */
export class HostHeldError extends Error {
  constructor(
    readonly host: string,
    readonly until: number,
  ) {
    super(`not checked: the site (${host}) asked stet to wait until ${new Date(until).toISOString()} (Retry-After); a check by hand can be made then`);
  }
}

/**
 * A check by hand of a site whose lease another process on the database
 * (the server beside `stet check`, or the other way round) still held after
 * about one fetch's time (FETCH_TIMEOUT_MS): not made, rather than made
 * beside the other. Nothing was requested or recorded. The holder may be
 * checking the site, or may have stopped mid-check (killed, crashed): a
 * lease is not released by a process that is gone, and runs out by itself
 * at `busyUntil`, which the message says.
 */
export class HostBusyError extends Error {
  constructor(
    readonly host: string,
    readonly busyUntil: number,
  ) {
    super(
      `not checked: another stet process holds the lease on ${host}: it is checking the site, or it stopped mid-check and its lease runs out at ${new Date(busyUntil).toISOString()}; try again in a moment, or after that`,
    );
  }
}

export class Monitor {
  private readonly running = new Map<number, Promise<CheckResult>>();
  private readonly runningSources = new Map<number, Promise<SourceCheckResult>>();
  /** Hosts with a check under way in this process, each with the checks waiting for it (one check per host at a time). */
  private readonly busyHosts = new Map<string, (() => void)[]>();
  /** Whose lease a `hosts` row holds: this Monitor's, not another process's (or a restarted one's). */
  private readonly owner = randomUUID();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private ticking = false;
  /** Which of sources and articles the next tick starts first (they alternate). */
  private sourcesFirst = false;

  constructor(
    private readonly ctx: CheckContext,
    private readonly options: MonitorOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  /** How many checks (articles and sources) are under way now. */
  underWay(): number {
    return this.running.size + this.runningSources.size;
  }

  /** Stops picking new work and waits for the checks under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values(), ...this.runningSources.values()]);
  }

  /** Looks for due work now (after an article was added) instead of at the next tick. */
  poke(): void {
    if (!this.stopped) setImmediate(() => void this.tick());
  }

  /**
   * Checks one article now and answers with the outcome once it is recorded.
   * `polite` (a bulk check of many articles, `stet check --all`): also wait
   * for the host's Crawl-delay as scheduled checks do, and skip a host whose
   * Retry-After runs (HostHeldError). A single check asked for by hand does
   * not wait for a Crawl-delay, but is refused too while a Retry-After runs.
   * Whichever it is, it never fetches a site that another process is
   * checking right now: it waits for that check, up to FETCH_TIMEOUT_MS,
   * then gives up with HostBusyError.
   */
  checkNow(articleId: number, options: { polite?: boolean } = {}): Promise<CheckResult> {
    const underWay = this.running.get(articleId);
    if (underWay) return underWay;
    const article = this.ctx.store.getArticle(articleId);
    if (!article) return Promise.reject(new ArticleNotFoundError(`article ${articleId} not found`));
    return this.run(article, { polite: options.polite === true });
  }

  /** Selects due articles and starts as many as the pool and the per-host limit allow. */
  async tick(): Promise<void> {
    if (this.stopped || this.ticking) return;
    this.ticking = true;
    try {
      const free = this.options.concurrency - this.active;
      if (free <= 0) return;
      const now = this.ctx.now();
      // Sites held (Crawl-delay, Retry-After) or being checked, by this process or another.
      const unavailable = this.ctx.store.findHeldOrBusyHosts(now);
      // Sources and articles take turns going first: sources are where new articles come from, but a site
      // whose sources are due at every tick (and whose Crawl-delay lets one fetch through at a time) must
      // still get its articles checked (a review: 30 one-minute sources on one site starved every check).
      this.sourcesFirst = !this.sourcesFirst;
      const budget = { free };
      if (this.sourcesFirst) {
        this.startDueSources(now, budget, unavailable);
        this.startDueArticles(now, budget, unavailable);
      } else {
        this.startDueArticles(now, budget, unavailable);
        this.startDueSources(now, budget, unavailable);
      }
    } finally {
      this.ticking = false;
    }
  }

  private startDueSources(now: number, budget: { free: number }, unavailable: Set<string>): void {
    if (budget.free <= 0) return;
    for (const source of this.ctx.store.findDueSources(now, budget.free * 4)) {
      if (budget.free <= 0) break;
      if (this.runningSources.has(source.id)) continue;
      if (!this.claimForTick(siteOf(source.url), now, this.sourceLeaseUntil(), unavailable, (until) => this.ctx.store.claimSource(source.id, now, until))) continue;
      budget.free--;
      void this.runSource(source, { claimed: true }).catch(() => undefined);
    }
  }

  /**
   * The most overdue article of each free site (store.findDueArticlesBySite): a site takes one fetch at a
   * time, so one slow site with many due articles cannot keep every other site waiting, and its backlog
   * is passed over inside SQLite instead of read on every tick.
   */
  private startDueArticles(now: number, budget: { free: number }, unavailable: Set<string>): void {
    if (budget.free <= 0) return;
    const skip = new Set([...unavailable, ...this.busyHosts.keys()]);
    for (const article of this.ctx.store.findDueArticlesBySite(now, budget.free, skip)) {
      if (budget.free <= 0) break;
      if (this.running.has(article.id)) continue;
      if (!this.claimForTick(siteOf(article.url), now, this.leaseUntil(), unavailable, (until) => this.ctx.store.claimArticle(article.id, now, until))) continue;
      budget.free--;
      void this.run(article, { claimed: true }).catch(() => undefined);
    }
  }

  /**
   * For the tick: the site's lease, then the row (article or source), each
   * only if still free: another process on the same database may have taken
   * either since the reads of this tick. A site found taken joins
   * `unavailable` for the rest of the tick.
   */
  private claimForTick(host: string, now: number, leaseUntil: number, unavailable: Set<string>, claimRow: (until: number) => boolean): boolean {
    if (this.busyHosts.has(host) || unavailable.has(host)) return false;
    if (!this.ctx.store.claimHost(host, { owner: this.owner, now, leaseUntil, acceptHoldUntil: now }).claimed) {
      unavailable.add(host);
      return false;
    }
    if (!claimRow(leaseUntil)) {
      this.releaseHostLease(host);
      return false;
    }
    return true;
  }

  /** How long a check may hold its article (and its site's lease) before it counts as abandoned (a crash) and comes due again. */
  private leaseUntil(): number {
    return this.ctx.now() + this.ctx.config.FETCH_TIMEOUT_MS * 2 + 60_000;
  }

  /**
   * A source read may take several fetches (a front page and its feed, a
   * sitemap index and up to SITEMAP_INDEX_MAX_CHILDREN children, each after
   * the site's Crawl-delay): its lease covers all of them.
   */
  private sourceLeaseUntil(): number {
    return this.leaseUntil() + (SITEMAP_INDEX_MAX_CHILDREN + 1) * (this.ctx.config.FETCH_TIMEOUT_MS + CRAWL_DELAY_CAP_MS);
  }

  /** `claimed`: the tick took the article and its site's lease already. */
  private run(article: ArticleRow, options: { claimed?: boolean; polite?: boolean } = {}): Promise<CheckResult> {
    const host = siteOf(article.url);
    // The lease keeps the next tick from picking this article again while it runs.
    if (!options.claimed) this.ctx.store.leaseArticle(article.id, this.leaseUntil());
    const job = (async () => {
      try {
        return await this.onHost(host, options, async () => {
          const fresh = this.ctx.store.getArticle(article.id);
          if (!fresh) throw new ArticleNotFoundError(`article ${article.id} not found`);
          const result = await checkArticle(this.ctx, fresh);
          await this.holdHost(host, fresh.url, result);
          this.options.onResult?.(fresh, result);
          return result;
        });
      } catch (error) {
        // The article was deleted while its check ran: not a crash, just gone.
        if (error instanceof NotFoundError || error instanceof ArticleNotFoundError) {
          throw new ArticleNotFoundError(`article ${article.id} not found`);
        }
        // The site was not asked: not a crash, and the article's next check goes back where it was.
        if (error instanceof HostHeldError || error instanceof HostBusyError) {
          if (!options.claimed) this.ctx.store.leaseArticle(article.id, article.nextCheckAt);
          throw error;
        }
        this.options.onError?.(article, error);
        this.recordCrash(article, error);
        throw error;
      } finally {
        this.running.delete(article.id);
        // A finished check frees a slot: fill it without waiting for the next tick.
        if (!this.stopped) setImmediate(() => void this.tick());
      }
    })();
    this.running.set(article.id, job);
    return job;
  }

  /**
   * Runs `work` as the one fetch of its site: the site first, claimed
   * synchronously when free in this process, so the next due check of the
   * site in the same tick (or a checkNow) sees it busy, and a check waiting
   * for its site holds no pool slot; then a pool slot; then, unless the tick
   * claimed it already, the site's lease in the database (leaseHost).
   */
  private async onHost<T>(host: string, options: { claimed?: boolean; polite?: boolean }, work: () => Promise<T>): Promise<T> {
    await this.acquireHost(host);
    try {
      // Asked after the queue: an earlier check of the site may just have got a Retry-After.
      // The tick claimed only sites nothing holds; by hand, a Retry-After refuses the check, polite or not.
      if (!options.claimed) this.refuseDuringRetryAfter(host);
      if (options.polite) await this.waitForHostHold(host);
      await this.acquire();
      try {
        if (!options.claimed) await this.leaseHost(host, options.polite === true);
        try {
          // Another process may have been given a Retry-After while this one waited for the lease.
          if (!options.claimed) this.refuseDuringRetryAfter(host);
          return await work();
        } finally {
          this.releaseHostLease(host);
        }
      } finally {
        this.release();
      }
    } finally {
      this.releaseHost(host);
    }
  }

  /** Reads one source now (API, CLI) and answers with the outcome once it is recorded; merged with a read under way. */
  readSourceNow(sourceId: number): Promise<SourceCheckResult> {
    const underWay = this.runningSources.get(sourceId);
    if (underWay) return underWay;
    const source = this.ctx.store.getSource(sourceId);
    if (!source) return Promise.reject(new SourceNotFoundError(`source ${sourceId} not found`));
    return this.runSource(source, {});
  }

  private runSource(source: SourceRow, options: { claimed?: boolean }): Promise<SourceCheckResult> {
    const host = siteOf(source.url);
    const job = (async () => {
      try {
        return await this.onHost(host, options, async () => {
          const fresh = this.ctx.store.getSource(source.id);
          if (!fresh) throw new SourceNotFoundError(`source ${source.id} not found`);
          const result = await checkSource(this.ctx, fresh);
          // Deleted while it was read: nothing was written (recordSourceListing found no row); say so.
          if (!this.ctx.store.getSource(source.id)) throw new SourceNotFoundError(`source ${source.id} not found`);
          await this.holdHost(host, fresh.url, result);
          this.options.onSourceResult?.(fresh, result);
          // New articles are due now: start on them without waiting for the next tick.
          if (result.added > 0) this.poke();
          return result;
        });
      } catch (error) {
        if (!(error instanceof SourceNotFoundError || error instanceof HostBusyError || error instanceof HostHeldError)) this.recordSourceCrash(source, error);
        throw error;
      } finally {
        this.runningSources.delete(source.id);
        if (!this.stopped) setImmediate(() => void this.tick());
      }
    })();
    this.runningSources.set(source.id, job);
    return job;
  }

  /** A bug met while reading a source is a failed read with the error, as recordCrash does for an article. */
  private recordSourceCrash(source: SourceRow, error: unknown): void {
    try {
      const now = this.ctx.now();
      const next = nextReadAt(this.ctx, source.intervalMinutes, source.failureCount + 1);
      this.ctx.store.recordSourceCheck(source.id, { at: now, ok: false, error: `internal: ${error instanceof Error ? error.message : String(error)}`, nextCheckAt: next });
    } catch {
      // the lease brings the source back
    }
  }

  /**
   * HostHeldError while the site's Retry-After runs, whichever process was
   * given it (the `hosts` row says: a Crawl-delay hold is not one, and a
   * single check by hand does not wait for it). A hold longer than any
   * Crawl-delay (they are capped) is one too: a hold written before the row
   * said so.
   */
  private refuseDuringRetryAfter(host: string): void {
    const now = this.ctx.now();
    const { notBefore, retryAfterUntil } = this.ctx.store.hostState(host);
    // Refused until the Retry-After's end, after which a check by hand may go (it does not wait for a Crawl-delay).
    if (retryAfterUntil > now) throw new HostHeldError(host, retryAfterUntil);
    if (notBefore - now > MAX_CRAWL_DELAY_MS) throw new HostHeldError(host, notBefore);
  }

  /**
   * A polite check waits out the site's Crawl-delay, as a scheduled check
   * does, whichever process wrote it; a longer hold (Retry-After) is refused
   * with HostHeldError.
   */
  private async waitForHostHold(host: string): Promise<void> {
    const { notBefore, retryAfterUntil } = this.ctx.store.hostState(host);
    const wait = notBefore - this.ctx.now();
    if (wait > MAX_CRAWL_DELAY_MS || retryAfterUntil > this.ctx.now()) throw new HostHeldError(host, notBefore);
    await sleep(wait);
  }

  /**
   * Takes the site's lease in the database for a check by hand, so that no
   * other process fetches the site at the same moment. A check of the site
   * under way elsewhere is waited for, up to FETCH_TIMEOUT_MS (about one
   * fetch), then HostBusyError: a person who asked is told so within
   * seconds, and a lease left by a crash is not waited out for minutes. A
   * single check by hand ignores a Crawl-delay (onHost refuses a Retry-After
   * once the lease is taken); a polite one waits out a
   * Crawl-delay written meanwhile by the other process and refuses a longer
   * hold (HostHeldError), as waitForHostHold does.
   */
  private async leaseHost(host: string, polite: boolean): Promise<void> {
    for (let waited = 0; ; waited += HOST_LEASE_POLL_MS) {
      const now = this.ctx.now();
      const claim = this.ctx.store.claimHost(host, {
        owner: this.owner,
        now,
        leaseUntil: this.leaseUntil() + (polite ? MAX_CRAWL_DELAY_MS : 0),
        acceptHoldUntil: polite ? now + MAX_CRAWL_DELAY_MS : Infinity,
      });
      if (claim.claimed) {
        if (polite) await sleep(claim.notBefore - now);
        return;
      }
      if (claim.busyUntil <= now) throw new HostHeldError(host, !polite && claim.retryAfterUntil > now ? claim.retryAfterUntil : claim.notBefore);
      if (waited >= this.ctx.config.FETCH_TIMEOUT_MS) throw new HostBusyError(host, claim.busyUntil);
      await sleep(HOST_LEASE_POLL_MS);
    }
  }

  /** Ends this process's lease on the site; if the database refuses now, the lease runs out by itself. */
  private releaseHostLease(host: string): void {
    try {
      this.ctx.store.releaseHost(host, this.owner, this.ctx.now());
    } catch {
      // Locked or closed: leaseUntil() bounds how long the site stays busy.
    }
  }

  /**
   * When the host's next scheduled check may start. Crawl-delay is not in
   * RFC 9309, but many publishers set it: the next check of the host waits
   * that long (capped at two minutes, so a huge value cannot stall a site's
   * articles). A 429 or 503 with Retry-After (RFC 9110 §10.2.3) speaks for
   * the server, not the one page: every article of the host waits that long
   * (capped at MAX_INTERVAL_MINUTES). A check asked for by hand does not wait
   * for a Crawl-delay, and is refused during a Retry-After (refuseDuringRetryAfter).
   * The hold is written to the database: the CLI beside the server, and the
   * server after a restart, honour it too. A check with neither lifts the
   * site's hold (it answered, and asks for no pause).
   */
  private async holdHost(host: string, url: string, result: { outcome: string; status: number | null; retryAfterSeconds: number | null }): Promise<void> {
    const now = this.ctx.now();
    const delay = await this.ctx.robots?.crawlDelaySeconds(url, this.ctx.config.USER_AGENT);
    const crawlDelay = delay ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0;
    let until = crawlDelay ? now + crawlDelay : 0;
    let retryAfterUntil = 0;
    if (result.outcome === 'failed' && (result.status === 429 || result.status === 503) && result.retryAfterSeconds) {
      retryAfterUntil = now + Math.min(result.retryAfterSeconds * 1000, this.ctx.config.MAX_INTERVAL_MINUTES * 60_000);
      until = Math.max(until, retryAfterUntil);
    }
    this.ctx.store.holdHost(host, until > now ? until : null, retryAfterUntil);
  }

  /**
   * A bug met while checking is still an outcome on the article: a failed
   * check with the error, and the usual back-off, instead of a lease that
   * expires and retries the same crash every few minutes unseen.
   */
  private recordCrash(article: ArticleRow, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    try {
      const now = this.ctx.now();
      const current = this.ctx.store.getArticle(article.id);
      if (!current) return;
      const next = nextCheckAt({
        now,
        intervalMinutes: current.intervalMinutes,
        maxIntervalMinutes: this.ctx.config.MAX_INTERVAL_MINUTES,
        lastChangedAt: current.lastChangedAt ?? current.createdAt,
        failureCount: current.failureCount + 1,
        random: this.ctx.random(),
      });
      this.ctx.store.recordCheck(article.id, { kind: 'failed', at: now, status: null, durationMs: 0, nextCheckAt: next, error: `internal: ${message}` });
    } catch {
      // Recording the crash failed too (the database is gone or locked); the lease will bring the article back.
    }
  }

  private acquireHost(host: string): Promise<void> | undefined {
    const waiting = this.busyHosts.get(host);
    if (!waiting) {
      this.busyHosts.set(host, []);
      return undefined;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  }

  private releaseHost(host: string): void {
    const next = this.busyHosts.get(host)?.shift();
    if (next) next();
    else this.busyHosts.delete(host);
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());

