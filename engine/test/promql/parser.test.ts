import { describe, expect, it } from 'vitest';
import type {
  AggregateExpr,
  BinaryExpr,
  Call,
  MatrixSelector,
  NumberLiteral,
  StringLiteral,
  SubqueryExpr,
  UnaryExpr,
  VectorSelector,
} from '../../src/promql/ast.js';
import { AGGREGATIONS, FUNCTIONS } from '../../src/promql/functions.js';
import { parseExpr, parseExprOrThrow } from '../../src/promql/parse.js';
import { PromQLParser, promqlParser, START_RULE } from '../../src/promql/grammar.js';
import { newPromqlLexer, promqlLexer } from '../../src/promql/lexer.js';
import { KlaxonError } from '../../src/errors.js';
import { covered, parseOk, problemsOf, shape } from './parse-helpers.js';

const matchers = (selector: VectorSelector): string[] => selector.matchers.map((m) => m.toString());

describe('vector selectors', () => {
  it('takes the metric name as a name and as a matcher', () => {
    const selector = parseOk('http_requests_total') as VectorSelector;
    expect(selector.kind).toBe('VectorSelector');
    expect(selector.name).toBe('http_requests_total');
    expect(matchers(selector)).toEqual(['__name__="http_requests_total"']);
    expect(selector.offsetMs).toBe(0);
    expect(selector.atMs).toBeUndefined();
    expect(selector.atAnchor).toBeUndefined();
  });

  it('reads all four matcher types, the name matcher last', () => {
    const selector = parseOk('up{a="1", b!="2", c=~"3.*", d!~"4|5"}') as VectorSelector;
    expect(selector.matchers.map((m) => [m.name, m.type, m.value])).toEqual([
      ['a', '=', '1'],
      ['b', '!=', '2'],
      ['c', '=~', '3.*'],
      ['d', '!~', '4|5'],
      ['__name__', '=', 'up'],
    ]);
  });

  it('builds regex matchers with anchored RE2 semantics', () => {
    const selector = parseOk('up{job=~"api|web"}') as VectorSelector;
    const job = selector.matchers[0]!;
    expect(job.matches('api')).toBe(true);
    expect(job.matches('api-2')).toBe(false);
  });

  it('accepts a selector without a name', () => {
    const selector = parseOk('{job="api"}') as VectorSelector;
    expect(selector.name).toBe('');
    expect(matchers(selector)).toEqual(['job="api"']);
  });

  it('accepts a quoted metric name inside the braces, anywhere in the list', () => {
    const alone = parseOk('{"http.requests"}') as VectorSelector;
    expect(alone.name).toBe('http.requests');
    expect(matchers(alone)).toEqual(['__name__="http.requests"']);

    const first = parseOk('{"http.requests", code="500"}') as VectorSelector;
    expect(first.name).toBe('http.requests');
    expect(matchers(first)).toEqual(['__name__="http.requests"', 'code="500"']);

    const last = parseOk('{code="500", "http.requests"}') as VectorSelector;
    expect(last.name).toBe('http.requests');
    expect(matchers(last)).toEqual(['code="500"', '__name__="http.requests"']);
  });

  it('does not take a __name__ matcher for the written name', () => {
    const selector = parseOk('{__name__="up"}') as VectorSelector;
    expect(selector.name).toBe('');
    expect(matchers(selector)).toEqual(['__name__="up"']);
  });

  it('accepts quoted label names and all three kinds of quotes for values', () => {
    const selector = parseOk('{"service.name"="api", a=\'x\', b=`c:\\d`}') as VectorSelector;
    expect(selector.matchers.map((m) => [m.name, m.value])).toEqual([
      ['service.name', 'api'],
      ['a', 'x'],
      ['b', 'c:\\d'],
    ]);
  });

  it('accepts a trailing comma', () => {
    expect(matchers(parseOk('up{job="api",}') as VectorSelector)).toEqual(['job="api"', '__name__="up"']);
  });

  it('reads metric names with colons', () => {
    expect((parseOk('job:http_requests:rate5m') as VectorSelector).name).toBe('job:http_requests:rate5m');
    expect((parseOk(':x') as VectorSelector).name).toBe(':x');
  });

  it.each(['sum', 'by', 'without', 'offset', 'and', 'or', 'unless', 'start', 'end', 'count_values', 'limitk', 'Sum'])(
    'takes the keyword %s as a metric name where an expression starts',
    (word) => {
      const selector = parseOk(word) as VectorSelector;
      expect(selector.name).toBe(word);
      expect((parseOk(`${word}{a="b"}`) as VectorSelector).name).toBe(word);
    },
  );

  it('takes every word as a label name inside braces', () => {
    const selector = parseOk('x{by="1", offset="2", inf="3", bool="4", sum="5", group_left="6", on="7"}') as VectorSelector;
    expect(selector.matchers.map((m) => m.name).slice(0, -1)).toEqual([
      'by', 'offset', 'inf', 'bool', 'sum', 'group_left', 'on',
    ]);
  });

  it('reads `and` after an operator as a metric name', () => {
    expect(shape(parseOk('foo and and'))).toBe('(foo and and)');
    expect(shape(parseOk('offset offset 5m'))).toBe('offset offset 5m');
  });
});

