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
  if (operations.length === 1 && first.signs.length === 0 && operations[0]!.operand.signs.length === 0) {
    // The common `a op b`, with nothing to order.
    return rules.applyOperator(first.value, operations[0]!.operator, operations[0]!.operand.value);
  }
  const stacks: Stacks<T, Op> = { values: [], pending: [] };
  push(stacks, first);
  for (let i = 0; i < operations.length; i++) {
    const { operator, operand } = operations[i]!;
    const precedence = rules.precedence(operator);
    const rightAssociative = rules.rightAssociative(operator);
    while (stacks.pending.length > 0) {
      const top = stacks.pending[stacks.pending.length - 1]!;
      const topPrecedence = top.sign ? rules.signPrecedence : rules.precedence(top.operator!);
      if (topPrecedence > precedence || (topPrecedence === precedence && !rightAssociative)) reduce(stacks, rules);
      else break;
    }
    stacks.pending.push({ operator });
    push(stacks, operand);
  }
  while (stacks.pending.length > 0) reduce(stacks, rules);
  return stacks.values[0]!;
}

/** Operands waiting for their operators, and operators and signs waiting to be applied. */
interface Stacks<T, Op> {
  values: T[];
  pending: Array<{ operator?: Op; sign?: IToken }>;
}

function push<T, Op>(stacks: Stacks<T, Op>, operand: SignedOperand<T>): void {
  for (const sign of operand.signs) stacks.pending.push({ sign });
  stacks.values.push(operand.value);
}

/** Applies the topmost pending sign or operator. */
function reduce<T, Op>(stacks: Stacks<T, Op>, rules: PrecedenceRules<T, Op>): void {
  const top = stacks.pending.pop()!;
  const { values } = stacks;
  if (top.sign) {
    values.push(rules.applySign(top.sign, values.pop()!));
  } else {
    const rhs = values.pop()!;
    const lhs = values.pop()!;
    values.push(rules.applyOperator(lhs, top.operator!, rhs));
  }
}
