import { describe, expect, it } from 'vitest';
import { lex, type Token } from '../../src/template/lexer.js';

const options = { breakOK: true, continueOK: true };
const kinds = (text: string) => lex(text, options).map((t) => t.kind);
const texts = (text: string) => lex(text, options).map((t) => t.text);

describe('template lexer', () => {
  it('splits text and actions', () => {
    expect(kinds('a {{ .B }} c')).toEqual(['text', 'leftDelim', 'space', 'field', 'space', 'rightDelim', 'text', 'eof']);
    expect(texts('a {{ .B }} c')).toEqual(['a ', '{{', ' ', '.B', ' ', '}}', ' c', '']);
  });

  it('gives every token its offsets', () => {
    const tokens = lex('x{{$v := "s"}}', options);
    const pick = (t: Token) => [t.kind, t.start, t.end];
    expect(tokens.map(pick)).toEqual([
      ['text', 0, 1], ['leftDelim', 1, 3], ['variable', 3, 5], ['space', 5, 6], ['declare', 6, 8], ['space', 8, 9],
      ['string', 9, 12], ['rightDelim', 12, 14], ['eof', 14, 14],
    ]);
  });

  it('trims space next to trim markers, which need a space after the dash', () => {
    expect(texts('a \n {{- 1 -}} \n b')).toEqual(['a', '{{', '1', '}}', 'b', '']);
    expect(kinds('{{-3}}')).toEqual(['leftDelim', 'number', 'rightDelim', 'eof']);
    expect(texts('{{-3}}')[1]).toBe('-3');
  });

  it('drops comments, trimming around them when asked', () => {
    expect(texts('a {{/* c */}} b')).toEqual(['a ', ' b', '']);
    expect(texts('a {{- /* c */ -}} b')).toEqual(['a', 'b', '']);
  });

  it('knows keywords, booleans, fields, variables and chained fields', () => {
    expect(kinds('{{if else end range with define template block nil true . $ $x .A.B break continue}}')).toEqual([
      'leftDelim', 'if', 'space', 'else', 'space', 'end', 'space', 'range', 'space', 'with', 'space', 'define', 'space',
      'template', 'space', 'block', 'space', 'nil', 'space', 'bool', 'space', 'dot', 'space', 'variable', 'space',
      'variable', 'space', 'field', 'field', 'space', 'break', 'space', 'continue', 'rightDelim', 'eof',
    ]);
  });

  it('treats break and continue as names when functions take them', () => {
    expect(lex('{{break}}', { breakOK: false, continueOK: true })[1]!.kind).toBe('identifier');
  });

  it('scans numbers loosely, complex numbers included', () => {
    expect(texts('{{1 -2.5e3 0x1F 0b11 0o7 1_000 1+2i .5 \'a\'}}').filter((t) => t.trim() !== '')).toEqual([
      '{{', '1', '-2.5e3', '0x1F', '0b11', '0o7', '1_000', '1+2i', '.5', "'a'", '}}',
    ]);
    expect(kinds('{{1+2i}}')[1]).toBe('complex');
  });

  it('ends with an error token that says what is wrong', () => {
    const last = (text: string) => lex(text, options).at(-1)!;
    expect(last('{{ .A')).toMatchObject({ kind: 'error', text: 'unclosed action' });
    expect(last('{{/* x')).toMatchObject({ kind: 'error', text: 'unclosed comment', start: 2 });
    expect(last('{{/* x */ y}}').text).toBe('comment ends before closing delimiter');
    expect(last('{{ "ab }}').text).toBe('unterminated quoted string');
    expect(last('{{ `ab }}').text).toBe('unterminated raw quoted string');
    expect(last("{{ 'a }}").text).toBe('unterminated character constant');
    expect(last('{{ 3x }}')).toMatchObject({ text: 'bad number syntax: "3x"', start: 3, end: 5 });
    expect(last('{{ a@ }}').text).toBe("bad character U+0040 '@'");
    expect(last('{{ ( }}').text).toBe('unclosed left paren');
    expect(last('{{ : }}').text).toBe('expected :=');
    expect(last('{{ \u00a7 }}').text).toBe("unrecognized character in action: U+00A7 '\u00a7'");
    expect(last('{{ \u0001 }}').text).toBe('unrecognized character in action: U+0001');
  });

  it('emits a right parenthesis before failing on it, as Go does', () => {
    expect(kinds('{{ ) }}').slice(-2)).toEqual(['rightParen', 'error']);
  });

  it('lexes long texts without recursion', () => {
    const text = '{{ 1 }}'.repeat(50_000);
    expect(lex(text, options).length).toBe(50_000 * 5 + 1);
  });
});
