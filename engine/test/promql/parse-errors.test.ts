import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpr } from '../../src/promql/parse.js';
import { printExpr } from '../../src/promql/printer.js';
import { problemsOf } from './parse-helpers.js';
import { parserShapedExpr } from './expr-arbitrary.js';

describe('syntax errors', () => {
  it.each([
    ['', 'no expression found in input', ''],
    ['  # just a comment\n', 'no expression found in input', ''],
    ['1 +', 'unexpected end of input, expected expression', ''],
    ['*1', 'unexpected <op:*>, expected expression', '*'],
    ['sum(x) by', 'unexpected end of input in grouping opts, expected "("', ''],
    ['(1))', "unexpected right parenthesis ')'", ')'],
    ['((1)', 'unclosed left parenthesis', ''],
    ['rate(x[5m]', 'unclosed left parenthesis', ''],
    ['foo bar', 'unexpected identifier "bar"', 'bar'],
    ['foo 1', 'unexpected number "1"', '1'],
    ['a + on b', 'unexpected identifier "b" in grouping opts, expected "("', 'b'],
    ['a + group_left b', 'unexpected <group_left>, expected expression', 'group_left'],
    ['a == bool', 'unexpected end of input, expected expression', ''],
    ['sum by (a b) (x)', 'unexpected identifier "b" in grouping opts, expected "," or ")"', 'b'],
    ['sum by (,) (x)', 'unexpected "," in grouping opts, expected label or ")"', ','],
    ['sum by (without) (x)', 'unexpected <without> in grouping opts, expected label or ")"', 'without'],
    ['sum by (a,,) (x)', 'unexpected "," in grouping opts, expected label or ")"', ','],
    ['rate(x y)', 'unexpected identifier "y" in function call, expected "," or ")"', 'y'],
    ['rate(x[5m)', 'unexpected ")" in subquery or range, expected "]"', ')'],
    ['x @', 'unexpected end of input in @, expected timestamp', ''],
    ['x @ start', 'unexpected end of input in @, expected "("', ''],
    ['x offset', 'unexpected end of input in offset, expected number or duration', ''],
    ['x offset y', 'unexpected identifier "y" in offset, expected number or duration', 'y'],
    ['x[]', 'unexpected "]" in duration, expected number or duration', ']'],
    ['x[5m:1m +]', 'unexpected "]" in duration, expected number or duration', ']'],
    ['x[5m', 'unclosed left bracket', ''],
    ['x[5m:1m:]', 'unexpected ":" in subquery or range, expected "]"', ':'],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toEqual([[message, at]]);
  });

  it.each([
    ['foo{', 'unexpected end of input inside braces', ''],
    ['foo{a}', 'unexpected "}" in label matching, expected label matching operator', '}'],
    ['foo{a=}', 'unexpected "}" in label matching, expected string', '}'],
    ['foo{a="b" c="d"}', 'unexpected identifier "c" in label matching, expected "," or "}"', 'c'],
    ['foo{,}', 'unexpected "," in label matching, expected label matcher or "}"', ','],
    ['foo{a==="b"}', 'unexpected "=" in label matching, expected string', '='],
  ])('label matching %j', (text, message, at) => {
    expect(problemsOf(text)[0]).toEqual([message, at]);
  });
});

describe('characters that start no token', () => {
  it.each([
    ['.', "unexpected character: '.'", '.'],
    ['foo}', "unexpected character: '}'", '}'],
    ['foo]', "unexpected right bracket ']'", ']'],
    ['a !~ "b"', "unexpected character after '!': '~'", '!~'],
    ['a ! b', "unexpected character after '!': ' '", '!'],
    ['foo{1="a"}', "unexpected character inside braces: '1'", '1'],
    ['foo{a:b="c"}', "unexpected character inside braces: ':'", ':'],
    ['foo{a>"c"}', "unexpected character inside braces: '>'", '>'],
    ['x[5m$]', "unexpected character in duration expression: '$'", '$'],
    ['x[y]', "unexpected character in duration expression: 'y'", 'y'],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)[0]).toEqual([message, at]);
  });

  it('reports a regex operator outside braces', () => {
    expect(problemsOf('a =~ "b"')).toContainEqual(["unexpected character after '=': '~'", '~']);
  });
});

