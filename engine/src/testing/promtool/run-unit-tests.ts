/**
 * Runs promtool unit-test files with promtool's semantics. Per test: the rule groups (in
 * `group_eval_order`, then file order) evaluate at 0, evaluation_interval, … up to the latest
 * eval_time of the test, with the input series fed in as time passes. An alert_rule_test at `t`
 * is checked after the evaluation at the latest time <= `t`, against the firing alerts of every
 * rule of that name; a promql_expr_test queries at its eval_time after all evaluations.
 * A rule that fails to evaluate fails the test and stops it there.
 */
import { evaluateInstant, type EvalOptions } from '../../promql/eval/evaluate.js';
import { formatDurationMs } from '../../promql/duration.js';
import { Labels } from '../../labels/labels.js';
import { MemoryStore } from '../../series/memory-store.js';
import { GroupEvaluator, type GroupEvaluatorOptions } from '../../rules/group-evaluator.js';
import type { Rule, RuleGroup } from '../../rules/rule.js';
import { alertsMatch, samplesMatch } from './compare.js';
import { InputFeed } from './input-feed.js';
import { pairsOf } from './label-pairs.js';
import { loadUnitTestFile } from './load-unit-test-file.js';
import { loadRuleFiles, type LoadedRules, type ReadText } from './rule-files.js';
import type { ExpectedAlert, ExpectedSample, Place, PromqlExprTest, TestGroup, TestProblem, UnitTestFile } from './unit-test-file.js';

export interface AlertCheck {
  kind: 'alerts';
  place: Place;
  alertname: string;
  evalTimeMs: number;
  expected: ExpectedAlert[];
  /** The firing alerts of the rules named `alertname` at the check. */
  got: ExpectedAlert[];
  passed: boolean;
}

export interface ExprCheck {
  kind: 'expr';
  place: Place;
  exprText: string;
  evalTimeMs: number;
  expected: ExpectedSample[];
  got: ExpectedSample[];
  /** Why the query gave no result to compare, when it did not. */
  error?: string;
  passed: boolean;
}

export type Check = AlertCheck | ExprCheck;

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestGroupResult {
  name: string;
  displayName: string;
  place: Place;
  status: TestStatus;
  /** Why the test was skipped. */
  skipReason?: string;
  /** What failed the test besides its checks: bad input, rule files that do not load, rule evaluation errors. */
  problems: TestProblem[];
  /** Every check that ran, failed or not, in the order promtool runs them. */
  checks: Check[];
}

export interface UnitTestFileResult {
  file: string;
  /** Problems that stopped the whole file; its tests did not run. */
  problems: TestProblem[];
  warnings: TestProblem[];
  tests: TestGroupResult[];
}

export interface UnitTestOptions {
  /** Runs only the tests whose name this matches (unnamed tests have the empty name), as promtool's --run. */
  run?: RegExp;
  /** Reads rule files; the file system by default. */
  read?: ReadText;
}

/** promtool's query engine: 5m lookback and at most 10,000 samples per query. */
const QUERY_LIMITS = { lookbackDeltaMs: 300_000, maxSamples: 10_000 } as const;

export function runUnitTestFile(file: string, text: string, options: UnitTestOptions = {}): UnitTestFileResult {
  const testFile = loadUnitTestFile(text, file);
  if (testFile.problems.length > 0) return { file, problems: testFile.problems, warnings: [], tests: [] };
  const rules = loadRuleFiles(testFile, options.read);
  if (rules.fileProblems.length > 0) return { file, problems: rules.fileProblems, warnings: rules.warnings, tests: [] };
  const groups = orderedGroups(rules.groups, testFile.groupEvalOrder);
  const tests = testFile.tests
    .filter((test) => options.run?.test(test.name) ?? true)
    .map((test) => runTestGroup(test, testFile, groups, rules));
  return { file, problems: [], warnings: rules.warnings, tests };
}

/** Groups named in `order` sorted by their position there; unnamed ones count as position 0. Ties keep file order. */
function orderedGroups(groups: readonly RuleGroup[], order: readonly string[]): RuleGroup[] {
  const position = (g: RuleGroup) => Math.max(0, order.indexOf(g.name));
  return [...groups].sort((a, b) => position(a) - position(b));
}

function runTestGroup(test: TestGroup, testFile: UnitTestFile, groups: readonly RuleGroup[], rules: LoadedRules): TestGroupResult {
  const result: TestGroupResult = { name: test.name, displayName: test.displayName, place: test.place, status: 'passed', problems: [], checks: [] };
  result.problems.push(...test.problems);
  if (result.problems.length === 0) result.problems.push(...rules.ruleProblems);
  if (result.problems.length === 0 && test.unsupported) return { ...result, status: 'skipped', skipReason: test.unsupported };
  if (result.problems.length === 0) new TestRun(test, testFile, groups, rules, result).run();
  result.status = result.problems.length > 0 || result.checks.some((c) => !c.passed) ? 'failed' : 'passed';
  return result;
}

