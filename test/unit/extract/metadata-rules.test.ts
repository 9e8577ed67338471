/**
 * Title and byline rules, one table row per rule (the row's name states it).
 * See docs/extraction.md § Metadata for the choices and their measured effect.
 */
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/extract/dom.ts';
import { extractMetadata, registrableLabel } from '../../../src/extract/metadata.ts';

const meta = (html: string, url: string | null = null) => extractMetadata(parseHtml(html), url);

describe('title: the site name', () => {
  it.each([
    ['a sharing title with the site suffix is a headline once the suffix goes (not dropped as "only the site")', '<meta property="og:title" content="The Future of AI in Healthcare | Appen"><meta property="og:site_name" content="Appen">', 'https://appen.com/blog/x', 'The Future of AI in Healthcare'],
    ['the site suffix is recognised from a host under a country second-level domain (co.uk)', '<title>The Anglosphere: new enthusiasm for an old dream | Prospect Magazine</title>', 'https://www.prospectmagazine.co.uk/magazines/x', 'The Anglosphere: new enthusiasm for an old dream'],
    ['a site segment may carry extra words around the host name ("EFC Bayrische Bembel Regensburg")', '<title>EFC Bayrische Bembel Regensburg - Eintracht stellt Weichen für die Zukunft - News</title>', 'https://bayrische-bembel.de/504', 'Eintracht stellt Weichen für die Zukunft'],
    ['a long headline that merely contains the host label is not the site', '<title>Why Appen and others are rethinking medical data labelling this year</title>', 'https://appen.com/blog/x', 'Why Appen and others are rethinking medical data labelling this year'],
  ])('%s', (_rule, html, url, expected) => {
    expect(meta(html, url).title).toBe(expected);
  });

  it.each([
    ['www.heraldsun.com.au', 'heraldsun'],
    ['prospectmagazine.co.uk', 'prospectmagazine'],
    ['www1.folha.uol.com.br', 'uol'],
    ['news.example.de', 'example'],
    ['bbc.co.uk', 'bbc'],
    ['localhost', 'localhost'],
  ])('registrableLabel(%s) is the publisher label %s', (host, label) => {
    expect(registrableLabel(host)).toBe(label);
  });
});
