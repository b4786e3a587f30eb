/** The model of a Prometheus rule file: groups of alerting and recording rules. */
import type { Expr, TextRange } from '../promql/ast.js';

interface RuleBase {
  /** The expression's tree; absent when it does not parse. */
  expr: Expr | undefined;
  exprText: string;
  labels: Record<string, string>;
  /** The rule's mapping in the file. */
  range: TextRange;
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
  rules: Rule[];
  range: TextRange;
}
