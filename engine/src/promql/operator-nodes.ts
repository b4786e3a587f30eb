/**
 * Tree nodes for operators: binary expressions with their vector matching, and unary signs, which
 * fold into number literals as in Prometheus (`-1` is a number, `-(1)` a unary expression).
 */
import type { IToken } from 'chevrotain';
import type { BinaryExpr, BinaryOp, Expr, UnaryExpr, ValueType, VectorMatching } from './ast.js';
import type { PrecedenceRules, SignedOperand } from './precedence.js';
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

/** An expression with its static type, while operators are being applied. */
export interface Typed {
  expr: Expr;
  type: ValueType;
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
export const EXPRESSION_PRECEDENCE: PrecedenceRules<Typed, Operator> = {
  precedence: (operator) => PRECEDENCE[operator.op],
  rightAssociative: (operator) => operator.op === '^',
  signPrecedence: 6,
  applyOperator: (lhs, operator, rhs) => ({
    expr: makeBinary(lhs, operator, rhs),
    type: binaryResultType(lhs.type, rhs.type),
  }),
  applySign: (sign, operand) => ({ expr: applySign(sign, operand.expr), type: operand.type }),
};

export function typed(operand: SignedOperand<Expr>): SignedOperand<Typed> {
  return { signs: operand.signs, value: { expr: operand.value, type: typeOf(operand.value) } };
}

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
 * Vector matching is set between two instant vectors, and wherever it was written (so that the
 * type checker can reject it between scalars).
 */
function makeBinary(lhs: Typed, operator: Operator, rhs: Typed): BinaryExpr {
  const binary: BinaryExpr = {
    kind: 'BinaryExpr',
    op: operator.op,
    lhs: lhs.expr,
    rhs: rhs.expr,
    returnBool: operator.returnBool,
    range: { start: lhs.expr.range.start, end: rhs.expr.range.end },
  };
  const written = operator.matching;
  if (written || (lhs.type === 'vector' && rhs.type === 'vector')) {
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
