/** Every node of a rule's expression, walked once and shared by the lints and analyses that look at them. */
import type { Expr } from '../promql/ast.js';
import { nodesOf } from '../promql/ast-walk.js';
import type { Rule } from '../rules/rule.js';

/** The last tree walked: the lints look at one rule's tree after another. */
let lastRoot: Expr | undefined;
let lastNodes: readonly Expr[] = [];

/** The nodes of the tree at `root`, parents first; read backwards, children come before their parents. */
export function treeNodes(root: Expr): readonly Expr[] {
  if (root !== lastRoot) {
    lastNodes = nodesOf(root);
    lastRoot = root;
  }
  return lastNodes;
}

/** The nodes of the rule's expression, parents first; none when it did not parse. */
export function ruleNodes(rule: Rule): readonly Expr[] {
  return rule.expr ? treeNodes(rule.expr) : [];
}