describe('numbers and durations', () => {
  it.each([
    ['2.5.', 'bad number or duration syntax: "2.5."', '2.5.'],
    ['0deadbeef', 'bad number or duration syntax: "0deadbeef"', '0deadbeef'],
    ['x[1h30]', 'bad number or duration syntax: "1h30"', '1h30'],
    ['x[5mm]', 'bad number or duration syntax: "5mm"', '5mm'],
    ['x[5m1h]', 'not a valid duration string: "5m1h"', '5m1h'],
    ['x[1.5h]', 'unknown unit "." in duration "1.5h"', '1.5h'],
    ['x[5y1hs]', 'unknown unit "hs" in duration "5y1hs"', '5y1hs'],
    ['x[0]', 'duration must be greater than 0', '0'],
    ['x[-5m]', 'duration must be greater than 0', '-5m'],
    ['x[5m:0s]', 'duration must be greater than 0', '0s'],
    ['x offset 300000000y', 'duration out of range', '300000000y'],
    ['x offset -1e12', 'duration out of range', '-1e12'],
    ['x offset Inf', 'duration out of range', 'Inf'],
    ['1e400', 'error parsing number: strconv.ParseFloat: parsing "1e400": value out of range', '1e400'],
    ['x @ Inf', 'timestamp out of bounds for @ modifier: +Inf', 'Inf'],
    ['x @ -Inf', 'timestamp out of bounds for @ modifier: -Inf', '-Inf'],
    ['x @ NaN', 'timestamp out of bounds for @ modifier: NaN', 'NaN'],
    ['x @ 1e19', 'timestamp out of bounds for @ modifier: 10000000000000000000.000000', '1e19'],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toEqual([[message, at]]);
  });
});

describe('duration arithmetic', () => {
  const experimental =
    'duration expressions are experimental in Prometheus and need --enable-feature=promql-duration-expr there';

  it('folds arithmetic to a constant and warns that Prometheus needs a flag for it', () => {
    const { expr, problems } = parseExpr('x[5m + 30s * 2] offset (1h - 10m)');
    expect(problems.map((p) => [p.severity, p.message])).toEqual([
      ['warning', experimental],
      ['warning', experimental],
    ]);
    expect(expr).toMatchObject({ kind: 'MatrixSelector', rangeMs: 360_000, selector: { offsetMs: 3_000_000 } });
  });

  it('still checks selectors when the only other problem is the warning', () => {
    expect(problemsOf('{a=""}[5m + 1m]')).toContainEqual(['vector selector must contain at least one non-empty matcher', '{a=""}']);
  });

  it.each([
    ['x[10s / 0]', 'division by zero', '/'],
    ['x[1m:(30s % 0)]', 'modulo by zero', '%'],
    ['x[-2^2]', 'duration must be greater than 0', '-2^2'],
    ['x[1m - 2m]', 'duration must be greater than 0', '1m - 2m'],
    ['x offset (5m', 'unclosed left parenthesis', ''],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toContainEqual([message, at]);
  });
});

describe('strings', () => {
  it.each([
    ['"abc', 'unterminated quoted string', '"abc'],
    ['`abc', 'unterminated raw string', '`abc'],
    ['"\\q"', "unknown escape sequence U+0071 'q'", '\\q'],
    ['"\\\'"', "unknown escape sequence U+0027 '''", "\\'"],
    ['"\\x4"', 'escape sequence not terminated', '\\x4'],
    ['"\\x4g"', "illegal character U+0067 'g' in escape sequence", '\\x4g'],
    ['"\\1a"', "illegal character U+0061 'a' in escape sequence", '\\1a'],
    ['"\\400"', 'escape sequence is an invalid Unicode code point', '\\400'],
    ['"\\ud800"', 'escape sequence is an invalid Unicode code point', '\\ud800'],
    ['"\\U00110000"', 'escape sequence is an invalid Unicode code point', '\\U00110000'],
    ['"a\ud800b"', 'invalid UTF-8 rune', '\ud800b"'],
    ['sum by ("") (x)', 'invalid label name for grouping: ""', '""'],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toEqual([[message, at]]);
  });
});

