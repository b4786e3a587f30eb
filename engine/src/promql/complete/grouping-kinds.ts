/**
 * What may come next in the label list of `by`, `without`, `on`, `ignoring`, `group_left` and
 * `group_right`: a label name; for an aggregation, of the metric it aggregates.
 */
import type { IToken, TokenType } from 'chevrotain';
import {
  By,
  Comma,
  GroupLeft,
  GroupRight,
  Identifier,
  Ignoring,
  LBrace,
  LParen,
  MetricIdentifier,
  On,
  RBrace,
  RParen,
  Without,
} from '../lexer.js';
import type { PartialText } from './cursor-tokens.js';
import type { Frame } from './frames.js';
import type { CompletionKind } from './kinds.js';

export interface GroupingInput {
  /** The grouping frame the cursor is in. */
  frame: Frame;
  /** The tokens the frame was found in. */
  tokens: readonly IToken[];
  partial: PartialText | undefined;
  /** Tokens of the whole text that start at the cursor or later. */
  tokensAfterCursor: () => readonly IToken[];
}

export function groupingKinds({ frame, tokens, partial, tokensAfterCursor }: GroupingInput): CompletionKind[] {
  const last = frame.segment[frame.segment.length - 1];
  if (last && last.tokenType !== Comma) return [];
  if (partial?.kind === 'number' || partial?.kind === 'operator') return [];
  const metricName = aggregatedMetric(frame, tokens, tokensAfterCursor);
  return [{ kind: 'labelName', ...(metricName !== undefined && { metricName }) }];
}

function aggregatedMetric(
  frame: Frame,
  tokens: readonly IToken[],
  tokensAfterCursor: () => readonly IToken[],
): string | undefined {
  const aggregation = frame.aggregation;
  if (!aggregation) return undefined;
  const args = aggregation.args;
  if (args) return selectorNameIn(tokens, args.openIndex + 1, args.closeIndex!);
  // `sum by (…) (args)`: the arguments come after the cursor.
  const after = tokensAfterCursor();
  const close = after.findIndex((t) => t.tokenType === RParen);
  if (close < 0 || after[close + 1]?.tokenType !== LParen) return undefined;
  return selectorNameIn(after, close + 2, closingParen(after, close + 1));
}

function closingParen(tokens: readonly IToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.tokenType === LParen) depth++;
    else if (tokens[i]!.tokenType === RParen && --depth === 0) return i;
  }
  return tokens.length;
}

const LABEL_LIST_KEYWORDS: readonly TokenType[] = [By, Without, On, Ignoring, GroupLeft, GroupRight];

/** The metric name of the first selector among tokens[from, to), skipping label names. */
function selectorNameIn(tokens: readonly IToken[], from: number, to: number): string | undefined {
  for (let i = from; i < to; i++) {
    const type = tokens[i]!.tokenType;
    if (type === LBrace) i = indexOf(tokens, RBrace, i, to);
    else if (LABEL_LIST_KEYWORDS.includes(type) && tokens[i + 1]?.tokenType === LParen) i = indexOf(tokens, RParen, i, to);
    else if ((type === Identifier || type === MetricIdentifier) && tokens[i + 1]?.tokenType !== LParen) {
      return tokens[i]!.image;
    }
  }
  return undefined;
}

function indexOf(tokens: readonly IToken[], type: TokenType, from: number, to: number): number {
  for (let i = from; i < to; i++) if (tokens[i]!.tokenType === type) return i;
  return to;
}