describe('range selectors, offsets, @ and subqueries', () => {
  it('reads a range', () => {
    const matrix = parseOk('rate_source[5m]') as MatrixSelector;
    expect(matrix.kind).toBe('MatrixSelector');
    expect(matrix.rangeMs).toBe(300_000);
    expect(matrix.selector.name).toBe('rate_source');
  });

  it.each([
    ['x[1h30m]', 5_400_000],
    ['x[90s]', 90_000],
    ['x[250ms]', 250],
    ['x[1y]', 365 * 86_400_000],
    ['x[2w]', 14 * 86_400_000],
    ['x[5]', 5_000],
    ['x[1.5]', 1_500],
    ['x[0x10]', 16_000],
    ['x[ 5m ]', 300_000],
  ])('reads the range of %s as %d ms', (text, ms) => {
    expect((parseOk(text) as MatrixSelector).rangeMs).toBe(ms);
  });

  it.each([
    ['x[5m + 30s]', 330_000],
    ['x[1m + 30s * 2]', 120_000],
    ['x[-(10s - 5s) + 20s]', 15_000],
    ['x[2 ^ 3]', 8_000],
    ['x[2 ^ 3 ^ 2]', 512_000],
    ['x[1.5 * 2]', 3_000],
  ])('folds the duration arithmetic of %s to %d ms', (text, ms) => {
    expect((parseExpr(text).expr as MatrixSelector).rangeMs).toBe(ms);
  });

  it.each([
    ['x offset 5m', 300_000],
    ['x offset -5m', -300_000],
    ['x offset - 5m', -300_000],
    ['x offset 10', 10_000],
    ['x offset 1.5', 1_500],
    ['x offset 0', 0],
  ])('reads the offset of %s', (text, ms) => {
    expect((parseOk(text) as VectorSelector).offsetMs).toBe(ms);
  });

  it('puts the offset and @ of a range selector on its vector selector', () => {
    const matrix = parseOk('x[5m] offset 1h @ 100') as MatrixSelector;
    expect(matrix.selector.offsetMs).toBe(3_600_000);
    expect(matrix.selector.atMs).toBe(100_000);
  });

  it.each([
    ['x @ 100', 100_000],
    ['x @ 1.5', 1_500],
    ['x @ -5', -5_000],
    ['x @ +5', 5_000],
    ['x @ 1h', 3_600_000],
    ['x @ 1609746000.123', 1_609_746_000_123],
  ])('reads the timestamp of %s', (text, ms) => {
    const selector = parseOk(text) as VectorSelector;
    expect(selector.atMs).toBe(ms);
    expect(selector.atAnchor).toBeUndefined();
  });

  it('reads @ start() and @ end()', () => {
    expect((parseOk('x @ start()') as VectorSelector).atAnchor).toBe('start');
    expect((parseOk('x @ end()') as VectorSelector).atAnchor).toBe('end');
    expect((parseOk('x @ end()') as VectorSelector).atMs).toBeUndefined();
  });

  it('takes offset and @ in either order', () => {
    for (const text of ['x @ 10 offset 5m', 'x offset 5m @ 10']) {
      const selector = parseOk(text) as VectorSelector;
      expect(selector.atMs).toBe(10_000);
      expect(selector.offsetMs).toBe(300_000);
    }
  });

  it('reads subqueries with and without a step', () => {
    const withStep = parseOk('rate(x[5m])[30m:1m]') as SubqueryExpr;
    expect(withStep.kind).toBe('SubqueryExpr');
    expect(withStep.rangeMs).toBe(1_800_000);
    expect(withStep.stepMs).toBe(60_000);
    expect(withStep.expr.kind).toBe('Call');

    const noStep = parseOk('x[30m:]') as SubqueryExpr;
    expect(noStep.stepMs).toBe(0);
    expect(noStep.offsetMs).toBe(0);
  });

  it('reads the modifiers of a subquery', () => {
    const subquery = parseOk('max_over_time(x[1m])[1h:5m] @ end() offset -10m') as SubqueryExpr;
    expect(subquery.atAnchor).toBe('end');
    expect(subquery.offsetMs).toBe(-600_000);
  });

  it('nests subqueries', () => {
    const outer = parseOk('min_over_time(rate(x[1m])[10m:])[1h:1m]') as SubqueryExpr;
    expect(((outer.expr as Call).args[0] as SubqueryExpr).rangeMs).toBe(600_000);
  });
});