describe('unterminated strings', () => {
  it.each([
    ['x{a="b}', '"b}'],
    ["'abc\ndef'", "'abc"],
  ])('%j', (text, at) => {
    expect(problemsOf(text)[0]).toEqual(['unterminated quoted string', at]);
  });
});

describe('checks of the built tree', () => {
  it.each([
    ['foo{a=~"("}', 'error parsing regexp: missing closing ): `(`', '"("'],
    ['foo{a!~"x**"}', 'error parsing regexp: invalid nested repetition operator: `**`', '"x**"'],
    ['foo{a=~"(?=x)"}', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`', '"(?=x)"'],
    ['foo{__name__="bar"}', 'metric name must not be set twice: "foo" or "bar"', 'foo{__name__="bar"}'],
    ['foo{"bar"}', 'metric name must not be set twice: "foo" or "bar"', 'foo{"bar"}'],
    ['{}', 'vector selector must contain at least one non-empty matcher', '{}'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher', '{a=""}'],
    ['{a=~".*", b!~".+"}', 'vector selector must contain at least one non-empty matcher', '{a=~".*", b!~".+"}'],
    ['rate({a!="x"}[5m])', 'vector selector must contain at least one non-empty matcher', '{a!="x"}'],
    ['frobnicate(x)', 'unknown function with name "frobnicate"', 'frobnicate'],
    ['sum()', 'no arguments for aggregate expression provided', 'sum()'],
    ['topk(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', 'topk(x)'],
    ['sum(a, b)', 'wrong number of arguments for aggregate expression provided, expected 1, got 2', 'sum(a, b)'],
    ['rate(x[5m],)', 'trailing commas not allowed in function call args', ','],
    ['sum(x,)', 'trailing commas not allowed in function call args', ','],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toEqual([[message, at]]);
  });

  it('accepts selectors that match only non-empty values', () => {
    for (const text of ['{a="b"}', '{a=~".+"}', '{a!~".*x|"}', '{"foo.bar"}', '{__name__=~"up|down"}']) {
      expect(problemsOf(text), text).toEqual([]);
    }
  });

  it('lets the second argument of info() match empty values', () => {
    expect(problemsOf('info(up, {k8s_cluster=~".*"})')).toEqual([]);
    expect(problemsOf('info(up, {})')).toEqual([]);
    expect(problemsOf('abs({k8s_cluster=~".*"})')).toEqual([
      ['vector selector must contain at least one non-empty matcher', '{k8s_cluster=~".*"}'],
    ]);
  });

  it('leaves checks of the whole tree out when the text has other errors', () => {
    expect(problemsOf('{} + frob(x)')).toEqual([['unknown function with name "frob"', 'frob']]);
  });
});

describe('misplaced modifiers', () => {
  it.each([
    ['rate(x[5m])[5m]', 'ranges only allowed for vector selectors', '[5m]'],
    ['(foo)[5m]', 'ranges only allowed for vector selectors', '[5m]'],
    ['foo offset 5m [1m]', 'no offset modifiers allowed before range', '[1m]'],
    ['foo @ 5 [1m]', 'no @ modifiers allowed before range', '[1m]'],
    ['sum(x) offset 5m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', 'sum(x)'],
    ['1 @ 5', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', '1'],
    ['(x) @ start()', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', '(x)'],
    ['foo offset 1m offset 2m', 'offset may not be set multiple times', 'foo offset 1m'],
    ['foo[5m] offset 1m offset 2m', 'offset may not be set multiple times', 'foo[5m] offset 1m'],
    ['foo @ 1 @ 2', '@ <timestamp> may not be set multiple times', 'foo @ 1'],
    ['x[1m:] @ start() @ end()', '@ <timestamp> may not be set multiple times', 'x[1m:] @ start()'],
  ])('%j', (text, message, at) => {
    expect(problemsOf(text)).toEqual([[message, at]]);
  });
});

describe('recovery', () => {
  it('reports several errors in one expression', () => {
    const text = 'sum by (a b) (rate(x[5m)) + frob(y) + foo{a=~"("} + 1e400';
    const messages = parseExpr(text).problems.map((p) => p.message);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    expect(messages).toContain('unknown function with name "frob"');
    expect(messages).toContain('error parsing regexp: missing closing ): `(`');
    expect(messages).toContain('error parsing number: strconv.ParseFloat: parsing "1e400": value out of range');
  });

  it('reports problems in text order', () => {
    const starts = parseExpr('frob(x) + y{a=~"("} + "\\q" + nope()').problems.map((p) => p.range.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(starts.length).toBe(4);
  });

  it('still builds a tree around a syntax error', () => {
    const { expr, problems } = parseExpr('rate(http_requests_total{job="api"}[5m) > 1');
    expect(problems.length).toBeGreaterThan(0);
    expect(expr).toBeDefined();
    expect(JSON.stringify(expr)).toContain('http_requests_total');
  });

  it('builds the complete part of an expression that ends early', () => {
    const { expr } = parseExpr('sum by (job) (rate(x[5m])) / ');
    expect(expr?.kind).toBe('AggregateExpr');
  });
});

/** Expressions to mutate: one of each feature. */
const CORPUS = [
  'sum by (job) (rate(http_requests_total{job="api", code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
  'histogram_quantile(0.99, sum without (pod) (rate(x_bucket[1m] offset -5m @ 1609746000)))',
  'max_over_time(deriv(rate(x[1m])[10m:30s])[1h:]) @ end()',
  'topk by (a) (5, -x ^ 2 % 3) and on (a) group_left (b) y unless z or bool w',
  "label_replace(up{'a.b'=`c\\d`}, \"dst\", \"$1\", 'src', \"(.*)\") # comment\n == bool 1",
  '{"http.server.duration", "service.name"!~"x|y",} atan2 -Inf - NaN + 0x1F * 1e-3 / 1_000',
  'count_values("v", a) + limitk(2, b) + limit_ratio(0.5, c) + quantile(0.9, d) + bottomk(1, e)',
];

const mutation = fc.record({
  base: fc.oneof(fc.constantFrom(...CORPUS), parserShapedExpr.map(printExpr)),
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.oneof(
    fc.string({ maxLength: 3 }),
    fc.constantFrom('(', ')', '[', ']', '{', '}', '"', "'", '`', ',', ':', '@', '#', '\\', 'offset', 'by', ' + ', '5m', '-'),
  ),
});

describe('parseExpr on any input', () => {
  /** What must hold for every result, whatever the input. */
  function expectWellFormed(text: string): void {
    const { expr, problems } = parseExpr(text);
    for (const p of problems) {
      expect(p.source).toBe('parse');
      expect(p.message.length).toBeGreaterThan(0);
      expect(p.message).not.toContain('internal error');
      expect(p.message).not.toMatch(/undefined|NaN-|\[object/);
      expect(Number.isInteger(p.range.start) && Number.isInteger(p.range.end)).toBe(true);
      expect(0 <= p.range.start && p.range.start <= p.range.end && p.range.end <= text.length).toBe(true);
    }
    if (problems.length === 0) expect(expr).toBeDefined();
    if (expr) expect(() => printExpr(expr)).not.toThrow();
  }

  it('returns problems for random text, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 })), expectWellFormed),
      { numRuns: 1000 },
    );
  });

  it('returns problems for random token soup, never throws', () => {
    const token = fc.constantFrom(
      'sum', 'by', '(', ')', '{', '}', '[', ']', 'x', '"a"', ',', '=', '=~', '!=', '+', '-', '^', '*', 'offset',
      '5m', '1', '@', 'start()', ':', 'bool', 'on', 'group_left', 'and', 'rate', 'Inf', '#c\n', '`r`', '.5', 'topk',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 25 }).map((ts) => ts.join(' ')), expectWellFormed),
      { numRuns: 1000 },
    );
  });

  it('returns problems for mutated expressions, never throws', () => {
    fc.assert(
      fc.property(mutation, ({ base, at, remove, insert }) => {
        const position = at % (base.length + 1);
        expectWellFormed(base.slice(0, position) + insert + base.slice(position + remove));
      }),
      { numRuns: 1500 },
    );
  });
});
