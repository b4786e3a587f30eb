/**
 * Loads a promtool unit-test file. Every problem is located at its line and column, inside
 * embedded expressions and series notation too. As in promtool, a file that does not read as a
 * unit-test file (bad YAML, unknown fields, wrong types, bad durations) fails as a whole, while
 * problems within one test (input series, expressions, missing alert names) fail only that test.
 */
import { KlaxonError, problem, type Problem } from '../../errors.js';
import { Labels } from '../../labels/labels.js';
import { parsePromQL } from '../../promql/analyze.js';
import { formatDurationMs } from '../../promql/duration.js';
import { parseInputSeriesEntry } from '../../series/input-series-file.js';
import { NativeHistogramNotationError, parseSeriesLine, type SeriesLine } from '../../series/notation.js';
import { LineIndex } from '../../text/line-index.js';
import { GoValueReader } from '../../yaml/go-values.js';
import { readYamlTree } from '../../yaml/read-tree.js';
import { locatedScalar, relocateProblems, scalarOffsets } from '../../yaml/scalar-offsets.js';
import type { YamlNode, YamlScalar } from '../../yaml/tree.js';
import { pairsOf } from './label-pairs.js';
import { readBool, readFloat } from './yaml-v2-values.js';
import type { AlertRuleTest, ExpectedSample, Place, PromqlExprTest, TestGroup, TestProblem, UnitTestFile } from './unit-test-file.js';

const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;

/** The fields the loader accepts at the top of the file; here and below, any other is an error. */
export const UNIT_TEST_FILE_FIELDS = ['rule_files', 'evaluation_interval', 'group_eval_order', 'fuzzy_compare', 'tests'] as const;
/** The fields of each item of `tests`. */
export const TEST_GROUP_FIELDS = ['name', 'interval', 'input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'external_url'] as const;
/** The fields of each item of `input_series`. */
export const INPUT_SERIES_FIELDS = ['series', 'values'] as const;
/** The fields of each item of `alert_rule_test`. */
export const ALERT_RULE_TEST_FIELDS = ['eval_time', 'alertname', 'exp_alerts'] as const;
/** The fields of each item of `exp_alerts`. */
export const EXPECTED_ALERT_FIELDS = ['exp_labels', 'exp_annotations'] as const;
/** The fields of each item of `promql_expr_test`. */
export const PROMQL_EXPR_TEST_FIELDS = ['expr', 'eval_time', 'exp_samples'] as const;
/** The fields of each item of `exp_samples`. */
export const EXPECTED_SAMPLE_FIELDS = ['labels', 'value', 'histogram'] as const;

/** The fields of a mapping node by name (none for null), with unknown ones reported. */
type Fields = Map<string, YamlNode>;

/** Reading one file: its text and positions, and where problems of the whole file go. */
class FileReader {
  readonly index: LineIndex;
  readonly problems: Problem[] = [];
  readonly read: GoValueReader;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.index = new LineIndex(text);
    this.read = new GoValueReader(text, this.problems, 'unittest');
  }

  place(offset: number): Place {
    const { line, column } = this.index.position(offset);
    return { file: this.file, line: line + 1, column: column + 1 };
  }

  at(offset: number, message: string): TestProblem {
    return { ...this.place(offset), message };
  }

  fields(node: YamlNode | undefined, what: string, allowed: readonly string[]): Fields {
    const map = node && this.read.mapping(node, what);
    const out: Fields = new Map();
    if (map) for (const [name, field] of this.read.fields(map, allowed, what)) out.set(name, field.value);
    return out;
  }

  list(node: YamlNode | undefined, what: string): YamlNode[] {
    return node ? this.read.list(node, what) : [];
  }

  string(node: YamlNode | undefined, what: string): string {
    return node ? this.read.string(node, what) : '';
  }

  duration(node: YamlNode | undefined, what: string): number {
    return (node && this.read.duration(node, what)) ?? 0;
  }

  stringMap(node: YamlNode | undefined, what: string): Record<string, string> {
    const out: Record<string, string> = {};
    if (node) for (const { name, value } of this.read.stringMap(node, what)) out[name] = value;
    return out;
  }

  /** Offsets in the file of each character of a scalar's text. */
  offsets(node: YamlScalar): number[] {
    return scalarOffsets(locatedScalar(node), this.text);
  }
}

