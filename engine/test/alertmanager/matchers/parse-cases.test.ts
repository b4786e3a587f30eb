import { describe, expect, it } from 'vitest';
import { parseMatcher, parseMatchers, parseMatchersWithNote, MatcherParseError, type MatcherParseMode } from '../../../src/alertmanager/matchers/parse.js';
import { formatMatchers } from '../../../src/alertmanager/matchers/format-matchers.js';

/** The parsed matchers printed as Alertmanager prints them, or the error message. */
function outcome(text: string, mode: MatcherParseMode): string {
  try {
    return formatMatchers(parseMatchers(text, mode));
  } catch (e) {
    if (e instanceof MatcherParseError) return `error: ${e.message}`;
    throw e;
  }
}

describe('UTF-8 matcher syntax', () => {
  const cases: [input: string, expected: string][] = [
    ['', '{}'],
    ['{}', '{}'],
    ['  { }  ', '{}'],
    ['{env=prod}', '{env="prod"}'],
    ['{env=prod,}', '{env="prod"}'],
    ['env!=prod', '{env!="prod"}'],
    ['env=~[a-z]+', '{env=~"[a-z]+"}'],
    ['env!~[a-z]+,', '{env!~"[a-z]+"}'],
    ['mood=😀', '{mood="😀"}'],
    ['mood=😀ok', '{mood="😀ok"}'],
    ['"env"="prod"', '{env="prod"}'],
    ['{"env"=~"\\\\d+"}', '{env=~"\\\\d+"}'],
    ['{"x"="\\xf0\\x9f\\x98\\x80"}', '{x="😀"}'],
    ['{"x"="\\U0001f600"}', '{x="😀"}'],
    ['{"x"="a\\tb"}', '{x="a\tb"}'],
    ['{"x"="line\\n"}', '{x="line\\n"}'],
    ['{"x"="\\"q\\""}', '{x="\\"q\\""}'],
    ['{"service name"="api", b = c}', '{"service name"="api",b="c"}'],
    ['a=b , c=d', '{a="b",c="d"}'],
    [',', 'error: 0:1: unexpected ,: expected label name'],
    ['{,}', 'error: 1:2: unexpected ,: expected label name'],
    ['{', 'error: 0:1: end of input: expected close brace'],
    ['}', 'error: 0:1: }: expected opening brace'],
    ['env=prod}', 'error: 0:9: }: expected opening brace'],
    ['{env=prod', 'error: 0:9: end of input: expected close brace'],
    ['{env=:"prod"}', 'error: 6:12: unexpected "prod": expected a comma or close brace'],
    ['{env="pr\\od"}', 'error: 5:12: "pr\\od": invalid input'],
    ['{"env"=~"\\d+"}', 'error: 8:13: "\\d+": invalid input'],
    ['{env=prod\\n}', 'error: 9:10: \\: invalid input: expected a comma or close brace'],
    ['{"x"="\\xf0\\x9f"}', 'error: 5:15: "\\xf0\\x9f": invalid input'],
    ['env', "error: end of input: expected an operator such as '=', '!=', '=~' or '!~'"],
    ['env=', 'error: end of input: expected label value'],
    ['env!', "error: 3:4: unexpected end of input, expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'"],
    ['env!x', "error: 3:4: !: expected one of '=~': expected an operator such as '=', '!=', '=~' or '!~'"],
    ['env="prod', 'error: 4:9: "prod: missing end ": expected label value'],
    ['env=prod x=y', 'error: 9:10: unexpected x: expected a comma or close brace'],
    ['{a=b}}', 'error: 5:6: }: expected end of input'],
    ['{a=b} ~', 'error: 6:7: ~: invalid input: expected end of input'],
    ['a=(', '{a="("}'],
    ['a=~(', 'error: failed to create matcher: error parsing regexp: missing closing ): `(`'],
    ['😀😀=x,', '{😀😀="x"}'],
    ['😀😀 x', 'error: 3:4: unexpected x: expected an operator such as \'=\', \'!=\', \'=~\' or \'!~\''],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(outcome(input, 'utf8')).toBe(expected);
  });

  it('locates errors by UTF-16 offsets while messages count runes', () => {
    const error = catchError(() => parseMatchers('😀=x y', 'utf8'));
    expect(error.message).toBe('4:5: unexpected y: expected a comma or close brace');
    expect(error.range).toEqual({ start: 5, end: 6 });
  });
});

