import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';

// Rule: a row of a data table is one paragraph, its cells joined by " | "; a layout table's cells stay apart.
const prose = (n: number): string =>
  `Paragraph ${n}: the county counted its ballots overnight, and after a long recount in two wards, the clerk published the final figures at noon.`;
const page = (middle: string): string =>
  `<html><head><title>Final figures</title></head><body><nav><a href="/">Home</a></nav><article>` +
  `<p>${prose(1)}</p><p>${prose(2)}</p>${middle}<p>${prose(3)}</p><p>${prose(4)}</p></article></body></html>`;

describe('data table rows', () => {
  it('reads each row of a data table as one paragraph, header row included', () => {
    const a = extractArticle(
      page(`<table>
        <thead><tr><th>Ward</th> <th>Votes</th></tr></thead>
        <tbody>
          <tr> <td><b>North</b></td> <td>1,204</td> </tr>
          <tr><td>South</td><td>998</td></tr>
        </tbody></table>`),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), 'Ward | Votes', 'North | 1,204', 'South | 998', prose(3), prose(4)]);
  });

  it('so a corrected figure differs in its row only', () => {
    const before = extractArticle(page('<table><tr><td>North</td><td>1,204</td></tr><tr><td>South</td><td>998</td></tr></table>'));
    const after = extractArticle(page('<table><tr><td>North</td><td>1,304</td></tr><tr><td>South</td><td>998</td></tr></table>'));
    const changed = after.paragraphs.filter((p) => !before.paragraphs.includes(p));
    expect(changed).toEqual(['North | 1,304']);
  });

  it('keeps the cells of a layout table apart: a cell holding paragraphs, a cell with line breaks, a long cell', () => {
    const long = 'A long cell of prose that is really a column of the page layout, not a figure in a table. '.repeat(4).trim();
    const a = extractArticle(
      page(
        `<table><tr><td><p>${prose(5)}</p></td><td>Side note</td></tr></table>` +
          `<table><tr><td>First line<br>second line</td><td>Beside it</td></tr></table>` +
          `<table><tr><td>${long}</td><td>Beside the long one</td></tr></table>`,
      ),
    );
    expect(a.paragraphs).toEqual([
      prose(1), prose(2), prose(5), 'Side note', 'First line second line', 'Beside it', long, 'Beside the long one', prose(3), prose(4),
    ]);
  });

  it('keeps the cells of a one-row layout table apart (a menu, a brief and a sponsor line)', () => {
    const a = extractArticle(
      page('<table><tr><td><a href="/">Home</a> <a href="/news">News</a></td><td>The clerk will publish the ward figures again on Friday.</td><td>Sponsored by Harbour Bank</td></tr></table>'),
    );
    expect(a.paragraphs).not.toContainEqual(expect.stringContaining(' | '));
    expect(a.paragraphs).toContain('The clerk will publish the ward figures again on Friday.');
  });

  it('judges each cell alone: a row is no meta bar or prompt, and a cell that is one is left out of its row', () => {
    const a = extractArticle(
      page(
        '<table><tr><th>Platform</th><th>Share</th></tr><tr><td>Video</td><td>41%</td></tr><tr><td>微博</td><td>阅读 1.2亿</td></tr>' +
          '<tr><td>Sam Carter</td><td>3 hours ago</td></tr><tr><td>Jane Doe</td><td>41 comments</td></tr></table>',
      ),
    );
    expect(a.paragraphs).toEqual([prose(1), prose(2), 'Platform | Share', 'Video | 41%', '微博 | 阅读 1.2亿', 'Sam Carter', 'Jane Doe', prose(3), prose(4)]);
  });

  it('keeps a row of one cell as it was', () => {
    const a = extractArticle(page('<table><tr><td>The only cell of its row</td></tr><tr><td>North</td><td>1,204</td></tr><tr><td>South</td><td>998</td></tr></table>'));
    expect(a.paragraphs).toEqual([prose(1), prose(2), 'The only cell of its row', 'North | 1,204', 'South | 998', prose(3), prose(4)]);
  });
});
