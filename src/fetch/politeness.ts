/**
 * robots.txt: fetched once per origin, kept for a day, asked before every
 * article fetch (RFC 9309; DESIGN "Fetching politely and safely").
 *
 * The robots.txt request goes through fetchPage, so the private-network
 * guard, the time limit and the redirect limit are the very ones pages get.
 * What a fetch outcome means for crawling is a pure function
 * (`policyFromFetch`); `RobotsCache` is the thin stateful edge around it.
 */
import robotsParserModule from 'robots-parser';
import { fetchPage, type FetchErrorCode, type FetchOutcome } from './fetcher.ts';

// robots-parser is CommonJS (`module.exports = function`) but its index.d.ts
// declares `export default`; under NodeNext the default import is that function
// at run time, while TypeScript types it as the module. Say what it really is.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

/** RFC 9309 §2.5: "The parsing limit MUST be at least 500 kibibytes"; anything after it is ignored. */
export const ROBOTS_MAX_BYTES = 500 * 1024;
/** RFC 9309 §2.3.1.2: crawlers "SHOULD follow at least five consecutive redirects". */
const ROBOTS_MAX_REDIRECTS = 5;
/** RFC 9309 §2.4: crawlers "SHOULD NOT use the cached version for more than 24 hours". */
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an unreachable robots.txt means "disallow all" before we ask again (RFC 9309 §2.3.1.4). */
const DEFAULT_UNREACHABLE_TTL_MS = 10 * 60 * 1000;
/** RFC 9309 §2.3.1.4 names 30 days as a "reasonably long period" to go on with a cached copy while unreachable. */
const STALE_COPY_LIMIT_MS = 30 * 24 * 60 * 60 * 1000;
const DEFAULT_MAX_ORIGINS = 1000;

type Robot = ReturnType<typeof robotsParser>;

/** What the publisher's robots.txt, or its absence, says about crawling an origin. */
export type RobotsPolicy =
  | { kind: 'rules'; robotsUrl: string; robot: Robot }
  /** RFC 9309 §2.3.1.3 "unavailable" (4xx): "crawlers MAY access any resources on the server". */
  | { kind: 'allow-all'; reason: string }
  /**
   * RFC 9309 §2.3.1.4 "unreachable" (5xx, network): "crawlers MUST assume
   * complete disallow". `siteDown`: the fetch error when no HTTP answer came
   * at all (dns, timeout, network): the site itself is out of reach, which is
   * what a user should be told, rather than that robots.txt forbids the page.
   */
  | { kind: 'disallow-all'; reason: string; siteDown?: FetchErrorCode }
  /**
   * Our private-network guard refused the address, so no rules were read. The
   * page fetch meets the same guard and fails with its own, clearer reason;
   * a robots.txt redirected to a private address is a redirect we will not
   * follow, which RFC 9309 §2.3.1.2 lets us treat as unavailable.
   */
  | { kind: 'guard-refused'; reason: string };

export interface RobotsVerdict {
  allowed: boolean;
  /** Why, in words for the check log. */
  reason: string;
  /** When not allowed because the site answered nothing: the fetch error code ('dns', 'timeout', 'network'), for the check's error. */
  siteDown?: FetchErrorCode;
  /** Not allowed because robots.txt could not be read (a server error): disallow-all by RFC 9309 §2.3.1.4, not the publisher's rule. */
  unreachable?: boolean;
  /** Crawl-delay for our group: not part of RFC 9309, a common extension. Null when none is given. */
  crawlDelaySeconds: number | null;
}

/**
 * Why a fetch may not be made, as the error a check or a source read
 * records, or null when robots.txt allows it (or was not asked). A site
 * that answers nothing fails as that (`dns:`, `timeout:`…), a robots.txt
 * that errors as `robots-unreachable` (an outage, not the publisher's rule),
 * and only a real refusal as `robots-disallowed`.
 */
export function robotsRefusal(verdict: RobotsVerdict | undefined): string | null {
  if (verdict === undefined || verdict.allowed) return null;
  if (verdict.siteDown) return `${verdict.siteDown}: the site did not answer (${verdict.reason})`;
  return `${verdict.unreachable ? 'robots-unreachable' : 'robots-disallowed'}: ${verdict.reason}`;
}

