import { describe, expect, it } from 'vitest';
import { isStealthEdit } from '../../../src/web/revisions.ts';

describe('isStealthEdit (DESIGN "Time")', () => {
  const boring = { unchanged: 3, changed: 1, added: 0, removed: 0, moved: 0, split: 0, merged: 0, boring: true, titleChanged: false, bylineChanged: false };
  const cases: [string, { latestModifiedAt: string | null }, { modifiedAt: string | null; publishedAt: string | null; diffSummary?: typeof boring }, boolean][] = [
    ['the "updated" stamp did not move: stealth', { latestModifiedAt: '2019-01-31T15:13:00-05:00' }, { modifiedAt: '2019-01-31T15:13:00-05:00', publishedAt: '2019-01-31' }, true],
    ['the "updated" stamp moved: announced', { latestModifiedAt: '2019-01-31T00:29:00-05:00' }, { modifiedAt: '2019-01-31T15:13:00-05:00', publishedAt: '2019-01-31' }, false],
    ['only a published stamp, never an updated one: stealth', { latestModifiedAt: null }, { modifiedAt: null, publishedAt: '2019-01-31' }, true],
    ['a page with no stamps at all says nothing: not flagged', { latestModifiedAt: null }, { modifiedAt: null, publishedAt: null }, false],
    ['an updated stamp appears for the first time: announced', { latestModifiedAt: null }, { modifiedAt: '2019-02-01', publishedAt: null }, false],
    ['only typography changed (quotes, dashes): nobody edited the story, not flagged (user test)', { latestModifiedAt: '2019-01-31T15:13:00-05:00' }, { modifiedAt: '2019-01-31T15:13:00-05:00', publishedAt: '2019-01-31', diffSummary: boring }, false],
  ];
  it.each(cases)('%s', (_name, previous, current, expected) => {
    expect(isStealthEdit(previous, current)).toBe(expected);
  });
});
