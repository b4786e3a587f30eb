import { describe, expect, it } from 'vitest';
import type { BinaryExpr, Expr, NumberLiteral, UnaryExpr } from '../../src/promql/ast.js';
import { checkExpr, checkRangeQueryType, typeOf } from '../../src/promql/checker.js';
import { parsePromQL, parsePromQLOrThrow } from '../../src/promql/analyze.js';
import { KlaxonError, type Problem } from '../../src/errors.js';

/** Parses `text`, which must be free of syntax errors, and returns its type problems. */
function typeProblems(text: string): Problem[] {
  const { expr, problems } = parsePromQL(text);
  expect(expr, text).toBeDefined();
  expect(problems.filter((p) => p.source !== 'type'), text).toEqual([]);
  return problems;
}

/** Error messages, each with the text its range covers. */
function errors(text: string): Array<[string, string]> {
  return typeProblems(text)
    .filter((p) => p.severity === 'error')
    .map((p) => [p.message, text.slice(p.range.start, p.range.end)]);
}

function parsed(text: string): Expr {
  return parsePromQLOrThrow(text);
}

describe('function calls', () => {
  it.each([
    ['rate(foo)', 'expected type range vector in call to function "rate", got instant vector', 'foo'],
    ['floor(1)', 'expected type instant vector in call to function "floor", got scalar', '1'],
    ['round(foo, "x")', 'expected type scalar in call to function "round", got string', '"x"'],
    ['histogram_quantile(foo, bar)', 'expected type scalar in call to function "histogram_quantile", got instant vector', 'foo'],
    ['vector(foo)', 'expected type scalar in call to function "vector", got instant vector', 'foo'],
    ['absent_over_time(foo)', 'expected type range vector in call to function "absent_over_time", got instant vector', 'foo'],
    ['label_replace(foo, "a", "b", "c", 1)', 'expected type string in call to function "label_replace", got scalar', '1'],
    // The repeated last argument of a variadic function is checked too.
    ['label_join(foo, "dst", ",", "a", 1)', 'expected type string in call to function "label_join", got scalar', '1'],
    ['sort_by_label(foo, "a", bar)', 'expected type string in call to function "sort_by_label", got instant vector', 'bar'],
    ['abs(sum_over_time(foo))', 'expected type range vector in call to function "sum_over_time", got instant vector', 'foo'],
  ])('%s', (text, message, at) => {
    expect(errors(text)).toEqual([[message, at]]);
  });

  it.each([
    ['abs(foo, bar)', 'expected 1 argument(s) in call to "abs", got 2'],
    ['floor()', 'expected 1 argument(s) in call to "floor", got 0'],
    ['time(foo)', 'expected 0 argument(s) in call to "time", got 1'],
    ['clamp(foo, 1)', 'expected 3 argument(s) in call to "clamp", got 2'],
    ['hour(foo, foo, foo)', 'expected at most 1 argument(s) in call to "hour", got 3'],
    ['round(foo, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3'],
    ['round()', 'expected at least 1 argument(s) in call to "round", got 0'],
    ['label_join(foo, "a")', 'expected at least 3 argument(s) in call to "label_join", got 2'],
  ])('arity: %s', (text, message) => {
    const found = errors(text);
    expect(found[0]).toEqual([message, text]);
  });

  it('does not type-check the extra arguments of a fixed-arity function', () => {
    expect(errors('floor(foo, 1)')).toEqual([['expected 1 argument(s) in call to "floor", got 2', 'floor(foo, 1)']]);
  });

  it('accepts legal calls', () => {
    for (const text of [
      'hour()',
      'hour(foo)',
      'round(foo)',
      'round(foo, 5)',
      'label_join(foo, "dst", ",")',
      'label_join(foo, "dst", ",", "a", "b", "c")',
      'sort_by_label(foo)',
      'sort_by_label_desc(foo, "a", "b")',
      'pi()',
      'clamp(foo, 0, 1)',
      'info(foo)',
      'rate((foo[5m]))',
    ]) {
      expect(errors(text), text).toEqual([]);
    }
  });
});