describe('number literals', () => {
  it.each([
    ['1', 1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1E-3', 0.001],
    ['2.5e+2', 250],
    ['0x1F', 31],
    ['0X1f', 31],
    ['010', 8],
    ['09', 9],
    ['1_000', 1000],
    ['0x_ff', 255],
    ['99999999999999999999', 1e20],
    ['Inf', Infinity],
    ['inf', Infinity],
    ['+Inf', Infinity],
    ['-inf', -Infinity],
    ['1h', 3600],
    ['1m30s', 90],
    ['5ms', 0.005],
  ])('reads %s as %d', (text, value) => {
    const literal = parseOk(text) as NumberLiteral;
    expect(literal.kind).toBe('NumberLiteral');
    expect(literal.value).toBe(value);
  });

  it('reads NaN in any letter case', () => {
    for (const text of ['NaN', 'nan', 'NAN']) expect((parseOk(text) as NumberLiteral).value).toBeNaN();
  });

  it('folds a sign into a number literal, but not into parentheses', () => {
    expect(parseOk('-1')).toMatchObject({ kind: 'NumberLiteral', value: -1 });
    expect(parseOk('- 1')).toMatchObject({ kind: 'NumberLiteral', value: -1 });
    expect(parseOk('+1')).toMatchObject({ kind: 'NumberLiteral', value: 1 });
    expect(parseOk('--1')).toMatchObject({ kind: 'NumberLiteral', value: 1 });
    expect(shape(parseOk('-(1)'))).toBe('(-paren(1))');
  });
});

describe('string literals', () => {
  it.each([
    ['"a\\nb"', 'a\nb'],
    ['"tab\\there"', 'tab\there'],
    ["'it\\'s'", "it's"],
    ['\'say "hi"\'', 'say "hi"'],
    ['"\\u00e9t\\U0001F600"', 'ét😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\101\\x42"', 'AB'],
    ['"\\a\\b\\f\\v\\\\"', '\x07\b\f\v\\'],
    ['`raw\\n "text"`', 'raw\\n "text"'],
    ['`two\nlines`', 'two\nlines'],
    ['"ünïcödé ✓"', 'ünïcödé ✓'],
  ])('reads %s', (text, value) => {
    const literal = parseOk(text) as StringLiteral;
    expect(literal.kind).toBe('StringLiteral');
    expect(literal.value).toBe(value);
  });

  it('keeps bytes that are not UTF-8 as lone surrogates', () => {
    expect((parseOk('"a\\xc5z"') as StringLiteral).value).toBe('a\udcc5z');
  });
});

describe('comments and layout', () => {
  it('skips comments and line breaks', () => {
    expect(shape(parseOk('foo # the numerator\n  /\n bar # and the denominator'))).toBe('(foo / bar)');
  });

  it('skips comments inside braces', () => {
    expect(matchers(parseOk('up{ # which job\n job="api"}') as VectorSelector)).toEqual(['job="api"', '__name__="up"']);
  });
});

describe('precedence and associativity', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a % b * c', '((a % b) * c)'],
    ['a ^ b ^ c', '(a ^ (b ^ c))'],
    ['a * b ^ c', '(a * (b ^ c))'],
    ['a atan2 b * c', '((a atan2 b) * c)'],
    ['a + b atan2 c', '(a + (b atan2 c))'],
    ['a == b + c', '(a == (b + c))'],
    ['a > b == c', '((a > b) == c)'],
    ['a and b == c', '(a and (b == c))'],
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['a and b unless c', '((a and b) unless c)'],
    ['a unless b and c', '((a unless b) and c)'],
    ['a or b or c', '((a or b) or c)'],
    ['a > bool b or c < d', '((a > bool b) or (c < d))'],
    ['(a + b) * c', '(paren((a + b)) * c)'],
  ])('%s', (text, expected) => {
    expect(shape(parseOk(text))).toBe(expected);
  });

  it.each([
    ['-a * b', '((-a) * b)'],
    ['a * -b', '(a * (-b))'],
    ['-a ^ b', '(-(a ^ b))'],
    ['a ^ -b', '(a ^ (-b))'],
    ['a ^ -b ^ c', '(a ^ (-(b ^ c)))'],
    ['a ^ -b * c', '((a ^ (-b)) * c)'],
    ['-a + b', '((-a) + b)'],
    ['- - a', '(-(-a))'],
    ['+a', '(+a)'],
    ['1 - -1', '(1 - -1)'],
    ['-2 ^ 2', '(-(2 ^ 2))'],
    ['2 ^ -1', '(2 ^ -1)'],
  ])('unary %s', (text, expected) => {
    expect(shape(parseOk(text))).toBe(expected);
  });

  it('evaluates -2^2 as -(2^2)', () => {
    const expr = parseOk('-2^2') as UnaryExpr;
    expect(expr.kind).toBe('UnaryExpr');
    expect(expr.op).toBe('-');
    expect((expr.expr as BinaryExpr).op).toBe('^');
  });

  it('binds offset, @ and ranges tighter than any operator', () => {
    expect(shape(parseOk('a + b offset 5m'))).toBe('(a + b offset 5m)');
    expect(shape(parseOk('a ^ b @ 10'))).toBe('(a ^ b @ 10.000)');
    expect(shape(parseOk('-a offset 1m'))).toBe('(-a offset 1m)');
    expect(shape(parseOk('-a[1m:]'))).toBe('(-a[1m:])');
  });
});

