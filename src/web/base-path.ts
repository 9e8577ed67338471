/**
 * Serving stet under a path prefix behind a reverse proxy
 * (`https://news.example.org/stet/` → stet). The prefix is BASE_URL's path;
 * the pages put it in front of every link, form action and asset they emit
 * (pages/href.ts useHref), one middleware in front of every redirect's
 * Location (prefixLocation), and the router takes it off requests again.
 *
 * The proxy may forward `/stet/<rest>` as `/<rest>` (prefix stripped, nginx's
 * `proxy_pass http://127.0.0.1:8787/;` under `location /stet/`, Caddy's
 * `handle_path`) or as it came (prefix kept, `proxy_pass
 * http://127.0.0.1:8787;`, Caddy's `handle`): both reach the same routes, so
 * the trailing slash that tells the two nginx forms apart cannot break the
 * pages. That is unambiguous only while the prefix does not start with one of
 * stet's own paths (`/articles` stripped and kept would both be `/articles/1`),
 * which the settings refuse ({@link basePathClash}).
 */

/** The first segment of every path stet answers at its root (app.tsx); a test checks the list against the routes. */
export const ROOT_SEGMENTS = ['api', 'articles', 'sources', 'static', 'healthz', 'favicon.ico', 'feed.xml', 'feed.atom', 'feed.json'] as const;

/** BASE_URL's path without its trailing slash, as sent on the wire (percent-encoded): '' at the root of the host, '/stet' under a prefix. */
export function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/**
 * The prefix as the router compares it: Hono decodes a request's path
 * (decodeURI, keeping %25 as is) before routing, so `/my%20stet` arrives as
 * `/my stet` and `/st%C3%A5t` as `/ståt`.
 */
export function routedBasePath(basePath: string): string {
  try {
    return decodeURI(basePath.replace(/%25/g, '%2525'));
  } catch {
    return basePath; // a stray % the URL parser let through: it stays as sent
  }
}

/**
 * A request's path as the routes know it: the prefix taken off when the proxy
 * kept it (`/stet/articles` → `/articles`, `/stet` → `/`), anything else as it
 * came (the proxy stripped it, or a request made to stet directly).
 * `/stetson` is not under `/stet`.
 */
export function stripBasePath(path: string, basePath: string): string {
  if (basePath === '') return path;
  if (path === basePath) return '/';
  return path.startsWith(basePath + '/') ? path.slice(basePath.length) : path;
}

/**
 * A Location header (RFC 9110 §10.2.2) as the browser must follow it: the
 * routes redirect to stet's own paths, root-relative (`/articles/1`, an
 * absolute-path reference, RFC 3986 §4.2), and get the prefix in front
 * (`/stet/articles/1`). Anything else is left as it is: an absolute URL, a
 * relative reference, and a network-path reference (`//host/…`, or `/\host/…`,
 * which browsers read as one: WHATWG URL treats `\` as `/` in http(s) URLs).
 */
export function prefixLocation(location: string, basePath: string): string {
  if (basePath === '' || !location.startsWith('/') || location[1] === '/' || location[1] === '\\') return location;
  return basePath + location;
}

/** Why a BASE_URL cannot be served under its path, or null when it can (or when it is no URL at all: the settings say that). */
export function basePathClash(baseUrl: string): string | null {
  if (!URL.canParse(baseUrl)) return null;
  const url = new URL(baseUrl);
  if (url.search !== '' || url.hash !== '') return 'expected no query (?) or fragment (#): the pages put their own paths after it';
  const first = basePathOf(baseUrl).split('/')[1];
  if (first !== undefined && (ROOT_SEGMENTS as readonly string[]).includes(first)) {
    return `its path may not start with /${first}, one of stet's own paths (a request for /${first}/… would be ambiguous); serve stet under another prefix`;
  }
  return null;
}
