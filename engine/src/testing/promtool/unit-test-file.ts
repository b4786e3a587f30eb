/**
 * The model of a promtool unit-test file: rule files, evaluation settings and test groups with
 * their input series and the alerts and query results they expect at given times.
 */
import type { Expr } from '../../promql/ast.js';
import type { Labels } from '../../labels/labels.js';
import type { SeriesLine } from '../../series/notation.js';
import type { LabelPairs } from './label-pairs.js';

/** A place in a file; line and column are one-based, as editors and compilers show them. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

/** A problem in a test file, or one a test ran into, at its place. */
export interface TestProblem extends Place {
  message: string;
}

export interface UnitTestFile {
  file: string;
  /** `rule_files` patterns as written, relative to the test file. */
  ruleFiles: { pattern: string; place: Place }[];
  evaluationIntervalMs: number;
  /** Group names in the order given; groups not listed evaluate as if listed first. */
  groupEvalOrder: string[];
  fuzzyCompare: boolean;
  tests: TestGroup[];
  /** Problems that stop every test of the file, as promtool aborts a file it cannot read. */
  problems: TestProblem[];
}

export interface TestGroup {
  /** The `name` field; empty when unnamed, which is what `--run` matches against. */
  name: string;
  /** `name`, or `unnamed#<index>` as promtool calls unnamed tests. */
  displayName: string;
  /** Where the test's mapping starts in the file. */
  place: Place;
  /** The spacing of input samples. */
  intervalMs: number;
  inputSeries: SeriesLine[];
  externalLabels: Record<string, string>;
  externalUrl: string;
  alertTests: AlertRuleTest[];
  exprTests: PromqlExprTest[];
  /** Problems that fail this test before it runs, such as input series that do not parse. */
  problems: TestProblem[];
  /** Why Klaxon cannot run this test (native histograms), if it cannot. */
  unsupported?: string;
}

export interface AlertRuleTest {
  place: Place;
  evalTimeMs: number;
  alertname: string;
  expected: ExpectedAlert[];
}

export interface ExpectedAlert {
  /** The expected labels with `alertname` set to the test's alert name. */
  labels: LabelPairs;
  annotations: LabelPairs;
}

export interface PromqlExprTest {
  place: Place;
  exprText: string;
  /** The parsed expression; absent when it does not parse (see `exprProblems`). */
  expr: Expr | undefined;
  exprProblems: TestProblem[];
  evalTimeMs: number;
  /** The expected samples; absent when one of their label sets does not parse (see `sampleProblems`). */
  expected: ExpectedSample[] | undefined;
  sampleProblems: TestProblem[];
}

export interface ExpectedSample {
  labels: Labels;
  value: number;
}
