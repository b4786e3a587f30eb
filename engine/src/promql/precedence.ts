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

const SIGN = 0;
const OPERAND = 1;
const OPERATOR = 2;
type Piece = typeof SIGN | typeof OPERAND | typeof OPERATOR;

/**
 * Resolves precedence for a parser that hands over signs, operands and operators one at a time,
 * in text order, so that it makes no intermediate objects. Expressions nest (an operand may hold a
 * whole expression in parentheses): each keeps its pieces above the mark `begin` gave it, and `end`
 * applies them, in the order a resolution of the whole sequence at once would. One resolver serves
 * every parse.
 */
export class PrecedenceResolver<T, Op> {
  // Stacks keep their own depths: popping an array to empty frees its storage, which the next push
  // would allocate again.
  /** The pieces of the expressions being read; `kinds` tells what each is. */
  private readonly pieces: Array<T | Op | IToken> = [];
  private readonly kinds: Piece[] = [];
  private pieceCount = 0;
  /** While `end` applies operators: operands waiting for their operators. */
  private readonly values: T[] = [];
  private valueDepth = 0;
  /** While `end` applies operators: operators and signs waiting to be applied; `isSign` tells which each is. */
  private readonly pending: Array<Op | IToken> = [];
  private readonly isSign: boolean[] = [];
  private pendingDepth = 0;

  constructor(private readonly rules: PrecedenceRules<T, Op>) {}

  /** Drops what an abandoned parse left. */
  clear(): void {
    this.pieceCount = 0;
    this.valueDepth = 0;
    this.pendingDepth = 0;
  }

  /** Starts an expression; its mark goes to `end`. */
  begin(): number {
    return this.pieceCount;
  }

  /** A prefix sign of the next operand. */
  sign(sign: IToken): void {
    this.add(sign, SIGN);
  }

  operand(value: T): void {
    this.add(value, OPERAND);
  }

  operator(operator: Op): void {
    this.add(operator, OPERATOR);
  }

  /** Ends the expression of `mark`: its value, with precedence applied. */
  end(mark: number): T {
    const rules = this.rules;
    for (let i = mark; i < this.pieceCount; i++) {
      const piece = this.pieces[i]!;
      const kind = this.kinds[i]!;
      if (kind === OPERAND) {
        this.values[this.valueDepth++] = piece as T;
      } else if (kind === SIGN) {
        this.pushPending(piece as IToken, true);
      } else {
        const operator = piece as Op;
        const precedence = rules.precedence(operator);
        const rightAssociative = rules.rightAssociative(operator);
        while (this.pendingDepth > 0) {
          const top = this.pendingDepth - 1;
          const topPrecedence = this.isSign[top] ? rules.signPrecedence : rules.precedence(this.pending[top] as Op);
          if (topPrecedence > precedence || (topPrecedence === precedence && !rightAssociative)) this.reduce();
          else break;
        }
        this.pushPending(operator, false);
      }
    }
    while (this.pendingDepth > 0) this.reduce();
    this.pieceCount = mark;
    return this.values[--this.valueDepth]!;
  }

  private add(piece: T | Op | IToken, kind: Piece): void {
    this.pieces[this.pieceCount] = piece;
    this.kinds[this.pieceCount] = kind;
    this.pieceCount++;
  }

  private pushPending(entry: Op | IToken, isSign: boolean): void {
    this.pending[this.pendingDepth] = entry;
    this.isSign[this.pendingDepth] = isSign;
    this.pendingDepth++;
  }

  /** Applies the topmost pending sign or operator. */
  private reduce(): void {
    const top = --this.pendingDepth;
    const values = this.values;
    if (this.isSign[top]) {
      values[this.valueDepth - 1] = this.rules.applySign(this.pending[top] as IToken, values[this.valueDepth - 1]!);
    } else {
      const rhs = values[--this.valueDepth]!;
      values[this.valueDepth - 1] = this.rules.applyOperator(values[this.valueDepth - 1]!, this.pending[top] as Op, rhs);
    }
  }
}

/** The value of `first (operator operand)*`, all read already. */
export function resolvePrecedence<T, Op>(
  first: SignedOperand<T>,
  operations: ReadonlyArray<Operation<T, Op>>,
  resolver: PrecedenceResolver<T, Op>,
): T {
  const mark = resolver.begin();
  pushOperand(resolver, first);
  for (let i = 0; i < operations.length; i++) {
    const { operator, operand } = operations[i]!;
    resolver.operator(operator);
    pushOperand(resolver, operand);
  }
  return resolver.end(mark);
}

function pushOperand<T, Op>(resolver: PrecedenceResolver<T, Op>, operand: SignedOperand<T>): void {
  for (let i = 0; i < operand.signs.length; i++) resolver.sign(operand.signs[i]!);
  resolver.operand(operand.value);
}