export function loadUnitTestFile(text: string, file: string): UnitTestFile {
  const reader = new FileReader(file, text);
  const tree = readYamlTree(text, 'yaml.v2');
  reader.problems.push(...tree.problems.filter((p) => p.severity === 'error'));
  const result: UnitTestFile = {
    file,
    ruleFiles: [],
    evaluationIntervalMs: DEFAULT_EVALUATION_INTERVAL_MS,
    groupEvalOrder: [],
    fuzzyCompare: false,
    tests: [],
    problems: [],
  };
  if (reader.problems.length === 0) {
    const fields = reader.fields(tree.root, 'a unit-test file', UNIT_TEST_FILE_FIELDS);
    result.ruleFiles = reader.list(fields.get('rule_files'), '"rule_files"').map((node) => ({
      pattern: reader.string(node, 'each rule file'),
      place: reader.place(node.range.start),
    }));
    result.evaluationIntervalMs = reader.duration(fields.get('evaluation_interval'), '"evaluation_interval"') || DEFAULT_EVALUATION_INTERVAL_MS;
    result.fuzzyCompare = readBool(reader.read, fields.get('fuzzy_compare'), '"fuzzy_compare"');
    result.groupEvalOrder = groupEvalOrder(reader, fields.get('group_eval_order'));
    result.tests = reader.list(fields.get('tests'), '"tests"').map((node, i) => loadTestGroup(node, i, reader, result.evaluationIntervalMs));
  }
  result.problems = reader.problems.map((p) => reader.at(p.range.start, p.message));
  return result;
}

function groupEvalOrder(reader: FileReader, node: YamlNode | undefined): string[] {
  const names: string[] = [];
  for (const item of reader.list(node, '"group_eval_order"')) {
    const name = reader.string(item, 'each group name');
    if (names.includes(name)) reader.problems.push(problem(`group name repeated in evaluation order: ${name}`, item.range, 'unittest'));
    names.push(name);
  }
  return names;
}

function loadTestGroup(node: YamlNode, index: number, reader: FileReader, evaluationIntervalMs: number): TestGroup {
  const fields = reader.fields(node, 'a test', TEST_GROUP_FIELDS);
  const name = reader.string(fields.get('name'), '"name"');
  const group: TestGroup = {
    name,
    displayName: name === '' ? `unnamed#${index}` : name,
    place: reader.place(node.range.start),
    intervalMs: reader.duration(fields.get('interval'), '"interval"') || evaluationIntervalMs,
    inputSeries: [],
    externalLabels: reader.stringMap(fields.get('external_labels'), '"external_labels"'),
    externalUrl: reader.string(fields.get('external_url'), '"external_url"'),
    alertTests: [],
    exprTests: [],
    problems: [],
  };
  group.inputSeries = inputSeries(reader, fields.get('input_series'), group);
  for (const item of reader.list(fields.get('alert_rule_test'), '"alert_rule_test"')) {
    const test = alertRuleTest(reader, item);
    if (test.alertname === '') {
      const inGroup = group.name === '' ? '' : ` (in TestGroup ${group.name})`;
      const message = `an item under alert_rule_test misses required attribute alertname at eval_time ${formatDurationMs(test.evalTimeMs)}${inGroup}`;
      group.problems.push(reader.at(item.range.start, message));
    }
    group.alertTests.push(test);
  }
  for (const item of reader.list(fields.get('promql_expr_test'), '"promql_expr_test"')) {
    const test = exprTest(reader, item);
    if (test === 'histogram') group.unsupported ??= 'it expects native histogram samples, which Klaxon does not support';
    else group.exprTests.push(test);
  }
  return group;
}

