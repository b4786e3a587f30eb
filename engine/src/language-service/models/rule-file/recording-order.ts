/**
 * A rule that reads a series that a rule further down its group records: the group evaluates its
 * rules in order, so the reader sees the value of the group's previous evaluation, one interval
 * late (and nothing at all on the first one).
 */
import { problem, type Problem } from '../../../errors.js';
import type { Expr } from '../../../promql/ast.js';
import type { RuleGroup } from '../../../rules/rule.js';
import { treeNodes } from '../../../check/rule-nodes.js';
import { rangeInExpr } from '../../../check/locate.js';
import type { LineIndex } from '../../../text/line-index.js';

export const RECORDING_ORDER_SOURCE = 'recording-order';

/** The metric names an expression selects by name, each with the selector's range in the expression. */
export function selectedMetricNames(expr: Expr | undefined): readonly { name: string; range: Expr['range'] }[] {
  if (!expr) return [];
  let found = selected.get(expr);
  if (found) return found;
  found = [];
  for (const node of treeNodes(expr)) {
    if (node.kind !== 'VectorSelector') continue;
    const name = node.name || node.matchers.find((m) => m.name === '__name__' && m.type === '=')?.value;
    if (name) found.push({ name, range: node.range });
  }
  selected.set(expr, found);
  return found;
}

/** Trees are shared and never change: what they select is remembered per tree. */
const selected = new WeakMap<Expr, { name: string; range: Expr['range'] }[]>();

export function recordingOrderProblems(groups: readonly RuleGroup[], text: string, lines: LineIndex): Problem[] {
  const problems: Problem[] = [];
  for (const group of groups) {
    const recordedAt = new Map<string, number>();
    group.rules.forEach((rule, index) => {
      if (rule.kind === 'record' && !recordedAt.has(rule.name)) recordedAt.set(rule.name, index);
    });
    if (recordedAt.size === 0) continue;
    group.rules.forEach((rule, index) => {
      for (const { name, range } of selectedMetricNames(rule.expr)) {
        const at = recordedAt.get(name);
        if (at === undefined || at <= index) continue;
        const recorder = group.rules[at]!;
        const line = lines.position(recorder.positions?.name.start ?? recorder.range.start).line + 1;
        problems.push(problem(
          `${name} is recorded by a rule further down this group (line ${line}): rules run in order, so this one reads the value of the previous evaluation`,
          rangeInExpr(rule, range, text),
          RECORDING_ORDER_SOURCE,
          'warning',
        ));
      }
    });
  }
  return problems;
}
