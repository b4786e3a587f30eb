/** The model of a Prometheus rule file: groups of alerting and recording rules. */
import type { Expr, TextRange } from '../promql/ast.js';
import type { ScalarStyle } from '../yaml/scalar-decode.js';

/** Where a scalar's value sits in its file; with the value's text this maps offsets inside it. */
export interface ScalarSpan {
  style: ScalarStyle;
  range: TextRange;
}

/** Where a rule's parts are in its file, for problems found after loading (lints, templates). */
export interface RulePositions {
  /** The `alert` or `record` value. */
  name: TextRange;
  /** The `expr` value. */
  expr?: ScalarSpan;
  /** The `for` value. */
  for?: TextRange;
  /** Label values by label name, and the keys naming them. */
  labels: Record<string, { key: TextRange; value: ScalarSpan }>;
  annotations: Record<string, { key: TextRange; value: ScalarSpan }>;
}

/** Where a group's parts are in its file. */
export interface GroupPositions {
  name?: TextRange;
  interval?: TextRange;
}

interface RuleBase {
  /** The expression's tree; absent when it does not parse. */
  expr: Expr | undefined;
  exprText: string;
  labels: Record<string, string>;
  /** The rule's mapping in the file. */
  range: TextRange;
  /** Set by the rule file loader. */
  positions?: RulePositions;
}

export interface AlertingRule extends RuleBase {
  kind: 'alert';
  name: string;
  forMs: number;
  keepFiringForMs: number;
  annotations: Record<string, string>;
}

export interface RecordingRule extends RuleBase {
  kind: 'record';
  name: string;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup {
  name: string;
  /** The group's own `interval`, when set. */
  intervalMs: number | undefined;
  /** The group's own `query_offset`, when set. */
  queryOffsetMs?: number;
  /** The group's `limit` on alerts and series per rule; 0 or absent for none. */
  limit?: number;
  /** The group's `labels`, added to each of its rules' labels (the rule's own win). */
  labels?: Record<string, string>;
  rules: Rule[];
  range: TextRange;
  /** Set by the rule file loader. */
  positions?: GroupPositions;
}
