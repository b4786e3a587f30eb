import { describe, expect, it } from 'vitest';
import { executeTemplate, parseTemplate } from '../../src/template/expand.js';
import { GoTime } from '../../src/template/go-time.js';
import { BOOL, FLOAT64, GoFunc, GoMap, GoStruct, INT, STRING, stringMap } from '../../src/template/go-values.js';
import { render, renderError } from './helpers.js';

describe('text and actions', () => {
  it('copies text and prints action values with Go\'s default formats', () => {
    expect(render('a {{ 1 }} {{ 1.5 }} {{ 1e6 }} {{ 0.000001 }} {{ "s" }} {{ true }} {{ 0x10 }} {{ \'a\' }}')).toBe(
      'a 1 1.5 1e+06 1e-06 s true 16 97',
    );
    expect(render('{{ 2i }} {{ 1+2i }} {{ 0x1p-2 }} {{ -0x1E }}')).toBe('(0+2i) (1+2i) 0.25 -30');
  });

  it('trims spaces next to trim markers and drops comments', () => {
    expect(render('a  \n {{- 1 -}} \n  b {{/* c */}} d {{- /* c */ -}} e')).toBe('a1b  de');
  });

  it('prints nothing for a declaration and <no value> for a missing value', () => {
    expect(render('{{ $x := 1 }}[{{ .missing }}][{{ $x }}]', {})).toBe('[<no value>][1]');
  });

  it('prints data as Go prints decoded JSON', () => {
    const data = { n: 3, f: 0.5, big: 12345678, s: 'x', b: false, list: [1, 'a', null, { k: 'v' }], map: { z: 1, a: [true] }, nil: null };
    expect(render('{{ .n }}|{{ .f }}|{{ .big }}|{{ .list }}|{{ .map }}|{{ .nil }}|{{ . }}', data)).toBe(
      '3|0.5|1.2345678e+07|[1 a <nil> map[k:v]]|map[a:[true] z:1]|<no value>|' +
        'map[b:false big:1.2345678e+07 f:0.5 list:[1 a <nil> map[k:v]] map:map[a:[true] z:1] n:3 nil:<nil> s:x]',
    );
  });

  it('sorts map keys by bytes, as Go does', () => {
    expect(render('{{ range $k, $v := . }}{{ $k }} {{ end }}', { b: 1, a: 2, B: 3, 'é': 4, '\u{1F600}': 5, '\uFFFD': 6 })).toBe(
      'B a b é \uFFFD \u{1F600} ',
    );
  });
});

describe('fields and maps', () => {
  const data = {
    labels: stringMap({ job: 'api' }),
    any: { job: 'api' },
    viaMap: new Map([['k', 'v']]),
    st: new GoStruct('main.T', new Map<string, unknown>([['Name', 'n'], ['Inner', { x: 1 }]]), {
      methods: { Greet: new GoFunc([STRING], ([who]) => `hi ${who}`), Twice: new GoFunc([], () => 2n) },
    }),
    ptr: new GoStruct('main.T', new Map<string, unknown>([['Name', 'p']]), { pointer: true }),
  };

  it('reads map keys, struct fields and calls methods', () => {
    expect(render('{{ .labels.job }} {{ .any.job }} {{ .viaMap.k }} {{ .st.Name }} {{ .st.Inner.x }} {{ .ptr.Name }}', data)).toBe(
      'api api v n 1 p',
    );
    expect(render('{{ .st.Greet "you" }} {{ "me" | .st.Greet }} {{ .st.Twice }}', data)).toBe('hi you hi me 2');
  });

  it('gives the element type\'s zero value for missing keys with missingkey=zero', () => {
    const out = (text: string) => render(text, data, {}, { missingKey: 'zero' });
    expect(out('[{{ .labels.nope }}][{{ .any.nope }}]')).toBe('[][<no value>]');
    expect(render('[{{ .labels.nope }}]', data)).toBe('[<no value>]');
    expect(renderError('{{ .labels.nope }}', data, {}, { missingKey: 'error' })).toBe(
      'template: t:1:10: executing "t" at <.labels.nope>: map has no entry for key "nope"',
    );
  });

  it('follows missing values quietly, but not nil interfaces', () => {
    expect(render('[{{ .a.b.c }}]', {})).toBe('[<no value>]');
    expect(renderError('{{ .a.b }}', { a: null })).toBe(
      'template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b',
    );
    expect(renderError('{{ .labels.job.x }}', data)).toBe(
      'template: t:1:10: executing "t" at <.labels.job.x>: can\'t evaluate field x in type string',
    );
    expect(renderError('{{ .st.Nope }}', data)).toBe(
      'template: t:1:6: executing "t" at <.st.Nope>: can\'t evaluate field Nope in type main.T',
    );
    expect(renderError('{{ .ptr.Nope }}', data)).toBe(
      'template: t:1:7: executing "t" at <.ptr.Nope>: can\'t evaluate field Nope in type *main.T',
    );
  });

  it('rejects arguments to fields and keys', () => {
    expect(renderError('{{ .any.job 1 }}', data)).toBe(
      'template: t:1:7: executing "t" at <.any.job>: job is not a method but has arguments',
    );
    expect(renderError('{{ .st.Name 1 }}', data)).toBe(
      'template: t:1:6: executing "t" at <.st.Name>: Name has arguments but cannot be invoked as function',
    );
  });

  it('does not reach into JavaScript prototypes', () => {
    expect(render('[{{ .constructor }}][{{ .toString }}]', {})).toBe('[<no value>][<no value>]');
  });

  it('prints time values with their String method', () => {
    const t = new GoTime(BigInt(Date.UTC(2024, 2, 1, 10, 0, 0, 250)) * 1_000_000n);
    expect(render('{{ . }}|{{ .Unix }}|{{ .Format "2006-01-02T15:04:05.000Z07:00 Mon Jan _2" }}', t)).toBe(
      '2024-03-01 10:00:00.25 +0000 UTC|1709287200|2024-03-01T10:00:00.250Z Fri Mar  1',
    );
    expect(render('{{ .at }}', { at: new Date(Date.UTC(2020, 0, 2, 3, 4, 5)) })).toBe('2020-01-02 03:04:05 +0000 UTC');
  });
});

