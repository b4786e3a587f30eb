/**
 * The results of unit-test files for people, and their tally and JUnit cases for the command:
 * each failed test with every failed check, where it is in the file, and a diff of what was
 * expected against what the rules produced:
 *
 *     FAIL alerts.test.yml:12:5: test "instance down"
 *       alerts.test.yml:20:9: alertname: InstanceDown, time: 10m: 1 expected alert not firing
 *         (- expected, + got)
 *         - {alertname="InstanceDown", instance="b"} annotations {summary="b is down"}
 *           {alertname="InstanceDown", instance="a"} annotations {summary="a is down"}
 */
import { formatNumber } from '../../series/notation-format.js';
import { formatDurationMs } from '../../promql/duration.js';
import { compareLabels } from '../../labels/labels.js';
import { compareAlerts } from './compare.js';
import { comparePairs, formatPairs } from './label-pairs.js';
import type { AlertCheck, Check, ExprCheck, TestGroupResult, UnitTestFileResult } from './run-unit-tests.js';
import type { ExpectedAlert, ExpectedSample, Place, TestProblem } from './unit-test-file.js';
import type { Tally } from '../promqltest/report.js';
import type { JUnitCase } from './junit.js';
import { diffSorted } from './sorted-diff.js';

export function formatPlace(place: Place): string {
  return `${place.file}:${place.line}:${place.column}`;
}

export function formatProblem(p: TestProblem): string {
  return `${formatPlace(p)}: ${p.message}`;
}

/** The lines of a file's section of the report: warnings, file problems, failed and skipped tests. */
export function unitTestFileLines(result: UnitTestFileResult): string[] {
  const lines = result.warnings.map((w) => `warning: ${formatProblem(w)}`);
  if (result.problems.length > 0) {
    lines.push(`FAIL ${result.file}: not a valid unit-test file`, ...result.problems.map((p) => `  ${formatProblem(p)}`));
  }
  for (const test of result.tests) {
    if (test.status === 'failed') lines.push(...failedTestLines(test));
    else if (test.status === 'skipped') lines.push(`SKIP ${formatPlace(test.place)}: test "${test.displayName}": ${test.skipReason}`);
  }
  return lines;
}

/** Tests passed, failed and skipped; a file that did not load counts as one failure. */
export function tallyUnitTestFile(result: UnitTestFileResult): Tally {
  const t: Tally = { passed: 0, failed: result.problems.length > 0 ? 1 : 0, skipped: 0, skippedByReason: { 'native-histograms': 0, experimental: 0 } };
  for (const test of result.tests) t[test.status]++;
  t.skippedByReason['native-histograms'] = t.skipped;
  return t;
}

/** One JUnit case per test, as promtool names them; a file that did not load is one erroring case. */
export function unitTestJUnitCases(result: UnitTestFileResult): JUnitCase[] {
  if (result.problems.length > 0) return [{ name: result.file, failures: [], error: result.problems.map(formatProblem).join('\n') }];
  return result.tests.map((test) => ({
    name: test.displayName,
    failures: test.status === 'failed' ? failureTexts(test) : [],
    ...(test.status === 'skipped' ? { skipped: test.skipReason } : {}),
  }));
}

export function failedTestLines(test: TestGroupResult): string[] {
  return [`FAIL ${formatPlace(test.place)}: test "${test.displayName}"`, ...indent(failureTexts(test).join('\n').split('\n'), '  ')];
}

/** What failed a test, one text per failed check or problem, as promtool lists its errors. */
export function failureTexts(test: TestGroupResult): string[] {
  const checks = test.checks.filter((c) => !c.passed).map((c) => checkLines(c).join('\n'));
  return [...checks, ...test.problems.map(formatProblem)];
}

export function checkLines(check: Check): string[] {
  return check.kind === 'alerts' ? alertCheckLines(check) : exprCheckLines(check);
}

function alertCheckLines(check: AlertCheck): string[] {
  const diff = diffSorted(check.expected, check.got, {
    order: compareAlerts,
    key: (a, b) => comparePairs(a.labels, b.labels),
    same: (a, b) => compareAlerts(a, b) === 0,
    format: formatAlert,
  });
  const parts: string[] = [];
  if (diff.missing > 0) parts.push(`${plural(diff.missing, 'expected alert')} not firing`);
  if (diff.extra > 0) parts.push(`${plural(diff.extra, 'firing alert')} not expected`);
  const head = `${formatPlace(check.place)}: alertname: ${check.alertname}, time: ${formatDurationMs(check.evalTimeMs)}: ${parts.join(', ')}`;
  return [head, ...indent(['(- expected, + got)', ...diff.lines], '  ')];
}

function exprCheckLines(check: ExprCheck): string[] {
  const head = `${formatPlace(check.place)}: expr: ${JSON.stringify(check.exprText)}, time: ${formatDurationMs(check.evalTimeMs)}`;
  if (check.error !== undefined) return [`${head}, err: ${check.error}`];
  const diff = diffSorted(check.expected, check.got, {
    order: (a, b) => compareLabels(a.labels, b.labels) || a.value - b.value,
    key: (a, b) => compareLabels(a.labels, b.labels),
    same: (a, b) => Object.is(a.value, b.value),
    format: formatSample,
  });
  const parts: string[] = [];
  if (diff.missing > 0) parts.push(`${plural(diff.missing, 'expected sample')} missing or different`);
  if (diff.extra > 0) parts.push(`${plural(diff.extra, 'unexpected sample')}`);
  // Samples can differ where the diff sees none: NaN, which never equals itself, or a duplicate.
  if (parts.length === 0) parts.push('expected and got differ (a NaN never equals an expected value)');
  return [`${head}: ${parts.join(', ')}`, ...indent(['(- expected, + got)', ...diff.lines], '  ')];
}

function formatAlert(alert: ExpectedAlert): string {
  const labels = formatPairs(alert.labels);
  return alert.annotations.length === 0 ? labels : `${labels} annotations ${formatPairs(alert.annotations)}`;
}

function formatSample(sample: ExpectedSample): string {
  return `${sample.labels.toString()} ${formatNumber(sample.value)}`;
}

function indent(lines: readonly string[], prefix: string): string[] {
  return lines.map((l) => prefix + l);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
