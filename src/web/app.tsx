/**
 * The web app: pages, feeds and the JSON API, one sub-app each (STYLE 7),
 * behind one error handler and a strict Content-Security-Policy (all article
 * text is untrusted).
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { getPath } from 'hono/utils/url';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';
import { NotFoundError, type Store } from '../db/store.ts';
import { ArticleNotFoundError, HostBusyError, HostHeldError, SourceNotFoundError, type Monitor } from '../monitor/scheduler.ts';
import { apiRoutes } from './api.ts';
import { sourceApiRoutes } from './sources-api.ts';
import { sourcePageRoutes } from './source-pages.tsx';
import type { AppEnv } from './context.ts';
import { basePathOf, prefixLocation, routedBasePath, stripBasePath } from './base-path.ts';
import { HttpError } from './errors.ts';
import { feedRoutes } from './feed-routes.ts';
import { BasePath, useHref } from './pages/href.ts';
import { Layout } from './pages/layout.tsx';
import { pageRoutes } from './pages.tsx';

const stylesheet = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');

export function createApp(deps: { store: Store; config: Config; monitor?: Monitor | undefined }) {
  // Behind a proxy at BASE_URL's path, with the prefix kept or stripped: the routes see the path without it (base-path.ts).
  const basePath = basePathOf(deps.config.BASE_URL);
  const routedPrefix = routedBasePath(basePath);
  const app = new Hono<AppEnv>({ getPath: (request) => stripBasePath(getPath(request), routedPrefix) });

  // Outermost, so that it sees every answer: the routes redirect to stet's own paths and never think of the prefix.
  app.use(prefixLocations(basePath));
  // Before the checks below, so that even a request they refuse gets an error page whose links carry the prefix.
  app.use(async (c, next) => {
    c.set('store', deps.store);
    c.set('config', deps.config);
    c.set('monitor', deps.monitor);
    c.setRenderer((page) => c.html(<BasePath.Provider value={basePath}>{page}</BasePath.Provider>));
    await next();
  });
  app.use(
    secureHeaders({
      // Our own form posts keep their Origin; links out to publishers carry no referrer.
      referrerPolicy: 'same-origin',
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  // Writes (form posts and API calls) must come from our own pages or from
  // no browser at all (curl sends neither Origin nor Sec-Fetch-Site).
  app.use(refuseCrossSiteWrites(new URL(deps.config.BASE_URL).origin));
  // Nothing we accept (a URL, a form) comes near this; a larger body is refused before it is read.
  app.use(
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new HttpError(413, 'too_large', 'the request body is larger than 64 KB');
      },
    }),
  );
  app.get('/static/style.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Browsers ask for it on every page; no icon, and no 404 in the log each time.
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'cache-control': 'public, max-age=86400' }));
  app.route('/api/sources', sourceApiRoutes());
  app.route('/api', apiRoutes());
  app.route('/sources', sourcePageRoutes());
  app.route('/', feedRoutes());
  app.route('/', pageRoutes());

  app.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404);
    c.status(404);
    return c.render(<ErrorPage status={404} message="There is nothing at this address." />);
  });

  app.onError((error, c) => {
    let status: HttpError['status'] = 500;
    let code = 'internal';
    let message = 'internal error';
    if (error instanceof HttpError) ({ status, code, message } = error);
    // The store's NotFoundError: the article was deleted while a check of it ran.
    else if (error instanceof ArticleNotFoundError || error instanceof SourceNotFoundError || error instanceof NotFoundError) [status, code, message] = [404, 'not_found', error.message];
    // Another process (the CLI, or the server beside it) was checking the site: nothing was asked of it, try again.
    else if (error instanceof HostBusyError) [status, code, message] = [503, 'host_busy', error.message];
    // The site's Retry-After still runs: nothing was asked of it (README); RFC 9110 §10.2.3 lets us pass the wait on.
    else if (error instanceof HostHeldError) {
      [status, code, message] = [503, 'host_held', error.message];
      c.header('Retry-After', String(Math.max(1, Math.ceil((error.until - Date.now()) / 1000))));
    }
    else if (typeof (error as { getResponse?: unknown }).getResponse === 'function') {
      // Hono's own HTTPException (from csrf, body parsing…).
      const res = (error as unknown as { getResponse(): Response; status: number }).getResponse();
      if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'http_' + res.status, message: error.message || res.statusText } }, res.status as 400);
      return res;
    } else console.error(error);
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code, message } }, status);
    c.status(status);
    // A failed action on an article (Check now, pause…): the way back to it.
    const article = status !== 404 ? /^\/articles\/(\d{1,15})\//.exec(c.req.path)?.[1] : undefined;
    const held = error instanceof HostHeldError || error instanceof HostBusyError;
    return c.render(<ErrorPage status={status} message={message} article={article === undefined ? null : Number(article)} held={held} />);
  });

  return app;
}

/**
 * Puts BASE_URL's path prefix in front of the root-relative Location of
 * every answer (base-path.ts prefixLocation): a redirect after a form to
 * `/articles/1` sends the browser to `/stet/articles/1`. One place, so that
 * no redirect can forget it; absolute URLs pass untouched. Every status, not
 * only 3xx: a 201's Location names one of stet's paths the same way.
 */
function prefixLocations(basePath: string): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const location = c.res.headers.get('location');
    if (location === null) return;
    const prefixed = prefixLocation(location, basePath);
    if (prefixed !== location) c.res.headers.set('location', prefixed);
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses state-changing requests a browser sends on behalf of another site
 * (CSRF): Fetch Metadata (Sec-Fetch-Site) saying the request is not
 * same-origin, or, from browsers without it, an Origin (RFC 6454) that is
 * neither this request's origin nor BASE_URL's (behind a reverse proxy the
 * two differ). Unlike a form-only check
 * this also covers bodiless POSTs such as /api/articles/:id/check.
 */
function refuseCrossSiteWrites(baseOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      // A browser's own Fetch Metadata is the strongest signal; it is sent even where Origin is "null".
      const ours =
        site !== undefined
          ? site === 'same-origin' || site === 'none'
          : origin === undefined || origin === baseOrigin || origin === new URL(c.req.url).origin;
      if (!ours) throw new HttpError(403, 'cross_site', 'requests from other sites may not change anything here');
    }
    await next();
  };
}

/** `article`: the article an action on it failed for (a Check now the site holds off): linked back to. `held`: a check the site's hold or another process's check refused. */
function ErrorPage(props: { status: number; message: string; article?: number | null; held?: boolean }) {
  const href = useHref();
  const held = props.held === true;
  return (
    <Layout title={props.status === 404 ? 'Not found' : held ? 'Not checked' : `Error ${props.status}`}>
      <h1>{props.status === 404 ? 'Not found' : held ? 'Not checked now' : `Error ${props.status}`}</h1>
      <p>{props.message}</p>
      {props.article != null ? <p><a href={href(`/articles/${props.article}`)}>Back to the article</a></p> : null}
      <p><a href={href('/')}>Back to recent revisions</a></p>
    </Layout>
  );
}