describe('binary operator modifiers', () => {
  const binary = (text: string): BinaryExpr => {
    const expr = parseOk(text);
    expect(expr.kind).toBe('BinaryExpr');
    return expr as BinaryExpr;
  };

  it('reads bool', () => {
    expect(binary('a == bool b').returnBool).toBe(true);
    expect(binary('a == b').returnBool).toBe(false);
    expect(binary('1 > bool 2').returnBool).toBe(true);
  });

  it('matches one-to-one by default between vectors', () => {
    expect(binary('a + b').matching).toEqual({ card: 'one-to-one', labels: [], on: false, explicit: false, include: [] });
  });

  it('matches many-to-many by default for set operators', () => {
    for (const op of ['and', 'or', 'unless']) {
      expect(binary(`a ${op} b`).matching).toEqual({
        card: 'many-to-many', labels: [], on: false, explicit: false, include: [],
      });
    }
  });

  it('has no vector matching when a side is a scalar', () => {
    expect(binary('a + 1').matching).toBeUndefined();
    expect(binary('1 * 2').matching).toBeUndefined();
    expect(binary('time() - a').matching).toBeUndefined();
    expect(binary('scalar(a) > bool 1').matching).toBeUndefined();
  });

  it('reads on, ignoring, group_left and group_right', () => {
    expect(binary('a + on(x, y) b').matching).toEqual({
      card: 'one-to-one', labels: ['x', 'y'], on: true, explicit: true, include: [],
    });
    expect(binary('a + ignoring(x) group_left(y) b').matching).toEqual({
      card: 'many-to-one', labels: ['x'], on: false, explicit: true, include: ['y'],
    });
    expect(binary('a * on(x) group_right b').matching).toEqual({
      card: 'one-to-many', labels: ['x'], on: true, explicit: true, include: [],
    });
    expect(binary('a - on() b').matching).toMatchObject({ on: true, explicit: true, labels: [] });
    expect(binary('a - ignoring() b').matching).toMatchObject({ on: false, explicit: true, labels: [] });
    expect(binary('a or on(x) b').matching).toMatchObject({ card: 'many-to-many', labels: ['x'] });
    expect(binary('a == bool on(x) b')).toMatchObject({ returnBool: true, matching: { on: true } });
  });

  it('keeps written vector matching between scalars, for the type checker to reject', () => {
    expect(binary('1 + on(x) 2').matching).toMatchObject({ labels: ['x'], explicit: true });
  });

  it('takes the parentheses after group_left as its label list', () => {
    const expr = binary('a * on(x) group_left (y) (b)');
    expect(expr.matching?.include).toEqual(['y']);
    expect(expr.rhs.kind).toBe('ParenExpr');
  });

  it('accepts keywords and quoted names as grouping labels', () => {
    expect(binary('a + on(by, on, offset, bool, group_left, start, sum, and, atan2) b').matching?.labels).toEqual([
      'by', 'on', 'offset', 'bool', 'group_left', 'start', 'sum', 'and', 'atan2',
    ]);
    expect(binary('a + on("service.name", x,) b').matching?.labels).toEqual(['service.name', 'x']);
  });

  it.each(['+', '-', '*', '/', '%', '^', 'atan2', '==', '!=', '>', '<', '>=', '<=', 'and', 'or', 'unless'])(
    'reads the operator %s',
    (op) => {
      expect(binary(`a ${op} b`).op).toBe(op);
    },
  );

  it('reads keyword operators in any letter case', () => {
    expect(binary('a AND b').op).toBe('and');
    expect(binary('a Atan2 b').op).toBe('atan2');
  });
});

