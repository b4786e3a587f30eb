import { describe, expect, it } from 'vitest';
import { mayHaveLabel, outputLabels } from '../../src/check/analysis/output-labels.js';
import { valueRange } from '../../src/check/analysis/value-range.js';
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import type { Expr } from '../../src/promql/ast.js';
import { foldTree } from '../../src/check/rule-nodes.js';

const labels = (expr: string, names: string[]) => {
  const set = outputLabels(parsePromQLOrThrow(expr));
  return Object.fromEntries(names.map((n) => [n, mayHaveLabel(set, n)]));
};

describe('outputLabels', () => {
  it('keeps any label of a selector and only the grouping labels of an aggregation', () => {
    expect(labels('x', ['job', 'anything'])).toEqual({ job: true, anything: true });
    expect(labels('sum by (job) (x)', ['job', 'instance'])).toEqual({ job: true, instance: false });
    expect(labels('sum(x)', ['job'])).toEqual({ job: false });
    expect(labels('topk(3, sum by (job) (x))', ['job', 'pod'])).toEqual({ job: true, pod: false });
    expect(labels('count_values("v", x)', ['v', 'job'])).toEqual({ v: true, job: false });
  });

  it('narrows by both sides of nested aggregations and by histogram_quantile', () => {
    expect(labels('max by (job) (sum by (job, pod) (x))', ['job', 'pod'])).toEqual({ job: true, pod: false });
    expect(labels('sum by (pod) (sum by (job) (x))', ['pod', 'job'])).toEqual({ pod: false, job: false });
    expect(labels('histogram_quantile(0.9, rate(x_bucket[5m]))', ['le', 'job'])).toEqual({ le: false, job: true });
  });

  it('follows vector matching', () => {
    expect(labels('a / on (job) b', ['job', 'pod'])).toEqual({ job: true, pod: false });
    expect(labels('a / ignoring (pod) b', ['job', 'pod'])).toEqual({ job: true, pod: false });
    expect(labels('sum by (job) (a) * on (job) group_right (team) b', ['team', 'pod'])).toEqual({ team: true, pod: true });
    expect(labels('sum by (job) (a) and b', ['job', 'pod'])).toEqual({ job: true, pod: false });
    expect(labels('sum by (job) (a) or sum by (pod) (b)', ['job', 'pod', 'x'])).toEqual({ job: true, pod: true, x: false });
    expect(labels('2 * sum by (job) (a)', ['job', 'pod'])).toEqual({ job: true, pod: false });
  });
});

describe('valueRange', () => {
  const range = (expr: string) => valueRange(parsePromQLOrThrow(expr));

  it('knows the ranges of counting and rate functions, clamps and bool comparisons', () => {
    expect(range('count(x)')).toEqual({ min: 1, max: Infinity });
    expect(range('rate(x[5m])')).toEqual({ min: 0, max: Infinity });
    expect(range('absent(x)')).toEqual({ min: 1, max: 1 });
    expect(range('clamp(x, -1, 5)')).toEqual({ min: -1, max: 5 });
    expect(range('x > bool 3')).toEqual({ min: 0, max: 1 });
    expect(range('x')).toEqual({ min: -Infinity, max: Infinity });
  });

  it('combines ranges through arithmetic', () => {
    expect(range('100 * (1 - clamp(x, 0, 1))')).toEqual({ min: 0, max: 100 });
    expect(range('-abs(x)')).toEqual({ min: -Infinity, max: 0 });
    expect(range('sum(rate(x[5m])) / 60')).toEqual({ min: 0, max: Infinity });
    expect(range('rate(x[5m]) / rate(y[5m])')).toEqual({ min: -Infinity, max: Infinity });
  });
});

describe('foldTree', () => {
  /** Each node's value: its kind with its children's values in parentheses, as foldTree hands them over. */
  const written = (expr: string) =>
    foldTree<string>(parsePromQLOrThrow(expr), (node: Expr, children) => (children.length === 0 ? node.kind : `${node.kind}(${children.join(', ')})`));

  it('hands a node the values of its children in source order', () => {
    expect(written('a - b')).toBe('BinaryExpr(VectorSelector, VectorSelector)');
    expect(written('topk(3, x)')).toBe('AggregateExpr(NumberLiteral, VectorSelector)');
    expect(written('clamp(rate(x[5m]), 0, (1))')).toBe('Call(Call(MatrixSelector(VectorSelector)), NumberLiteral, ParenExpr(NumberLiteral))');
    expect(written('-max_over_time(x[1h:5m]) > bool 2 * label_join(y, "a", ",", "b")')).toBe(
      'BinaryExpr(UnaryExpr(Call(SubqueryExpr(VectorSelector))), BinaryExpr(NumberLiteral, Call(VectorSelector, StringLiteral, StringLiteral, StringLiteral)))',
    );
  });

  it('folds another tree inside a fold, keeping the values of the outer children', () => {
    const inner = parsePromQLOrThrow('y / z');
    const outer = foldTree<string>(parsePromQLOrThrow('a - b'), (node, children) => {
      const innerValue = foldTree<string>(inner, (n, c) => (n.kind === 'VectorSelector' ? n.name : c.join('/')));
      return node.kind === 'VectorSelector' ? `${node.name}(${innerValue})` : children.join(' - ');
    });
    expect(outer).toBe('a(y/z) - b(y/z)');
    expect(written('a - b')).toBe('BinaryExpr(VectorSelector, VectorSelector)');
  });

  it('gives the same values as a recursive fold on long chains, without recursion', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `x${i}`).join(' + ');
    expect(foldTree<number>(parsePromQLOrThrow(chain), (node, children) => (node.kind === 'VectorSelector' ? 1 : children.reduce((a, b) => a + b, 0)))).toBe(20_000);
  });
});
