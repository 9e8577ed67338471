/**
 * Per test: a fresh in-memory Store, and the test site it starts (`serve`),
 * closed after it. Call at the top of a file or a describe block.
 */
import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../../../src/db/client.ts';
import { Store } from '../../../../src/db/store.ts';
import { startSite, type Handler, type Site } from './sites.ts';

export interface StoreAndSite {
  readonly store: Store;
  /** The site this test started; throws before `serve`. */
  readonly site: Site;
  serve(handler: Handler): Promise<Site>;
}

export function storeAndSite(): StoreAndSite {
  let store: Store | undefined;
  let site: Site | undefined;
  beforeEach(() => {
    store = new Store(openDatabase(':memory:'));
  });
  afterEach(async () => {
    await site?.close();
    site = undefined;
    store?.close();
    store = undefined;
  });
  return {
    get store() {
      if (store === undefined) throw new Error('storeAndSite: the store is only there during a test');
      return store;
    },
    get site() {
      if (site === undefined) throw new Error('storeAndSite: no site served in this test');
      return site;
    },
    async serve(handler) {
      site = await startSite(handler);
      return site;
    },
  };
}
