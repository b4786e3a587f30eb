/**
 * Which labels the series of an expression's result can carry, worked out from the tree alone:
 * aggregations keep their `by` labels or drop their `without` labels, binary operators follow
 * Prometheus's vector matching (`on`, `ignoring`, `group_left`/`group_right` includes), and
 * functions such as `label_replace` or `absent` add or fix labels. `__name__` is not tracked.
 */
import type { AggregateExpr, BinaryExpr, Call, Expr, MatrixSelector, VectorSelector } from '../../promql/ast.js';
import { typeOf } from '../../promql/types.js';
import { foldTree } from '../rule-nodes.js';

/**
 * Either at most the listed labels (`only`), or any label except the listed ones (`except`).
 * `because` is the node that last narrowed the set, to explain where a label went.
 */
export type LabelSet =
  | { kind: 'only'; names: ReadonlySet<string>; because?: Expr }
  | { kind: 'except'; names: ReadonlySet<string>; because?: Expr };

const ANY: LabelSet = { kind: 'except', names: new Set() };
const NONE: LabelSet = { kind: 'only', names: new Set() };

export function mayHaveLabel(set: LabelSet, name: string): boolean {
  return set.kind === 'only' ? set.names.has(name) : !set.names.has(name);
}

/** The labels that series in the result of `root` can have. */
export function outputLabels(root: Expr): LabelSet {
  return foldTree(root, labelsOfNode);
}

/** `children`: the label sets of the node's children, in source order (childrenOf's). */
function labelsOfNode(node: Expr, children: readonly LabelSet[]): LabelSet {
  switch (node.kind) {
    case 'NumberLiteral':
    case 'StringLiteral':
      return NONE;
    case 'VectorSelector':
      return ANY;
    case 'MatrixSelector':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'SubqueryExpr':
      return children[0]!;
    case 'AggregateExpr':
      // The parameter, when there is one, comes first.
      return aggregateLabels(node, children[children.length - 1]!);
    case 'Call':
      return callLabels(node, children);
    case 'BinaryExpr':
      return binaryLabels(node, children[0]!, children[1]!);
  }
}

function aggregateLabels(node: AggregateExpr, inner: LabelSet): LabelSet {
  switch (node.op) {
    case 'topk':
    case 'bottomk':
    case 'limitk':
    case 'limit_ratio':
      return inner;
    case 'count_values': {
      const grouped = group(node, inner);
      const label = node.param?.kind === 'StringLiteral' ? node.param.value : undefined;
      return label === undefined ? ANY : add(grouped, [label], node);
    }
    default:
      return group(node, inner);
  }
}

function group(node: AggregateExpr, inner: LabelSet): LabelSet {
  if (node.without) return remove(inner, node.grouping, node);
  return keepOnly(inner, node.grouping, node);
}

/** `args`: the label sets of the call's arguments. */
function callLabels(node: Call, args: readonly LabelSet[]): LabelSet {
  const first = node.args[0];
  switch (node.func) {
    case 'label_replace':
    case 'label_join': {
      const dst = node.args[1];
      if (!first || dst?.kind !== 'StringLiteral') return ANY;
      return add(args[0]!, [dst.value], node);
    }
    case 'absent':
    case 'absent_over_time':
      return { kind: 'only', names: new Set(equalityLabels(first)), because: node };
    case 'histogram_quantile':
      return node.args[1] ? remove(args[1]!, ['le'], node) : ANY;
    case 'info':
      return ANY;
    default: {
      const type = typeOf(node);
      if (type === 'scalar' || type === 'string') return NONE;
      const vectorArg = node.args.findIndex(isSeries);
      if (vectorArg < 0) return { kind: 'only', names: new Set(), because: node };
      return args[vectorArg]!;
    }
  }
}

function isSeries(expr: Expr): boolean {
  const type = typeOf(expr);
  return type === 'vector' || type === 'matrix';
}

/** Labels that `absent(x{a="b"})` gives its result: those of equality matchers, except the name. */
function equalityLabels(arg: Expr | undefined): string[] {
  const selector: VectorSelector | undefined =
    arg?.kind === 'VectorSelector' ? arg : arg?.kind === 'MatrixSelector' ? (arg as MatrixSelector).selector : undefined;
  if (!selector) return [];
  return selector.matchers.filter((m) => m.type === '=' && m.name !== '__name__').map((m) => m.name);
}

function binaryLabels(node: BinaryExpr, lhs: LabelSet, rhs: LabelSet): LabelSet {
  const lhsScalar = typeOf(node.lhs) === 'scalar';
  const rhsScalar = typeOf(node.rhs) === 'scalar';
  if (lhsScalar && rhsScalar) return NONE;
  if (lhsScalar) return rhs;
  if (rhsScalar) return lhs;
  const matching = node.matching;
  if (node.op === 'or') return union(lhs, rhs);
  if (node.op === 'and' || node.op === 'unless' || !matching) return lhs;
  switch (matching.card) {
    case 'one-to-one':
      if (matching.on) return keepOnly(lhs, matching.labels, node);
      return matching.explicit ? remove(lhs, matching.labels, node) : lhs;
    case 'many-to-one':
      return add(lhs, matching.include, node);
    case 'one-to-many':
      return add(rhs, matching.include, node);
    case 'many-to-many':
      return lhs;
  }
}

function keepOnly(set: LabelSet, names: readonly string[], because: Expr): LabelSet {
  const kept = new Set<string>();
  for (let i = 0; i < names.length; i++) if (mayHaveLabel(set, names[i]!)) kept.add(names[i]!);
  return { kind: 'only', names: kept, because };
}

function remove(set: LabelSet, names: readonly string[], because: Expr): LabelSet {
  if (names.length === 0) return set;
  if (set.kind === 'only') return { kind: 'only', names: new Set([...set.names].filter((n) => !names.includes(n))), because };
  return { kind: 'except', names: new Set([...set.names, ...names]), because };
}

function add(set: LabelSet, names: readonly string[], because: Expr): LabelSet {
  if (names.length === 0) return set;
  if (set.kind === 'only') return { kind: 'only', names: new Set([...set.names, ...names]), because: set.because };
  return { kind: 'except', names: new Set([...set.names].filter((n) => !names.includes(n))), because };
}

function union(a: LabelSet, b: LabelSet): LabelSet {
  if (a.kind === 'only' && b.kind === 'only') return { kind: 'only', names: new Set([...a.names, ...b.names]), because: a.because ?? b.because };
  const aExcept = a.kind === 'except' ? a.names : undefined;
  const bExcept = b.kind === 'except' ? b.names : undefined;
  const excluded = [...(aExcept ?? bExcept ?? [])].filter((n) => (aExcept === undefined || aExcept.has(n)) && (bExcept === undefined || bExcept.has(n)) && !(a.kind === 'only' && a.names.has(n)) && !(b.kind === 'only' && b.names.has(n)));
  return { kind: 'except', names: new Set(excluded), because: a.because ?? b.because };
}
