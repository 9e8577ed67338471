/**
 * The site named beside each revision on the home page, through
 * app.request() on a fresh in-memory store (STYLE 8): the host as a reader
 * writes it, with the port when it is not the scheme's default, so two sites
 * on one host are told apart.
 */
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/app.ts';
import { elementsIn } from './support/html.ts';
import { addVersion, watch } from './support/versions.ts';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

const web = testApp({ ALLOW_PRIVATE_NETWORKS: 'true', BASE_URL: 'https://stet.example' });

/** The site label of the one revision on the home page, for an article at `url`. */
async function siteLabelOf(url: string): Promise<string> {
  const article = watch(web.store, url, T0);
  addVersion(web.store, article, T0, { title: 'Story', byline: 'B', paragraphs: ['First.'] });
  addVersion(web.store, article, T0 + 60_000, { title: 'Story', byline: 'B', paragraphs: ['Edited.'] });
  const page = await web.text('/');
  const meta = elementsIn(page, 'div').filter((d) => d.attribs['class'] === 'meta').map((d) => textContent(d));
  expect(meta).toHaveLength(1);
  return meta[0]!.split(' · ')[0]!;
}

describe('the home page names each revision\'s site, port and all when not the default', () => {
  it.each([
    ['a port other than the scheme\'s default is shown', 'http://127.0.0.1:8001/news/a', '127.0.0.1:8001'],
    ['a second site on the same host differs by its port', 'http://127.0.0.1:8002/news/a', '127.0.0.1:8002'],
    ['http on 80 shows no port (the default)', 'http://news.example:80/a', 'news.example'],
    ['https on 443 shows no port (the default)', 'https://news.example:443/a', 'news.example'],
    ['https on 80 is not its default and shows it', 'https://news.example:80/a', 'news.example:80'],
    ['a punycode host is written in Unicode, port kept', 'https://xn--bcher-kva.example:8443/a', 'bücher.example:8443'],
    ['an IPv6 host keeps its brackets before the port', 'http://[::1]:8080/a', '[::1]:8080'],
  ])('%s: %s → %s', async (_rule, url, label) => {
    expect(await siteLabelOf(url)).toBe(label);
  });
});
