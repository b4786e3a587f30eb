/**
 * Compares a query result with the expectations of an eval command, with the rules of
 * promqltest: values equal within a relative epsilon, NaN equal to NaN, every result series
 * expected and every expected series present, ordered results compared by position.
 */
import type { Labels } from '../../labels/labels.js';
import { compareLabels } from '../../labels/labels.js';
import { almostEqual as almostEqualWithin } from '../../numbers/almost-equal.js';
import type { SeriesValue } from '../../series/notation.js';
import { formatNumber } from '../../series/notation-format.js';
import type { EvalCommand, ExpectedSeries } from './script.js';

export interface ResultPoint {
  t: number;
  v: number;
}

/** A query result in the shape the comparison needs, whatever evaluator call produced it. */
export type QueryResult =
  | { type: 'vector'; samples: { labels: Labels; v: number }[] }
  | { type: 'scalar'; v: number }
  | { type: 'matrix'; series: { labels: Labels; points: ResultPoint[] }[] }
  | { type: 'string'; value: string };

/** The timestamps a matrix result is compared on: `startMs + i * stepMs` up to `endMs`. */
export interface Grid {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Relative error allowed between an expected and an actual value. */
export const EPSILON = 0.000001;

/** Prometheus's almost.Equal with the test suite's default epsilon. */
export function almostEqual(a: number, b: number, epsilon = EPSILON): boolean {
  return almostEqualWithin(a, b, epsilon);
}

/** Whether an expected value matches an actual one; a staleness marker is never a query result. */
function valueMatches(expected: SeriesValue, actual: number): boolean {
  return typeof expected === 'number' && almostEqual(expected, actual);
}

/**
 * Returns undefined when `result` meets the command's expectations, else what is wrong.
 * `grid` places the values of expected series lines when the result is a matrix.
 */
export function compareResult(command: EvalCommand, result: QueryResult, grid: Grid | undefined): string | undefined {
  switch (result.type) {
    case 'vector':
      return compareVector(command, result.samples);
    case 'scalar':
      return compareScalar(command, result.v);
    case 'matrix':
      return compareMatrix(command, result.series, grid);
    case 'string':
      if (command.expectedString === undefined) return `expected ${describeExpectedKind(command)}, but got the string ${JSON.stringify(result.value)}`;
      if (command.expectedString !== result.value) {
        return `expected the string ${JSON.stringify(command.expectedString)}, but got ${JSON.stringify(result.value)}`;
      }
      return undefined;
  }
}

function describeExpectedKind(command: EvalCommand): string {
  if (command.expectedScalar !== undefined) return 'a scalar';
  if (command.expectedString !== undefined) return 'a string';
  return command.rangeVector || command.query.type === 'range' ? 'a range vector' : 'an instant vector';
}

function compareScalar(command: EvalCommand, actual: number): string | undefined {
  if (command.expectedScalar === undefined) return `expected ${describeExpectedKind(command)}, but got the scalar ${formatNumber(actual)}`;
  if (!almostEqual(command.expectedScalar, actual)) {
    return `expected the scalar ${formatNumber(command.expectedScalar)}, but got ${formatNumber(actual)}`;
  }
  return undefined;
}

function compareVector(command: EvalCommand, samples: { labels: Labels; v: number }[]): string | undefined {
  if (command.expectedScalar !== undefined || command.expectedString !== undefined) {
    return `expected ${describeExpectedKind(command)}, but got an instant vector of ${plural(samples.length, 'sample')}`;
  }
  const expected = expectedByKey(command.expectedSeries);
  const seen = new Set<string>();
  for (let i = 0; i < samples.length; i++) {
    const { labels, v } = samples[i]!;
    const want = expected.get(labels.key());
    if (!want) return `unexpected series ${labels.toString()} with value ${formatNumber(v)} in the result`;
    if (command.ordered && want.position !== i + 1) {
      return `expected ${labels.toString()} at position ${want.position}, but it came at position ${i + 1}`;
    }
    const value = want.values[0];
    if (!valueMatches(value, v)) {
      return `expected ${formatExpectedValue(value)} for ${labels.toString()}, but got ${formatNumber(v)}`;
    }
    seen.add(labels.key());
  }
  const missing = command.expectedSeries.find((s) => !seen.has(s.labels.key()));
  if (missing) return `expected series ${missing.labels.toString()} with value ${formatExpectedValue(missing.values[0])} is missing from the result`;
  return undefined;
}

function compareMatrix(
  command: EvalCommand,
  series: { labels: Labels; points: ResultPoint[] }[],
  grid: Grid | undefined,
): string | undefined {
  if (command.ordered) return 'expected an ordered result, but the query returned a range vector, which is always sorted by labels';
  if (command.expectedScalar !== undefined || command.expectedString !== undefined) {
    return `expected ${describeExpectedKind(command)}, but got a range vector of ${plural(series.length, 'series', 'series')}`;
  }
  const unsorted = sortingProblem(series);
  if (unsorted) return unsorted;
  const expected = expectedByKey(command.expectedSeries);
  const seen = new Set<string>();
  for (const { labels, points } of series) {
    const want = expected.get(labels.key());
    if (!want) return `unexpected series ${labels.toString()} in the result, with ${describePoints(points)}`;
    seen.add(labels.key());
    const problem = comparePoints(want, points, grid);
    if (problem) return `${labels.toString()}: ${problem}`;
  }
  const missing = command.expectedSeries.find((s) => !seen.has(s.labels.key()));
  if (missing) return `expected series ${missing.labels.toString()} is missing from the result`;
  return undefined;
}

function comparePoints(want: ExpectedSeries, points: ResultPoint[], grid: Grid | undefined): string | undefined {
  const expected: { t: number; value: SeriesValue }[] = [];
  for (let i = 0; i < want.values.length; i++) {
    if (!grid) return 'an instant query cannot be compared with several values; add "expect range vector from <start> to <end> step <step>"';
    const t = grid.startMs + i * grid.stepMs;
    if (t > grid.endMs) {
      return `${plural(want.values.length, 'value')} expected, but the query range has only ${plural(Math.floor((grid.endMs - grid.startMs) / grid.stepMs) + 1, 'step')}`;
    }
    if (want.values[i] !== undefined) expected.push({ t, value: want.values[i] });
  }
  if (expected.length !== points.length) {
    return `expected ${plural(expected.length, 'point')}, but got ${describePoints(points)}`;
  }
  for (let i = 0; i < expected.length; i++) {
    const { t, value } = expected[i]!;
    const actual = points[i]!;
    if (actual.t !== t) return `expected point ${i + 1} at t=${t}ms, but it is at t=${actual.t}ms (result has ${describePoints(points)})`;
    if (!valueMatches(value, actual.v)) {
      return `expected ${formatExpectedValue(value)} at t=${t}ms, but got ${formatNumber(actual.v)} (result has ${describePoints(points)})`;
    }
  }
  return undefined;
}

function expectedByKey(series: ExpectedSeries[]): Map<string, ExpectedSeries> {
  return new Map(series.map((s) => [s.labels.key(), s]));
}

/** Range vector results come sorted by labels; says where they do not. */
export function sortingProblem(series: readonly { labels: Labels }[]): string | undefined {
  for (let i = 0; i + 1 < series.length; i++) {
    const [a, b] = [series[i]!.labels, series[i + 1]!.labels];
    if (compareLabels(a, b) > 0) return `range vector results must be sorted by labels, but ${b.toString()} comes after ${a.toString()}`;
  }
  return undefined;
}

function describePoints(points: ResultPoint[]): string {
  return `${plural(points.length, 'point')} [${points.map((p) => `${formatNumber(p.v)} @${p.t}`).join(', ')}]`;
}

export function formatExpectedValue(value: SeriesValue): string {
  if (value === undefined) return 'no value (_)';
  return value === 'stale' ? 'stale' : formatNumber(value);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
