/**
 * Runs a parsed promqltest script against the in-memory store and the evaluator. Each eval
 * command is one case; an instant eval also runs, as Prometheus does, with every selector pinned
 * by `@` at other evaluation times, and in range mode around its time.
 */
import type { Labels } from '../../labels/labels.js';
import { parsePromQL } from '../../promql/analyze.js';
import type { Expr } from '../../promql/ast.js';
import { formatDurationMs } from '../../promql/duration.js';
import { evaluateInstant, evaluateRange, type EvalOptions } from '../../promql/eval/evaluate.js';
import { EvalError, type Annotation, type Value } from '../../promql/eval/values.js';
import { MemoryStore } from '../../series/memory-store.js';
import { loadSeriesLine } from '../../series/notation.js';
import { pinnedVariants } from './at-variants.js';
import type { Interval } from './read-windows.js';
import { compareResult, sortingProblem, type Grid, type QueryResult } from './compare.js';
import { checkAnnotations, checkFailure } from './expectations.js';
import type { EvalCommand, LoadCommand, Script, ScriptError, SeriesDefinition } from './script.js';
import { experimentalSkip, nativeHistogramSkip, type NativeHistogramSeries, type Skip } from './skip.js';

/** The evaluator calls the runner makes; tests substitute their own. */
export interface QueryEngine {
  evaluateInstant: typeof evaluateInstant;
  evaluateRange: typeof evaluateRange;
}

const EVALUATOR: QueryEngine = { evaluateInstant, evaluateRange };

export interface RunOptions {
  /** The engine under test; Klaxon's evaluator by default. */
  engine?: QueryEngine;
  /** Skip cases using features Prometheus marks experimental, even those Klaxon supports. */
  skipExperimental?: boolean;
  /** Runs only the eval cases this accepts; the others are not counted. */
  select?: (evalCase: { file: string; line: number; expr: string }) => boolean;
  /** Evaluator settings; the defaults are those of Prometheus's promqltest engine. */
  evalOptions?: EvalOptions;
}

/** Prometheus's test engine: 5m lookback, at most 10000 samples, 1m default subquery step. */
export const PROMQLTEST_EVAL_OPTIONS: Readonly<EvalOptions> = {
  lookbackDeltaMs: 300_000,
  maxSamples: 10_000,
  defaultSubqueryStepMs: 60_000,
};

/** promqltest re-runs an instant query as a range query from a minute before to a minute after. */
const RANGE_MODE_MARGIN_MS = 60_000;

export type CaseResult = {
  file: string;
  line: number;
  column: number;
  /** The eval header's query description, e.g. `instant at 5m` (empty for script errors). */
  query: string;
  expr: string;
  /** The eval command of the case; absent for mistakes in the script outside eval commands. */
  command?: EvalCommand;
} & (
  | { status: 'passed' }
  | { status: 'failed'; message: string; got?: QueryResult }
  | { status: 'skipped'; skip: Skip }
);

export interface FileResult {
  file: string;
  cases: CaseResult[];
}

/** State that `load` builds and `clear` resets. */
class TestStorage {
  store = new MemoryStore();
  /** Where Prometheus would hold native histogram samples, which Klaxon does not load. */
  nativeHistogramSeries: NativeHistogramSeries[] = [];

  clear(): void {
    this.store = new MemoryStore();
    this.nativeHistogramSeries = [];
  }

  /** Loads the float values; a later line for the same series replaces an earlier one, as in Prometheus. */
  load(command: LoadCommand): void {
    const latest = new Map<string, SeriesDefinition>();
    for (const series of command.series) latest.set(series.labels.key(), series);
    const timeOf = (index: number) => index * command.intervalMs;
    for (const { labels, values, histogramIndexes } of latest.values()) {
      loadSeriesLine(this.store, { labels, values }, 0, command.intervalMs);
      if (histogramIndexes) this.nativeHistogramSeries.push({ labels, times: histogramIndexes.map(timeOf) });
      const converted = command.withNhcb ? customBucketsHistogramOf(labels) : undefined;
      if (converted) {
        const times = values.flatMap((v, i) => (v === undefined ? [] : [timeOf(i)]));
        this.nativeHistogramSeries.push({ labels: converted, times });
      }
    }
  }
}

/** The native histogram `load_with_nhcb` derives from a classic histogram series, if it is one. */
function customBucketsHistogramOf(labels: Labels): Labels | undefined {
  const name = labels.get('__name__');
  const suffix = ['_bucket', '_sum', '_count'].find((s) => name.endsWith(s));
  if (!suffix) return undefined;
  return labels.with('__name__', name.slice(0, -suffix.length)).without(['le']);
}