describe('control structures', () => {
  it('takes if/else if/else by Go\'s truth', () => {
    const t = '{{ if . }}T{{ else }}F{{ end }}';
    const truths = [0, 1, 0.0, NaN, '', 'x', [], [0], {}, { a: 1 }, null, undefined, true, false, 0n, 2n].map((v) => render(t, { v }.v));
    expect(truths.join('')).toBe('FTFTFTFTFTFFTFFT');
    expect(render('{{ if 0 }}a{{ else if "" }}b{{ else if 3 }}c{{ else }}d{{ end }}')).toBe('c');
  });

  it('sets dot with with, and chains else with', () => {
    expect(render('{{ with .a }}<{{ . }}>{{ else }}none{{ end }}', { a: 'x' })).toBe('<x>');
    expect(render('{{ with .a }}<{{ . }}>{{ else with .b }}[{{ . }}]{{ else }}none{{ end }}', { b: 2 })).toBe('[2]');
    expect(render('{{ with .a }}<{{ . }}>{{ else with .b }}[{{ . }}]{{ else }}none{{ end }}', {})).toBe('none');
  });

  it('ranges over slices, maps and integers, with index and element variables', () => {
    expect(render('{{ range . }}{{ . }},{{ end }}', ['a', 'b'])).toBe('a,b,');
    expect(render('{{ range $i, $e := . }}{{ $i }}={{ $e }};{{ end }}', ['a', 'b'])).toBe('0=a;1=b;');
    expect(render('{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}', { y: 1, x: 2 })).toBe('x=2;y=1;');
    expect(render('{{ range $e := . }}{{ $e }}{{ end }}', { y: 1, x: 2 })).toBe('21');
    expect(render('{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}')).toBe('012|01');
    expect(renderError('{{ range $i, $e := 3 }}{{ end }}')).toBe(
      'template: t:1:19: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    );
  });

  it('assigns range variables with =', () => {
    expect(render('{{ $i := 0 }}{{ $e := 0 }}{{ range $i, $e = . }}{{ end }}{{ $i }} {{ $e }}', ['a', 'b'])).toBe('1 b');
  });

  it('runs else when there is nothing to range over', () => {
    for (const empty of [[], {}, 0n, null, undefined]) expect(render('{{ range . }}x{{ else }}none{{ end }}', empty)).toBe('none');
    expect(renderError('{{ range . }}{{ end }}', 'abc')).toBe('template: t:1:9: executing "t" at <.>: range can\'t iterate over abc');
  });

  it('breaks and continues', () => {
    const t = '{{ range . }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}';
    expect(render(t, [1n, 2n, 3n, 4n, 5n])).toBe('13');
    expect(render('{{ range . }}{{ range . }}{{ break }}{{ end }}x{{ end }}', [[1], [2]])).toBe('xx');
  });

  it('scopes variables: visible until end, assignments reach outward', () => {
    expect(render('{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}')).toBe('32');
    expect(render('{{ $x := 1 }}{{ range . }}{{ $x := . }}{{ $x }}{{ end }}{{ $x }}', [7, 8])).toBe('781');
    expect(render('{{ range .xs }}{{ $.top }}{{ end }}', { xs: [1, 2], top: 't' })).toBe('tt');
  });

  it('calls defined templates with their own dot and no inherited variables', () => {
    expect(render('{{ define "d" }}[{{ . }}|{{ $ }}]{{ end }}{{ $x := 1 }}{{ template "d" .a }}{{ template "d" }}', { a: 5 })).toBe(
      '[5|5][<no value>|<no value>]',
    );
    expect(render('{{ block "b" . }}<{{ . }}>{{ end }}', 'x')).toBe('<x>');
  });

  it('runs any named template of the text', () => {
    const { template } = parseTemplate('{{ define "a" }}A{{ . }}{{ end }}top', 'main');
    expect(executeTemplate(template!, 1, {}, { name: 'a' })).toBe('A1');
    expect(executeTemplate(template!, 1, {})).toBe('top');
    expect(() => executeTemplate(template!, 1, {}, { name: 'b' })).toThrow('template: b: "b" is an incomplete or empty template');
  });
});

describe('pipelines and calls', () => {
  it('passes the previous command as the last argument', () => {
    expect(render('{{ "x" | printf "%s-%s" "y" }}|{{ 3 | printf "%d %d" 1 | len }}')).toBe('y-x|3');
  });

  it('calls functions from the function map before builtins', () => {
    const funcs = { upper: new GoFunc([STRING], ([s]) => (s as string).toUpperCase()), len: new GoFunc([], () => 'mine') };
    expect(render('{{ upper "a" }} {{ "b" | upper }} {{ len }}', undefined, funcs)).toBe('A B mine');
  });

  it('converts constants to the parameter types, as Go does', () => {
    const funcs = {
      f: new GoFunc([FLOAT64, INT, BOOL], ([a, b, c]) => `${typeof a}:${a} ${typeof b}:${b} ${c}`),
    };
    expect(render('{{ f 1 2 true }}', undefined, funcs)).toBe('number:1 bigint:2 true');
    expect(renderError('{{ f 1.5 2.5 true }}', undefined, funcs)).toBe('template: t:1:9: executing "t" at <2.5>: expected integer; found 2.5');
    expect(renderError('{{ f "a" 2 true }}', undefined, funcs)).toBe('template: t:1:5: executing "t" at <"a">: expected float; found "a"');
    expect(renderError('{{ f 1 2 3 }}', undefined, funcs)).toBe('template: t:1:9: executing "t" at <3>: expected bool; found 3');
    expect(renderError('{{ f .x 2 true }}', { x: 'str' }, funcs)).toBe(
      'template: t:1:5: executing "t" at <.x>: wrong type for value; expected float64; got string',
    );
    expect(renderError('{{ f .missing 2 true }}', {}, funcs)).toBe(
      'template: t:1:5: executing "t" at <.missing>: invalid value; expected float64',
    );
  });

  it('calls JavaScript functions in data with call', () => {
    expect(render('{{ call .add 1 2 }}', { add: (a: bigint, b: bigint) => a + b })).toBe('3');
    expect(renderError('{{ call .fail }}', { fail: () => { throw new Error('boom'); } })).toBe(
      'template: t:1:3: executing "t" at <call .fail>: error calling call: boom',
    );
  });

  it('reports function errors as Go\'s "error calling"', () => {
    const funcs = { bad: new GoFunc([], () => { throw new Error('no'); }) };
    expect(renderError('{{ 1 | printf "%d" | bad }}', undefined, funcs)).toBe(
      'template: t:1:21: executing "t" at <bad>: wrong number of args for bad: want 0 got 1',
    );
    expect(renderError('{{ bad }}', undefined, funcs)).toBe('template: t:1:3: executing "t" at <bad>: error calling bad: no');
  });
});

describe('typed maps', () => {
  it('names its type in messages', () => {
    const kv = new GoMap('template.KV', STRING, { a: 'b' });
    expect(render('{{ printf "%T %v" . . }}', kv)).toBe('template.KV map[a:b]');
  });
});
