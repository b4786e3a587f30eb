import { describe, expect, it } from 'vitest';
import { GoFunc, GoSlice, STRING, stringMap } from '../../src/template/go-values.js';
import { render, renderError } from './helpers.js';

const err = (text: string, data?: unknown) => renderError(text, data).replace(/^template: t:1:\d+: executing "t" at <[^>]*>: /, '');

describe('and, or, not', () => {
  it('return the deciding argument and stop evaluating there', () => {
    expect(render('{{ and 1 0 "x" }}|{{ and 1 2 }}|{{ or 0 "" }}|{{ or 0 "y" 3 }}|{{ 1 | and }}|{{ 0 | or 0 }}')).toBe('0|2||y|1|0');
    expect(render('{{ and 0 (index 1 2) }}|{{ or 1 (index 1 2) }}')).toBe('0|1');
    expect(render('{{ not 0 }}|{{ not "a" }}|{{ not .missing }}|{{ not .list }}', { list: [] })).toBe('true|false|true|true');
  });
});

describe('len', () => {
  it('counts bytes of strings and elements of slices and maps', () => {
    expect(render('{{ len "héllo" }} {{ len .list }} {{ len .map }} {{ len .labels }}', { list: [1, 2], map: { a: 1 }, labels: stringMap({}) })).toBe('6 2 1 0');
  });

  it('fails as Go does on values without a length', () => {
    expect(err('{{ len 3 }}')).toBe('error calling len: len of type int');
    expect(err('{{ len nil }}')).toBe('error calling len: reflect: call of reflect.Value.Type on zero Value');
    expect(err('{{ len .a }}', { a: null })).toBe('error calling len: len of nil pointer');
  });
});

describe('index and slice', () => {
  const data = { list: ['a', 'b', 'c'], map: { k: 'v', n: null }, labels: stringMap({ a: 'b' }) };

  it('index slices, strings (bytes) and maps; missing keys give the zero value', () => {
    expect(render('{{ index .list 1 }} {{ index "héllo" 1 }} {{ index .map "k" }} [{{ index .labels "zz" }}] {{ index .map "zz" }}', data)).toBe(
      'b 195 v [] <no value>',
    );
    expect(render('{{ index . "list" 2 }} {{ index .list }}', data)).toBe('c [a b c]');
    expect(render('{{ printf "%T %c" (index "abc" 0) (index "abc" 0) }}')).toBe('uint8 a');
  });

  it('index fails as Go does', () => {
    expect(err('{{ index .list 3 }}', data)).toBe('error calling index: reflect: slice index out of range');
    expect(err('{{ index .list 5 }}', data)).toBe('error calling index: index out of range: 5');
    expect(err('{{ index .list -1 }}', data)).toBe('error calling index: index out of range: -1');
    expect(err('{{ index "abc" 3 }}')).toBe('error calling index: reflect: string index out of range');
    expect(err('{{ index .list "a" }}', data)).toBe('error calling index: cannot index slice/array with type string');
    expect(err('{{ index .list nil }}', data)).toBe('error calling index: cannot index slice/array with nil');
    expect(err('{{ index .map 1 }}', data)).toBe('error calling index: value has type int; should be string');
    expect(err('{{ index .map nil }}', data)).toBe('error calling index: value is nil; should be of type string');
    expect(err('{{ index .map "n" "x" }}', data)).toBe('error calling index: index of nil pointer');
    expect(err('{{ index 3 1 }}')).toBe("error calling index: can't index item of type int");
    expect(err('{{ index nil 1 }}')).toBe('error calling index: index of untyped nil');
  });

  it('slice strings by bytes and slices by elements', () => {
    expect(render('{{ slice "héllo" 1 3 }}|{{ slice "abc" }}|{{ slice "abc" 1 }}|{{ slice .list 1 2 }}|{{ slice .list 0 1 2 }}', data)).toBe(
      'é|abc|bc|[b]|[a]',
    );
    expect(render('{{ printf "%q %d" (slice "héllo" 1 2) (len (slice "héllo" 1 2)) }}')).toBe('"\\xc3" 1');
    expect(render('{{ slice "héllo" 1 2 }}')).toBe('\ufffd');
    const typed = new GoSlice('main.Rows', ['x', 'y']);
    expect(render('{{ printf "%T" (slice . 1) }}', typed)).toBe('main.Rows');
  });

  it('slice fails as Go does', () => {
    expect(err('{{ slice "abc" 2 1 }}')).toBe('error calling slice: invalid slice index: 2 > 1');
    expect(err('{{ slice "abc" 1 2 3 }}')).toBe('error calling slice: cannot 3-index slice a string');
    expect(err('{{ slice .list 0 3 2 }}', data)).toBe('error calling slice: invalid slice index: 3 > 2');
    expect(err('{{ slice .list 0 1 2 3 }}', data)).toBe('error calling slice: too many slice indexes: 4');
    expect(err('{{ slice .list 4 }}', data)).toBe('error calling slice: index out of range: 4');
    expect(err('{{ slice 3 1 }}')).toBe("error calling slice: can't slice item of type int");
    expect(err('{{ slice nil }}')).toBe('error calling slice: slice of untyped nil');
  });
});

