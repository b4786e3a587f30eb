/** Every node of a rule's expression, walked once and shared by the lints and analyses that look at them. */
import type { Expr } from '../promql/ast.js';
import { childCount, nodesOf } from '../promql/ast-walk.js';
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

/** foldTree's stack of values and its arrays of children's values, kept from tree to tree. */
const sharedValues: unknown[] = [];
const sharedChildArrays: unknown[][] = [];
let folding = false;

/**
 * A value for every node of the tree at `root`, children before parents, without recursion and
 * without a table of nodes: `combine` gets a node and its children's values in source order (as
 * childrenOf lists them), in an array that is reused: read it, do not keep it. Returns the root's.
 */
export function foldTree<T>(root: Expr, combine: (node: Expr, children: readonly T[]) => T): T {
  // The lints fold a tree or two for every rule: the arrays are kept for the next fold, unless
  // `combine` folds another tree while this one is being folded.
  const nested = folding;
  folding = true;
  try {
    return foldWith(root, combine, nested ? [] : (sharedValues as T[]), nested ? [] : (sharedChildArrays as T[][]));
  } finally {
    folding = nested;
    // A `combine` that threw leaves values behind: the next fold must not keep them alive.
    if (!nested) sharedValues.length = 0;
  }
}

function foldWith<T>(root: Expr, combine: (node: Expr, children: readonly T[]) => T, values: T[], childArrays: T[][]): T {
  const nodes = treeNodes(root);
  // Read backwards, the nodes come children first, the last child's subtree before the first's:
  // when a node comes, its children's values are on top of the stack, the first child's topmost.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const count = childCount(node);
    // One array of children's values for each number of children, reused from node to node.
    const children = (childArrays[count] ??= new Array<T>(count));
    for (let c = 0; c < count; c++) children[c] = values.pop()!;
    values.push(combine(node, children));
  }
  return values.pop()!;
}