describe('info()', () => {
  it('takes a label selector that may match empty labels', () => {
    expect(errors('info(foo, {k8s_cluster_name=~".*"})')).toEqual([]);
    expect(errors('info(foo, {__name__="build_info"})')).toEqual([]);
    expect(errors('info(foo, {"build_info", k=~".+"})')).toEqual([]);
  });

  it('rejects a metric name in the selector', () => {
    expect(errors('info(foo, target_info)')).toEqual([
      ['expected label selectors only, got vector selector instead', 'target_info'],
    ]);
  });

  it('rejects an expression that is not a plain selector', () => {
    expect(errors('info(foo, {a="b"} * 2)')).toEqual([['expected label selectors only, got an expression instead', '{a="b"} * 2']]);
  });

  it('rejects an argument that is not an instant vector', () => {
    expect(errors('info(foo, 1)')).toEqual([['expected type instant vector in call to function "info", got scalar', '1']]);
  });
});

describe('binary operators', () => {
  it('requires bool for comparisons between scalars, pointing at the operator', () => {
    expect(errors('1 == 1')).toEqual([['comparisons between scalars must use BOOL modifier', '==']]);
    expect(errors('time()  >  (2)')).toEqual([['comparisons between scalars must use BOOL modifier', '>']]);
    expect(errors('1 == bool 1')).toEqual([]);
    expect(errors('foo > 1')).toEqual([]);
  });

  it('allows bool only on comparisons', () => {
    expect(errors('foo + bool bar')).toEqual([['bool modifier can only be used on comparison operators', '+ bool']]);
    expect(errors('foo > bool bar')).toEqual([]);
  });

  it('rejects set operators with a scalar side', () => {
    for (const [text, op] of [
      ['1 and 1', 'and'],
      ['foo or 1', 'or'],
      ['1 unless foo', 'unless'],
    ] as const) {
      expect(errors(text), text).toEqual([[`set operator "${op}" not allowed in binary scalar expression`, text]]);
    }
  });

  it('reports every rule a node breaks', () => {
    expect(errors('foo and bool 10').map(([m]) => m)).toEqual([
      'bool modifier can only be used on comparison operators',
      'set operator "and" not allowed in binary scalar expression',
    ]);
  });

  it('allows vector matching only between instant vectors', () => {
    expect(errors('foo == on(bar) 10')).toEqual([['vector matching only allowed between instant vectors', 'foo == on(bar) 10']]);
    expect(errors('1 or on(bar) foo').map(([m]) => m)).toContain('vector matching only allowed between instant vectors');
    // An empty label list does not count as matching.
    expect(errors('foo + ignoring() 1')).toEqual([]);
  });

  it('forbids grouping on set operators', () => {
    expect(errors('foo and on(bar) group_left(baz) bar')).toEqual([
      ['no grouping allowed for "and" operation', 'foo and on(bar) group_left(baz) bar'],
    ]);
    expect(errors('foo unless on(bar) group_right bar').map(([m]) => m)).toEqual(['no grouping allowed for "unless" operation']);
    expect(errors('foo and on(bar) bar')).toEqual([]);
  });

  it('forbids a label in both on() and group_x()', () => {
    const text = 'http_requests + on(instance) group_left(job, instance) cpu_count';
    expect(errors(text)).toEqual([
      ['label "instance" must not occur in ON and GROUP clause at once', '+ on(instance) group_left(job, instance)'],
    ]);
    expect(errors('a + ignoring(instance) group_left(instance) b')).toEqual([]);
  });

  it('takes only scalars and instant vectors as operands', () => {
    expect(errors('foo[5m] + 1')).toEqual([['binary expression must contain only scalar and instant vector types', 'foo[5m]']]);
    expect(errors('1 * "a"')).toEqual([['binary expression must contain only scalar and instant vector types', '"a"']]);
    expect(errors('foo / foo[1m:]')).toEqual([
      ['binary expression must contain only scalar and instant vector types', 'foo[1m:]'],
    ]);
  });
});