describe('aggregations', () => {
  const aggregate = (text: string): AggregateExpr => {
    const expr = parseOk(text);
    expect(expr.kind).toBe('AggregateExpr');
    return expr as AggregateExpr;
  };

  it('reads grouping before or after the arguments', () => {
    for (const text of ['sum by (job, instance) (x)', 'sum(x) by (job, instance)', 'sum by(job,instance,)(x)']) {
      expect(aggregate(text)).toMatchObject({
        op: 'sum', grouping: ['job', 'instance'], without: false, explicitGrouping: true,
      });
    }
    expect(aggregate('avg without (pod) (x)')).toMatchObject({ grouping: ['pod'], without: true, explicitGrouping: true });
    expect(aggregate('avg(x) without (pod)')).toMatchObject({ grouping: ['pod'], without: true });
  });

  it('tells an empty grouping from none', () => {
    expect(aggregate('sum by () (x)')).toMatchObject({ grouping: [], without: false, explicitGrouping: true });
    expect(aggregate('sum(x)')).toMatchObject({ grouping: [], without: false, explicitGrouping: false });
  });

  it('reads the parameter of every parametric aggregation', () => {
    expect(aggregate('topk(5, x)').param).toMatchObject({ kind: 'NumberLiteral', value: 5 });
    expect(aggregate('bottomk by (a) (3, x)').param).toMatchObject({ value: 3 });
    expect(aggregate('quantile(0.9, x)').param).toMatchObject({ value: 0.9 });
    expect(aggregate('count_values("version", x)').param).toMatchObject({ kind: 'StringLiteral', value: 'version' });
    expect(aggregate('limitk(2, x)').param).toMatchObject({ value: 2 });
    expect(aggregate('limit_ratio(-0.5, x)').param).toMatchObject({ value: -0.5 });
    expect(aggregate('sum(x)').param).toBeUndefined();
  });

  it('knows every aggregation of the functions table', () => {
    expect(AGGREGATIONS.size).toBeGreaterThanOrEqual(14);
    for (const [op, signature] of AGGREGATIONS) {
      const text = signature.paramType ? `${op}(${signature.paramType === 'string' ? '"l"' : '1'}, x)` : `${op}(x)`;
      expect(aggregate(text).op).toBe(op);
      expect(aggregate(text.toUpperCase().replace('X)', 'x)')).op).toBe(op);
    }
  });

  it('reads any expression as the argument', () => {
    expect(aggregate('sum(rate(x[5m]) * 2)').expr.kind).toBe('BinaryExpr');
  });
});

