/**
 * The web app: pages, feeds and the JSON API, one sub-app each (STYLE 7),
 * behind one error handler and a strict Content-Security-Policy (all article
 * text is untrusted).
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../config.ts';
import { NotFoundError, type Store } from '../db/store.ts';
import { ArticleNotFoundError, type Monitor } from '../monitor/scheduler.ts';
import { apiRoutes } from './api.ts';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';
import { feedRoutes } from './feed-routes.ts';
import { Layout } from './pages/layout.tsx';
import { pageRoutes } from './pages.tsx';

const stylesheet = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');

export function createApp(deps: { store: Store; config: Config; monitor?: Monitor | undefined }) {
  const app = new Hono<AppEnv>();

  app.use(
    secureHeaders({
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
  // Form posts must come from our own pages (Origin check). The JSON API is exempt: its bodies must be
  // application/json (api.ts), which a browser sends cross-site only after a CORS preflight we never grant.
  // Behind a reverse proxy the request URL may not be the public one: BASE_URL's origin counts as ours too.
  const baseOrigin = new URL(deps.config.BASE_URL).origin;
  const sameSite = csrf({ origin: (origin, c) => origin === baseOrigin || origin === new URL(c.req.url).origin });
  app.use('/articles/*', sameSite);
  app.use('/articles', sameSite);
  app.use(async (c, next) => {
    c.set('store', deps.store);
    c.set('config', deps.config);
    c.set('monitor', deps.monitor);
    await next();
  });

  app.get('/static/style.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/api', apiRoutes());
  app.route('/', feedRoutes());
  app.route('/', pageRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404);
    return c.html(<ErrorPage status={404} message="There is nothing at this address." />, 404);
  });

  app.onError((error, c) => {
    let status: HttpError['status'] = 500;
    let code = 'internal';
    let message = 'internal error';
    if (error instanceof HttpError) ({ status, code, message } = error);
    // The store's NotFoundError: the article was deleted while a check of it ran.
    else if (error instanceof ArticleNotFoundError || error instanceof NotFoundError) [status, code, message] = [404, 'not_found', error.message];
    else if (typeof (error as { getResponse?: unknown }).getResponse === 'function') {
      // Hono's own HTTPException (from csrf, body parsing…).
      const res = (error as unknown as { getResponse(): Response; status: number }).getResponse();
      if (c.req.path.startsWith('/api/')) return c.json({ error: { code: 'http_' + res.status, message: error.message || res.statusText } }, res.status as 400);
      return res;
    } else console.error(error);
    if (c.req.path.startsWith('/api/')) return c.json({ error: { code, message } }, status);
    return c.html(<ErrorPage status={status} message={message} />, status);
  });

  return app;
}

function ErrorPage(props: { status: number; message: string }) {
  return (
    <Layout title={`Error ${props.status}`}>
      <h1>{props.status === 404 ? 'Not found' : `Error ${props.status}`}</h1>
      <p>{props.message}</p>
      <p><a href="/">Back to recent revisions</a></p>
    </Layout>
  );
}
