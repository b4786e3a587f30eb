/** File ranges of things found inside a rule's expression or template text. */
import type { TextRange } from '../promql/ast.js';
import type { Rule, ScalarSpan } from '../rules/rule.js';
import { relocateInScalar } from '../yaml/scalar-offsets.js';

/** The file range of `range` inside a scalar whose value is `value`. */
export function rangeInScalar(span: ScalarSpan, value: string, range: TextRange, fileText: string): TextRange {
  return relocateInScalar({ type: span.style, range: [span.range.start, span.range.end], value, source: value }, range, fileText);
}

/** The file range of `range` in the rule's expression text; the rule's name when it has no located expression. */
export function rangeInExpr(rule: Rule, range: TextRange, fileText: string): TextRange {
  const span = rule.positions?.expr;
  if (!span) return rule.positions?.name ?? rule.range;
  return rangeInScalar(span, rule.exprText, range, fileText);
}

/** Where to point at a rule as a whole: its `alert` or `record` value. */
export function ruleNameRange(rule: Rule): TextRange {
  return rule.positions?.name ?? { start: rule.range.start, end: rule.range.start + 1 };
}
