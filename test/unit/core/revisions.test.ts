import { describe, expect, it } from 'vitest';
import { isStealthEdit, showedUpdatedStamp } from '../../../src/web/revisions.ts';

describe('isStealthEdit (DESIGN "Time"): the content changed, the "updated" stamp of a page that discloses updates did not move', () => {
  const boring = { unchanged: 3, changed: 1, added: 0, removed: 0, moved: 0, split: 0, merged: 0, boring: true, titleChanged: false, bylineChanged: false };
  type Current = { modifiedAt: string | null; publishedAt: string | null; diffSummary?: typeof boring };
  const stamp = '2019-01-31T15:13:00-05:00';
  const cases: [string, { latestModifiedAt: string | null }, Current, boolean, boolean][] = [
    // name, previous version, this version, an earlier version showed an updated stamp, flagged
    ['the "updated" stamp did not move: stealth', { latestModifiedAt: stamp }, { modifiedAt: stamp, publishedAt: '2019-01-31' }, true, true],
    ['the "updated" stamp moved: announced', { latestModifiedAt: '2019-01-31T00:29:00-05:00' }, { modifiedAt: stamp, publishedAt: '2019-01-31' }, true, false],
    ['only a published stamp, never an updated one: the site does not disclose updates, not flagged', { latestModifiedAt: null }, { modifiedAt: null, publishedAt: '2019-01-31' }, false, false],
    ['a page with no stamps at all says nothing: not flagged', { latestModifiedAt: null }, { modifiedAt: null, publishedAt: null }, false, false],
    ['an updated stamp appears for the first time: announced', { latestModifiedAt: null }, { modifiedAt: '2019-02-01', publishedAt: null }, false, false],
    ['an updated stamp shown once, gone since, and the story edited without one: stealth', { latestModifiedAt: null }, { modifiedAt: null, publishedAt: '2019-01-31' }, true, true],
    ['the updated stamp removed along with the edit: the stamp changed, not flagged', { latestModifiedAt: stamp }, { modifiedAt: null, publishedAt: '2019-01-31' }, true, false],
    ['only typography changed (quotes, dashes): nobody edited the story, not flagged (user test)', { latestModifiedAt: stamp }, { modifiedAt: stamp, publishedAt: '2019-01-31', diffSummary: boring }, true, false],
  ];
  it.each(cases)('%s', (_name, previous, current, stampShownBefore, expected) => {
    expect(isStealthEdit(previous, current, stampShownBefore)).toBe(expected);
  });
});

describe('showedUpdatedStamp: whether the versions so far disclose updates', () => {
  type Stamps = { publishedAt: string | null; modifiedAt: string | null; latestModifiedAt: string | null };
  const v = (modifiedAt: string | null, latestModifiedAt = modifiedAt, publishedAt: string | null = '2019-01-31T00:29:00-05:00'): Stamps => ({ publishedAt, modifiedAt, latestModifiedAt });
  const cases: [string, Stamps[], boolean][] = [
    ['no versions yet', [], false],
    ['never an updated stamp', [v(null), v(null)], false],
    ['a stamp on the first sight of one version', [v(null), v('2019-02-01')], true],
    ['a stamp that appeared later on an unchanged version (a stamp-only update)', [v(null, '2019-02-01')], true],
    ['a stamp without a published one', [v('2019-02-01', '2019-02-01', null)], true],
    // QA: a page whose JSON-LD repeats datePublished as dateModified got every edit flagged a stealth edit
    ['a stamp at the published instant, as text or in another form, is no update', [v('2019-01-31T00:29:00-05:00'), v('2019-01-31T05:29:00Z'), v('2019-01-31T05:29:00.000Z')], false],
    ['a day stamp the same as a day published', [v('2019-01-31', '2019-01-31', '2019-01-31')], false],
    ['…until it moves', [v('2019-01-31T00:29:00-05:00'), v('2019-01-31T00:29:00-05:00', '2019-01-31T15:13:00-05:00')], true],
    ['a stamp that is no date, unlike the published one, is one', [v('Thursday', 'Thursday')], true],
  ];
  it.each(cases)('%s', (_name, versions, expected) => {
    expect(showedUpdatedStamp(versions)).toBe(expected);
  });
});