describe('aggregations', () => {
  it('aggregate instant vectors only', () => {
    expect(errors('sum(foo[5m])')).toEqual([['expected type instant vector in aggregation expression, got range vector', 'foo[5m]']]);
    expect(errors('avg by (job) (1)')).toEqual([['expected type instant vector in aggregation expression, got scalar', '1']]);
  });

  it('check the parameter type', () => {
    expect(errors('topk(foo, bar)')).toEqual([['expected type scalar in aggregation parameter, got instant vector', 'foo']]);
    expect(errors('quantile("x", foo)')).toEqual([['expected type scalar in aggregation parameter, got string', '"x"']]);
    expect(errors('count_values(5, foo)')).toEqual([['expected type string in aggregation parameter, got scalar', '5']]);
    expect(errors('limit_ratio(foo, bar)')).toEqual([['expected type scalar in aggregation parameter, got instant vector', 'foo']]);
    expect(errors('topk(scalar(foo), bar)')).toEqual([]);
    expect(errors('count_values("value", foo)')).toEqual([]);
  });
});

describe('unary operators and subqueries', () => {
  it('negate only scalars and instant vectors', () => {
    expect(errors('-"string"')).toEqual([
      ['unary expression only allowed on expressions of type scalar or instant vector, got "string"', '-"string"'],
    ]);
    expect(errors('-foo[5m]')).toEqual([
      ['unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', '-foo[5m]'],
    ]);
    expect(errors('-foo')).toEqual([]);
  });

  it('take subqueries of instant vectors only', () => {
    expect(errors('(foo[5m])[10m:]')).toEqual([['subquery is only allowed on instant vector, got matrix instead', '(foo[5m])[10m:]']]);
    expect(errors('(1)[10m:]')).toEqual([['subquery is only allowed on instant vector, got scalar instead', '(1)[10m:]']]);
    expect(errors('max_over_time(rate(foo[1m])[10m:1m])')).toEqual([]);
  });
});

describe('notes and warnings', () => {
  it('notes experimental functions and aggregations at their name', () => {
    const text = 'limitk(2, mad_over_time(foo[5m]))';
    const notes = typeProblems(text).filter((p) => p.severity === 'info');
    expect(notes.map((p) => text.slice(p.range.start, p.range.end))).toEqual(['mad_over_time', 'limitk']);
    expect(notes[0]!.message).toMatch(/^function "mad_over_time" is experimental/);
    expect(parsePromQL(text, { experimental: 'ignore' }).problems).toEqual([]);
  });

  it('warns about literal label_replace and label_join arguments that fail at evaluation', () => {
    const warnings = (text: string) =>
      typeProblems(text)
        .filter((p) => p.severity === 'warning')
        .map((p) => [p.message, text.slice(p.range.start, p.range.end)]);
    expect(warnings('label_replace(foo, "dst", "$1", "src", "(.*")')).toEqual([
      ['invalid regular expression in label_replace(): (.*', '"(.*"'],
    ]);
    expect(warnings('label_replace(foo, "", "$1", "src", "(.*)")')).toEqual([
      ['invalid destination label name in label_replace(): ', '""'],
    ]);
    expect(warnings('label_join(foo, "dst", "-", "a", "")')).toEqual([['invalid source label name in label_join(): ', '""']]);
    expect(warnings('label_replace(foo, "dst", "$1", "src", "(.*)")')).toEqual([]);
  });
});

describe('problems', () => {
  it('are type errors with the range of the node, in tree order', () => {
    const text = 'rate(foo) + abs(foo, 2)';
    const problems = typeProblems(text);
    expect(problems.map((p) => [p.source, p.severity])).toEqual([
      ['type', 'error'],
      ['type', 'error'],
    ]);
    expect(problems.map((p) => text.slice(p.range.start, p.range.end))).toEqual(['foo', 'abs(foo, 2)']);
  });

  it('are not looked for while the text has syntax errors, as in Prometheus', () => {
    const { problems } = parsePromQL('rate(foo) + (');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => p.source === 'type')).toEqual([]);
  });

  it('cover the gap between the operands when checkExpr has no text', () => {
    const text = '1  ==  1';
    expect(checkExpr(parsed('1 == bool 1'))).toEqual([]);
    const tree = parsePromQL(text).expr!;
    expect(checkExpr(tree).map((p) => text.slice(p.range.start, p.range.end))).toEqual(['  ==  ']);
    expect(checkExpr(tree, { text }).map((p) => text.slice(p.range.start, p.range.end))).toEqual(['==']);
  });

  it('are absent from realistic alert expressions', () => {
    for (const text of [
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
      'histogram_quantile(0.99, sum by (le, service) (rate(request_duration_seconds_bucket[5m]))) > 0.5',
      'up == 0',
      'absent(up{job="node"})',
      'predict_linear(node_filesystem_avail_bytes{fstype!="tmpfs"}[6h], 4 * 3600) < 0',
      'increase(kube_pod_container_status_restarts_total[1h]) > 3 and on(pod) kube_pod_status_phase{phase="Running"} == 1',
      'count_values("version", build_info) > 1',
      'label_replace(up, "host", "$1", "instance", "(.*):.*") unless on(host) maintenance',
      'time() - process_start_time_seconds < 300',
      'max_over_time(deriv(rate(foo[1m])[10m:1m])[1h:]) > bool 2',
      'topk(3, sum without (instance) (rate(cpu_seconds_total[5m])))',
      'a * on(instance) group_left(version) b',
      '-(1 + 2) * -vector(3)',
    ]) {
      expect(typeProblems(text).filter((p) => p.severity !== 'info'), text).toEqual([]);
    }
  });
});

