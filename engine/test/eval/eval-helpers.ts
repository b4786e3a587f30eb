/** Small stores and readable results for evaluator tests. */
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import type { Expr } from '../../src/promql/ast.js';
import {
  evaluateInstant,
  evaluateRange,
  type EvalOptions,
  type InstantResult,
  type RangeResult,
} from '../../src/promql/eval/evaluate.js';
import { EvalError, type Value } from '../../src/promql/eval/values.js';
import { MemoryStore } from '../../src/series/memory-store.js';
import { loadSeriesLine, parseSeriesLine } from '../../src/series/notation.js';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** A store loaded like promqltest's `load <interval>`: one series per line, samples from t=0. */
export function load(intervalMs: number, text: string, into = new MemoryStore()): MemoryStore {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    loadSeriesLine(into, parseSeriesLine(line.trim()), 0, intervalMs);
  }
  return into;
}

export function parse(text: string): Expr {
  return parsePromQLOrThrow(text);
}

export function instant(store: MemoryStore, text: string, timeMs: number, opts?: EvalOptions): InstantResult {
  return evaluateInstant(parse(text), store, timeMs, opts);
}

export function range(store: MemoryStore, text: string, startMs: number, endMs: number, stepMs: number, opts?: EvalOptions): RangeResult {
  return evaluateRange(parse(text), store, startMs, endMs, stepMs, opts);
}

/** A value as text lines: `labels value` per sample (in result order), or the scalar/string. */
export function show(value: Value): string[] {
  switch (value.type) {
    case 'scalar':
      return [`scalar ${value.v}`];
    case 'string':
      return [`string ${value.value}`];
    case 'vector':
      return value.samples.map((s) => `${s.labels} ${s.v}`);
    case 'matrix':
      return value.matrix.series.map((w) => {
        const points: string[] = [];
        for (let i = w.from; i < w.to; i++) points.push(`${w.vs[i]}@${w.ts[i]! / 1000}`);
        return `${w.labels} ${points.join(' ')}`;
      });
  }
}

/** The vector result of an instant query as text lines, sorted. */
export function vectorAt(store: MemoryStore, text: string, timeMs: number, opts?: EvalOptions): string[] {
  const { value } = instant(store, text, timeMs, opts);
  if (value.type !== 'vector') throw new Error(`expected a vector, got ${value.type}`);
  return show(value).sort();
}

/** A range result as text lines: `labels v@t v@t ...` (t in seconds). */
export function showRange(result: RangeResult): string[] {
  return result.series.map((s) => `${s.labels} ${s.points.map((p) => `${p.v}@${p.t / 1000}`).join(' ')}`);
}

/** The EvalError that running `body` throws. */
export function evalError(body: () => unknown): EvalError {
  try {
    body();
  } catch (e) {
    if (e instanceof EvalError) return e;
    throw new Error(`expected an EvalError, got ${String(e)}`);
  }
  throw new Error('expected an EvalError, but nothing was thrown');
}
