import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/text/line-index.js';

describe('LineIndex', () => {
  const text = 'ab\n\ncd\r\nef\n';

  it('finds the line and column of every offset, and the offset of every position', () => {
    const index = new LineIndex(text);
    const positions = [...Array(text.length + 1).keys()].map((offset) => index.position(offset));
    expect(positions.map((p) => `${p.line}:${p.column}`)).toEqual(['0:0', '0:1', '0:2', '1:0', '2:0', '2:1', '2:2', '2:3', '3:0', '3:1', '3:2', '4:0']);
    expect(positions.map((p) => index.offset(p))).toEqual([...Array(text.length + 1).keys()]);
  });

  it('has one line for a text without line breaks, and clamps offsets to the text', () => {
    const index = new LineIndex('abc');
    expect([index.position(-1), index.position(2), index.position(9)]).toEqual([{ line: 0, column: 0 }, { line: 0, column: 2 }, { line: 0, column: 3 }]);
    expect(index.offset({ line: 5, column: 0 })).toBe(0);
  });

  it('gives after an edit the index a new scan gives', () => {
    const edited = 'ab\nX\nY\ncd\r\nef\n';
    const after = LineIndex.afterEdit(new LineIndex(text), edited, 3, 4, 7);
    const fresh = new LineIndex(edited);
    for (let offset = 0; offset <= edited.length; offset++) expect(after.position(offset)).toEqual(fresh.position(offset));
  });
});