export interface RobotsCacheOptions {
  /** Sent as User-Agent on the robots.txt request (the same header pages get). */
  userAgent: string;
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  now?: () => number;
  ttlMs?: number;
  unreachableTtlMs?: number;
  /** Origins remembered at most; the least recently asked is forgotten first. */
  maxOrigins?: number;
}

interface CacheEntry {
  policy: RobotsPolicy;
  expiresAt: number;
  /** When the policy was last learnt from a real answer (not carried over an unreachable spell). */
  learntAt: number;
}

/**
 * The product token matched against User-agent lines: "stet" from
 * "stet/0.1 (…)". RFC 9309 §2.2.1: it contains only letters, "_" and "-",
 * and is matched case-insensitively. With none, only the "*" group applies.
 */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '*';
}

/** What a robots.txt fetch outcome means (RFC 9309 §2.3.1). Pure. */
export function policyFromFetch(robotsUrl: string, outcome: FetchOutcome): RobotsPolicy {
  if (outcome.kind === 'fetched') {
    // RFC 9309 §2.2: the file is UTF-8. A BOM is dropped; a sequence cut by the
    // parsing limit becomes U+FFFD at the very end, which matches nothing.
    const text = new TextDecoder('utf-8').decode(outcome.body);
    // Rules found after redirects apply to the initial authority (RFC 9309 §2.3.1.2),
    // so they are parsed against the URL we asked for, not the one that answered.
    return { kind: 'rules', robotsUrl, robot: robotsParser(robotsUrl, text) };
  }
  if (outcome.kind === 'not-modified') {
    // We send no validators, so a 304 is a server fault.
    return { kind: 'disallow-all', reason: `${robotsUrl} unreachable (HTTP 304 to an unconditional request)` };
  }
  const status = outcome.status;
  // 429 is in the 4xx range RFC 9309 §2.3.1.3 names as "unavailable", but it asks
  // us to slow down, not to help ourselves; like Google we treat it as a server error.
  if (outcome.code === 'http-status' && status !== null && status >= 400 && status <= 499 && status !== 429) {
    return { kind: 'allow-all', reason: `${robotsUrl} unavailable (HTTP ${status}), so no rules apply` };
  }
  // RFC 9309 §2.3.1.2: past five redirects, crawlers "MAY assume that the robots.txt file is unavailable".
  if (outcome.code === 'too-many-redirects') {
    return { kind: 'allow-all', reason: `${robotsUrl} unavailable (${outcome.message}), so no rules apply` };
  }
  if (outcome.code === 'blocked-address') {
    return { kind: 'guard-refused', reason: `${robotsUrl} not fetched (${outcome.code}: ${outcome.message})` };
  }
  const siteDown = outcome.code === 'dns' || outcome.code === 'timeout' || outcome.code === 'network' ? { siteDown: outcome.code } : {};
  return { kind: 'disallow-all', reason: `${robotsUrl} unreachable, so all is disallowed (${outcome.code}: ${outcome.message})`, ...siteDown };
}

/** The answer a policy gives for one URL and one user agent. Pure. */
export function verdictFor(policy: RobotsPolicy, url: string, userAgent: string): RobotsVerdict {
  if (policy.kind === 'allow-all' || policy.kind === 'guard-refused') return { allowed: true, reason: policy.reason, crawlDelaySeconds: null };
  if (policy.kind === 'disallow-all') return { allowed: false, reason: policy.reason, crawlDelaySeconds: null, unreachable: true, ...(policy.siteDown ? { siteDown: policy.siteDown } : {}) };
  const token = productToken(userAgent);
  const delay = policy.robot.getCrawlDelay(token);
  const crawlDelaySeconds = delay !== undefined && Number.isFinite(delay) && delay >= 0 ? delay : null;
  // undefined means the URL is on another origin than the robots.txt: never, as the cache keys by origin.
  const allowed = policy.robot.isAllowed(url, token) !== false;
  const line = policy.robot.getMatchingLineNumber(url, token);
  const where = line > 0 ? `line ${line} of ${policy.robotsUrl}` : policy.robotsUrl;
  const reason = allowed ? `${where} allows ${token}` : `${where} disallows this URL for ${token}`;
  return { allowed, reason, crawlDelaySeconds };
}

