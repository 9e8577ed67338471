/**
 * Per test: what testApp gives (a fresh in-memory Store, the app around it),
 * and the test site it starts (`serve`), closed after it. Call at the top of
 * a file or a describe block.
 */
import { afterEach } from 'vitest';
import { testApp, type Env, type TestApp } from '../../../support/app.ts';
import { startSite, type Handler, type Site } from './sites.ts';

export interface StoreAndSite extends TestApp {
  /** The site this test started; throws before `serve`. */
  readonly site: Site;
  serve(handler: Handler): Promise<Site>;
}

/** `env`: the settings of the app, as testApp takes them. */
export function storeAndSite(env: Env = {}): StoreAndSite {
  let site: Site | undefined;
  // Registered before testApp's, so it runs after it (Vitest runs after-hooks last first): a Monitor is stopped before its site closes.
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });
  return Object.defineProperties(testApp(env), {
    site: {
      get() {
        if (site === undefined) throw new Error('storeAndSite: no site served in this test');
        return site;
      },
    },
    serve: {
      value: async (handler: Handler) => {
        site = await startSite(handler);
        return site;
      },
    },
  }) as StoreAndSite;
}
