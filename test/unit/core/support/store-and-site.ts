/**
 * Per test: what testApp gives (a fresh in-memory Store, the app around it,
 * the test clock), and the test sites it starts (`serve`), each closed after
 * it. Call at the top of a file or a describe block.
 */
import { afterEach } from 'vitest';
import { testApp, type Env, type TestApp } from '../../../support/app.ts';
import { startSite, type Handler, type Site, type Tracker } from './sites.ts';

export interface StoreAndSite extends TestApp {
  /** The site this test started last; throws before `serve`. */
  readonly site: Site;
  /** Starts a site (`tracker`: counts its requests in flight with others'), open until the test ends. */
  serve(handler: Handler, tracker?: Tracker): Promise<Site>;
}

/** `env` and `options`: as testApp takes them. */
export function storeAndSite(env: Env = {}, options: Parameters<typeof testApp>[1] = {}): StoreAndSite {
  let sites: Site[] = [];
  // Registered before testApp's, so it runs after it (Vitest runs after-hooks last first): a Monitor is stopped before its site closes.
  afterEach(async () => {
    await Promise.all(sites.map((s) => s.close()));
    sites = [];
  });
  return Object.defineProperties(testApp(env, options), {
    site: {
      get() {
        const site = sites.at(-1);
        if (site === undefined) throw new Error('storeAndSite: no site served in this test');
        return site;
      },
    },
    serve: {
      value: async (handler: Handler, tracker?: Tracker) => {
        const site = await startSite(handler, tracker);
        sites.push(site);
        return site;
      },
    },
  }) as StoreAndSite;
}
