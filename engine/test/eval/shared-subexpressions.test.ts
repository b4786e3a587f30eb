import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import type { Expr } from '../../src/promql/ast.js';
import { nodesOf } from '../../src/promql/ast-walk.js';
import { typeOf } from '../../src/promql/types.js';
import { printExpr } from '../../src/promql/printer.js';
import { evaluateRange, evaluateRangeSharing, type RangeSeries } from '../../src/promql/eval/evaluate.js';
import { SharedSubexpressions } from '../../src/promql/eval/shared-subexpressions.js';
import type { QueryBounds } from '../../src/promql/eval/query-context.js';
import type { MemoryStore } from '../../src/series/memory-store.js';
import { FUZZ_END_MS, fuzzStore } from '../fuzz/fuzz-store.js';
import { typedExpression } from '../fuzz/typed-expressions.js';
import { load, MINUTE } from './eval-helpers.js';

/** The printed subexpressions of `texts` that are shared once all are declared. */
function sharedParts(...texts: string[]): string[] {
  const shared = new SharedSubexpressions();
  const exprs = texts.map((text) => parsePromQLOrThrow(text));
  for (const expr of exprs) shared.declare(expr);
  const out = new Set<string>();
  for (const expr of exprs) for (const node of nodesOf(expr)) if (shared.sharedId(node) !== undefined) out.add(printExpr(node));
  return [...out].sort();
}

describe('which subexpressions are shared', () => {
  it('shares a range function written under two thresholds', () => {
    expect(sharedParts('rate(x_total[5m]) > 1', 'rate(x_total[5m]) > 2')).toEqual(['rate(x_total[5m])']);
  });

  it('shares whole expressions, not what only they contain', () => {
    expect(sharedParts('sum by (job) (rate(x_total[5m]))', 'sum by (job) (rate(x_total[5m]))')).toEqual(['sum by (job) (rate(x_total[5m]))']);
  });

  it('also shares the inner part when it is written elsewhere too', () => {
    expect(sharedParts('sum(rate(x_total[5m]))', 'sum(rate(x_total[5m]))', 'max(rate(x_total[5m]))')).toEqual([
      'rate(x_total[5m])',
      'sum(rate(x_total[5m]))',
    ]);
  });

  it('sees through parentheses and ignores positions', () => {
    expect(sharedParts('(rate(x_total[5m])) > 1', '1 < ( ( rate(x_total[5m]) ) )')).toEqual(['rate(x_total[5m])']);
  });

  it('tells apart what differs in any detail', () => {
    expect(sharedParts('rate(x_total[5m])', 'rate(x_total[6m])', 'rate(x_total[5m] offset 1m)', 'irate(x_total[5m])', 'rate(x_total{a="b"}[5m])')).toEqual([]);
    expect(sharedParts('sum by (a) (rate(x[1m]))', 'sum without (a) (rate(x[1m]))')).toEqual(['rate(x[1m])']);
    expect(sharedParts('-0 * rate(x[1m])', '0 * rate(x[1m])')).toEqual(['rate(x[1m])']);
  });

  it('does not share what reads instant selectors, subqueries or @ start()/end()', () => {
    expect(sharedParts('x > 1', 'x > 2')).toEqual([]);
    expect(sharedParts('sum(x)', 'sum(x)')).toEqual([]);
    expect(sharedParts('max_over_time(x[5m:1m])', 'max_over_time(x[5m:1m])')).toEqual([]);
    expect(sharedParts('rate(x[5m] @ start())', 'rate(x[5m] @ start())')).toEqual([]);
    expect(sharedParts('rate(x[5m] @ 100)', 'rate(x[5m] @ 100)')).toEqual(['rate(x[5m] @ 100.000)']);
  });

  it('does not share what is written once', () => {
    expect(sharedParts('rate(x[5m]) + rate(y[5m])')).toEqual([]);
    expect(sharedParts('rate(x[5m]) - rate(x[5m])')).toEqual(['rate(x[5m])']);
  });
});

function rangeText(series: readonly RangeSeries[]): string[] {
  return series.map(({ labels, points }) => `${labels} ${points.map(({ t, v }) => `${Object.is(v, -0) ? '-0' : v}@${t}`).join(' ')}`);
}

function sharing(expr: Expr, store: MemoryStore, bounds: QueryBounds, shared: SharedSubexpressions): RangeSeries[] {
  return evaluateRangeSharing(expr, store, bounds, {}, shared).map(({ labels, ts, vs }) => ({ labels, points: ts.map((t, j) => ({ t, v: vs[j]! })) }));
}