describe('typeOf', () => {
  it.each([
    ['1', 'scalar'],
    ['"s"', 'string'],
    ['foo', 'vector'],
    ['foo[5m]', 'matrix'],
    ['rate(foo[5m])[10m:]', 'matrix'],
    ['(foo[5m])', 'matrix'],
    ['-(1)', 'scalar'],
    ['-foo', 'vector'],
    ['1 + 2 * 3', 'scalar'],
    ['1 + foo', 'vector'],
    ['foo + 1', 'vector'],
    ['1 + 2 + 3 + foo', 'vector'],
    ['scalar(foo)', 'scalar'],
    ['time()', 'scalar'],
    ['vector(1)', 'vector'],
    ['sum(foo)', 'vector'],
    ['count_values("x", foo)', 'vector'],
  ])('%s is %s', (text, type) => {
    expect(typeOf(parsed(text))).toBe(type);
  });
});

describe('checkRangeQueryType', () => {
  it('accepts scalars and instant vectors only', () => {
    expect(checkRangeQueryType(parsed('foo'))).toBeUndefined();
    expect(checkRangeQueryType(parsed('1 + 1'))).toBeUndefined();
    expect(checkRangeQueryType(parsed('foo[5m]'))?.message).toBe(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
    expect(checkRangeQueryType(parsed('"x"'))?.message).toBe(
      'invalid expression type "string" for range query, must be Scalar or instant Vector',
    );
  });
});

describe('parsePromQLOrThrow', () => {
  it('returns the tree of a valid expression', () => {
    expect(parsed('rate(foo[5m])').kind).toBe('Call');
    expect(parsed('mad_over_time(foo[5m])').kind).toBe('Call');
  });

  it('throws a KlaxonError carrying the type errors', () => {
    let thrown: unknown;
    try {
      parsed('rate(foo) + abs(1)');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KlaxonError);
    const error = thrown as KlaxonError;
    expect(error.problems.map((p) => p.message)).toEqual([
      'expected type range vector in call to function "rate", got instant vector',
      'expected type instant vector in call to function "abs", got scalar',
    ]);
    expect(error.range).toEqual({ start: 5, end: 8 });
  });

  it('throws on syntax errors', () => {
    expect(() => parsed('sum(')).toThrow(KlaxonError);
  });
});

describe('deep trees', () => {
  const at = { start: 0, end: 1 };
  const one: NumberLiteral = { kind: 'NumberLiteral', value: 1, range: at };

  it('checks long left-nested chains without exhausting the stack', () => {
    let chain: Expr = one;
    for (let i = 0; i < 100_000; i++) {
      const node: BinaryExpr = { kind: 'BinaryExpr', op: '+', lhs: chain, rhs: one, returnBool: false, range: at };
      chain = node;
    }
    expect(checkExpr(chain)).toEqual([]);
    expect(typeOf(chain)).toBe('scalar');
  });

  it('reports, rather than crashes on, trees nested too deeply', () => {
    let nested: Expr = one;
    for (let i = 0; i < 100_000; i++) {
      const node: UnaryExpr = { kind: 'UnaryExpr', op: '-', expr: nested, range: at };
      nested = node;
    }
    expect(checkExpr(nested).map((p) => p.message)).toEqual(['expression is nested too deeply to check']);
  });
});
