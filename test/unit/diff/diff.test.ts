import { describe, expect, it } from 'vitest';
import { diffArticles } from '../../../src/diff/index.ts';
import type { DiffInput } from '../../../src/diff/model.ts';
import { collapse, guaido, ops, rebuild, segmentsOf, sideText, version } from './helpers.ts';

const article = guaido();
const P = article.paragraphs;
const withParagraphs = (paragraphs: string[]): DiffInput => ({ ...article, paragraphs });
const replaced = (i: number, text: string): string[] => P.map((p, k) => (k === i ? text : p));
const DESERTED = P.findIndex((p) => p.startsWith('Over 4,000'));
const AMNESTY = P.findIndex((p) => p.startsWith('Amnesty'));

describe('alignment', () => {
  const cases: { name: string; old: string[]; new: string[]; ops: string[] }[] = [
    { name: 'identical versions give only unchanged blocks', old: ['a b', 'c d'], new: ['a b', 'c d'], ops: ['unchanged', 'unchanged'] },
    {
      name: 'paragraphs equal after NFC and whitespace collapsing are unchanged (CRLF, nbsp-free runs, tabs)',
      old: ['one\r\ntwo  three', 'cafe\u0301 au lait', '\tfour '],
      new: ['one\ntwo three', 'café au lait', 'four'],
      ops: ['unchanged', 'unchanged', 'unchanged'],
    },
    { name: 'an added paragraph sits where it appears in the new version', old: ['a', 'b'], new: ['a', 'x x x', 'b'], ops: ['unchanged', 'added', 'unchanged'] },
    { name: 'a removed paragraph sits where it used to be', old: ['a', 'gone now', 'b'], new: ['a', 'b'], ops: ['unchanged', 'removed', 'unchanged'] },
    { name: 'an empty old version is all added', old: [], new: ['a', 'b'], ops: ['added', 'added'] },
    { name: 'an empty new version is all removed', old: ['a', 'b'], new: [], ops: ['removed', 'removed'] },
    {
      name: 'duplicated boilerplate paragraphs align in order (no unique anchor)',
      old: ['Advertisement', 'x1 story', 'Advertisement', 'x2 story', 'Advertisement'],
      new: ['Advertisement', 'x1 story', 'Advertisement', 'Advertisement', 'x2 story', 'Advertisement'],
      ops: ['unchanged', 'unchanged', 'unchanged', 'added', 'unchanged', 'unchanged'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(ops(diffArticles(version(c.old), version(c.new)))).toEqual(c.ops);
    });
  }

  it('a moved block does not shred the alignment: unique paragraphs anchor it (patience)', () => {
    const moved = [...P.slice(0, 3), ...P.slice(10, 20), ...P.slice(3, 10), ...P.slice(20)];
    const d = diffArticles(article, withParagraphs(moved));
    expect(d.stats.unchanged + d.stats.moved).toBe(P.length);
    expect(d.stats.moved).toBeLessThanOrEqual(10);
    expect(d.stats.changed + d.stats.added + d.stats.removed).toBe(0);
  });

  it('blocks come in reading order of the new version', () => {
    const d = diffArticles(article, withParagraphs([P[5]!, ...P.slice(0, 5), ...P.slice(6), 'A brand new closing paragraph.']));
    const newIdx = d.blocks.flatMap((b) => ('new' in b ? (Array.isArray(b.new) ? b.new : [b.new]) : []));
    expect(newIdx).toEqual([...newIdx].sort((a, b) => a - b));
  });
});

