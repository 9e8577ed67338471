/** Watch lists for the paging tests of the web list and the API. */
import type { Store } from '../../../../src/db/store.ts';

/**
 * Watches `count` articles from `t0` on and gives their URLs newest first, as the list orders them; every fourth
 * shares the millisecond of the one before, so that paging must tell them apart by id.
 */
export function watchMany(store: Store, t0: number, count: number, slug = 'story'): string[] {
  const urls: string[] = [];
  for (let n = 0; n < count; n++) {
    const url = `https://news.example/${slug}-${n}`;
    store.addArticle({ url, intervalMinutes: 30, now: t0 + Math.floor(n - n / 4) * 1000 });
    urls.unshift(url);
  }
  return urls;
}
