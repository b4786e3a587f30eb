/** The public API of @klaxon/engine. */
export { Labels } from './labels/labels.js';
export { Matcher, RegexSyntaxError, compileAnchored, type MatchType } from './labels/matcher.js';
export { KlaxonError, type Problem, type Severity } from './errors.js';
export { formatFileProblem, type FileProblem } from './file-problem.js';
export { LineIndex, type Position } from './text/line-index.js';
export { VirtualClock, wallClock, type Clock } from './clock.js';

export type * from './promql/ast.js';
export { parseExpr, parseExprOrThrow } from './promql/parse.js';
export { parsePromQL, parsePromQLOrThrow } from './promql/analyze.js';
export { checkExpr, typeOf } from './promql/checker.js';
export { printExpr } from './promql/printer.js';
export { parseDurationMs, formatDurationMs } from './promql/duration.js';
export { FUNCTIONS, AGGREGATIONS, lookupFunction, lookupAggregation, type FunctionSignature } from './promql/functions.js';
export { completionContext, type CompletionContext } from './promql/complete/context.js';
export { completeExpression } from './promql/complete/candidates.js';
export { evaluateInstant, evaluateRange, type EvalOptions, type InstantResult, type RangeResult, type RangeSeries } from './promql/eval/evaluate.js';
export { EvalError, type Value, type Sample, type InstantVector, type Annotation } from './promql/eval/values.js';

export { MemoryStore } from './series/memory-store.js';
export type { SeriesSource, StoredSeries } from './series/source.js';
export { parseSeriesLine, loadSeriesLine, type SeriesLine, type SeriesValue } from './series/notation.js';
export { loadInputSeriesFile } from './series/input-series-file.js';

export type { Rule, AlertingRule, RecordingRule, RuleGroup } from './rules/rule.js';
export { loadRuleFile, type LoadedRuleFile, type RuleFileOptions } from './rules/load-rule-file.js';
export { AlertingRuleState, type Alert, type AlertState, type AlertTransition } from './rules/alert-state.js';
export { AlertAnnotations } from './rules/alert-annotations.js';
export { GroupEvaluator } from './rules/group-evaluator.js';
export { simulateGroups, type SimulationOptions, type SimulationResult } from './rules/simulate.js';

export { parseScript } from './testing/promqltest/script.js';
export { runScript } from './testing/promqltest/run.js';

export { parseTemplate, executeTemplate, expandAlertTemplate, TemplateExecError, type QueryFn } from './template/expand.js';

export { checkFiles, type CheckedFile, type CheckInput } from './check/check-files.js';
export { DEFAULT_CHECK_CONFIG, readCheckConfig, type CheckConfig, type LintLevel } from './check/check-config.js';
export { LINTS } from './check/lints/all-lints.js';
export { ALERT_SEVERITIES, normalizeSeverity, severityRank, withSeverityAliases, type AlertSeverity, type SeverityAliases } from './severity/severity.js';
export { loadUnitTestFile } from './testing/promtool/load-unit-test-file.js';
export { runUnitTestFile } from './testing/promtool/run-unit-tests.js';
export { loadSeriesFile } from './series/series-file.js';

export * from './language-service/index.js';