describe('changed paragraphs', () => {
  it('a changed number is one changed block whose segments replace the whole number (3,000 → 4,000)', () => {
    const d = diffArticles(article, withParagraphs(replaced(DESERTED, P[DESERTED]!.replace('4,000', '3,000'))));
    expect(d.stats).toMatchObject({ changed: 1, unchanged: P.length - 1, added: 0, removed: 0 });
    const b = d.blocks[DESERTED]!;
    expect(b).toMatchObject({ op: 'changed', old: DESERTED, new: DESERTED });
    expect(segmentsOf(b).filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '4,000' },
      { op: 'insert', text: '3,000' },
    ]);
  });

  const wordCases: { name: string; old: string; new: string; edits: [string, string][] }[] = [
    { name: 'numbers stay whole: 63 → 66 is one change', old: 'Turnout was 63 per cent.', new: 'Turnout was 66 per cent.', edits: [['63', '66']] },
    { name: 'decimal numbers stay whole', old: 'Growth of 3.5% in 2018.', new: 'Growth of 3.75% in 2018.', edits: [['3.5', '3.75']] },
    { name: 'never split a word: deserted → desertion replaces the word', old: 'Officers deserted in droves.', new: 'Officers desertion in droves.', edits: [['deserted', 'desertion']] },
    {
      name: 'an equal run of ≤ 2 tokens between edits folds into one change (semantic cleanup)',
      old: 'He said the plan was bad today.',
      new: 'She thinks the plan is good today.',
      edits: [['He said the plan was bad', 'She thinks the plan is good']],
    },
    {
      name: 'an equal run of 3 tokens between edits stays equal',
      old: 'Maduro said the army is loyal.',
      new: 'Guaido said the army is loyal.',
      edits: [['Maduro', 'Guaido']],
    },
    {
      name: 'two edits separated by three words stay two changes',
      old: 'Over 3,000 low-ranking officers deserted the military last year.',
      new: 'Over 4,000 low-ranking officers deserted the army last year.',
      edits: [['3,000', '4,000'], ['military', 'army']],
    },
    {
      name: 'an equal run between two typography-only edits is not folded (it’s … Trump’s stays three changes apart)',
      old: "So it's possible that Trump's attitudes may change.",
      new: 'So it’s possible that Trump’s attitudes may change.',
      edits: [["it's", 'it’s'], ["Trump's", 'Trump’s']],
    },
    { name: 'CJK text is diffed by words (Intl.Segmenter), not as one token', old: '我们今天去北京。', new: '我们明天去北京。', edits: [['今天', '明天']] },
    { name: 'Japanese kana and kanji diff by words', old: '東京で会議が開かれました。', new: '大阪で会議が開かれました。', edits: [['東京', '大阪']] },
    { name: 'Thai is diffed by words (Intl.Segmenter)', old: 'ภาษาไทยง่ายมาก', new: 'ภาษาไทยยากมาก', edits: [['ง่าย', 'ยาก']] },
    { name: 'an emoji sequence is one token (skin tone, ZWJ)', old: 'Reaction: 👍🏽 from all', new: 'Reaction: 👨‍👩‍👧 from all', edits: [['👍🏽', '👨‍👩‍👧']] },
    { name: 'a flag (regional indicator pair) is one token', old: 'Flag 🇻🇪 shown', new: 'Flag 🇨🇦 shown', edits: [['🇻🇪', '🇨🇦']] },
    { name: 'combining marks stay on their letter', old: 'Le cafe\u0301 est ouvert.', new: 'Le cafe\u0300 est ouvert.', edits: [['cafe\u0301', 'cafe\u0300']] },
    { name: 'apostrophes inside a word keep it whole', old: "Venezuela's president spoke.", new: 'Venezuela’s leader spoke.', edits: [["Venezuela's president", 'Venezuela’s leader']] },
  ];
  for (const c of wordCases) {
    it(c.name, () => {
      const d = diffArticles(version(['Intro that stays.', c.old]), version(['Intro that stays.', c.new]), { pairThreshold: 0.05 });
      const b = d.blocks[1];
      expect(b?.op).toBe('changed');
      const segs = segmentsOf(b);
      const edits: [string, string][] = [];
      for (let k = 0; k < segs.length; k++) {
        const s = segs[k]!;
        if (s.op === 'equal') continue;
        const next = segs[k + 1];
        if (s.op === 'delete' && next?.op === 'insert') {
          edits.push([s.text, next.text]);
          k++;
        } else edits.push(s.op === 'delete' ? [s.text, ''] : ['', s.text]);
      }
      expect(edits).toEqual(c.edits);
      expect(sideText(segs, 'new')).toBe(c.new);
      expect(collapse(sideText(segs, 'old'))).toBe(collapse(c.old));
    });
  }

  it('pairs changed paragraphs by similarity, not by position', () => {
    // one paragraph removed and two edited in the same gap: position pairing would match the wrong ones
    const old = ['Start.', 'The council met on Monday to discuss the budget for next year.', 'Police said three people were arrested after the protest.', 'End.'];
    const nw = ['Start.', 'Police said four people were arrested after the protest on Sunday.', 'End.'];
    const d = diffArticles(version(old), version(nw));
    expect(ops(d)).toEqual(['unchanged', 'removed', 'changed', 'unchanged']);
    expect(d.blocks[2]).toMatchObject({ op: 'changed', old: 2, new: 1 });
  });

  it('a rewritten quote keeping its frame (similarity ≈ 0.21) pairs as changed at the 0.2 threshold', () => {
    const d = diffArticles(
      version(['x', '“The singer is going to be doing our concert on the mall for the inauguration,” a spokesman said.', 'y']),
      version(['x', '“Incorrect. He will not be performing,” the singer’s spokesman said.', 'y']),
    );
    expect(ops(d)).toEqual(['unchanged', 'changed', 'unchanged']);
  });

  it('a short subheading is not paired with a long paragraph that mentions it (similarity ≈ 0.11)', () => {
    const d = diffArticles(version(['x', 'Jaw droppers', 'y']), version(['x', 'His own carefully restricted media appearances have also contained jaw droppers.', 'y']));
    expect(ops(d)).toEqual(['unchanged', 'removed', 'added', 'unchanged']);
  });

  it('dissimilar paragraphs in the same gap are removed + added, not changed', () => {
    const d = diffArticles(version(['a', 'The weather is nice today in Caracas.', 'z']), version(['a', 'Oil exports fell sharply in January, officials said.', 'z']));
    expect(ops(d)).toEqual(['unchanged', 'removed', 'added', 'unchanged']);
  });

  it('changed blocks report the wikidiff2 similarity (copied ÷ copied+deleted+added+max changed)', () => {
    const d = diffArticles(version(['aaaa bbbb cccc dddd']), version(['aaaa bbbb cccc eeee']));
    // copied 12 letters, changed max(4, 4) = 4 → 12 / 16
    expect(d.blocks[0]).toMatchObject({ op: 'changed', similarity: 0.75 });
  });
});

