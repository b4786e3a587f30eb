/** Hand-made inputs for calling function implementations directly, without parser or evaluator. */
import { expect } from 'vitest';
import { Labels } from '../../../src/labels/labels.js';
import { FUNCTION_IMPLS } from '../../../src/promql/eval/functions/index.js';
import { Matcher, type MatchType } from '../../../src/labels/matcher.js';
import type { Call, Expr, NumberLiteral, VectorSelector } from '../../../src/promql/ast.js';
import {
  Annotations,
  type FunctionContext,
  type FunctionImpl,
  type InstantVector,
  type RangeVector,
  type Value,
} from '../../../src/promql/eval/values.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** The implementation registered under `name`. */
export function impl(name: string): FunctionImpl {
  const f = FUNCTION_IMPLS[name];
  if (!f) throw new Error(`no implementation for ${name}`);
  return f;
}

/** A stored series: labels plus sorted sample arrays. */
export interface TestSeries {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
}

/** promqltest's `a+bxn`: n+1 values a, a+b, ... */
export function seq(start: number, step: number, times: number): number[] {
  return Array.from({ length: times + 1 }, (_, i) => start + step * i);
}

/** A series with one sample every `intervalMs` from t=0; `null` leaves a gap (promqltest's `_`). */
export function series(labels: Record<string, string>, intervalMs: number, values: (number | null)[]): TestSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    ts.push(i * intervalMs);
    vs.push(v);
  });
  return { labels: Labels.from(labels), ts: Float64Array.from(ts), vs: Float64Array.from(vs) };
}

/** The windows `(end - range, end]` of the given series, as a range selector at `endMs` selects them. */
export function rangeOf(all: TestSeries[], endMs: number, rangeMs: number): Value {
  const startMs = endMs - rangeMs;
  const matrix: RangeVector = {
    rangeStartMs: startMs,
    rangeEndMs: endMs,
    series: all.map((s) => {
      let from = 0;
      while (from < s.ts.length && s.ts[from]! <= startMs) from++;
      let to = from;
      while (to < s.ts.length && s.ts[to]! <= endMs) to++;
      return { labels: s.labels, ts: s.ts, vs: s.vs, from, to };
    }),
  };
  return { type: 'matrix', matrix };
}

/** The latest sample at or before `atMs` of each series (no lookback limit), stamped with its own time. */
export function instantOf(all: TestSeries[], atMs: number): Value {
  const samples: InstantVector = [];
  for (const s of all) {
    let i = s.ts.length - 1;
    while (i >= 0 && s.ts[i]! > atMs) i--;
    if (i >= 0) samples.push({ labels: s.labels, t: s.ts[i]!, v: s.vs[i]! });
  }
  return { type: 'vector', samples };
}

/** An instant vector of `[labels, value, dropName?]` entries. */
export function vec(...entries: [Record<string, string>, number, boolean?][]): Value {
  return {
    type: 'vector',
    samples: entries.map(([labels, v, dropName]) => ({ labels: Labels.from(labels), t: 0, v, dropName })),
  };
}

export function scalar(v: number): Value {
  return { type: 'scalar', t: 0, v };
}

export function str(value: string): Value {
  return { type: 'string', t: 0, value };
}

/** A placeholder argument expression written at offsets [start, end). */
export function argAt(start: number, end: number): NumberLiteral {
  return { kind: 'NumberLiteral', value: 0, range: { start, end } };
}

export function selector(name: string, ...matchers: [string, MatchType, string][]): VectorSelector {
  const all = matchers.map(([n, t, v]) => new Matcher(n, t, v));
  if (name) all.unshift(new Matcher('__name__', '=', name));
  return { kind: 'VectorSelector', name, matchers: all, offsetMs: 0, range: { start: 0, end: 1 } };
}

export function context(evalTimeMs: number, args: Expr[] = [], func = 'f'): FunctionContext {
  const call: Call = { kind: 'Call', func, args, range: { start: 0, end: 100 } };
  return { evalTimeMs, startMs: evalTimeMs, endMs: evalTimeMs, stepMs: 0, call, annotations: new Annotations() };
}

/** The output as `{labels} -> value` pairs, sorted by labels, for order-independent comparison. */
export function byLabels(out: InstantVector): Record<string, number> {
  return Object.fromEntries(out.map((s) => [s.labels.toString(), s.v]));
}

/** Go float64 results within a relative `tolerance`, with NaN, infinities and zero compared exactly. */
export function expectClose(actual: number | undefined, expected: number, tolerance = 1e-9): void {
  expect(actual).toBeTypeOf('number');
  const a = actual!;
  if (Number.isNaN(expected) || !Number.isFinite(expected) || expected === 0) {
    if (expected === 0) expect(Math.abs(a)).toBeLessThan(1e-12);
    else expect(a).toBe(expected);
    return;
  }
  expect(Math.abs(a - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

/** Compares an output to expected `{labels}` -> value pairs (labels as Labels.toString()). */
export function expectValues(out: InstantVector, expected: Record<string, number>): void {
  const actual = byLabels(out);
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) expectClose(actual[key], value);
}

/** The error `run` throws; fails the test when it throws nothing. */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