/** What each query gives, as text, or its error. */
function outcome(run: () => RangeSeries[]): string[] {
  try {
    return rangeText(run());
  } catch (e) {
    return [`error: ${(e as Error).message}`];
  }
}

describe('queries that share', () => {
  const store = fuzzStore();

  /** Runs `queries` in order over `batches` with one SharedSubexpressions; each must equal its own range query. */
  function expectSameAsAlone(texts: string[], batches: QueryBounds[]): void {
    const exprs = texts.map((text) => parsePromQLOrThrow(text));
    const shared = new SharedSubexpressions();
    for (const expr of exprs) shared.declare(expr);
    for (const bounds of batches) {
      shared.forgetBefore(bounds.startMs);
      for (const expr of exprs) {
        const alone = outcome(() => evaluateRange(expr, store, bounds.startMs, bounds.endMs, bounds.stepMs).series);
        const taken = outcome(() => sharing(expr, store, bounds, shared));
        expect(taken, `${printExpr(expr)} over ${JSON.stringify(bounds)}`).toEqual(alone);
      }
    }
  }

  /** Vector expressions from the evaluator fuzzer's generator. */
  const vectorExpression = typedExpression.filter((text) => {
    try {
      return typeOf(parsePromQLOrThrow(text)) === 'vector';
    } catch {
      return false;
    }
  });

  /** Expressions that have `a` and `b` in common, in the shapes rules take. */
  function rulesOver(a: string, b: string): string[] {
    return [a, `(${a}) > 0`, `sum by (job) (${a})`, `(${a}) / (${b})`, `-(${b})`, `(${b}) and (${a})`, `count(${a}) > 1`, b];
  }

  it('give what they give alone, for generated expressions', () => {
    const batches: QueryBounds[] = [
      { startMs: 0, endMs: 9 * MINUTE, stepMs: MINUTE },
      { startMs: 10 * MINUTE, endMs: FUZZ_END_MS, stepMs: 30_000 },
      { startMs: 10 * MINUTE, endMs: FUZZ_END_MS, stepMs: 30_000 },
    ];
    fc.assert(
      fc.property(vectorExpression, vectorExpression, (a, b) => expectSameAsAlone(rulesOver(a, b), batches)),
      { seed: 4_242, numRuns: 150 },
    );
  });

  it('give what they give alone for range functions of counters, across many batches', () => {
    const counters = load(
      15_000,
      `req_total{job="a", code="200"} 0+10x100 0+3x200 5 4 3 2 1 0+1x100
       req_total{job="a", code="500"} 0+1x300 _x20 NaN 1+1x50
       req_total{job="b", code="200"} 1e300+1e300x40 -Inf Inf 1x40`,
    );
    const texts = [
      'sum by (job) (rate(req_total[5m])) > 0.1',
      'sum by (job) (rate(req_total[5m])) > 1',
      'predict_linear(req_total[10m], 600) < 1e6',
      'predict_linear(req_total[10m], 600) < 0',
      'rate(req_total[5m]) / deriv(req_total[2m])',
      'deriv(req_total[2m]) > 0',
      'sum by (job) (rate(req_total[5m])) / ignoring (code) group_left rate(req_total[5m])',
    ];
    const shared = new SharedSubexpressions();
    const exprs = texts.map((text) => parsePromQLOrThrow(text));
    for (const expr of exprs) shared.declare(expr);
    let taken = 0;
    for (let startMs = 0; startMs < 160 * MINUTE; startMs += 17 * MINUTE) {
      const bounds = { startMs, endMs: startMs + 16 * MINUTE, stepMs: 20_000 };
      shared.forgetBefore(startMs);
      for (const expr of exprs) {
        const alone = outcome(() => evaluateRange(expr, counters, bounds.startMs, bounds.endMs, bounds.stepMs).series);
        expect(outcome(() => sharing(expr, counters, bounds, shared))).toEqual(alone);
      }
      taken += shared.heldVectors;
    }
    expect(taken).toBeGreaterThan(0);
  });

  it('forgets values before a time', () => {
    const shared = new SharedSubexpressions();
    const exprs: Expr[] = ['rate(x_total[5m]) > 1', 'rate(x_total[5m]) > 2'].map((text) => parsePromQLOrThrow(text));
    for (const expr of exprs) shared.declare(expr);
    const data = load(MINUTE, 'x_total 0+1x30');
    evaluateRangeSharing(exprs[0]!, data, { startMs: 0, endMs: 9 * MINUTE, stepMs: MINUTE }, {}, shared);
    expect(shared.heldVectors).toBe(10);
    shared.forgetBefore(5 * MINUTE);
    expect(shared.heldVectors).toBe(5);
  });
});