describe('moves', () => {
  it('an identical paragraph that changed place is moved with similarity 1', () => {
    const moved = [...P.slice(0, AMNESTY), ...P.slice(AMNESTY + 1, 20), P[AMNESTY]!, ...P.slice(20)];
    const d = diffArticles(article, withParagraphs(moved));
    expect(d.stats).toMatchObject({ moved: 1, changed: 0, added: 0, removed: 0 });
    expect(d.blocks.find((b) => b.op === 'moved')).toMatchObject({ old: AMNESTY, new: 19, similarity: 1 });
  });

  it('an identical paragraph that moved is a move even when a look-alike was added where it was', () => {
    const x = P[AMNESTY]!;
    const lookAlike = x.replace('he added', 'the opposition leader added on Thursday');
    const nw = [...P.slice(0, AMNESTY), lookAlike, ...P.slice(AMNESTY + 1, 20), x, ...P.slice(20)];
    const d = diffArticles(article, withParagraphs(nw));
    expect(d.blocks.find((b) => b.op === 'moved')).toMatchObject({ old: AMNESTY, new: 20, similarity: 1 });
    expect(d.blocks.find((b) => b.op === 'added')).toMatchObject({ new: AMNESTY });
    expect(d.stats.changed).toBe(0);
  });

  it('a moved and edited paragraph carries its inline diff', () => {
    const edited = P[AMNESTY]!.replace('all service members', 'all soldiers');
    const moved = [...P.slice(0, AMNESTY), ...P.slice(AMNESTY + 1, 20), edited, ...P.slice(20)];
    const d = diffArticles(article, withParagraphs(moved));
    const m = d.blocks.find((b) => b.op === 'moved');
    expect(m).toMatchObject({ old: AMNESTY, new: 19 });
    expect(segmentsOf(m).filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'service members' },
      { op: 'insert', text: 'soldiers' },
    ]);
  });

  it('a short paragraph moved to the top over corrected ones is the move; the corrected ones are changed in place, and swapping mirrors (QA: "3 paragraphs moved")', () => {
    const [a, b, c] = P.filter((p) => p.length > 100 && /\w\.$/u.test(p)) as [string, string, string];
    const short = 'More rain is forecast for the weekend.';
    const edit = (p: string): string => p.replace(/\b(\w+)\.$/u, 'today.');
    const d = diffArticles(version([a, b, c, short]), version([short, edit(a), edit(b), edit(c)]));
    expect(d.stats).toMatchObject({ moved: 1, changed: 3, unchanged: 0, added: 0, removed: 0 });
    expect(d.blocks.map((x) => x.op)).toEqual(['moved', 'changed', 'changed', 'changed']);
    expect(d.blocks[0]).toMatchObject({ old: 3, new: 0, similarity: 1 });
    const back = diffArticles(version([short, edit(a), edit(b), edit(c)]), version([a, b, c, short]));
    expect(back.blocks.map((x) => x.op)).toEqual(['changed', 'changed', 'changed', 'moved']);
    expect(back.blocks[3]).toMatchObject({ old: 0, new: 3 });
  });

  describe('…but only when that reads better: fewer moves, nothing lost (an adversarial review of the first rule)', () => {
    const [a, b, c, d, e] = P.filter((p) => p.length > 100 && /\w\.$/u.test(p)) as [string, string, string, string, string];
    // about half its words rewritten: similarity ~0.5, a move but a weak pair
    const rewrite = (p: string): string => p.split(' ').map((w, i) => (i % 2 === 1 ? `${w.toUpperCase()}x` : w)).join(' ');
    const edit = (p: string): string => p.replace(/\b(\w+)\.$/u, 'today.');

    it('the article’s long closing paragraph moved to the top over three corrected ones and an unchanged one: 1 moved, 3 changed (QA: "4 paragraphs moved")', () => {
      const long = P.filter((p) => p.length > 100).slice(0, 3).join(' ');
      const d1 = diffArticles(version([a, b, c, 'Commuter groups welcomed it.', long]), version([long, edit(a), edit(b), edit(c), 'Commuter groups welcomed it.']));
      expect(d1.stats).toMatchObject({ moved: 1, changed: 3, unchanged: 1, added: 0, removed: 0 });
      expect(d1.blocks[0]).toMatchObject({ op: 'moved', old: 4, new: 0 });
    });

    it('the longest paragraph moved to the end over a short unchanged one and a corrected one: 1 moved, 1 changed (a review: identical moves were left out of the shortcut that skips the second layout)', () => {
      const long = P.filter((p) => p.length > 100).slice(0, 3).join(' ');
      const d1 = diffArticles(version([long, a, b]), version([a, edit(b), long]));
      expect(d1.stats).toMatchObject({ moved: 1, changed: 1, unchanged: 1 });
    });

    it('a split beside a rewritten move stays a split (it was lost: one half moved, the other added)', () => {
      expect(diffArticles(version([a, d, `${b} ${c}`]), version([a, b, c, rewrite(d)])).blocks.map((x) => x.op)).toEqual(['unchanged', 'split', 'moved']);
      expect(diffArticles(version([a, d, b, c, e]), version([a, `${b} ${c}`, rewrite(d), e])).blocks.map((x) => x.op)).toEqual(['unchanged', 'merged', 'moved', 'unchanged']);
    });

    it('short edited lines stay paired, not removed + added, when a paragraph moved past them', () => {
      const d1 = diffArticles(version([a, d, 'Updated at 5:02 p.m.', 'Photo: Reuters/File']), version([a, 'Updated at 6:15 p.m.', 'Photo: AP/File', edit(d)]));
      expect(d1.stats).toMatchObject({ added: 0, removed: 0 });
    });

    it('one long edited paragraph moved past many corrected lines is the move, not the lines', () => {
      const lines = Array.from({ length: 20 }, (_, k) => `At ${k + 1}:00 the committee heard testimony from witness number ${k + 1}.`);
      const long = P.filter((p) => p.length > 100).join(' ');
      const d1 = diffArticles(version(['Live updates', long, ...lines]), version(['Live updates', ...lines.map((l) => l.replace('testimony', 'evidence')), edit(long)]));
      expect(d1.stats).toMatchObject({ moved: 1, changed: 20 });
    });

    it('a tie between two chains goes by content, so swapping old and new mirrors the blocks', () => {
      const x = 'Storm crews cleared fallen trees along river roads tonight.';
      const y = 'Panel votes delayed budget plans until early march hearing.';
      const forward = diffArticles(version([x, y]), version([edit(y), edit(x)]));
      const backward = diffArticles(version([edit(y), edit(x)]), version([x, y]));
      const moved = (d: typeof forward, side: 'old' | 'new', texts: string[]): string => texts[(d.blocks.find((blk) => blk.op === 'moved') as { old: number; new: number })[side]]!;
      expect(moved(forward, 'old', [x, y])).toBe(moved(backward, 'new', [x, y]));
    });
  });

  it('a long paragraph moved over four short ones is one paragraph moved, the long one (QA: "4 paragraphs moved"); of one long and one short crossing, the short one moves', () => {
    const long = P.filter((p) => p.length > 100).slice(0, 3).join(' ');
    const short = ['The cut applies to buses.', 'Trams are included.', 'Ferries are not.', 'Commuter groups welcomed it.'];
    const d = diffArticles(version([...short, long]), version([long, ...short]));
    expect(d.stats).toMatchObject({ moved: 1, unchanged: 4 });
    expect(d.blocks.find((b) => b.op === 'moved')).toMatchObject({ old: 4, new: 0 });
    const two = diffArticles(version([short[0]!, long]), version([long, short[0]!]));
    expect(two.blocks.find((b) => b.op === 'moved')).toMatchObject({ old: 0, new: 1 });
  });

  it('a paragraph moved far and edited stays the move: the unchanged ones it passed weigh more', () => {
    const edited = P[2]!.replace(/\b(\w+)\.$/u, 'today.');
    const d = diffArticles(version(P.slice(0, 12)), version([...P.slice(0, 2), ...P.slice(3, 12), edited]));
    expect(d.stats).toMatchObject({ moved: 1, changed: 0, unchanged: 11 });
    expect(d.blocks.find((x) => x.op === 'moved')).toMatchObject({ old: 2, new: 11 });
  });

  it('paragraphs under 20 letters and digits do not move by similarity (wikidiff2)', () => {
    const d = diffArticles(
      version(['Short one here', ...P.slice(0, 6)]),
      version([...P.slice(0, 6), 'Short one there']),
    );
    expect(d.stats.moved).toBe(0);
    expect(d.stats).toMatchObject({ removed: 1, added: 1 });
  });

  it('similarity moves are skipped when adds + removes exceed 100, and limits says so', () => {
    const many = Array.from({ length: 60 }, (_, i) => `Removed paragraph number ${i} with enough words to count for moves.`);
    const fresh = Array.from({ length: 60 }, (_, i) => `Completely different added text ${i} about other matters entirely.`);
    const d = diffArticles(version(['x', ...many, 'y']), version([...fresh, 'x', 'y']));
    expect(d.limits).toMatch(/moves/);
  });
});

