/**
 * The scheduler only selects due rows and hands them to a bounded pool
 * (STYLE 4). `next_check_at` lives in the database, so the database is the
 * queue: a crash loses nothing, due articles are simply picked up again.
 * At most one check runs per host at a time, and at most `concurrency`
 * overall; a check asked for by hand (API, CLI) shares the same pool and is
 * merged with one already running for that article.
 */
import type { ArticleRow } from '../db/store.ts';
import { NotFoundError } from '../db/store.ts';
import { checkArticle, type CheckContext, type CheckResult } from './check.ts';
import { nextCheckAt } from './schedule.ts';

/** How many due rows one tick looks through for articles whose host is free. */
const MAX_DUE_SCAN = 1000;
const MAX_CRAWL_DELAY_SECONDS = 120;

export interface MonitorOptions {
  concurrency: number;
  tickMs: number;
  onResult?: (article: ArticleRow, result: CheckResult) => void;
  onError?: (article: ArticleRow, error: unknown) => void;
}

export class ArticleNotFoundError extends Error {}

/** A polite check (checkNow with `polite`) of a host that asked, with Retry-After, to be left alone for longer than a Crawl-delay. */
export class HostHeldError extends Error {
  constructor(
    readonly host: string,
    readonly until: number,
  ) {
    super(`skipped: ${host} asked to be left alone until ${new Date(until).toISOString()} (Retry-After)`);
  }
}

export class Monitor {
  private readonly running = new Map<number, Promise<CheckResult>>();
  /** Hosts with a check under way, each with the checks waiting for it (one check per host at a time). */
  /** Hosts whose robots.txt asks for a pause between requests (Crawl-delay): not before this time. */
  private readonly hostNotBefore = new Map<string, number>();
  private readonly busyHosts = new Map<string, (() => void)[]>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private ticking = false;

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

  /** Stops picking new work and waits for the checks under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Looks for due work now (after an article was added) instead of at the next tick. */
  poke(): void {
    if (!this.stopped) setImmediate(() => void this.tick());
  }

  /**
   * Checks one article now and answers with the outcome once it is recorded.
   * `polite` (a bulk check of many articles, `stet check --all`): also wait
   * for the host's Crawl-delay as scheduled checks do, and skip a host whose
   * Retry-After runs longer than that (HostHeldError). A single check asked
   * for by hand does neither.
   */
  checkNow(articleId: number, options: { polite?: boolean } = {}): Promise<CheckResult> {
    const underWay = this.running.get(articleId);
    if (underWay) return underWay;
    const article = this.ctx.store.getArticle(articleId);
    if (!article) return Promise.reject(new ArticleNotFoundError(`article ${articleId} not found`));
    if (options.polite) {
      const host = hostOf(article.url);
      const until = this.hostNotBefore.get(host) ?? 0;
      if (until - this.ctx.now() > MAX_CRAWL_DELAY_SECONDS * 1000) return Promise.reject(new HostHeldError(host, until));
    }
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
      // Page past articles whose host is busy, so one slow site with many
      // due articles cannot keep every other site waiting.
      const pageSize = Math.max(free * 4, 50);
      let started = 0;
      for (let offset = 0; started < free && offset < MAX_DUE_SCAN; offset += pageSize) {
        const due = this.ctx.store.findDueArticles(now, pageSize, offset);
        for (const article of due) {
          if (started >= free) break;
          const host = hostOf(article.url);
          if (this.running.has(article.id) || this.busyHosts.has(host) || (this.hostNotBefore.get(host) ?? 0) > now) continue;
          // Claimed only if still due: another process on the same database may have taken it.
          if (!this.ctx.store.claimArticle(article.id, now, this.leaseUntil())) continue;
          started++;
          void this.run(article, { claimed: true }).catch(() => undefined);
        }
        if (due.length < pageSize) break;
      }
    } finally {
      this.ticking = false;
    }
  }

  /** How long a check may hold its article before it counts as abandoned (a crash) and comes due again. */
  private leaseUntil(): number {
    return this.ctx.now() + this.ctx.config.FETCH_TIMEOUT_MS * 2 + 60_000;
  }

  private run(article: ArticleRow, options: { claimed?: boolean; polite?: boolean } = {}): Promise<CheckResult> {
    const host = hostOf(article.url);
    // The lease keeps the next tick from picking this article again while it runs.
    if (!options.claimed) this.ctx.store.leaseArticle(article.id, this.leaseUntil());
    const job = (async () => {
      // The host first, claimed synchronously when free, so the next due
      // article of this host in the same tick (or a checkNow) sees it busy;
      // a check waiting for its host holds no pool slot.
      await this.acquireHost(host);
      try {
        if (options.polite) await this.waitForHost(host);
        await this.acquire();
        try {
          const fresh = this.ctx.store.getArticle(article.id);
          if (!fresh) throw new ArticleNotFoundError(`article ${article.id} not found`);
          const result = await checkArticle(this.ctx, fresh);
          await this.holdHost(host, fresh.url, result);
          this.options.onResult?.(fresh, result);
          return result;
        } finally {
          this.release();
        }
      } catch (error) {
        // The article was deleted while its check ran: not a crash, just gone.
        if (error instanceof NotFoundError || error instanceof ArticleNotFoundError) {
          throw new ArticleNotFoundError(`article ${article.id} not found`);
        }
        this.options.onError?.(article, error);
        this.recordCrash(article, error);
        throw error;
      } finally {
        this.releaseHost(host);
        this.running.delete(article.id);
        // A finished check frees a slot: fill it without waiting for the next tick.
        if (!this.stopped) setImmediate(() => void this.tick());
      }
    })();
    this.running.set(article.id, job);
    return job;
  }

  /** Waits out the host's Crawl-delay (a longer hold was refused before the check started, in checkNow). */
  private async waitForHost(host: string): Promise<void> {
    const wait = Math.min((this.hostNotBefore.get(host) ?? 0) - this.ctx.now(), MAX_CRAWL_DELAY_SECONDS * 1000);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /**
   * When the host's next scheduled check may start. Crawl-delay is not in
   * RFC 9309, but many publishers set it: the next check of the host waits
   * that long (capped at two minutes, so a huge value cannot stall a site's
   * articles). A 429 or 503 with Retry-After (RFC 9110 §10.2.3) speaks for
   * the server, not the one page: every article of the host waits that long
   * (capped at MAX_INTERVAL_MINUTES). A check asked for by hand does not wait.
   */
  private async holdHost(host: string, url: string, result: CheckResult): Promise<void> {
    const now = this.ctx.now();
    const delay = await this.ctx.robots?.crawlDelaySeconds(url, this.ctx.config.USER_AGENT);
    let until = delay ? now + Math.min(delay, MAX_CRAWL_DELAY_SECONDS) * 1000 : 0;
    if (result.outcome === 'failed' && (result.status === 429 || result.status === 503) && result.retryAfterSeconds) {
      until = Math.max(until, now + Math.min(result.retryAfterSeconds * 1000, this.ctx.config.MAX_INTERVAL_MINUTES * 60_000));
    }
    if (until > now) this.hostNotBefore.set(host, Math.max(until, this.hostNotBefore.get(host) ?? 0));
    else this.hostNotBefore.delete(host);
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

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
