import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRune, isValidUtf8, quoteRune, quoteString, unquoteString } from '../../src/promql/string-literal.js';

describe('unquoteString', () => {
  it.each([
    ['""', ''],
    ['"plain"', 'plain'],
    ["'single \"quoted\"'", 'single "quoted"'],
    ['`raw \\n`', 'raw \\n'],
    ['"\\u00e9\\xc3\\xa9\\351"', 'éé\udce9'],
    ['"\\xff\\xfe"', '\udcff\udcfe'],
    ['"\\U0001f600"', '😀'],
  ])('%s', (quoted, value) => {
    expect(unquoteString(quoted)).toEqual({ value });
  });

  it('gives the range of a bad escape within the literal', () => {
    expect(unquoteString('"ab\\qc"')).toEqual({
      value: 'abc',
      error: { message: "unknown escape sequence U+0071 'q'", start: 3, end: 5 },
    });
  });

  it('reads an unterminated literal up to its end', () => {
    expect(unquoteString('"abc')).toEqual({ value: 'abc', error: { message: 'unterminated quoted string', start: 0, end: 4 } });
    expect(unquoteString('"abc\\"')).toMatchObject({ error: { message: 'unterminated quoted string' } });
  });
});

describe('quoteString', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ["it's", '"it\'s"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1f\x7f', '"\\x00\\x1f\\x7f"'],
    ['\u00a0\u200b\u2028', '"\\u00a0\\u200b\\u2028"'],
    ['é😀中', '"é😀中"'],
    ['\u{E0001}', '"\\U000e0001"'],
    ['a\udcc5z', '"a\\xc5z"'],
  ])('%j', (value, quoted) => {
    expect(quoteString(value)).toBe(quoted);
  });

  it('quotes every valid string so that it reads back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(unquoteString(quoteString(value))).toEqual({ value });
      }),
    );
  });
});

describe('runes', () => {
  it('quotes and describes runes as Go does', () => {
    expect(quoteRune("'")).toBe("'\\''");
    expect(quoteRune('"')).toBe('\'"\'');
    expect(quoteRune('\n')).toBe("'\\n'");
    expect(describeRune(0x63)).toBe("U+0063 'c'");
    expect(describeRune(0x0a)).toBe('U+000A');
    expect(describeRune(0x1f600)).toBe("U+1F600 '😀'");
  });

  it('tells valid UTF-8 from kept bytes', () => {
    expect(isValidUtf8('é😀')).toBe(true);
    expect(isValidUtf8('a\udcc5')).toBe(false);
  });
});