describe('splits and merges', () => {
  const [first, second] = ['Over 4,000 low-ranking officers deserted the military last year,', 'according to official documents seen by Reuters.'];

  it('one paragraph split into two is one split block', () => {
    const d = diffArticles(withParagraphs(P), withParagraphs([...P.slice(0, DESERTED), first, second, ...P.slice(DESERTED + 1)]));
    expect(d.stats).toMatchObject({ split: 1, changed: 0, added: 0, removed: 0 });
    const b = d.blocks.find((x) => x.op === 'split');
    expect(b).toMatchObject({ old: DESERTED, new: [DESERTED, DESERTED + 1] });
    expect(sideText(segmentsOf(b), 'new')).toBe(`${first}\n${second}`);
  });

  it('one paragraph split into three is one split block', () => {
    const three = ['Amnesty will be offered to all service members', 'who are not found guilty of human rights violations,', 'he added.'];
    const d = diffArticles(article, withParagraphs([...P.slice(0, AMNESTY), ...three, ...P.slice(AMNESTY + 1)]));
    expect(d.blocks.find((x) => x.op === 'split')).toMatchObject({ old: AMNESTY, new: [AMNESTY, AMNESTY + 1, AMNESTY + 2] });
  });

  it('two paragraphs merged into one are one merged block', () => {
    const d = diffArticles(withParagraphs([...P.slice(0, DESERTED), first, second, ...P.slice(DESERTED + 1)]), article);
    expect(d.stats).toMatchObject({ merged: 1, changed: 0, added: 0, removed: 0 });
    expect(d.blocks.find((x) => x.op === 'merged')).toMatchObject({ old: [DESERTED, DESERTED + 1], new: DESERTED });
  });

  it('a split with an edit still is a split, carrying the word change', () => {
    const d = diffArticles(withParagraphs(P), withParagraphs([...P.slice(0, DESERTED), first.replace('4,000', '5,000'), second, ...P.slice(DESERTED + 1)]));
    const b = d.blocks.find((x) => x.op === 'split');
    expect(segmentsOf(b)).toContainEqual({ op: 'insert', text: '5,000' });
  });

  it('a paragraph that only lost its tail is changed, not split with an unrelated neighbour', () => {
    const d = diffArticles(withParagraphs(P), withParagraphs(replaced(DESERTED, first)));
    expect(d.stats).toMatchObject({ changed: 1, split: 0 });
  });
});

