/**
 * Tree nodes for operators: binary expressions with their vector matching, and unary signs, which
 * fold into number literals as in Prometheus (`-1` is a number, `-(1)` a unary expression).
 */
import type { IToken } from 'chevrotain';
import type { BinaryExpr, BinaryOp, Expr, UnaryExpr, ValueType, VectorMatching } from './ast.js';
import type { PrecedenceRules } from './precedence.js';
import { binaryResultType, typeOf } from './types.js';

/** A binary operator as written, with its modifiers. */
export interface Operator {
  op: BinaryOp;
  returnBool: boolean;
  /** Present when `on`/`ignoring` was written. */
  matching?: WrittenMatching;
}

export interface WrittenMatching {
  on: boolean;
  labels: string[];
  group?: 'left' | 'right';
  include: string[];
}

/** Binding power of each operator; `^` is right-associative, all others left-associative. */
const PRECEDENCE: Readonly<Record<BinaryOp, number>> = {
  or: 1,
  and: 2, unless: 2,
  '==': 3, '!=': 3, '<': 3, '<=': 3, '>': 3, '>=': 3,
  '+': 4, '-': 4,
  '*': 5, '/': 5, '%': 5, atan2: 5,
  '^': 7,
};
const SET_OPERATORS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);

/** Unary signs bind tighter than `*` and looser than `^`: `-2^2` is `-(2^2)`. */
export const EXPRESSION_PRECEDENCE: PrecedenceRules<Expr, Operator> = {
  precedence: (operator) => PRECEDENCE[operator.op],
  rightAssociative: (operator) => operator.op === '^',
  signPrecedence: 6,
  applyOperator: makeBinary,
  applySign,
};

function applySign(sign: IToken, expr: Expr): Expr {
  const range = { start: sign.startOffset, end: expr.range.end };
  const op = sign.image as '+' | '-';
  if (expr.kind === 'NumberLiteral') {
    return { kind: 'NumberLiteral', value: op === '-' ? -expr.value : expr.value, range };
  }
  const unary: UnaryExpr = { kind: 'UnaryExpr', op, expr, range };
  return unary;
}

/**
 * The types of the binary expressions made here: an operand that is a chain of them (`1 ^ 2 ^ ...`
 * nests to the right) is typed without walking the chain, which would take time and stack in
 * proportion to its length for every operator of it.
 */
const madeTypes = new WeakMap<BinaryExpr, ValueType>();

/** The static type of an operand, looked up for the binary expressions made here. */
function operandType(expr: Expr): ValueType {
  let inner = expr;
  while (inner.kind === 'ParenExpr' || inner.kind === 'UnaryExpr') inner = inner.expr;
  return (inner.kind === 'BinaryExpr' ? madeTypes.get(inner) : undefined) ?? typeOf(inner);
}

/**
 * Vector matching is set between two instant vectors, and wherever it was written (so that the
 * type checker can reject it between scalars).
 */
function makeBinary(lhs: Expr, operator: Operator, rhs: Expr): BinaryExpr {
  const binary: BinaryExpr = {
    kind: 'BinaryExpr',
    op: operator.op,
    lhs,
    rhs,
    returnBool: operator.returnBool,
    range: { start: lhs.range.start, end: rhs.range.end },
  };
  const lhsType = operandType(lhs);
  const rhsType = operandType(rhs);
  madeTypes.set(binary, binaryResultType(lhsType, rhsType));
  const written = operator.matching;
  if (written || (lhsType === 'vector' && rhsType === 'vector')) {
    const matching: VectorMatching = {
      card: SET_OPERATORS.has(operator.op) ? 'many-to-many' : 'one-to-one',
      labels: written?.labels ?? [],
      on: written?.on ?? false,
      explicit: written !== undefined,
      include: written?.include ?? [],
    };
    if (written?.group) matching.card = written.group === 'left' ? 'many-to-one' : 'one-to-many';
    binary.matching = matching;
  }
  return binary;
}
