/**
 * One polite, guarded HTTP GET of an article page (DESIGN "Fetching politely
 * and safely"). Knows nothing of the database: the caller passes the
 * validators it stored last time and gets back a value saying what happened.
 *
 * Expected failures (404, timeout, refused address, oversized body…) are
 * `{kind: 'failed'}` values; only bugs throw (STYLE habit 6).
 */
import { performance } from 'node:perf_hooks';
import type { ReadableStream } from 'node:stream/web';
import { Agent, fetch } from 'undici';
import { decodeHtml, mimeEssence } from './decode.ts';
import { BLOCKED_ADDRESS, createPublicOnlyConnector, literalAddressRefusal } from './guard.ts';
import { parseFreshnessLifetime, parseRetryAfter } from './headers.ts';

export interface FetchOptions {
  userAgent: string;
  /** Budget for the whole exchange, every redirect hop included: DNS, connect, headers and body. */
  timeoutMs: number;
  /**
   * Cap on the (decompressed) body; the download is abandoned as soon as it is passed. A 'too-large' failure
   * names FETCH_MAX_BYTES, the setting every non-truncating caller (articles, sources) passes here.
   */
  maxBytes: number;
  /** How many redirects may be followed; one more is a failure. */
  maxRedirects: number;
  /** When false, loopback, private, link-local and other non-public addresses are refused. */
  allowPrivateNetworks: boolean;
  /** Validators stored from the previous fetch, sent as If-None-Match / If-Modified-Since (RFC 9110 §13.1). */
  etag?: string | null;
  lastModified?: string | null;
  /** Take any Content-Type instead of failing 'not-html': robots.txt is text/plain (RFC 9309 §2.2). */
  anyContentType?: boolean;
  /** The Accept header when not a page's (feeds and sitemaps ask for XML first). */
  accept?: string;
  /** Keep the first maxBytes of a longer body instead of failing 'too-large': a parsing limit (RFC 9309 §2.5). */
  truncateAtMaxBytes?: boolean;
}

export type FetchErrorCode =
  | 'invalid-url'
  | 'blocked-address'
  | 'dns'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'not-html'
  | 'network';

export type FetchOutcome =
  | {
      kind: 'fetched';
      status: number;
      /** The final URL, after redirects. */
      url: string;
      /** The status of the first redirect followed (301, 302…), or null when the URL answered itself. */
      redirectStatus: number | null;
      /** The body as received, after Content-Encoding is undone. */
      body: Uint8Array;
      /** The body decoded per the WHATWG encoding sniffing rules. */
      html: string;
      /** WHATWG encoding name used to decode, lower-cased ("utf-8", "shift_jis"…). */
      encoding: string;
      etag: string | null;
      lastModified: string | null;
      /** Freshness lifetime from Cache-Control max-age or Expires (RFC 9111 §4.2.1); null when none given. */
      maxAgeSeconds: number | null;
      durationMs: number;
    }
  | {
      kind: 'not-modified';
      status: 304;
      url: string;
      /** The validators to keep: the 304's own, else the ones sent (RFC 9110 §15.4.5). */
      etag: string | null;
      lastModified: string | null;
      maxAgeSeconds: number | null;
      durationMs: number;
    }
  | {
      kind: 'failed';
      code: FetchErrorCode;
      message: string;
      /** The HTTP status when a response was received (http-status, not-html, too-large, too-many-redirects). */
      status: number | null;
      /** From Retry-After (RFC 9110 §10.2.3), typically on 429 or 503. */
      retryAfterSeconds: number | null;
      durationMs: number;
    };

type Failure = Extract<FetchOutcome, { kind: 'failed' }>;