describe('classic matcher syntax (Alertmanager 0.25)', () => {
  const cases: [input: string, expected: string][] = [
    ['{foo="bar"}', '{foo="bar"}'],
    ['{foo = "bar", dings != "bums", }', '{foo="bar",dings!="bums"}'],
    ['foo=bar,dings!=bums', '{foo="bar",dings!="bums"}'],
    ['{quote="She said: \\"Hi, all\\""}', '{quote="She said: \\"Hi, all\\""}'],
    ['{a="x,y", b=z}', '{a="x,y",b="z"}'],
    ['tricky=~~~', '{tricky=~"~~"}'],
    ['trickier==\\\\=\\=\\"', '{trickier="=\\\\=\\\\=\\""}'],
    ['job=', '{job=""}'],
    ['a:b=c', '{a:b="c"}'],
    ['value=with spaces inside ', '{value="with spaces inside"}'],
    ['x = "a\\qb"', '{x="a\\\\qb"}'],
    ['x = a\\', '{x="a\\\\"}'],
    ['job="value', 'error: matcher value contains unescaped double quote: "value'],
    ['job=value"', 'error: matcher value contains unescaped double quote: value"'],
    ['x = foo"bar', 'error: matcher value contains unescaped double quote: foo"bar'],
    ['{invalid-name = "v"}', 'error: bad matcher format: invalid-name = "v"'],
    ['"foo=\\"bar"', 'error: bad matcher format: "foo=\\"bar"'],
    ['a=b,,c=d', 'error: bad matcher format: '],
    [' {a=b}', 'error: bad matcher format: {a=b'],
    ['{foo=~"bad[regexp"}', 'error: error parsing regexp: missing closing ]: `[regexp`'],
    ['😀=x', 'error: bad matcher format: 😀=x'],
  ];
  it.each(cases)('%j', (input, expected) => {
    expect(outcome(input, 'classic')).toBe(expected);
  });

  it('locates a bad value inside the list', () => {
    const error = catchError(() => parseMatchers('a=b, c="d', 'classic'));
    expect(error.range).toEqual({ start: 7, end: 9 });
  });
});

describe('fallback mode', () => {
  it('uses the UTF-8 parser when it accepts the input', () => {
    expect(parseMatchersWithNote('{"service name"=api}').note).toBeUndefined();
    expect(outcome('{"service name"=api}', 'fallback')).toBe('{"service name"="api"}');
  });

  it('falls back to the classic parser, noting the incompatibility and a suggestion', () => {
    const parsed = parseMatchersWithNote('foo=bar baz');
    expect(formatMatchers(parsed.matchers)).toBe('{foo="bar baz"}');
    expect(parsed.note).toMatchObject({ kind: 'incompatible', suggestion: 'foo="bar baz"' });
  });

  it('prefers the classic reading when both parse differently', () => {
    // Go-quoted `\t` is a tab; the classic parser keeps an unknown escape as written.
    const differing = parseMatchersWithNote('a="\\t"');
    expect(differing.note).toEqual({ kind: 'disagreement' });
    expect(differing.matchers[0]!.value).toBe('\\t');
  });

  it('reports the classic error when neither parses', () => {
    expect(outcome('a="b', 'fallback')).toBe('error: matcher value contains unescaped double quote: "b');
  });
});

describe('one matcher', () => {
  it.each([
    ['foo=bar', 'utf8', '{foo="bar"}'],
    ['{foo=bar}', 'utf8', 'error: unexpected open or close brace: {foo=bar}'],
    ['', 'utf8', 'error: no matchers'],
    ['a=b,c=d', 'utf8', 'error: expected 1 matcher, found 2'],
    ['foo = bar baz', 'fallback', '{foo="bar baz"}'],
    ['foo = "x', 'classic', 'error: matcher value contains unescaped double quote: "x'],
  ] as const)('%j in %s mode', (input, mode, expected) => {
    let result: string;
    try {
      result = formatMatchers([parseMatcher(input, mode)]);
    } catch (e) {
      result = `error: ${(e as Error).message}`;
    }
    expect(result).toBe(expected);
  });
});

function catchError(f: () => unknown): MatcherParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof MatcherParseError) return e;
    throw e;
  }
  throw new Error('expected a MatcherParseError');
}
