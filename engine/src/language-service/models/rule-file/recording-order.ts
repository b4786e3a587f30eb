/**
 * A rule that reads a series that a recording rule further on in evaluation order writes: the
 * rules of a group run in order, and the groups of a file one after another (as promtool's unit
 * tests run them), so the reader sees the value of the previous evaluation, one interval late
 * (and nothing at all on the first one). A rule further up that records it too is read fresh.
 */
import { problem, type Problem } from '../../../errors.js';
import type { Expr } from '../../../promql/ast.js';
import type { Rule, RuleGroup } from '../../../rules/rule.js';
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
  const firstRecorder = new Map<string, { group: RuleGroup; rule: Rule; order: number }>();
  let order = 0;
  for (const group of groups) {
    for (const rule of group.rules) {
      if (rule.kind === 'record' && !firstRecorder.has(rule.name)) firstRecorder.set(rule.name, { group, rule, order });
      order++;
    }
  }
  if (firstRecorder.size === 0) return [];
  const problems: Problem[] = [];
  order = 0;
  for (const group of groups) {
    for (const rule of group.rules) {
      for (const { name, range } of selectedMetricNames(rule.expr)) {
        const recorder = firstRecorder.get(name);
        if (!recorder || recorder.order <= order) continue;
        const line = lines.position(recorder.rule.positions?.name.start ?? recorder.rule.range.start).line + 1;
        const where = recorder.group === group ? `a rule further down this group (line ${line})` : `group ${JSON.stringify(recorder.group.name)} further down this file (line ${line})`;
        const why = recorder.group === group ? 'rules run in order' : 'unit tests evaluate groups in file order';
        problems.push(problem(`${name} is recorded by ${where}: ${why}, so this one reads the value of the previous evaluation`, rangeInExpr(rule, range, text), RECORDING_ORDER_SOURCE, 'warning'));
      }
      order++;
    }
  }
  return problems;
}