describe('function calls', () => {
  it('reads calls with any number of arguments', () => {
    expect(parseOk('time()')).toMatchObject({ kind: 'Call', func: 'time', args: [] });
    const call = parseOk('label_replace(up, "dst", "$1", "src", "(.*)")') as Call;
    expect(call.args.map((a) => a.kind)).toEqual(['VectorSelector', 'StringLiteral', 'StringLiteral', 'StringLiteral', 'StringLiteral']);
  });

  it('knows every function of the functions table', () => {
    expect(FUNCTIONS.size).toBeGreaterThan(60);
    for (const name of FUNCTIONS.keys()) {
      expect(parseExpr(`${name}(x)`).problems.map((p) => p.message), name).toEqual([]);
    }
  });

  it('reports an unknown function at its name', () => {
    expect(problemsOf('rate(x[5m]) / frobnicate(y)')).toEqual([['unknown function with name "frobnicate"', 'frobnicate']]);
    expect(problemsOf('RATE(x[5m])')).toEqual([['unknown function with name "RATE"', 'RATE']]);
  });
});

describe('positions', () => {
  it('gives every node the range of its text', () => {
    const text = 'sum by (job) (rate(http{code="500"}[5m] offset 1m)) > bool 0.5';
    const binary = parseOk(text) as BinaryExpr;
    expect(covered(text, binary)).toBe(text);
    const aggregate = binary.lhs as AggregateExpr;
    expect(covered(text, aggregate)).toBe('sum by (job) (rate(http{code="500"}[5m] offset 1m))');
    const call = aggregate.expr as Call;
    expect(covered(text, call)).toBe('rate(http{code="500"}[5m] offset 1m)');
    const matrix = call.args[0] as MatrixSelector;
    expect(covered(text, matrix)).toBe('http{code="500"}[5m] offset 1m');
    expect(covered(text, matrix.selector)).toBe('http{code="500"}');
    expect(covered(text, binary.rhs)).toBe('0.5');
  });

  it('covers trailing grouping, modifiers, signs and parentheses', () => {
    const cases: Array<[string, string]> = [
      ['sum(x) by (job)', 'sum(x) by (job)'],
      ['x offset 5m @ 10', 'x offset 5m @ 10'],
      ['x @ start()', 'x @ start()'],
      ['rate(x[5m])[1h:] offset 1m', 'rate(x[5m])[1h:] offset 1m'],
      ['- 1', '- 1'],
      ['-(x)', '-(x)'],
      ['( x )', '( x )'],
      ['"str"', '"str"'],
      ['{a="b"}', '{a="b"}'],
    ];
    for (const [text, expected] of cases) expect(covered(text, parseOk(text))).toBe(expected);
  });

  it('counts positions in UTF-16 code units', () => {
    const text = '"é😀" + x';
    const binary = parseOk(text) as BinaryExpr;
    expect(binary.rhs.range).toEqual({ start: text.length - 1, end: text.length });
  });
});

describe('parseExprOrThrow', () => {
  it('returns the tree', () => {
    expect(parseExprOrThrow('up == 0').kind).toBe('BinaryExpr');
  });

  it('throws a KlaxonError carrying every problem', () => {
    let thrown: unknown;
    try {
      parseExprOrThrow('frob(x) + ');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KlaxonError);
    expect((thrown as KlaxonError).problems.map((p) => p.message)).toEqual([
      'unknown function with name "frob"',
      'unexpected end of input, expected expression',
    ]);
    expect((thrown as KlaxonError).problems.every((p) => p.source === 'parse')).toBe(true);
  });
});

describe('content assist on the grammar', () => {
  const nextTokens = (text: string): string[] => {
    const suggestions = promqlParser().computeContentAssist(START_RULE, promqlLexer.tokenize(text).tokens);
    return [...new Set(suggestions.map((s) => s.nextTokenType.name))].sort();
  };

  it('says what kind of token may come next', () => {
    expect(nextTokens('sum by (')).toEqual(['LabelName', 'RParen', 'StringLiteral']);
    expect(nextTokens('rate(x[5m]) ')).toEqual(['At', 'BinaryOperator', 'LBracket', 'Offset']);
    expect(nextTokens('foo{a')).toEqual(['MatchOperator']);
    expect(nextTokens('x @ ')).toEqual(['End', 'NumericLiteral', 'Start', 'UnaryOperator']);
    expect(nextTokens('')).toContain('MetricName');
  });
});

describe('the grammar and token definitions', () => {
  // The parser and lexer that parse PromQL skip Chevrotain's checks of their definitions.
  it('pass Chevrotain\'s checks', () => {
    expect(() => new PromQLParser({ validate: true })).not.toThrow();
    expect(newPromqlLexer({ validate: true }).lexerDefinitionErrors).toEqual([]);
  });
});