export function runScript(file: string, script: Script, options: RunOptions = {}): FileResult {
  const storage = new TestStorage();
  const cases: CaseResult[] = script.errors.map((e) => scriptErrorCase(file, e));
  for (const command of script.commands) {
    if (command.kind === 'clear') storage.clear();
    else if (command.kind === 'load') storage.load(command);
    else if (options.select?.({ file, line: command.line, expr: command.expr }) ?? true) {
      cases.push(runEval(file, command, storage, options));
    }
  }
  cases.sort((a, b) => a.line - b.line);
  return { file, cases };
}

function scriptErrorCase(file: string, error: ScriptError): CaseResult {
  return { file, line: error.line, column: error.column, query: '', expr: '', status: 'failed', message: error.message };
}

function runEval(file: string, command: EvalCommand, storage: TestStorage, options: RunOptions): CaseResult {
  const base = { file, line: command.line, column: command.exprColumn, query: describeQuery(command), expr: command.expr, command };
  const firstError = command.errors[0];
  if (firstError) return { ...base, line: firstError.line, column: firstError.column, status: 'failed', message: firstError.message };
  if (command.expectsNativeHistograms) {
    return { ...base, status: 'skipped', skip: { reason: 'native-histograms', detail: 'expects native histogram values' } };
  }
  const { expr, problems } = parsePromQL(command.expr, { experimental: 'ignore' });
  const parseError = problems.find((p) => p.severity === 'error');
  const evalOptions = { ...PROMQLTEST_EVAL_OPTIONS, ...options.evalOptions };
  const skip =
    nativeHistogramSkip(expr, storage.nativeHistogramSeries, evaluationTimes(command), evalOptions.lookbackDeltaMs ?? 0) ??
    experimentalSkip(command.expr, expr, parseError, options);
  if (skip) return { ...base, status: 'skipped', skip };
  if (parseError || !expr) {
    const message = parseError ? `${parseError.message} (at column ${command.exprColumn + parseError.range.start})` : 'no expression';
    const failure = command.fail ? checkFailure(command, parseError?.message ?? message) : `the expression does not parse: ${message}`;
    return failure ? { ...base, status: 'failed', message: failure } : { ...base, status: 'passed' };
  }
  const env: QueryEnv = { engine: options.engine ?? EVALUATOR, store: storage.store, evalOptions };
  const outcome =
    command.query.type === 'range'
      ? runRange(command, expr, command.query, env)
      : runInstantWithVariants(command, expr, command.query.timeMs, env);
  return outcome ? { ...base, status: 'failed', ...outcome } : { ...base, status: 'passed' };
}

/**
 * The evaluation times whose results a case compares: its range, or its instant (the range-mode
 * check compares only the step at that instant, and the @-pinned variants read what it reads).
 */
function evaluationTimes(command: EvalCommand): Interval {
  if (command.query.type === 'range') return { from: command.query.startMs, to: command.query.endMs };
  const t = command.rangeVector?.endMs ?? command.query.timeMs;
  return { from: t, to: t };
}

function describeQuery(command: EvalCommand): string {
  const q = command.query;
  if (q.type === 'instant') return `instant at ${formatDurationMs(q.timeMs)}`;
  return `range from ${formatDurationMs(q.startMs)} to ${formatDurationMs(q.endMs)} step ${formatDurationMs(q.stepMs)}`;
}

/** What every query of a run needs besides the expression. */
interface QueryEnv {
  engine: QueryEngine;
  store: MemoryStore;
  evalOptions: EvalOptions;
}

interface Failure {
  message: string;
  got?: QueryResult;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; message: string; crashed: boolean };

/**
 * Runs `evaluate`, catching what it throws. An EvalError is a query error a case may expect;
 * anything else, and the evaluator's own `unexpected error:` wrapping, is an engine crash.
 */
function attempt<T>(evaluate: () => T): Attempt<T> {
  try {
    return { ok: true, value: evaluate() };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const crashed = !(e instanceof EvalError) || message.startsWith('unexpected error:');
    return { ok: false, message, crashed };
  }
}

type Evaluation = Attempt<{ result: QueryResult; annotations: readonly Annotation[] }>;

/** Checks what every query of a case must meet: the failure expectation, annotations, the result. */
function judge(command: EvalCommand, evaluation: Evaluation, grid: Grid | undefined): Failure | undefined {
  if (!evaluation.ok) {
    if (evaluation.crashed) return { message: `the engine crashed: ${evaluation.message}` };
    const message = checkFailure(command, evaluation.message);
    return message ? { message } : undefined;
  }
  const { result, annotations } = evaluation.value;
  if (command.fail) return { message: 'expected the query to fail, but it succeeded', got: result };
  const message = checkAnnotations(command, annotations) ?? compareResult(command, result, grid);
  return message ? { message, got: result } : undefined;
}

