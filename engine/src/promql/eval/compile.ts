/** Turns an expression into a tree of evaluation nodes for one query. */
import type { AggregateExpr, BinaryExpr, Call, Expr, SubqueryExpr, UnaryExpr } from '../ast.js';
import { lookupFunction } from '../functions.js';
import { typeOf } from '../types.js';
import { AggregateNode } from './aggregations.js';
import { SubsetAggregateNode } from './aggregations-k.js';
import { ScalarBinaryNode, VectorScalarNode } from './binary.js';
import { FunctionCall, ScalarCallNode, VectorCallNode } from './call.js';
import { CountValuesNode } from './count-values.js';
import { InfoNode } from './info.js';
import { FUNCTION_IMPLS, WINDOW_FUNCTIONS } from './functions/index.js';
import {
  ScalarConstant,
  StringConstant,
  type EvalNode,
  type MatrixNode,
  type ScalarNode,
  type VectorNode,
} from './nodes.js';
import { isSetOp } from './operators.js';
import type { QueryContext, TimeSpan } from './query-context.js';
import { MatrixSelectorNode, resolveAt, VectorSelectorNode } from './selectors.js';
import { SetOperatorNode } from './set-operators.js';
import type { SharedSubexpressions } from './shared-subexpressions.js';
import { SharedVectorNode } from './shared-vector-node.js';
import { evaluatedOnce, stepInvariantNodes } from './step-invariant.js';
import { SubqueryNode } from './subquery.js';
import { NegatedScalarNode, NegatedVectorNode } from './unary.js';
import { EvalError } from './values.js';
import { VectorBinaryNode } from './vector-binary.js';

