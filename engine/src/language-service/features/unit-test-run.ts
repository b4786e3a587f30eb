/**
 * Running a unit-test file from the editor: each failed expectation becomes a problem on the
 * `exp_alerts` or `exp_samples` of the test that failed, with the diff of expected and got.
 */
import { problem, type Problem } from '../../errors.js';
import type { TextRange } from '../../promql/ast.js';
import { checkLines, formatPlace } from '../../testing/promtool/report.js';
import { runUnitTestFile, type Check, type TestStatus } from '../../testing/promtool/run-unit-tests.js';
import type { Place, TestProblem } from '../../testing/promtool/unit-test-file.js';
import type { YamlNode } from '../../yaml/tree.js';
import type { UnitTestModel } from '../models/unit-test-model.js';
import { placeRange } from '../models/place-range.js';
import { itemsOf, pairOf, valueOf } from '../yaml/tree-access.js';

export const TEST_RESULT_SOURCE = 'unittest-run';

export interface UnitTestRun {
  /** The document version the tests ran on. */
  version: number;
  problems: Problem[];
  tests: { name: string; status: TestStatus; range: TextRange }[];
}

export function runUnitTests(model: UnitTestModel, read: (path: string) => string): UnitTestRun {
  const { doc } = model;
  const result = runUnitTestFile(model.path ?? doc.uri, doc.text, { read });
  const problems: Problem[] = [];
  const tests: UnitTestRun['tests'] = [];
  const inThisFile = (place: Place) => place.file === (model.path ?? doc.uri);
  const at = (place: Place) => placeRange(doc, place.line, place.column);
  for (const test of result.tests) {
    const testRange = at(test.place);
    tests.push({ name: test.displayName, status: test.status, range: testRange });
    for (const check of test.checks) {
      if (check.passed) continue;
      const message = `test "${test.displayName}" failed: ${withoutPlace(checkLines(check), check.place)}`;
      problems.push(problem(message, expectationRange(model, check) ?? at(check.place), TEST_RESULT_SOURCE));
    }
    for (const p of test.problems) {
      const message = inThisFile(p) ? p.message : `${formatPlace(p)}: ${p.message}`;
      problems.push(problem(`test "${test.displayName}" failed: ${message}`, inThisFile(p) ? at(p) : testRange, TEST_RESULT_SOURCE));
    }
  }
  for (const p of result.warnings.filter((w: TestProblem) => inThisFile(w))) problems.push(problem(p.message, at(p), TEST_RESULT_SOURCE, 'warning'));
  return { version: doc.version, problems, tests };
}

/** The report's lines for a check, without the place that starts them: the diagnostic is already there. */
function withoutPlace(lines: string[], place: Place): string {
  const prefix = `${formatPlace(place)}: `;
  const [head = '', ...rest] = lines;
  return [head.startsWith(prefix) ? head.slice(prefix.length) : head, ...rest].join('\n');
}

/** The `exp_alerts` / `exp_samples` key of the test item a check came from. */
function expectationRange(model: UnitTestModel, check: Check): TextRange | undefined {
  const offset = model.doc.offsetOfPlace(check.place.line, check.place.column);
  const [list, key] = check.kind === 'alerts' ? ['alert_rule_test', 'exp_alerts'] : ['promql_expr_test', 'exp_samples'];
  for (const test of itemsOf(valueOf(model.tree.root, 'tests'))) {
    const item = itemsOf(valueOf(test, list)).find((node: YamlNode) => node.range.start <= offset && offset <= node.range.end);
    if (!item) continue;
    return (pairOf(item, key) ?? pairOf(item, check.kind === 'alerts' ? 'alertname' : 'expr'))?.key.range;
  }
  return undefined;
}
