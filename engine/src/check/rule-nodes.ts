/** Every node of a rule's expression, walked once and shared by the lints that look at them. */
import type { Expr } from '../promql/ast.js';
import { nodesOf } from '../promql/ast-walk.js';
import type { Rule } from '../rules/rule.js';

const walked = new WeakMap<Expr, readonly Expr[]>();

/** The nodes of the rule's expression, parents first; none when it did not parse. */
export function ruleNodes(rule: Rule): readonly Expr[] {
  if (!rule.expr) return [];
  let nodes = walked.get(rule.expr);
  if (!nodes) {
    nodes = nodesOf(rule.expr);
    walked.set(rule.expr, nodes);
  }
  return nodes;
}
