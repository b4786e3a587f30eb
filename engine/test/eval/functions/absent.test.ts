import { describe, expect, it } from 'vitest';
import type { Expr } from '../../../src/promql/ast.js';
import { absentLabels } from '../../../src/promql/eval/functions/absent.js';
import { context, impl, MINUTE, rangeOf, selector, series, vec } from './helpers.js';

describe('absentLabels', () => {
  it('keeps labels pinned by equality matchers, never the metric name', () => {
    const e = selector('nonexistent', ['job', '=', 'testjob'], ['instance', '=', 'testinstance'], ['method', '=~', '.x']);
    expect(absentLabels(e).toString()).toBe('{instance="testinstance", job="testjob"}');
  });

  it.each([
    [[['job', '=', 'testjob'], ['job', '=', 'testjob2'], ['foo', '=', 'bar']], '{foo="bar"}'],
    [[['job', '=', 'testjob'], ['job', '=', 'testjob2'], ['job', '=', 'three'], ['foo', '=', 'bar']], '{foo="bar"}'],
    [[['job', '=', 'testjob'], ['job', '=~', 'testjob2'], ['foo', '=', 'bar']], '{foo="bar"}'],
    [[['job', '=~', 'x'], ['job', '=', 'a']], '{job="a"}'],
    [[['handler', '!=', '/foo']], '{}'],
    [[['job', '=', '']], '{}'],
  ] as const)('drops labels matched more than once: %j', (matchers, expected) => {
    expect(absentLabels(selector('x', ...(matchers as unknown as [string, '=', string][]))).toString()).toBe(expected);
  });

  it('looks through parentheses and into range selectors, and nowhere else', () => {
    const vs = selector('x', ['a', '=', '1']);
    const paren: Expr = { kind: 'ParenExpr', expr: { kind: 'ParenExpr', expr: vs, range: vs.range }, range: vs.range };
    expect(absentLabels(paren).toString()).toBe('{a="1"}');
    const matrix: Expr = { kind: 'MatrixSelector', selector: vs, rangeMs: 60000, range: vs.range };
    expect(absentLabels(matrix).toString()).toBe('{a="1"}');
    const aggregate: Expr = {
      kind: 'AggregateExpr',
      op: 'sum',
      expr: vs,
      grouping: [],
      without: false,
      explicitGrouping: false,
      range: vs.range,
    };
    expect(absentLabels(aggregate).size).toBe(0);
  });
});

describe('absent', () => {
  const arg = selector('nonexistent', ['job', '=', 'testjob']);

  it('returns 1 with the pinned labels for an empty vector', () => {
    const out = impl('absent')([vec()], context(50 * MINUTE, [arg]));
    expect(out.map((s) => [s.labels.toString(), s.v, s.t])).toEqual([['{job="testjob"}', 1, 50 * MINUTE]]);
  });

  it('returns nothing when the vector has samples', () => {
    expect(impl('absent')([vec([{ job: 'testjob' }, 0])], context(0, [arg]))).toEqual([]);
  });
});

describe('absent_over_time', () => {
  const arg = selector('http_requests_total', ['handler', '=', '/foo']);
  const s = [series({ __name__: 'http_requests_total', handler: '/foo' }, MINUTE, [1, 2, 3])];

  it('returns 1 when no window has samples', () => {
    const out = impl('absent_over_time')([rangeOf(s, 10 * MINUTE, 5 * MINUTE)], context(10 * MINUTE, [arg]));
    expect(out.map((x) => [x.labels.toString(), x.v])).toEqual([['{handler="/foo"}', 1]]);
    expect(impl('absent_over_time')([rangeOf([], 0, 5 * MINUTE)], context(0, [arg]))).toHaveLength(1);
  });

  it('returns nothing when some window has samples', () => {
    expect(impl('absent_over_time')([rangeOf(s, 5 * MINUTE, 5 * MINUTE)], context(5 * MINUTE, [arg]))).toEqual([]);
  });
});
