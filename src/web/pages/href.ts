/**
 * Where the pages' own links point: every href, form action and asset URL a
 * page emits goes through `useHref()`, which puts BASE_URL's path prefix in
 * front (web/base-path.ts). The app provides the prefix once per request, in
 * the renderer behind `c.render()` (app.tsx).
 */
import { createContext, useContext } from 'hono/jsx';

/** BASE_URL's path ('' at the root of the host, '/stet' under a prefix); null outside `c.render()`. */
export const BasePath = createContext<string | null>(null);

/** A function from one of stet's paths (`/articles/1`) to the address a browser follows (`/stet/articles/1`). */
export function useHref(): (path: string) => string {
  const basePath = useContext(BasePath);
  // A page rendered with c.html() instead of c.render() would link to the root of the host behind a proxy: fail loudly.
  if (basePath === null) throw new Error('a page was rendered without its base path: render pages with c.render(), not c.html()');
  return (path) => basePath + path;
}