function runRange(command: EvalCommand, expr: Expr, grid: Grid, env: QueryEnv): Failure | undefined {
  const evaluation = attempt(() => {
    const { series, annotations } = env.engine.evaluateRange(expr, env.store, grid.startMs, grid.endMs, grid.stepMs, env.evalOptions);
    return { result: { type: 'matrix', series } as const, annotations };
  });
  return judge(command, evaluation, grid);
}

function runInstantWithVariants(command: EvalCommand, expr: Expr, timeMs: number, env: QueryEnv): Failure | undefined {
  const evalMs = command.rangeVector?.endMs ?? timeMs;
  const failure = runInstant(command, expr, evalMs, env);
  if (failure) return failure;
  for (const variant of pinnedVariants(expr, evalMs)) {
    const variantFailure = runInstant(command, variant.expr, variant.evalMs, env);
    if (variantFailure) {
      const how = `with every selector pinned by @ ${variant.pinnedMs / 1000} and evaluated at ${variant.evalMs}ms`;
      return { ...variantFailure, message: `${variantFailure.message} (${how})` };
    }
  }
  return undefined;
}

/** One instant query, then the same expression as a range query around it, as promqltest checks. */
function runInstant(command: EvalCommand, expr: Expr, evalMs: number, env: QueryEnv): Failure | undefined {
  const evaluation = attempt(() => {
    const { value, annotations } = env.engine.evaluateInstant(expr, env.store, evalMs, env.evalOptions);
    return { result: queryResultOf(value), annotations };
  });
  const failure = judge(command, evaluation, command.rangeVector);
  if (failure || !evaluation.ok || command.rangeVector || command.expectedString !== undefined) return failure;
  return checkRangeMode(command, expr, evalMs, evaluation.value.result, env);
}

/**
 * The range query from a minute before to a minute after `evalMs` must succeed, be sorted, and
 * at `evalMs` give what the instant query gave (unless the order of the result was expected).
 */
function checkRangeMode(command: EvalCommand, expr: Expr, evalMs: number, instant: QueryResult, env: QueryEnv): Failure | undefined {
  const [from, to, step] = [evalMs - RANGE_MODE_MARGIN_MS, evalMs + RANGE_MODE_MARGIN_MS, RANGE_MODE_MARGIN_MS];
  const ranged = attempt(() => env.engine.evaluateRange(expr, env.store, from, to, step, env.evalOptions).series);
  if (!ranged.ok) {
    return { message: `the same query in range mode ${ranged.crashed ? 'crashed the engine' : 'failed'}: ${ranged.message}` };
  }
  if (command.ordered) return undefined;
  const matrix: QueryResult = { type: 'matrix', series: ranged.value };
  const unsorted = sortingProblem(ranged.value);
  if (unsorted) return { message: `in range mode: ${unsorted}`, got: matrix };
  const atEvalTime = middleStep(ranged.value, evalMs);
  if (instant.type === 'scalar' && atEvalTime.length === 0) {
    return { message: `the same query in range mode returned no value at ${evalMs}ms`, got: matrix };
  }
  const asInstant: QueryResult =
    instant.type === 'scalar' ? { type: 'scalar', v: atEvalTime[0]!.v } : { type: 'vector', samples: atEvalTime };
  const message = compareResult(command, asInstant, undefined);
  return message ? { message: `in range mode: ${message}`, got: asInstant } : undefined;
}

function middleStep(series: { labels: Labels; points: { t: number; v: number }[] }[], t: number) {
  const samples: { labels: Labels; v: number }[] = [];
  for (const s of series) {
    const point = s.points.find((p) => p.t === t);
    if (point) samples.push({ labels: s.labels, v: point.v });
  }
  return samples;
}

function queryResultOf(value: Value): QueryResult {
  switch (value.type) {
    case 'vector':
      return { type: 'vector', samples: value.samples.map((s) => ({ labels: s.labels, v: s.v })) };
    case 'scalar':
      return { type: 'scalar', v: value.v };
    case 'string':
      return { type: 'string', value: value.value };
    case 'matrix':
      return {
        type: 'matrix',
        series: value.matrix.series.map((w) => {
          const points: { t: number; v: number }[] = [];
          for (let i = w.from; i < w.to; i++) points.push({ t: w.ts[i]!, v: w.vs[i]! });
          return { labels: w.labels, points };
        }),
      };
  }
}