/** One test's evaluation: the store, the rule groups' state, and the checks as they come due. */
class TestRun {
  private readonly store = new MemoryStore();
  private readonly evalOptions: EvalOptions;
  private readonly evaluators: GroupEvaluator[];
  private readonly feed: InputFeed;

  constructor(
    private readonly test: TestGroup,
    private readonly testFile: UnitTestFile,
    groups: readonly RuleGroup[],
    private readonly rules: LoadedRules,
    private readonly result: TestGroupResult,
  ) {
    this.evalOptions = { ...QUERY_LIMITS, defaultSubqueryStepMs: testFile.evaluationIntervalMs };
    const evaluatorOptions: GroupEvaluatorOptions = {
      ...this.evalOptions,
      defaultIntervalMs: test.intervalMs,
      externalLabels: test.externalLabels,
      externalURL: test.externalUrl,
    };
    this.evaluators = groups.map((group) => new GroupEvaluator(group, this.store, evaluatorOptions));
    this.feed = new InputFeed(test.inputSeries, test.intervalMs, this.store);
  }

  run(): void {
    if (!this.evaluateRules()) return;
    for (const exprTest of this.test.exprTests) {
      const check = runExprTest(exprTest, this.store, this.evalOptions, this.testFile.fuzzyCompare);
      if (check) this.result.checks.push(check);
      else this.result.problems.push(...exprTest.exprProblems, ...exprTest.sampleProblems);
    }
  }

  /**
   * Evaluates the groups from 0 to the latest eval_time, checking each alert_rule_test after
   * the last evaluation at or before its time. False when a rule failed to evaluate.
   */
  private evaluateRules(): boolean {
    const intervalMs = this.testFile.evaluationIntervalMs;
    const { alertTests, exprTests } = this.test;
    const alertTimes = [...new Set(alertTests.map((a) => a.evalTimeMs))].sort((a, b) => a - b);
    const lastMs = Math.max(0, ...alertTests.map((a) => a.evalTimeMs), ...exprTests.map((e) => e.evalTimeMs));
    let nextAlertTime = 0;
    for (let ts = 0; ts <= lastMs; ts += intervalMs) {
      this.feed.loadUntil(ts);
      for (const evaluator of this.evaluators) {
        for (const error of evaluator.evaluateAt(ts).errors) {
          const message = `rule ${error.rule.name} failed at ${formatDurationMs(ts)}: ${error.message}`;
          this.result.problems.push({ ...ruleEvaluationPlace(error.rule, evaluator.group, this.rules), message });
        }
      }
      if (this.result.problems.length > 0) return false;
      for (; nextAlertTime < alertTimes.length && alertTimes[nextAlertTime]! < ts + intervalMs; nextAlertTime++) {
        const t = alertTimes[nextAlertTime]!;
        for (const alertTest of alertTests.filter((a) => a.evalTimeMs === t)) {
          const got = firingAlerts(this.evaluators, alertTest.alertname);
          const { place, alertname, expected } = alertTest;
          this.result.checks.push({ kind: 'alerts', place, alertname, evalTimeMs: t, expected, got, passed: alertsMatch(expected, got) });
        }
      }
    }
    return true;
  }
}

function ruleEvaluationPlace(rule: Rule, group: RuleGroup, rules: LoadedRules): Place {
  const source = rules.sources.get(group);
  if (!source) return { file: '', line: 1, column: 1 };
  const { line, column } = source.index.position(rule.range.start);
  return { file: source.file, line: line + 1, column: column + 1 };
}

/** The firing alerts of every alerting rule named `alertname`, across all groups. */
function firingAlerts(evaluators: readonly GroupEvaluator[], alertname: string): ExpectedAlert[] {
  const got: ExpectedAlert[] = [];
  for (const evaluator of evaluators) {
    for (const [rule, state] of evaluator.alertStates) {
      if (rule.name !== alertname) continue;
      for (const alert of state.alerts()) {
        if (alert.state === 'firing') got.push({ labels: pairsOf(alert.labels), annotations: [...alert.annotations] });
      }
    }
  }
  return got;
}

/** Runs one promql_expr_test; undefined when its expression or expected labels do not parse. */
function runExprTest(test: PromqlExprTest, store: MemoryStore, evalOptions: EvalOptions, fuzzy: boolean): ExprCheck | undefined {
  if (!test.expr || !test.expected) return undefined;
  const check: ExprCheck = { kind: 'expr', place: test.place, exprText: test.exprText, evalTimeMs: test.evalTimeMs, expected: test.expected, got: [], passed: false };
  try {
    const { value } = evaluateInstant(test.expr, store, test.evalTimeMs, evalOptions);
    if (value.type === 'vector') check.got = value.samples.map((s) => ({ labels: s.labels, value: s.v }));
    else if (value.type === 'scalar') check.got = [{ labels: Labels.EMPTY, value: value.v }];
    else check.error = 'rule result is not a vector or scalar';
  } catch (e) {
    check.error = e instanceof Error ? e.message : String(e);
  }
  check.passed = check.error === undefined && samplesMatch(test.expected, check.got, fuzzy);
  return check;
}
