import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeLatin, tokenizeUnicode } from '../../../src/diff/tokens.ts';

describe('tokenizer', () => {
  const cases: [string, string, string[]][] = [
    ['numbers with separators are one token', 'Over 4,000 and 3.5% at 12:30, 1/2', ['Over', ' ', '4,000', ' ', 'and', ' ', '3.5', '%', ' ', 'at', ' ', '12:30', ',', ' ', '1/2']],
    ['ordinals stay whole', 'the 2nd time', ['the', ' ', '2nd', ' ', 'time']],
    ['apostrophes inside words keep them whole', "don't it’s rock'n'roll 90's", ["don't", ' ', 'it’s', ' ', "rock'n'roll", ' ', '90', "'", 's']],
    ['hyphens and dashes are their own tokens', 'low-ranking — done', ['low', '-', 'ranking', ' ', '—', ' ', 'done']],
    ['combining marks stay on their letter', 'cafe\u0301 x\u0301', ['cafe\u0301', ' ', 'x\u0301']],
    ['whitespace runs are one token (nbsp, CRLF)', 'a\u00a0 \r\nb', ['a', '\u00a0 \r\n', 'b']],
    ['emoji sequences are one token', 'ok 👍🏽 👨‍👩‍👧 🇻🇪!', ['ok', ' ', '👍🏽', ' ', '👨‍👩‍👧', ' ', '🇻🇪', '!']],
    ['CJK is split into words by Intl.Segmenter', '我们今天去北京。', ['我们', '今天', '去', '北京', '。']],
    ['a Latin word stops where a spaceless script starts', '我们用iPhone15手机', ['我们', '用', 'iPhone15', '手机']],
    ['a number stops where a spaceless script starts', 'Thai 2019年', ['Thai', ' ', '2019', '年']],
    ['Devanagari vowel signs (marks) stay in their word', 'नमस्ते दुनिया', ['नमस्ते', ' ', 'दुनिया']],
    ['Arabic words are whole', 'قال الرئيس', ['قال', ' ', 'الرئيس']],
    ['Hangul words (space separated) are whole', '서울에서 회의', ['서울에서', ' ', '회의']],
    ['Cyrillic and Greek words are whole', 'Москва Αθήνα', ['Москва', ' ', 'Αθήνα']],
  ];
  for (const [name, text, tokens] of cases) {
    it(name, () => {
      expect(tokenize(text)).toEqual(tokens);
      expect(tokenize(text).join('')).toBe(text);
    });
  }

  it('the Latin fast path gives exactly the tokens of the regular expressions', () => {
    const alphabet = fc.constantFrom(
      ...'aZ_09 \t\n\u00a0\u2009\u202f.,:/-\'’"“”—–…!?%()éÀɏ\u0301\u0300×÷ª²µ€'.split(''),
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const fast = tokenizeLatin(text);
        if (fast !== null) expect(fast).toEqual(tokenizeUnicode(text));
      }),
      { numRuns: 3000 },
    );
  });
});
