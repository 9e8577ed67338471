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
  const cases: [string, { modifiedAt: string | null; latestModifiedAt: string | null }[], boolean][] = [
    ['no versions yet', [], false],
    ['never an updated stamp', [{ modifiedAt: null, latestModifiedAt: null }, { modifiedAt: null, latestModifiedAt: null }], false],
    ['a stamp on the first sight of one version', [{ modifiedAt: null, latestModifiedAt: null }, { modifiedAt: '2019-02-01', latestModifiedAt: '2019-02-01' }], true],
    ['a stamp that appeared later on an unchanged version (a stamp-only update)', [{ modifiedAt: null, latestModifiedAt: '2019-02-01' }], true],
  ];
  it.each(cases)('%s', (_name, versions, expected) => {
    expect(showedUpdatedStamp(versions)).toBe(expected);
  });
});
