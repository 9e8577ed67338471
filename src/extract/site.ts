/**
 * The site's own names (og:site_name, application-name, the host and its
 * publisher label) and whether a title segment or a byline names the site
 * rather than the article or a person.
 */
import { looseKey } from './normalize.ts';
import type { Collected } from './page-facts.ts';

/** Names that identify the site (og:site_name, application-name, the host's labels), as loose keys. */
export interface SiteNames {
  keys: Set<string>;
  hostLabel: string | null;
}

export function siteNames(c: Collected, url: string | null): SiteNames {
  const keys = new Set<string>();
  for (const k of ['og:site_name', 'application-name', 'twitter:site', 'publisher', 'copyright']) {
    const v = c.meta.get(k);
    if (v) keys.add(looseKey(v.replace(/^@/, '')));
  }
  let hostLabel: string | null = null;
  const u = url ?? c.canonical ?? c.meta.get('og:url') ?? null;
  if (u) {
    try {
      const host = new URL(u).hostname.replace(/^(?:www|m|amp|mobile)\./, '');
      keys.add(looseKey(host));
      hostLabel = looseKey(registrableLabel(host));
    } catch {
      /* not a URL */
    }
  }
  keys.delete('');
  return { keys, hostLabel };
}

/** Country-code second-level domains ("co.uk", "com.au", "ne.jp") under which the publisher's own label sits one further left. */
const GENERIC_SLD = /^(?:co|com|net|org|gov|ac|edu|or|ne|go|gv|nom|ltd|plc|sch|info|biz)$/;

/** The label that names the publisher: "heraldsun" in www.heraldsun.com.au, "prospectmagazine" in prospectmagazine.co.uk. */
export function registrableLabel(host: string): string {
  const labels = host.split('.').filter((l) => l.length > 0);
  if (labels.length < 2) return host;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  if (labels.length >= 3 && tld.length === 2 && GENERIC_SLD.test(sld)) return labels[labels.length - 3]!;
  return sld;
}

/**
 * Is this byline the site rather than a person? Its name, or a longer name
 * built on a distinctive host label ("EFC Bayrische Bembel" on
 * bayrische-bembel.de, "Krimiblog-Archiv" on krimiblog.de). Short labels are
 * left alone: on helge.at or lemire.me the author's name contains the host.
 */
export function namesTheSite(byline: string, site: SiteNames): boolean {
  const k = looseKey(byline);
  if (site.keys.has(k)) return true;
  const label = site.hostLabel;
  return label !== null && label.length >= 8 && k !== label && k.includes(label);
}

/**
 * "Tanza Loudenback, Business Insider", "Elliot Brownstein Florida Today": the
 * publication after the name is the site, not part of the byline. For a byline
 * that names the site: the tail goes when it is the site's name and at least two
 * words stay.
 */
export function stripSiteSuffix(byline: string, site: SiteNames): string {
  const words = byline.split(' ');
  // Shortest tail first: "Mark Di Stefano BuzzFeed News Reporter" loses "BuzzFeed News Reporter", not "Stefano …".
  for (let i = words.length - 1; i >= 2 && i >= words.length - 6; i--) {
    const tail = words.slice(i).join(' ');
    const k = looseKey(tail);
    if (k.length >= 3 && (site.keys.has(k) || (site.hostLabel !== null && site.hostLabel.length >= 4 && k === site.hostLabel) || namesTheSite(tail, site))) {
      return words.slice(0, i).join(' ').replace(/[,;:|\s–—-]+$/u, '');
    }
  }
  return byline;
}

/** Does this title segment name the site rather than the article? */
export function isSiteSegment(segment: string, site: SiteNames): boolean {
  const k = looseKey(segment);
  if (k.length === 0) return true;
  if (site.keys.has(k)) return true;
  // The host's label inside a short segment ("Prospect Magazine" on prospectmagazine.co.uk); a whole headline that
  // happens to contain it ("…Using AI" on appen.com holds "appen" nowhere, but "Why Appen…" would) is not the site.
  const label = site.hostLabel;
  if (label !== null && label.length >= 4 && ((k.includes(label) && k.length <= Math.max(label.length + 12, 2 * label.length)) || (k.length >= 4 && label.includes(k)))) return true;
  for (const key of site.keys) if (key.length >= 4 && k.length <= key.length + 12 && k.includes(key)) return true;
  return false;
}
