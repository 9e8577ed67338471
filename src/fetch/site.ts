/**
 * The site a URL is on, as politeness counts sites: its host and port
 * (`new URL(url).host`, lower-cased, default port dropped). One fetch at a
 * time, Crawl-delay and Retry-After all hold per site (monitor/scheduler.ts,
 * the `hosts` table), and articles store it (`articles.host`) so that the
 * scheduler can ask for due articles site by site.
 */
export function siteOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
