/**
 * The expression tree of the PromQL dialect. Every node carries the offsets of the text it was
 * parsed from (`start` inclusive, `end` exclusive, in UTF-16 code units of the expression text).
 */
import type { Matcher } from '../labels/matcher.js';

export interface TextRange {
  start: number;
  end: number;
}

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  | 'and' | 'or' | 'unless';

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'quantile' | 'count_values' | 'limitk' | 'limit_ratio';

/** Where `@ start()` / `@ end()` point. */
export type AtAnchor = 'start' | 'end';

interface NodeBase {
  range: TextRange;
}

export interface NumberLiteral extends NodeBase {
  kind: 'NumberLiteral';
  value: number;
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  value: string;
}

/** Offset and `@` modifiers shared by selectors and subqueries. Times in milliseconds. */
export interface TimeModifiers {
  /** Offset in ms; negative offsets look into the future. 0 when absent. */
  offsetMs: number;
  /** `@ <timestamp>` in ms since the epoch, when given as a number. */
  atMs?: number;
  /** `@ start()` or `@ end()`. */
  atAnchor?: AtAnchor;
}

export interface VectorSelector extends NodeBase, TimeModifiers {
  kind: 'VectorSelector';
  /** Metric name as written (outside or inside braces); empty when none. */
  name: string;
  /** All matchers, including the `__name__` matcher that the metric name implies. */
  matchers: Matcher[];
}

export interface MatrixSelector extends NodeBase {
  kind: 'MatrixSelector';
  selector: VectorSelector;
  rangeMs: number;
}

export interface SubqueryExpr extends NodeBase, TimeModifiers {
  kind: 'SubqueryExpr';
  expr: Expr;
  rangeMs: number;
  /** 0 when the step is omitted (the evaluation interval applies). */
  stepMs: number;
}

export interface ParenExpr extends NodeBase {
  kind: 'ParenExpr';
  expr: Expr;
}

export interface UnaryExpr extends NodeBase {
  kind: 'UnaryExpr';
  op: '+' | '-';
  expr: Expr;
}

export interface VectorMatching {
  /** `one-to-one`, `many-to-one` (group_left), `one-to-many` (group_right), `many-to-many` (set ops). */
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** Labels of `on(...)` or `ignoring(...)`. */
  labels: string[];
  /** True for `on`, false for `ignoring` or when neither was written. */
  on: boolean;
  /** True when `on` or `ignoring` was written (even with an empty list). */
  explicit: boolean;
  /** Extra labels listed in `group_left(...)` / `group_right(...)`. */
  include: string[];
}

export interface BinaryExpr extends NodeBase {
  kind: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** The `bool` modifier on a comparison. */
  returnBool: boolean;
  /** Present when both sides are instant vectors. */
  matching?: VectorMatching;
}

export interface Call extends NodeBase {
  kind: 'Call';
  func: string;
  args: Expr[];
}

export interface AggregateExpr extends NodeBase {
  kind: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  /** The parameter of topk, bottomk, quantile, count_values, limitk, limit_ratio. */
  param?: Expr;
  grouping: string[];
  without: boolean;
  /** True when `by`/`without` was written (even with an empty list). */
  explicitGrouping: boolean;
}

export type Expr =
  | NumberLiteral
  | StringLiteral
  | VectorSelector
  | MatrixSelector
  | SubqueryExpr
  | ParenExpr
  | UnaryExpr
  | BinaryExpr
  | Call
  | AggregateExpr;

export type ExprKind = Expr['kind'];
