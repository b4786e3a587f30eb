/**
 * Human-readable results of promqltest runs: each failure with its place, expression, and what
 * was expected against what the engine returned; per file and in total the closing line
 * `N passed, N failed` (`, N skipped` when some were), with the skipped cases counted by reason.
 */
import { formatNumber, formatSeriesLine } from '../../series/notation-format.js';
import type { SeriesValue } from '../../series/notation.js';
import type { Grid, QueryResult } from './compare.js';
import { describeMatcher } from './expectations.js';
import type { CaseResult, FileResult } from './run.js';
import type { EvalCommand } from './script.js';
import { SKIP_REASON_TEXT, type SkipReason } from './skip.js';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  skippedByReason: Record<SkipReason, number>;
}

export function tally(cases: readonly CaseResult[]): Tally {
  const t: Tally = { passed: 0, failed: 0, skipped: 0, skippedByReason: { 'native-histograms': 0, experimental: 0 } };
  for (const c of cases) {
    t[c.status]++;
    if (c.status === 'skipped') t.skippedByReason[c.skip.reason]++;
  }
  return t;
}

/** Exactly `N passed, N failed`, and `, N skipped` when some were. */
export function formatTally(t: Tally): string {
  const skipped = t.skipped > 0 ? `, ${t.skipped} skipped` : '';
  return `${t.passed} passed, ${t.failed} failed${skipped}`;
}

/** `skipped: 12 native histograms, 3 experimental features`, or undefined when nothing was skipped. */
export function formatSkipReasons(t: Tally): string | undefined {
  const parts = (Object.keys(t.skippedByReason) as SkipReason[])
    .filter((reason) => t.skippedByReason[reason] > 0)
    .map((reason) => `${t.skippedByReason[reason]} ${SKIP_REASON_TEXT[reason]}`);
  return parts.length > 0 ? `skipped: ${parts.join(', ')}` : undefined;
}

export interface ReportOptions {
  /** Also list every skipped case with its reason. */
  listSkipped?: boolean;
}

/**
 * One section per file (a `== FILE` header, its failures, then its tally) and, for several
 * files, a total section. Every section closes with its tally line (see formatTally).
 */
export function formatReport(files: readonly FileResult[], options: ReportOptions = {}): string {
  const out: string[] = [];
  for (const file of files) {
    out.push(`== ${file.file}`);
    for (const c of file.cases) {
      if (c.status === 'failed') out.push(formatFailure(c), '');
      else if (c.status === 'skipped' && options.listSkipped) out.push(`SKIP ${place(c)}: ${c.expr} (${c.skip.detail})`);
    }
    out.push(...tallyLines(tally(file.cases)), '');
  }
  if (files.length > 1) {
    out.push(`== total over ${files.length} files`, ...tallyLines(tally(files.flatMap((f) => f.cases))), '');
  }
  return out.join('\n');
}

function tallyLines(t: Tally): string[] {
  const reasons = formatSkipReasons(t);
  return reasons ? [reasons, formatTally(t)] : [formatTally(t)];
}

function place(c: CaseResult): string {
  return `${c.file}:${c.line}:${c.column}`;
}

export function formatFailure(c: CaseResult & { status: 'failed' }): string {
  if (!c.command) return `FAIL ${place(c)}: ${c.message}`;
  const lines = [`FAIL ${place(c)}: eval ${c.query} ${c.expr}`, `  ${c.message}`, '  expected:'];
  lines.push(...describeExpected(c.command).map((l) => `    ${l}`));
  if (c.got) lines.push('  got:', ...describeResult(c.got, gridOf(c.command)).map((l) => `    ${l}`));
  return lines.join('\n');
}

function gridOf(command: EvalCommand): Grid | undefined {
  return command.query.type === 'range' ? command.query : command.rangeVector;
}

function describeExpected(command: EvalCommand): string[] {
  if (command.fail) return [`an error matching ${command.fail.map(describeMatcher).join(' and ')}`];
  if (command.expectedScalar !== undefined) return [`scalar ${formatNumber(command.expectedScalar)}`];
  if (command.expectedString !== undefined) return [`string ${JSON.stringify(command.expectedString)}`];
  if (command.expectedSeries.length === 0) return ['no series'];
  return command.expectedSeries.map((s) => formatSeriesLine(s.labels, s.values));
}

function describeResult(result: QueryResult, grid: Grid | undefined): string[] {
  switch (result.type) {
    case 'scalar':
      return [`scalar ${formatNumber(result.v)}`];
    case 'string':
      return [`string ${JSON.stringify(result.value)}`];
    case 'vector':
      return result.samples.length === 0 ? ['no series'] : result.samples.map((s) => formatSeriesLine(s.labels, [s.v]));
    case 'matrix':
      if (result.series.length === 0) return ['no series'];
      return result.series.map(({ labels, points }) => {
        const onGrid = grid && valuesOnGrid(points, grid);
        if (onGrid) return formatSeriesLine(labels, onGrid);
        return `${formatSeriesLine(labels, [])} ${points.map((p) => `${formatNumber(p.v)}@${p.t}ms`).join(' ')}`;
      });
  }
}

/** Points as the values of a series line on `grid` (`_` where a step has no point), if they all fit. */
function valuesOnGrid(points: { t: number; v: number }[], grid: Grid): SeriesValue[] | undefined {
  const values: SeriesValue[] = [];
  for (const { t, v } of points) {
    const index = (t - grid.startMs) / grid.stepMs;
    if (!Number.isInteger(index) || index < values.length || t > grid.endMs) return undefined;
    while (values.length < index) values.push(undefined);
    values.push(v);
  }
  return values;
}
