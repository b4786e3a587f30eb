/**
 * Subexpressions that several range queries over the same source, at the same times and with
 * the same options, have in common, evaluated by the first query that needs them and taken as
 * they are by the others. A rule
 * simulation runs a thousand queries whose expressions repeat parts: the same rate() under a
 * warning and a critical threshold, the same recording expression for several jobs.
 *
 * Expressions are declared up front; their nodes are interned by structure (positions ignored,
 * parentheses transparent), and a vector subexpression written in more than one place is shared,
 * unless all its places are inside one larger shared subexpression. Only subexpressions whose
 * value at a time depends on nothing but that time and the series are shared: none with an
 * instant vector selector (whose samples count against the query's sample limit), a subquery
 * (whose buffers do) or `@ start()`/`@ end()`. Queries that share do not receive the annotations
 * of what they took; sharing is for callers that ignore annotations. The owner must forget
 * values once the series they were computed from change.
 */
import type { Labels } from '../../labels/labels.js';
import type { Matcher } from '../../labels/matcher.js';
import type { Expr } from '../ast.js';
import { childrenOf, postOrder } from '../ast-walk.js';
import type { TimeSpan } from './query-context.js';
import type { StoredVector } from './stored-vector.js';

/** Per interned node: how often it was written, who contains it, whether it may be shared. */
interface NodeFacts {
  occurrences: number;
  /** The node containing every occurrence, or null when they have different (or no) parents. */
  parent: number | null | undefined;
  /** True when its value at a time depends only on that time and the series. */
  timeOnly: boolean;
  /** True for the kinds worth sharing: calls, aggregations and operators. */
  computed: boolean;
}

const NO_PARENT = null;

interface KnownVectors {
  byTime: Map<number, StoredVector>;
  /** The label sets of the vector stored last. */
  lastLabels: Labels[];
}

export class SharedSubexpressions {
  private readonly idsByKey = new Map<string, number>();
  private readonly idOfNode = new Map<Expr, number>();
  private readonly facts: NodeFacts[] = [];
  private shared: Set<number> | undefined;
  /** Per node and evaluation context, the vector at each time. */
  private readonly values = new Map<string, KnownVectors>();

  /** Declares an expression that queries will evaluate. */
  declare(root: Expr): void {
    this.shared = undefined;
    for (const expr of postOrder(root)) this.intern(expr);
    this.noteParents(root);
  }

  /** The id under which the values of `expr` are shared, or undefined when they are not. */
  sharedId(expr: Expr): number | undefined {
    if (expr.kind === 'ParenExpr') return undefined;
    const id = this.idOfNode.get(expr);
    if (id === undefined) return undefined;
    this.shared ??= this.decideShared();
    return this.shared.has(id) ? id : undefined;
  }

  /** The key of the values of node `id` evaluated at times within `span` of a query stepping by `stepMs`. */
  contextKey(id: number, span: TimeSpan, stepMs: number): string {
    return `${id}|${span.minMs}|${span.maxMs}|${stepMs}`;
  }

  /** The vectors at `times` when all are known. */
  lookup(context: string, times: readonly number[]): StoredVector[] | undefined {
    const known = this.values.get(context);
    if (!known) return undefined;
    const out: StoredVector[] = new Array(times.length);
    for (let k = 0; k < times.length; k++) {
      const vector = known.byTime.get(times[k]!);
      if (vector === undefined) return undefined;
      out[k] = vector;
    }
    return out;
  }

  store(context: string, times: readonly number[], vectors: readonly StoredVector[]): void {
    let known = this.values.get(context);
    if (!known) this.values.set(context, (known = { byTime: new Map(), lastLabels: [] }));
    for (let k = 0; k < times.length; k++) {
      const vector = vectors[k]!;
      if (sameItems(vector.labels, known.lastLabels)) vector.labels = known.lastLabels;
      else known.lastLabels = vector.labels;
      known.byTime.set(times[k]!, vector);
    }
  }