describe('title, byline, boring', () => {
  it('a changed title carries a word diff; an unchanged one is null', () => {
    const d = diffArticles(article, { ...article, title: article.title!.replace('secret', 'clandestine') });
    expect(d.title?.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'secret' },
      { op: 'insert', text: 'clandestine' },
    ]);
    expect(d.byline).toBeNull();
  });

  it('a byline that appears is a field diff from null', () => {
    const d = diffArticles(article, { ...article, byline: 'By Jane Doe' });
    expect(d.byline).toEqual({ old: null, new: 'By Jane Doe', segments: [{ op: 'insert', text: 'By Jane Doe' }] });
  });

  const boringCases: { name: string; old: string[]; new: string[]; boring: boolean }[] = [
    { name: 'curly vs straight quotes only is boring', old: ['He said “no” to ‘them’.'], new: ['He said "no" to \'them\'.'], boring: true },
    { name: 'dash kinds only is boring', old: ['2018 – 2019 — a year'], new: ['2018 - 2019 - a year'], boring: true },
    { name: 'a typewriter dash (--) against an en dash is boring', old: ['in a tweet -- based on'], new: ['in a tweet – based on'], boring: true },
    { name: 'nbsp and whitespace only is boring', old: ['10\u00a0km  away'], new: ['10 km away'], boring: true },
    { name: 'a changed word is not boring', old: ['He said no.'], new: ['He said yes.'], boring: false },
    { name: 'identical versions are not boring (nothing changed at all)', old: ['Same.'], new: ['Same.'], boring: false },
    { name: 'a removed paragraph is not boring', old: ['Same.', 'Gone.'], new: ['Same.'], boring: false },
  ];
  for (const c of boringCases) {
    it(c.name, () => {
      expect(diffArticles(version(c.old), version(c.new)).stats.boring).toBe(c.boring);
    });
  }
});