/** The input series; when several lines name the same series the last one wins, as in promtool. */
function inputSeries(reader: FileReader, node: YamlNode | undefined, group: TestGroup): SeriesLine[] {
  const byKey = new Map<string, SeriesLine>();
  for (const item of reader.list(node, '"input_series"')) {
    const fields = reader.fields(item, 'an input series', INPUT_SERIES_FIELDS);
    const [series, values] = [fields.get('series'), fields.get('values')];
    if (series?.kind !== 'scalar' || values?.kind !== 'scalar') {
      if (series) reader.string(series, '"series"');
      if (values) reader.string(values, '"values"');
      if (!series || !values) group.problems.push(reader.at(item.range.start, `an input series needs "series" and "values"`));
      continue;
    }
    const parsed = parseInputSeriesEntry(series, values, reader.text);
    if ('line' in parsed) byKey.set(parsed.line.labels.key(), parsed.line);
    else if (parsed.error instanceof NativeHistogramNotationError) group.unsupported ??= 'its input series have native histogram values, which Klaxon does not support';
    else group.problems.push(...parsed.problems.map((p) => reader.at(p.range.start, p.message)));
  }
  return [...byKey.values()];
}

function alertRuleTest(reader: FileReader, node: YamlNode): AlertRuleTest {
  const fields = reader.fields(node, 'an alert_rule_test item', ALERT_RULE_TEST_FIELDS);
  const alertname = reader.string(fields.get('alertname'), '"alertname"');
  return {
    place: reader.place(node.range.start),
    evalTimeMs: reader.duration(fields.get('eval_time'), '"eval_time"'),
    alertname,
    expected: reader.list(fields.get('exp_alerts'), '"exp_alerts"').map((item) => {
      const alert = reader.fields(item, 'an exp_alerts item', EXPECTED_ALERT_FIELDS);
      const labels = { ...reader.stringMap(alert.get('exp_labels'), '"exp_labels"'), alertname };
      return { labels: pairsOf(labels), annotations: pairsOf(reader.stringMap(alert.get('exp_annotations'), '"exp_annotations"')) };
    }),
  };
}

function exprTest(reader: FileReader, node: YamlNode): PromqlExprTest | 'histogram' {
  const fields = reader.fields(node, 'a promql_expr_test item', PROMQL_EXPR_TEST_FIELDS);
  const exprNode = fields.get('expr');
  const exprText = reader.string(exprNode, '"expr"');
  const test: PromqlExprTest = {
    place: reader.place((exprNode ?? node).range.start),
    exprText,
    expr: undefined,
    exprProblems: [],
    evalTimeMs: reader.duration(fields.get('eval_time'), '"eval_time"'),
    expected: [],
    sampleProblems: [],
  };
  const parsed = parsePromQL(exprText, { experimental: 'ignore' });
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const offsets = exprNode?.kind === 'scalar' ? reader.offsets(exprNode) : [node.range.start];
    test.exprProblems = relocateProblems(errors, offsets).map((p) => reader.at(p.range.start, p.message));
  } else {
    test.expr = parsed.expr;
  }
  let histogram = false;
  for (const item of reader.list(fields.get('exp_samples'), '"exp_samples"')) {
    const sample = reader.fields(item, 'an exp_samples item', EXPECTED_SAMPLE_FIELDS);
    if (reader.string(sample.get('histogram'), '"histogram"') !== '') histogram = true;
    const labels = expectedLabels(reader, sample.get('labels'));
    const value = readFloat(reader.read, sample.get('value'), '"value"');
    if (labels instanceof Labels) test.expected?.push({ labels, value } satisfies ExpectedSample);
    else {
      test.expected = undefined;
      test.sampleProblems.push(...labels);
    }
  }
  return histogram ? 'histogram' : test;
}

/** The label set of an expected sample, written as `name{a="b"}`, `{a="b"}`, `name` or nothing. */
function expectedLabels(reader: FileReader, node: YamlNode | undefined): Labels | TestProblem[] {
  const text = reader.string(node, '"labels"');
  if (text.trim() === '' || node?.kind !== 'scalar') return Labels.EMPTY;
  const locate = (problems: readonly Problem[]) =>
    relocateProblems(problems, reader.offsets(node)).map((p) => reader.at(p.range.start, `labels ${JSON.stringify(text)}: ${p.message}`));
  try {
    const line = parseSeriesLine(text);
    if (line.values.length === 0) return line.labels;
    return locate([problem('expected only a label set, without values', { start: 0, end: text.length }, 'unittest')]);
  } catch (e) {
    if (e instanceof KlaxonError) return locate(e.problems);
    throw e;
  }
}