  /** Forgets the values at times before `timeMs`. */
  forgetBefore(timeMs: number): void {
    for (const [context, known] of this.values) {
      for (const t of known.byTime.keys()) if (t < timeMs) known.byTime.delete(t);
      if (known.byTime.size === 0) this.values.delete(context);
    }
  }

  /** Number of vectors held, for tests. */
  get heldVectors(): number {
    let count = 0;
    for (const known of this.values.values()) count += known.byTime.size;
    return count;
  }

  private intern(expr: Expr): void {
    if (expr.kind === 'ParenExpr') {
      this.idOfNode.set(expr, this.idOfNode.get(expr.expr)!);
      return;
    }
    const key = this.structuralKey(expr);
    let id = this.idsByKey.get(key);
    if (id === undefined) {
      id = this.facts.length;
      this.idsByKey.set(key, id);
      this.facts.push({
        occurrences: 0,
        parent: undefined,
        timeOnly: this.dependsOnlyOnTime(expr),
        computed: expr.kind === 'Call' || expr.kind === 'AggregateExpr' || expr.kind === 'BinaryExpr' || expr.kind === 'UnaryExpr',
      });
    }
    this.facts[id]!.occurrences++;
    this.idOfNode.set(expr, id);
  }

  /** Records, for every node below `root`, the nearest enclosing node that is not a parenthesis. */
  private noteParents(root: Expr): void {
    const stack: Array<[Expr, number | null]> = [[root, NO_PARENT]];
    while (stack.length > 0) {
      const [expr, parent] = stack.pop()!;
      const id = this.idOfNode.get(expr)!;
      if (expr.kind !== 'ParenExpr') {
        const facts = this.facts[id]!;
        facts.parent = facts.parent === undefined || facts.parent === parent ? parent : NO_PARENT;
      }
      const enclosing = expr.kind === 'ParenExpr' ? parent : id;
      for (const child of childrenOf(expr)) stack.push([child, enclosing]);
    }
  }

  private decideShared(): Set<number> {
    const shared = new Set<number>();
    this.facts.forEach((facts, id) => {
      if (!facts.computed || !facts.timeOnly || facts.occurrences < 2) return;
      const parent = facts.parent === null || facts.parent === undefined ? undefined : this.facts[facts.parent]!;
      const coveredByParent = parent !== undefined && parent.computed && parent.timeOnly && parent.occurrences === facts.occurrences;
      if (!coveredByParent) shared.add(id);
    });
    return shared;
  }

  private dependsOnlyOnTime(expr: Expr): boolean {
    switch (expr.kind) {
      case 'VectorSelector':
      case 'SubqueryExpr':
        return false;
      case 'MatrixSelector':
        return expr.selector.atAnchor === undefined;
      default:
        return childrenOf(expr).every((child) => this.facts[this.idOfNode.get(child)!]!.timeOnly);
    }
  }

  /** A key equal for nodes that evaluate alike: every field but the position, children by id. */
  private structuralKey(expr: Expr): string {
    const parts: string[] = [expr.kind];
    for (const field of Object.keys(expr).sort()) {
      if (field === 'range' || field === 'kind') continue;
      const value = (expr as unknown as Record<string, unknown>)[field];
      parts.push(`${field}=${this.fieldKey(field, value)}`);
    }
    return parts.join('\u0000');
  }

  private fieldKey(field: string, value: unknown): string {
    if (field === 'matchers') return JSON.stringify((value as Matcher[]).map((m) => [m.name, m.type, m.value]));
    if (field === 'args') return (value as Expr[]).map((arg) => `#${this.idOfNode.get(arg)}`).join(',');
    if (isExpr(value)) return `#${this.idOfNode.get(value)}`;
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    return JSON.stringify(value) ?? 'undefined';
  }
}

function isExpr(value: unknown): value is Expr {
  return typeof value === 'object' && value !== null && 'kind' in value && 'range' in value;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