/**
 * robots.txt per origin (scheme, host and port: RFC 9309 §2.3 "rules MUST
 * apply only to the host, protocol, and port number where it's hosted"),
 * kept in memory for the life of the process.
 */
export class RobotsCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, Promise<CacheEntry>>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly unreachableTtlMs: number;
  private readonly maxOrigins: number;

  constructor(private readonly options: RobotsCacheOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.unreachableTtlMs = options.unreachableTtlMs ?? DEFAULT_UNREACHABLE_TTL_MS;
    this.maxOrigins = options.maxOrigins ?? DEFAULT_MAX_ORIGINS;
  }

  /** May `url` be fetched by `userAgent` (its product token picks the group), and why. */
  async check(url: string, userAgent: string): Promise<RobotsVerdict> {
    const origin = httpOrigin(url);
    // Not an http(s) URL: no robots.txt applies here, and fetchPage refuses it with its own reason.
    if (origin === null) return { allowed: true, reason: 'no robots.txt for a non-http(s) URL', crawlDelaySeconds: null };
    const entry = await this.entryFor(origin);
    return verdictFor(entry.policy, url, userAgent);
  }

  async isAllowed(url: string, userAgent: string): Promise<boolean> {
    return (await this.check(url, userAgent)).allowed;
  }

  async crawlDelaySeconds(url: string, userAgent: string): Promise<number | null> {
    return (await this.check(url, userAgent)).crawlDelaySeconds;
  }

  private async entryFor(origin: string): Promise<CacheEntry> {
    const cached = this.entries.get(origin);
    if (cached !== undefined && cached.expiresAt > this.now()) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(origin);
      this.entries.set(origin, cached);
      return cached;
    }
    // Checks of the same origin at the same moment share one request.
    let fetching = this.pending.get(origin);
    if (fetching === undefined) {
      fetching = this.refresh(origin, cached).finally(() => this.pending.delete(origin));
      this.pending.set(origin, fetching);
    }
    return fetching;
  }

  private async refresh(origin: string, previous: CacheEntry | undefined): Promise<CacheEntry> {
    const robotsUrl = `${origin}/robots.txt`;
    const outcome = await fetchPage(robotsUrl, {
      userAgent: this.options.userAgent,
      timeoutMs: this.options.timeoutMs,
      allowPrivateNetworks: this.options.allowPrivateNetworks,
      maxBytes: ROBOTS_MAX_BYTES,
      truncateAtMaxBytes: true,
      maxRedirects: ROBOTS_MAX_REDIRECTS,
      anyContentType: true,
    });
    const policy = policyFromFetch(robotsUrl, outcome);
    const now = this.now();
    // An unreachable robots.txt is asked again after the short TTL, or after the server's Retry-After
    // when it names a longer wait (a 503 or 429 saying when to come back; at most the cache TTL, a day by default, as §2.4 caps caching).
    const retryAfterMs = outcome.kind === 'failed' && outcome.retryAfterSeconds !== null ? Math.min(outcome.retryAfterSeconds * 1000, this.ttlMs) : 0;
    const unreachableFor = Math.max(this.unreachableTtlMs, retryAfterMs);
    let entry: CacheEntry;
    const isAnswer = (p: RobotsPolicy) => p.kind === 'rules' || p.kind === 'allow-all';
    if (isAnswer(policy)) {
      entry = { policy, expiresAt: now + this.ttlMs, learntAt: now };
    } else if (policy.kind === 'disallow-all' && previous !== undefined && isAnswer(previous.policy) && now - previous.learntAt < STALE_COPY_LIMIT_MS) {
      // RFC 9309 §2.4: the 24-hour limit holds "unless the robots.txt file is
      // unreachable"; §2.3.1.4 lets crawlers "continue to use a cached copy".
      entry = { policy: previous.policy, expiresAt: now + unreachableFor, learntAt: previous.learntAt };
    } else {
      entry = { policy, expiresAt: now + unreachableFor, learntAt: now };
    }
    this.entries.delete(origin);
    this.entries.set(origin, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxOrigins) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}

function httpOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
