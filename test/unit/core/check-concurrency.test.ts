/**
 * Two processes on one SQLite file (the CLI beside the server) checking the
 * same article at the same moment must not both store the change: the
 * second compares again with the version the first recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config.ts';
import { openDatabase } from '../../../src/db/client.ts';
import { Store } from '../../../src/db/store.ts';
import { checkArticle, type CheckContext } from '../../../src/monitor/check.ts';
import { ORIGINAL, UPDATE_1, UPDATE_2, startNewsroom, type Newsroom } from '../../support/newsroom.ts';

describe('concurrent checks of one article on one database file', () => {
  let dir: string;
  let newsroom: Newsroom;
  let first: Store;
  let second: Store;
  const context = (store: Store): CheckContext => ({
    store,
    config: parseConfig({ ALLOW_PRIVATE_NETWORKS: 'true' }),
    now: Date.now,
    random: Math.random,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stet-concurrent-'));
    newsroom = await startNewsroom(ORIGINAL);
    first = new Store(openDatabase(join(dir, 'stet.db')));
    second = new Store(openDatabase(join(dir, 'stet.db')));
  });
  afterAll(async () => {
    first.close();
    second.close();
    await newsroom.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores one new version, not two, and the other check sees it as unchanged', async () => {
    const { article } = first.addArticle({ url: newsroom.articleUrl, intervalMinutes: 30, now: Date.now() });
    expect((await checkArticle(context(first), article)).outcome).toBe('first-version');

    for (const edition of [UPDATE_1, UPDATE_2]) {
      newsroom.edition = edition;
      const fresh = first.getArticle(article.id)!;
      const outcomes = await Promise.all([checkArticle(context(first), fresh), checkArticle(context(second), fresh)]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['new-version', 'unchanged']);
    }
    const versions = second.listVersions(article.id);
    expect(versions.map((v) => v.ordinal)).toEqual([1, 2, 3]);
    // Each stored summary is against its real predecessor: v3 removed a paragraph and changed the headline.
    expect(versions[2]?.diffSummary).toMatchObject({ removed: 1, titleChanged: true });
  });
});
