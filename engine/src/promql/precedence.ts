/**
 * Operator precedence for a flat sequence `operand (operator operand)*` whose operands may carry
 * prefix signs, as the grammar delivers both expressions and duration arithmetic. Resolved with
 * two stacks (shunting-yard), so a chain of any length needs no recursion.
 */
import type { IToken } from 'chevrotain';

export interface SignedOperand<T> {
  /** Prefix `+`/`-` tokens, outermost first. */
  signs: readonly IToken[];
  value: T;
}

export interface Operation<T, Op> {
  operator: Op;
  operand: SignedOperand<T>;
}

export interface PrecedenceRules<T, Op> {
  /** Higher binds tighter. */
  precedence(operator: Op): number;
  rightAssociative(operator: Op): boolean;
  /** How tightly prefix signs bind, on the same scale. */
  signPrecedence: number;
  applyOperator(lhs: T, operator: Op, rhs: T): T;
  applySign(sign: IToken, operand: T): T;
}

export function resolvePrecedence<T, Op>(
  first: SignedOperand<T>,
  operations: ReadonlyArray<Operation<T, Op>>,
  rules: PrecedenceRules<T, Op>,
): T {
  const values: T[] = [];
  const pending: Array<{ operator: Op } | { sign: IToken }> = [];

  const reduce = (): void => {
    const top = pending.pop()!;
    if ('sign' in top) {
      values.push(rules.applySign(top.sign, values.pop()!));
    } else {
      const rhs = values.pop()!;
      const lhs = values.pop()!;
      values.push(rules.applyOperator(lhs, top.operator, rhs));
    }
  };
  const push = (operand: SignedOperand<T>): void => {
    for (const sign of operand.signs) pending.push({ sign });
    values.push(operand.value);
  };

  push(first);
  for (const { operator, operand } of operations) {
    const precedence = rules.precedence(operator);
    const rightAssociative = rules.rightAssociative(operator);
    while (pending.length > 0) {
      const top = pending[pending.length - 1]!;
      const topPrecedence = 'sign' in top ? rules.signPrecedence : rules.precedence(top.operator);
      if (topPrecedence > precedence || (topPrecedence === precedence && !rightAssociative)) reduce();
      else break;
    }
    pending.push({ operator });
    push(operand);
  }
  while (pending.length > 0) reduce();
  return values[0]!;
}