/** Redirect statuses a user agent follows automatically (RFC 9110 §15.4). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Media types stet will treat as a page. A missing Content-Type is let through and sniffed. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1';

export async function fetchPage(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (
    code: FetchErrorCode,
    message: string,
    status: number | null = null,
    retryAfterSeconds: number | null = null,
  ): Failure => ({ kind: 'failed', code, message, status, retryAfterSeconds, durationMs: elapsed() });

  let target = parseFetchableUrl(url);
  if (typeof target === 'string') return fail('invalid-url', target);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no complete response within ${options.timeoutMs} ms`));
  }, options.timeoutMs);

  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: options.accept ?? ACCEPT };
  // Conditional GET (RFC 9110 §13.1.1, §13.1.3). Both may be sent; a server
  // that understands If-None-Match ignores If-Modified-Since (§13.2.2).
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let redirectStatus: number | null = null;
  try {
    for (let redirects = 0; ; redirects++) {
      // Every hop is re-validated: a public page may redirect to a private address.
      const refusal = options.allowPrivateNetworks ? null : literalAddressRefusal(target);
      if (refusal !== null) return fail('blocked-address', refusal);

      const response = await fetch(target, {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal: controller.signal,
        dispatcher: agentFor(options.allowPrivateNetworks),
      });
      const status = response.status;
      const now = new Date();
      const header = (name: string) => response.headers.get(name);

      if (REDIRECT_STATUSES.has(status)) {
        await response.body?.cancel();
        const location = header('location');
        if (location === null) return fail('http-status', `HTTP ${status} without a Location header`, status);
        if (redirects >= options.maxRedirects) {
          return fail('too-many-redirects', `more than ${options.maxRedirects} redirects (last to ${location})`, status);
        }
        // Location may be relative to the URL that answered (RFC 9110 §10.2.2).
        let next: URL;
        try {
          next = new URL(location, target);
        } catch {
          return fail('invalid-url', `redirect to an unparsable Location: ${location}`, status);
        }
        const nextTarget = parseFetchableUrl(next.href);
        if (typeof nextTarget === 'string') return fail('invalid-url', `redirect refused: ${nextTarget}`, status);
        target = nextTarget;
        redirectStatus ??= status;
        continue;
      }

      const maxAgeSeconds = parseFreshnessLifetime(header('cache-control'), header('expires'), header('date'), now);

      if (status === 304) {
        await response.body?.cancel();
        return {
          kind: 'not-modified',
          status: 304,
          url: target.href,
          etag: header('etag') ?? options.etag ?? null,
          lastModified: header('last-modified') ?? options.lastModified ?? null,
          maxAgeSeconds,
          durationMs: elapsed(),
        };
      }

      if (status < 200 || status > 299) {
        await response.body?.cancel();
        const retryAfter = parseRetryAfter(header('retry-after'), header('date'), now);
        return fail('http-status', `HTTP ${status} ${response.statusText}`.trim(), status, retryAfter);
      }

      const contentType = header('content-type');
      const essence = mimeEssence(contentType);
      if (!options.anyContentType && contentType !== null && essence !== null && !HTML_TYPES.has(essence)) {
        await response.body?.cancel();
        return fail('not-html', `Content-Type is ${essence}, not HTML`, status);
      }

      // Refuse early when an uncompressed body announces itself as too big.
      const declaredLength = Number(header('content-length') ?? NaN);
      if (!options.truncateAtMaxBytes && header('content-encoding') === null && declaredLength > options.maxBytes) {
        await response.body?.cancel();
        return fail('too-large', `Content-Length ${declaredLength} exceeds FETCH_MAX_BYTES, ${options.maxBytes} bytes`, status);
      }

      const body = await readCapped(response.body, options.maxBytes, options.truncateAtMaxBytes ?? false);
      if (body === null) return fail('too-large', `body exceeds FETCH_MAX_BYTES, ${options.maxBytes} bytes`, status);

      const { html, encoding } = decodeHtml(body, contentType);
      return {
        kind: 'fetched',
        status,
        url: target.href,
        redirectStatus,
        body,
        html,
        encoding,
        etag: header('etag'),
        lastModified: header('last-modified'),
        maxAgeSeconds,
        durationMs: elapsed(),
      };
    }
  } catch (error) {
    if (timedOut) return fail('timeout', `timed out after ${options.timeoutMs} ms`);
    return classifyNetworkError(error, fail);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL to request, or why it cannot be. Only http and https are fetched. */
function parseFetchableUrl(input: string): URL | string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return `not a valid absolute URL: ${input}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `scheme ${url.protocol} is not fetched (http and https only)`;
  if (url.username !== '' || url.password !== '') return 'URLs with credentials are not fetched';
  url.hash = '';
  return url;
}

/** Reads the body, giving up (and dropping the connection) once it passes maxBytes, or keeping just maxBytes when truncating. */
async function readCapped(stream: ReadableStream | null, maxBytes: number, truncate: boolean): Promise<Uint8Array | null> {
  if (stream === null) return new Uint8Array(0);
  const reader = (stream as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      if (!truncate) return null;
      chunks.push(value.subarray(0, value.byteLength - (total - maxBytes)));
      total = maxBytes;
      break;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

let publicOnlyAgent: Agent | undefined;
let anyAddressAgent: Agent | undefined;

function agentFor(allowPrivateNetworks: boolean): Agent {
  if (allowPrivateNetworks) return (anyAddressAgent ??= new Agent());
  return (publicOnlyAgent ??= new Agent({ connect: createPublicOnlyConnector() }));
}

/** Closes pooled keep-alive connections (for graceful shutdown). Later fetches open new ones. */
export async function closeFetchConnections(): Promise<void> {
  const agents = [publicOnlyAgent, anyAddressAgent];
  publicOnlyAgent = anyAddressAgent = undefined;
  await Promise.all(agents.map((agent) => agent?.close()));
}

const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA', 'ESERVFAIL']);

function classifyNetworkError(
  error: unknown,
  fail: (code: FetchErrorCode, message: string) => Failure,
): Failure {
  // undici's fetch reports "fetch failed" and hangs the real reason on `cause`.
  const chain: unknown[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  const codeOf = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);
  const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const blocked = chain.find((e) => codeOf(e) === BLOCKED_ADDRESS);
  if (blocked !== undefined) return fail('blocked-address', messageOf(blocked));
  const dns = chain.find((e) => DNS_ERROR_CODES.has(String(codeOf(e))));
  if (dns !== undefined) return fail('dns', messageOf(dns));
  const connectTimeout = chain.find((e) => codeOf(e) === 'UND_ERR_CONNECT_TIMEOUT');
  if (connectTimeout !== undefined) return fail('timeout', messageOf(connectTimeout));
  const innermost = chain[chain.length - 1] ?? error;
  const code = codeOf(innermost);
  return fail('network', code === undefined ? messageOf(innermost) : `${String(code)}: ${messageOf(innermost)}`);
}
