import type { Config } from '../config.ts';
import type { Store } from '../db/store.ts';
import type { Monitor } from '../monitor/scheduler.ts';

/** What every request handler can reach (set once by the app). */
export interface AppEnv {
  Variables: {
    store: Store;
    config: Config;
    /** Absent in read-only processes; checks then answer 503. */
    monitor: Monitor | undefined;
    /**
     * @deprecated Returns its path unchanged: redirect to stet's own path as it is (`c.redirect('/articles/1', 303)`);
     * the app puts BASE_URL's prefix on every root-relative Location (app.tsx prefixLocations). Kept only while
     * source-pages.tsx still wraps its redirects in it; remove with the last caller.
     */
    href: (path: string) => string;
  };
}