function unwrapParens(expr: Expr): Expr {
  let e = expr;
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

function isLiteral(expr: Expr): boolean {
  const e = unwrapParens(expr);
  return e.kind === 'NumberLiteral' || e.kind === 'StringLiteral';
}

/** Compiles `expr` for one query; subexpressions in `shared` take their values from there. */
export function compile(expr: Expr, ctx: QueryContext, shared?: SharedSubexpressions): EvalNode {
  const { startMs, endMs } = ctx.bounds;
  return new Compiler(ctx, stepInvariantNodes(expr), shared).node(expr, { minMs: startMs, maxMs: endMs }, false);
}

class Compiler {
  constructor(
    private readonly ctx: QueryContext,
    private readonly invariantNodes: ReadonlySet<Expr>,
    private readonly shared: SharedSubexpressions | undefined,
  ) {}

  /** Compiles `expr`, evaluated at times within `span`; `invariant` when inside a cached subtree. */
  node(expr: Expr, span: TimeSpan, invariant: boolean): EvalNode {
    if (!invariant && !isLiteral(expr) && this.invariantNodes.has(expr)) return evaluatedOnce(this.build(expr, span, true));
    const sharedId = invariant ? undefined : this.shared?.sharedId(expr);
    if (sharedId === undefined) return this.build(expr, span, invariant);
    const node = this.build(expr, span, invariant);
    if (node.type !== 'vector') return node;
    return new SharedVectorNode(this.shared!, this.shared!.contextKey(sharedId, span, this.ctx.bounds.stepMs), node);
  }

  private build(expr: Expr, span: TimeSpan, inv: boolean): EvalNode {
    switch (expr.kind) {
      case 'NumberLiteral':
        return new ScalarConstant(expr.value);
      case 'StringLiteral':
        return new StringConstant(expr.value);
      case 'ParenExpr':
        return this.node(expr.expr, span, inv);
      case 'VectorSelector':
        return new VectorSelectorNode(this.ctx, expr, span);
      case 'MatrixSelector':
        return new MatrixSelectorNode(this.ctx, expr.selector, expr.rangeMs, span);
      case 'SubqueryExpr':
        return this.subquery(expr, span, inv);
      case 'UnaryExpr':
        return this.unary(expr, span, inv);
      case 'BinaryExpr':
        return this.binary(expr, span, inv);
      case 'Call':
        return this.call(expr, span, inv);
      case 'AggregateExpr':
        return this.aggregate(expr, span, inv);
    }
  }

  private vector(expr: Expr, span: TimeSpan, inv: boolean): VectorNode {
    const node = this.node(expr, span, inv);
    if (node.type !== 'vector') throw this.typeError(expr, 'instant vector', node.type);
    return node;
  }

  private scalar(expr: Expr, span: TimeSpan, inv: boolean): ScalarNode {
    const node = this.node(expr, span, inv);
    if (node.type !== 'scalar') throw this.typeError(expr, 'scalar', node.type);
    return node;
  }

  private typeError(expr: Expr, expected: string, found: string): EvalError {
    return new EvalError(`expected ${expected} but the expression evaluates to ${found}`, expr.range);
  }

  private subquery(expr: SubqueryExpr, span: TimeSpan, inv: boolean): MatrixNode {
    const atMs = resolveAt(expr, this.ctx.bounds);
    const stepMs = expr.stepMs > 0 ? expr.stepMs : this.ctx.settings.defaultSubqueryStepMs;
    const innerSpan: TimeSpan = {
      minMs: (atMs ?? span.minMs) - expr.offsetMs - expr.rangeMs,
      maxMs: (atMs ?? span.maxMs) - expr.offsetMs,
    };
    const inner = this.vector(expr.expr, innerSpan, inv);
    const timing = { rangeMs: expr.rangeMs, stepMs, offsetMs: expr.offsetMs, atMs, lastStepMs: innerSpan.maxMs };
    return new SubqueryNode(this.ctx, expr, inner, timing);
  }

  private unary(expr: UnaryExpr, span: TimeSpan, inv: boolean): EvalNode {
    const operand = this.node(expr.expr, span, inv);
    if (expr.op === '+') return operand;
    if (operand.type === 'scalar') return new NegatedScalarNode(operand);
    if (operand.type === 'vector') return new NegatedVectorNode(operand);
    throw this.typeError(expr.expr, 'scalar or instant vector', operand.type);
  }

  private binary(expr: BinaryExpr, span: TimeSpan, inv: boolean): EvalNode {
    const lhsType = typeOf(expr.lhs);
    const rhsType = typeOf(expr.rhs);
    if (lhsType === 'scalar' && rhsType === 'scalar') {
      return new ScalarBinaryNode(expr.op, this.scalar(expr.lhs, span, inv), this.scalar(expr.rhs, span, inv));
    }
    if (lhsType === 'scalar') {
      const scalar = this.scalar(expr.lhs, span, inv);
      return new VectorScalarNode(expr.op, this.vector(expr.rhs, span, inv), scalar, true, expr.returnBool);
    }
    if (rhsType === 'scalar') {
      const vector = this.vector(expr.lhs, span, inv);
      return new VectorScalarNode(expr.op, vector, this.scalar(expr.rhs, span, inv), false, expr.returnBool);
    }
    const lhs = this.vector(expr.lhs, span, inv);
    const rhs = this.vector(expr.rhs, span, inv);
    const matching = expr.matching ?? { card: 'one-to-one', labels: [], on: false, explicit: false, include: [] };
    if (isSetOp(expr.op)) return new SetOperatorNode(expr.op, matching, lhs, rhs);
    return new VectorBinaryNode({ ...expr, matching }, lhs, rhs);
  }

  private call(expr: Call, span: TimeSpan, inv: boolean): EvalNode {
    if (expr.func === 'info') return this.info(expr, span, inv);
    const impl = FUNCTION_IMPLS[expr.func];
    if (!impl) throw new EvalError(`function "${expr.func}" is not implemented`, expr.range);
    const firstArg = expr.args[0] && unwrapParens(expr.args[0]);
    const timestampOfSelector = expr.func === 'timestamp' && firstArg?.kind === 'VectorSelector';
    const args: EvalNode[] = timestampOfSelector
      ? [new VectorSelectorNode(this.ctx, firstArg, span, { atIgnoresOffset: true })]
      : expr.args.map((arg) => this.node(arg, span, inv));
    const overRange = expr.args.some((arg) => {
      const kind = unwrapParens(arg).kind;
      return kind === 'MatrixSelector' || kind === 'SubqueryExpr';
    });
    const call = new FunctionCall(this.ctx, expr, impl, args, {
      overRange,
      window: WINDOW_FUNCTIONS[expr.func],
      stampArgumentsAtEvalTime: expr.func === 'timestamp' && !timestampOfSelector,
    });
    return lookupFunction(expr.func)?.returnType === 'scalar' ? new ScalarCallNode(call) : new VectorCallNode(call);
  }

  /** info() reads info series from the source, so it is the evaluator's rather than a FunctionImpl. */
  private info(expr: Call, span: TimeSpan, inv: boolean): VectorNode {
    const [baseArg, selectorArg] = expr.args;
    if (!baseArg) throw this.typeError(expr, 'instant vector argument', 'nothing');
    const selector = selectorArg && unwrapParens(selectorArg);
    if (selector && selector.kind !== 'VectorSelector') throw this.typeError(selector, 'label selector', typeOf(selector));
    return new InfoNode(this.ctx, expr, this.vector(baseArg, span, inv), selector);
  }

  private aggregate(expr: AggregateExpr, span: TimeSpan, inv: boolean): VectorNode {
    const input = this.vector(expr.expr, span, inv);
    const param = expr.param && unwrapParens(expr.param);
    switch (expr.op) {
      case 'count_values': {
        if (param?.kind !== 'StringLiteral') throw this.typeError(expr, 'string parameter', param ? typeOf(param) : 'nothing');
        return new CountValuesNode(expr, param.value, input);
      }
      case 'topk':
      case 'bottomk':
      case 'limitk':
      case 'limit_ratio': {
        if (!param) throw this.typeError(expr, 'scalar parameter', 'nothing');
        const k = this.scalar(param, span, inv);
        return new SubsetAggregateNode(this.ctx, expr, expr.op, input, k, param.range);
      }
      default: {
        const q = param ? this.scalar(param, span, inv) : undefined;
        return new AggregateNode(this.ctx, expr, expr.op, input, q, param?.range ?? expr.range);
      }
    }
  }
}
