/**
 * Why a promqltest case is skipped rather than run. There are exactly two reasons:
 *
 * - native histograms: the case expects native histogram values (`{{...}}`), or may read
 *   native histogram samples loaded with `{{...}}` or derived by `load_with_nhcb`;
 * - experimental features: the case uses what Prometheus v3.5.0 puts behind a feature flag
 *   (the functions and aggregations marked experimental in the function table, and duration
 *   expressions such as `[5m+1m]`), and the runner was asked to skip those, or the engine
 *   lacks the feature.
 */
import type { Problem } from '../../errors.js';
import type { Labels } from '../../labels/labels.js';
import type { Expr } from '../../promql/ast.js';
import { FUNCTION_IMPLS } from '../../promql/eval/functions/index.js';
import { lookupAggregation, lookupFunction } from '../../promql/functions.js';
import { nodesOf } from '../../promql/ast-walk.js';
import { selectorWindows, type Interval } from './read-windows.js';

export type SkipReason = 'native-histograms' | 'experimental';

export const SKIP_REASON_TEXT: Readonly<Record<SkipReason, string>> = {
  'native-histograms': 'native histograms',
  experimental: 'experimental features',
};

export interface Skip {
  reason: SkipReason;
  /** What in the case triggered it, e.g. `limitk` or the series it selects. */
  detail: string;
}

/** A series Prometheus would hold native histogram samples for, at these times. */
export interface NativeHistogramSeries {
  labels: Labels;
  times: readonly number[];
}

/**
 * Skips a case whose expression may read a native histogram sample: a selector that matches a
 * series with histogram samples inside the window the selector reads.
 */
export function nativeHistogramSkip(
  expr: Expr | undefined,
  histogramSeries: readonly NativeHistogramSeries[],
  evalTimes: Interval,
  lookbackMs: number,
): Skip | undefined {
  if (!expr || histogramSeries.length === 0) return undefined;
  for (const { selector, window } of selectorWindows(expr, evalTimes, lookbackMs)) {
    const hit = histogramSeries.find(
      (s) => selector.matchers.every((m) => m.matches(s.labels.get(m.name))) && s.times.some((t) => t >= window.from && t <= window.to),
    );
    if (hit) return { reason: 'native-histograms', detail: `reads ${hit.labels.toString()}, which holds native histogram samples` };
  }
  return undefined;
}

/**
 * Skips a case that uses an experimental feature when asked to skip them all, or when Klaxon
 * lacks that feature (a function without an implementation, a duration expression that does
 * not parse).
 */
export function experimentalSkip(
  text: string,
  expr: Expr | undefined,
  parseError: Problem | undefined,
  options: { skipExperimental?: boolean },
): Skip | undefined {
  const features = expr ? experimentalFeaturesIn(expr) : [];
  if (usesDurationExpression(text)) features.push({ name: 'duration expressions', supported: parseError === undefined });
  const names = (list: ExperimentalFeature[]) => list.map((f) => f.name).join(', ');
  const unsupported = features.filter((f) => !f.supported);
  if (unsupported.length > 0) return { reason: 'experimental', detail: `uses ${names(unsupported)}, not supported by Klaxon` };
  if (options.skipExperimental && features.length > 0) return { reason: 'experimental', detail: `uses ${names(features)}` };
  return undefined;
}

export interface ExperimentalFeature {
  /** `limitk`, `sort_by_label()`, `duration expressions`. */
  name: string;
  /** Whether Klaxon's evaluator implements it. */
  supported: boolean;
}

/** The experimental functions and aggregations `expr` uses, in order of appearance. */
export function experimentalFeaturesIn(expr: Expr): ExperimentalFeature[] {
  const found = new Map<string, ExperimentalFeature>();
  for (const node of nodesOf(expr)) {
    if (node.kind === 'Call' && lookupFunction(node.func)?.experimental) {
      found.set(node.func, { name: `${node.func}()`, supported: node.func in FUNCTION_IMPLS });
    }
    if (node.kind === 'AggregateExpr' && lookupAggregation(node.op)?.experimental) {
      found.set(node.op, { name: node.op, supported: true });
    }
  }
  return [...found.values()];
}

/**
 * True when the expression text uses a duration expression: arithmetic or parentheses inside
 * `[...]` (as in `[5m+1m]` or `[1h:(30s*2)]`), or a parenthesised offset (`offset (1m*2)`).
 */
export function usesDurationExpression(text: string): boolean {
  for (const { kind, body } of bracketsAndOffsets(text)) {
    if (kind === 'offset' && /^-?\s*\(/.test(body)) return true;
    if (kind === 'brackets' && body.split(':').some((part) => /[-+*/%^()]/.test(part.trim().replace(/^-/, '')))) return true;
  }
  return false;
}

/** The insides of `[...]` and the text after each `offset` keyword, outside string literals. */
function* bracketsAndOffsets(text: string): Generator<{ kind: 'brackets' | 'offset'; body: string }> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = endOfString(text, i);
    } else if (ch === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) return;
      yield { kind: 'brackets', body: text.slice(i + 1, close) };
      i = close + 1;
    } else if (/[a-zA-Z_]/.test(ch)) {
      const word = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text.slice(i))![0];
      i += word.length;
      if (word.toLowerCase() === 'offset') yield { kind: 'offset', body: text.slice(i).trimStart() };
    } else {
      i++;
    }
  }
}

/** Index just past the string literal opening at `open`. */
function endOfString(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}
