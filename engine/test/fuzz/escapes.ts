/**
 * What must never come out of the PromQL front end: an exception other than EvalError, a problem or
 * error whose range lies outside the text, or the message of a safety net (a catch-all that turns an
 * unexpected exception into a problem or an EvalError; each of them hides a crash).
 * Each function returns descriptions of what escaped; an empty list means all is well.
 */
import type { Expr, TextRange } from '../../src/promql/ast.js';
import { parsePromQL } from '../../src/promql/analyze.js';
import { evaluateInstant, evaluateRange, type EvalOptions } from '../../src/promql/eval/evaluate.js';
import { EvalError } from '../../src/promql/eval/values.js';
import { printExpr } from '../../src/promql/printer.js';
import type { SeriesSource } from '../../src/series/source.js';

const SAFETY_NET_PROBLEMS = [/^internal error while parsing/, /^expression is nested too deeply to check$/];
const SAFETY_NET_EVAL_ERRORS = [/^unexpected error/];

export interface Analysis {
  /** The tree, when the text is free of errors. */
  valid?: Expr;
  escapes: string[];
}

/** Parses and type-checks `text`, then prints whatever tree came out. */
export function analyze(text: string): Analysis {
  const escapes: string[] = [];
  let result: ReturnType<typeof parsePromQL>;
  try {
    result = parsePromQL(text);
  } catch (e) {
    return { escapes: [`parsePromQL threw ${describeException(e)}`] };
  }
  for (const p of result.problems) {
    if (!isWithin(p.range, text)) escapes.push(`problem ${JSON.stringify(p.message)} has range ${JSON.stringify(p.range)} outside the text`);
    if (SAFETY_NET_PROBLEMS.some((re) => re.test(p.message))) escapes.push(`safety net reported: ${p.message}`);
  }
  if (result.expr) {
    try {
      printExpr(result.expr);
    } catch (e) {
      escapes.push(`printExpr threw ${describeException(e)}`);
    }
  }
  const valid = result.expr && !result.problems.some((p) => p.severity === 'error') ? result.expr : undefined;
  return valid ? { valid, escapes } : { escapes };
}

export type Query =
  | { kind: 'instant'; timeMs: number; options?: EvalOptions }
  | { kind: 'range'; startMs: number; endMs: number; stepMs: number; options?: EvalOptions };

function describeQuery(q: Query): string {
  const options = q.options ? ` ${JSON.stringify(q.options)}` : '';
  return q.kind === 'instant' ? `instant at ${q.timeMs}${options}` : `range ${q.startMs}..${q.endMs} step ${q.stepMs}${options}`;
}

/** Evaluates `expr` (parsed from `text`) for every query; only EvalErrors with a range in the text may come out. */
export function evaluationEscapes(expr: Expr, text: string, source: SeriesSource, queries: readonly Query[]): string[] {
  const escapes: string[] = [];
  for (const q of queries) {
    try {
      if (q.kind === 'instant') evaluateInstant(expr, source, q.timeMs, q.options);
      else evaluateRange(expr, source, q.startMs, q.endMs, q.stepMs, q.options);
    } catch (e) {
      const problem = evalErrorProblem(e, text);
      if (problem) escapes.push(`${describeQuery(q)}: ${problem}`);
    }
  }
  return escapes;
}

function evalErrorProblem(e: unknown, text: string): string | undefined {
  if (!(e instanceof EvalError)) return `threw ${describeException(e)}`;
  if (SAFETY_NET_EVAL_ERRORS.some((re) => re.test(e.message))) return `safety net reported: ${e.message}`;
  if (!isWithin(e.range, text)) return `EvalError ${JSON.stringify(e.message)} has range ${JSON.stringify(e.range)} outside the text`;
  return undefined;
}

function isWithin(range: TextRange, text: string): boolean {
  const { start, end } = range;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length;
}

function describeException(e: unknown): string {
  if (!(e instanceof Error)) return `a non-error: ${String(e)}`;
  const where = e.stack?.split('\n').find((line) => line.trim().startsWith('at ')) ?? '';
  return `${e.name}: ${e.message} ${where.trim()}`;
}

/** The text shortened for messages: very long inputs are the norm here. */
export function abbreviate(text: string, max = 200): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}... (${text.length} characters)`;
}
