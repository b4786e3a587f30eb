/**
 * Durations as the parser reads them: a literal (`5m`, or a number of seconds), optionally with signs
 * and, as an experimental Prometheus feature, arithmetic (`[5m + 30s]`), folded to a constant.
 */
import type { IToken } from 'chevrotain';
import type { TextRange } from './ast.js';
import type { PrecedenceRules } from './precedence.js';

export interface DurationValue {
  seconds: number;
  /** Milliseconds, exactly, when written as durations (`1h30m`) rather than as seconds. */
  exactMs?: number;
  range: TextRange;
  /** False when the text was already reported as bad; the value is then a placeholder. */
  isValid: boolean;
  /** True when arithmetic or parentheses were used, which Prometheus supports only behind a flag. */
  isArithmetic: boolean;
}

/** Go's time.Duration holds at most this many seconds. */
export const MAX_DURATION_SECONDS = 2 ** 63 / 1e9;

/** Go's math.Round: halves away from zero. */
export function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** The milliseconds of a duration, rounded as Prometheus rounds them. */
export function durationMs(duration: DurationValue): number {
  if (duration.exactMs !== undefined) return duration.exactMs;
  // Arithmetic is evaluated in seconds and truncated to milliseconds; a plain number of seconds is
  // rounded to nanoseconds first.
  if (duration.isArithmetic) return Math.trunc(duration.seconds * 1000);
  return Math.trunc(roundHalfAway(duration.seconds * 1e9) / 1e6);
}

export function negated(duration: DurationValue, sign: IToken): DurationValue {
  const range = { start: sign.startOffset, end: duration.range.end };
  if (sign.image !== '-') return { ...duration, range };
  const result: DurationValue = { ...duration, seconds: -duration.seconds, range };
  if (duration.exactMs !== undefined) result.exactMs = -duration.exactMs;
  return result;
}

const PRECEDENCE: Readonly<Record<string, number>> = { '+': 4, '-': 4, '*': 5, '/': 5, '%': 5, '^': 7 };

/** Precedence and evaluation of duration arithmetic; division by zero is reported through `report`. */
export function durationArithmetic(
  report: (message: string, range: TextRange) => void,
): PrecedenceRules<DurationValue, IToken> {
  return {
    precedence: (operator) => PRECEDENCE[operator.image] ?? 0,
    rightAssociative: (operator) => operator.image === '^',
    signPrecedence: 6,
    applySign: (sign, operand) => negated(operand, sign),
    applyOperator(lhs, operator, rhs) {
      const range = { start: lhs.range.start, end: rhs.range.end };
      const result: DurationValue = { seconds: 0, range, isValid: lhs.isValid && rhs.isValid, isArithmetic: true };
      const op = operator.image;
      if ((op === '/' || op === '%') && rhs.seconds === 0) {
        const where = { start: operator.startOffset, end: operator.startOffset + 1 };
        if (result.isValid) report(op === '/' ? 'division by zero' : 'modulo by zero', where);
        result.isValid = false;
        return result;
      }
      result.seconds = evaluate(lhs.seconds, op, rhs.seconds);
      if ((op === '+' || op === '-') && lhs.exactMs !== undefined && rhs.exactMs !== undefined) {
        result.exactMs = op === '+' ? lhs.exactMs + rhs.exactMs : lhs.exactMs - rhs.exactMs;
      }
      return result;
    },
  };
}

function evaluate(lhs: number, op: string, rhs: number): number {
  switch (op) {
    case '+':
      return lhs + rhs;
    case '-':
      return lhs - rhs;
    case '*':
      return lhs * rhs;
    case '/':
      return lhs / rhs;
    case '%':
      return lhs % rhs;
    default:
      return lhs ** rhs;
  }
}