describe('bounded: pathological inputs finish and say when a limit tripped', () => {
  const filler = (i: number): string => `Paragraph ${i} of the long article, with some words in it about topic ${i % 97}.`;

  it('1 vs 13,000 paragraphs', () => {
    const big = Array.from({ length: 13_000 }, (_, i) => filler(i));
    const d = diffArticles(version([filler(6500)]), version(big));
    expect(d.stats).toMatchObject({ unchanged: 1, added: 12_999 });
    const d2 = diffArticles(version(['Nothing in common at all.']), version(big));
    expect(d2.stats).toMatchObject({ removed: 1, added: 13_000 });
    expect(d2.limits).toMatch(/pairing: a gap of 1 removed \+ 13000 added/);
  });

  it('a 20,000-word paragraph with one edit is one changed block with one edit', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 500}`);
    const old = words.join(' ');
    words[12_345] = 'EDITED';
    const d = diffArticles(version([old]), version([words.join(' ')]));
    expect(d.blocks).toHaveLength(1);
    expect(segmentsOf(d.blocks[0]).filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: 'w345' },
      { op: 'insert', text: 'EDITED' },
    ]);
  });

  it('a 20,000-word paragraph with an edit every 10 words trips the word edit limit: removed + added, and limits says so', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 700}`);
    const d = diffArticles(version([words.join(' ')]), version([words.map((w, i) => (i % 10 ? w : `X${i}`)).join(' ')]));
    expect(ops(d)).toEqual(['removed', 'added']);
    expect(d.limits).toMatch(/more than 1000 word edits/);
  });

  it("'a' + 100,000 spaces + 'b' against 'a b' and 'a c'", () => {
    const weird = 'a' + ' '.repeat(100_000) + 'b';
    expect(ops(diffArticles(version([weird]), version(['a b'])))).toEqual(['unchanged']);
    const d = diffArticles(version([weird]), version(['a c']), { pairThreshold: 0 });
    expect(d.blocks).toHaveLength(d.stats.changed + d.stats.removed + d.stats.added);
  });

  it('a full rewrite of 2,000 paragraphs finishes, pairing only near the diagonal, and says so', () => {
    const old = Array.from({ length: 2000 }, (_, i) => filler(i));
    const nw = Array.from({ length: 2000 }, (_, i) => `Rewritten ${i}: entirely new sentence number ${i * 7} replaces it.`);
    const d = diffArticles(version(old), version(nw));
    expect(d.limits).not.toBeNull();
    expect(d.stats.unchanged).toBe(0);
    const r = rebuild(d);
    expect([...r.new.keys()].sort((a, b) => a - b)).toEqual(nw.map((_, i) => i));
  });

  it('200 identical boilerplate paragraphs', () => {
    const boiler = Array.from({ length: 200 }, () => 'Advertisement');
    expect(diffArticles(version(boiler), version(boiler)).stats).toMatchObject({ unchanged: 200 });
    const d = diffArticles(version(boiler), version([...boiler.slice(0, 100), 'Real news.', ...boiler.slice(100, 199)]));
    expect(d.stats).toMatchObject({ unchanged: 199, added: 1, removed: 1, changed: 0 });
  });

  it('13,000 paragraphs with every other one edited: pairs up to the pair limit, the rest removed + added, and limits says so', () => {
    const blog = Array.from({ length: 13_000 }, (_, i) => `Update ${i} of the live blog, with some words about topic ${i % 97}.`);
    const d = diffArticles(version(blog), version(blog.map((p, i) => (i % 2 ? p.replace('some', 'several') : p))));
    expect(d.stats.changed).toBe(2000);
    expect(d.stats.removed).toBe(4500);
    expect(d.limits).toMatch(/more than 2000 paragraph pairs/);
  });

  it('6,000 repeated boilerplate paragraphs with no unique anchor trip the paragraph edit limit and are not called moves', () => {
    const old = Array.from({ length: 6000 }, (_, i) => (i % 2 ? 'Advertisement' : 'Share this'));
    const nw = Array.from({ length: 6000 }, (_, i) => (i % 3 ? 'Advertisement' : 'Share this'));
    const d = diffArticles(version(old), version(nw));
    expect(d.limits).toMatch(/paragraph alignment/);
    expect(d.stats.moved).toBe(0);
  });

  it('when the paragraph edit limit trips, the region falls back to removed + added and limits says so', () => {
    const old = Array.from({ length: 30 }, (_, i) => (i % 2 ? 'A' : 'B'));
    const nw = Array.from({ length: 30 }, (_, i) => (i % 3 ? 'A' : 'B'));
    const d = diffArticles(version(old), version(nw), { maxParagraphEdits: 2 });
    expect(d.limits).toMatch(/paragraph alignment/);
    expect(d.stats.unchanged).toBeLessThan(30);
  });

  it('when the word edit limit trips, the field is delete + insert and limits says so', () => {
    const a = Array.from({ length: 60 }, (_, i) => `x${i}`).join(' ');
    const b = Array.from({ length: 60 }, (_, i) => (i % 2 ? `x${i}` : `y${i}`)).join(' ');
    const d = diffArticles(version([], a), version([], b), { maxWordEdits: 5 });
    expect(d.limits).toMatch(/word diff/);
    expect(d.title?.segments).toEqual([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
  });

  it('when scoring work runs out, remaining candidates stay removed + added and limits says so', () => {
    const old = Array.from({ length: 20 }, (_, i) => `Old paragraph ${i} about the army and the opposition in Caracas today.`);
    const nw = old.map((p) => p.replace('today', 'yesterday'));
    const d = diffArticles(version(['x', ...old]), version(['y', ...nw]), { maxScoringSteps: 50 });
    expect(d.limits).toMatch(/similarity/);
    expect(d.stats.changed).toBeLessThan(21);
  });

  it('options null and a paragraph whose toString throws do not throw either', () => {
    const evil = { toString: () => { throw new Error('boom'); } };
    expect(diffArticles(version(['a']), version(['a']), null as unknown as undefined).stats.unchanged).toBe(1);
    const d = diffArticles(version(['a']), { title: null, byline: null, paragraphs: [evil as unknown as string] });
    expect(d.limits).toMatch(/internal error/);
  });

  it('garbage input (nulls, non-strings) does not throw', () => {
    const bad = { title: 5, byline: undefined, paragraphs: [null, 'x', 3] } as unknown as DiffInput;
    const d = diffArticles(bad, null as unknown as DiffInput);
    expect(d.stats.removed).toBe(3);
  });
});
