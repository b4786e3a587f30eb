/**
 * The innermost bracket the cursor is in, found by one pass over the tokens before it. Every
 * bracket closed before the cursor is reduced to a small stand-in (`(…)` of a call becomes `()`,
 * `[5m:1m]` becomes `[5m]`, `{…}` becomes `{}`), so that the grammar sees only the expression
 * being written, and problems inside finished brackets do not get in the way.
 */
import { createTokenInstance, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import {
  AggregateOperator,
  At,
  By,
  Comma,
  Duration,
  End,
  GroupLeft,
  GroupRight,
  Identifier,
  Ignoring,
  LBrace,
  LBracket,
  LParen,
  NumberToken,
  On,
  RBrace,
  RBracket,
  RParen,
  Start,
  Without,
} from '../lexer.js';
import { lookupAggregation } from '../functions.js';

export type FrameKind =
  /** The whole expression. */
  | 'top'
  /** Arguments of a function or an aggregation. */
  | 'call'
  /** Parentheses around an expression. */
  | 'paren'
  /** Labels of `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`. */
  | 'grouping'
  /** `start(` or `end(` after `@`. */
  | 'atAnchor'
  /** Label matchers. */
  | 'braces'
  /** A range or a subquery. */
  | 'brackets';

export interface Frame {
  kind: FrameKind;
  /** Index of the opening token in the scanned tokens; -1 for the top. */
  openIndex: number;
  /** Of a call: the function name, or the aggregation in lower case. */
  name?: string;
  /** Of a call: which argument is being written (0-based). */
  argIndex: number;
  /** Of a grouping after an aggregation: its name and, when written before, its arguments' frame. */
  aggregation?: { name: string; args?: Frame };
  /** Index of the closing token, once closed. */
  closeIndex?: number;
  /** Of `()` frames: the expression being written, closed brackets reduced. Of the others: every token inside. */
  segment: IToken[];
}

const GROUPING_KEYWORDS: readonly TokenType[] = [By, Without, On, Ignoring, GroupLeft, GroupRight];

/** The innermost frame open at the end of `tokens`. */
export function innermostFrame(tokens: readonly IToken[]): Frame {
  const stack: Frame[] = [newFrame('top', -1)];
  const closedAt = new Map<number, Frame>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const type = token.tokenType;
    const frame = stack[stack.length - 1]!;
    if (frame.kind === 'braces' || frame.kind === 'brackets') {
      const closer = frame.kind === 'braces' ? RBrace : RBracket;
      if (type === closer) closeFrame(stack, token, i, closedAt);
      else frame.segment.push(token);
      continue;
    }
    if (type === LParen || type === LBrace || type === LBracket) {
      frame.segment.push(token);
      stack.push(openedFrame(tokens, i, closedAt));
    } else if (type === RParen && stack.length > 1) {
      closeFrame(stack, token, i, closedAt);
    } else if (type === Comma && frame.kind !== 'grouping') {
      frame.argIndex++;
      frame.segment = [];
    } else {
      frame.segment.push(token);
    }
  }
  return stack[stack.length - 1]!;
}

function newFrame(kind: FrameKind, openIndex: number): Frame {
  return { kind, openIndex, argIndex: 0, segment: [] };
}

function openedFrame(tokens: readonly IToken[], i: number, closedAt: ReadonlyMap<number, Frame>): Frame {
  const type = tokens[i]!.tokenType;
  if (type === LBrace) return newFrame('braces', i);
  if (type === LBracket) return newFrame('brackets', i);
  const previous = tokens[i - 1];
  if (!previous) return newFrame('paren', i);
  const before = previous.tokenType;
  if (GROUPING_KEYWORDS.includes(before)) {
    const frame = newFrame('grouping', i);
    if (before === By || before === Without) frame.aggregation = aggregationOwning(tokens, i - 2, closedAt);
    return frame;
  }
  if ((before === Start || before === End) && tokens[i - 2]?.tokenType === At) return newFrame('atAnchor', i);
  if (before === Identifier) return callFrame(i, previous.image);
  if (tokenMatcher(previous, AggregateOperator)) return callFrame(i, previous.image.toLowerCase());
  // `sum by (job) (`: the arguments follow the grouping.
  const grouping = closedAt.get(i - 1);
  if (grouping?.kind === 'grouping' && grouping.aggregation) return callFrame(i, grouping.aggregation.name);
  return newFrame('paren', i);
}

function callFrame(openIndex: number, name: string): Frame {
  return { ...newFrame('call', openIndex), name };
}

/** The aggregation that a `by`/`without` preceded by the token at `index` belongs to. */
function aggregationOwning(
  tokens: readonly IToken[],
  index: number,
  closedAt: ReadonlyMap<number, Frame>,
): Frame['aggregation'] {
  const token = tokens[index];
  if (!token) return undefined;
  if (tokenMatcher(token, AggregateOperator)) return { name: token.image.toLowerCase() };
  const args = closedAt.get(index);
  if (args?.kind === 'call' && args.name && lookupAggregation(args.name)) return { name: args.name, args };
  return undefined;
}

const STAND_IN_NUMBER = createTokenInstance(NumberToken, '1', NaN, NaN, NaN, NaN, NaN, NaN);
/** A stand-in for what precedes the last binary operator of an expression. */
export const STAND_IN_OPERAND = createTokenInstance(NumberToken, '1', NaN, NaN, NaN, NaN, NaN, NaN);
const STAND_IN_DURATION = createTokenInstance(Duration, '1m', NaN, NaN, NaN, NaN, NaN, NaN);

/** Pops the innermost frame, leaving its stand-in and its closing token in the enclosing frame. */
function closeFrame(stack: Frame[], closer: IToken, index: number, closedAt: Map<number, Frame>): void {
  const frame = stack.pop()!;
  frame.closeIndex = index;
  closedAt.set(index, frame);
  const enclosing = stack[stack.length - 1]!.segment;
  if (frame.kind === 'paren') enclosing.push(STAND_IN_NUMBER);
  if (frame.kind === 'brackets') enclosing.push(STAND_IN_DURATION);
  enclosing.push(closer);
}