describe('print, printf, println', () => {
  it('format as fmt.Sprint, Sprintf and Sprintln', () => {
    expect(render('{{ print 1 2 "a" "b" 3 nil true }}|{{ println 1 "a" }}|{{ print }}|{{ printf "%d-%s" 1 "x" }}')).toBe(
      '1 2ab3 <nil> true|1 a\n||1-x',
    );
    expect(render('{{ print .missing }}|{{ printf "%v" .missing }}', {})).toBe('<nil>|<nil>');
  });

  it('need a format string for printf', () => {
    expect(renderError('{{ printf }}')).toBe('template: t:1:3: executing "t" at <printf>: wrong number of args for printf: want at least 1 got 0');
    expect(renderError('{{ printf 1 }}')).toBe('template: t:1:10: executing "t" at <1>: expected string; found 1');
  });
});

describe('html, js, urlquery', () => {
  it('escape the text of their arguments', () => {
    expect(render('{{ html "<a href=\\"x\\">&\'" }}|{{ html 1 2 }}|{{ html nil }}|{{ html .missing }}', {})).toBe(
      '&lt;a href=&#34;x&#34;&gt;&amp;&#39;|1 2|&lt;no value&gt;|&lt;no value&gt;',
    );
    expect(render('{{ js "<a href=\\"x\\">&=é\\u2028\\u0001\'</a>\\\\" }}|{{ js nil }}')).toBe(
      '\\u003Ca href\\u003D\\"x\\"\\u003E\\u0026\\u003Dé\\u2028\\u0001\\\'\\u003C/a\\u003E\\\\|\\u003Cno value\\u003E',
    );
    expect(render('{{ urlquery "a b&c=d/é~!*()" }}|{{ urlquery 1 "x" }}')).toBe('a+b%26c%3Dd%2F%C3%A9~%21%2A%28%29|1x');
  });
});

describe('comparisons', () => {
  it('compare basic values of the same kind', () => {
    expect(render('{{ eq 1 1 }}{{ eq 1 2 }}{{ eq "a" "b" "a" }}{{ eq 1.5 1.5 }}{{ eq true true }}{{ ne 1 2 }}{{ ne "a" "a" }}')).toBe(
      'truefalsetruetruetruetruefalse',
    );
    expect(render('{{ lt 1 2 }}{{ le 2 2 }}{{ gt "b" "a" }}{{ ge 1.5 2.5 }}{{ lt "é" "z" }}{{ lt -1 1 }}')).toBe(
      'truetruetruefalsefalsetrue',
    );
    expect(render('{{ lt "\uFFFD" "\u{1F600}" }}{{ eq (index "a" 0) 97 }}{{ lt (index "a" 0) 98 }}')).toBe('truetruetrue');
  });

  it('compare with nil and missing values only for equality', () => {
    expect(render('{{ eq nil 1 }}|{{ eq .missing "" }}|{{ eq nil nil }}|{{ eq .n nil }}', { n: null })).toBe('false|false|true|true');
  });

  it('fail as Go does on mixed or unordered kinds', () => {
    expect(err('{{ eq 1 1.0 }}')).toBe('error calling eq: incompatible types for comparison');
    expect(err('{{ eq .v 1 }}', { v: 1 })).toBe('error calling eq: incompatible types for comparison');
    expect(err('{{ eq 1 }}')).toBe('error calling eq: missing argument for comparison');
    expect(err('{{ lt 1 "a" }}')).toBe('error calling lt: incompatible types for comparison');
    expect(err('{{ lt true false }}')).toBe('error calling lt: invalid type for comparison');
    expect(err('{{ lt .l 1 }}', { l: [] })).toBe('error calling lt: invalid type for comparison');
    expect(err('{{ eq .m .m }}', { m: stringMap({ a: 'b' }) })).toBe('error calling eq: non-comparable type map[a:b]: map[string]string');
    expect(err('{{ eq .m .l }}', { m: { a: 1 }, l: [1] })).toBe(
      'error calling eq: non-comparable types map[a:%!s(float64=1)]: map[string]interface {}, []interface {}: [1]',
    );
    expect(renderError('{{ gt 1 }}')).toBe('template: t:1:3: executing "t" at <gt>: wrong number of args for gt: want 2 got 1');
  });
});

describe('call', () => {
  const data = {
    join: new GoFunc([STRING, STRING], ([a, b]) => `${a}${b}`),
    many: new GoFunc([STRING], ([a, ...rest]) => `${a}${rest.length}`, { variadic: STRING }),
  };

  it('calls function values with checked arguments', () => {
    expect(render('{{ call .join "a" "b" }}|{{ call .many "x" "y" "z" }}|{{ "q" | call .join "p" }}', data)).toBe('ab|x2|pq');
  });

  it('fails as Go 1.24 does', () => {
    expect(err('{{ call nil }}')).toBe('error calling call: call of nil');
    expect(err('{{ call .v }}', { v: 1n })).toBe('error calling call: non-function .v of type int');
    expect(err('{{ call .join "a" }}', data)).toBe('error calling call: wrong number of args for .join: got 1 want 2');
    expect(err('{{ call .many }}', data)).toBe('error calling call: wrong number of args for .many: got 0 want at least 1');
    expect(err('{{ call .join "a" 1 }}', data)).toBe('error calling call: arg 1: value has type int; should be string');
    expect(err('{{ call .join "a" nil }}', data)).toBe('error calling call: arg 1: value is nil; should be of type string');
    expect(renderError('{{ call }}')).toBe('template: t:1:3: executing "t" at <call>: wrong number of args for call: want at least 1 got 0');
  });
});
