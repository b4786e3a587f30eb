/**
 * What may come next inside the braces of a selector: a label name (or a quoted metric name), a
 * match operator, or a label value, with the metric and the other matchers of the selector.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type { MatchType } from '../../labels/matcher.js';
import { Comma, Identifier, MatchOperator, MetricName, RBrace, StringLiteral, UnterminatedString } from '../lexer.js';
import { unquoteString } from '../string-literal.js';
import type { PartialText } from './cursor-tokens.js';
import type { Frame } from './frames.js';
import type { CompletionKind, MatcherLike } from './kinds.js';

export interface SelectorInput {
  /** The braces frame the cursor is in. */
  frame: Frame;
  /** The tokens the frame was found in (to read the metric name before `{`). */
  tokens: readonly IToken[];
  partial: PartialText | undefined;
  /** Tokens of the whole text that start at the cursor or later. */
  tokensAfterCursor: () => readonly IToken[];
}

export function selectorKinds({ frame, tokens, partial, tokensAfterCursor }: SelectorInput): CompletionKind[] {
  const groups = splitAtCommas(frame.segment);
  const current = groups.pop()!;
  const others = [...groups, ...groupsAfterCursor(tokensAfterCursor())];
  const matchers = others.map(matcherOf).filter((m): m is MatcherLike => m !== undefined);
  const metricName = metricNameBefore(tokens[frame.openIndex - 1]) ?? metricNameIn(others, matchers);
  const context = { ...(metricName !== undefined && { metricName }), matchers };

  const partialKind = partial?.kind;
  if (current.length === 0) {
    if (partialKind === undefined || partialKind === 'word') return [{ kind: 'labelName', ...context }];
    if (partialKind !== 'string') return [];
    const labelName: CompletionKind = { kind: 'labelName', ...context };
    return metricName === undefined ? [labelName, { kind: 'metricName' }] : [labelName];
  }
  const labelName = nameOf(current[0]!);
  if (labelName === undefined) return [];
  if (current.length === 1) return partialKind === undefined || partialKind === 'operator' ? [{ kind: 'matchOperator' }] : [];
  if (current.length === 2 && tokenMatcher(current[1]!, MatchOperator) && partialKind !== 'operator' && partialKind !== 'number') {
    return [{ kind: 'labelValue', labelName, ...context }];
  }
  return [];
}

function splitAtCommas(tokens: readonly IToken[]): IToken[][] {
  const groups: IToken[][] = [[]];
  for (const token of tokens) {
    if (token.tokenType === Comma) groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  return groups;
}

/** The matchers after the one at the cursor, up to the closing brace. */
function groupsAfterCursor(after: readonly IToken[]): IToken[][] {
  const end = after.findIndex((t) => t.tokenType === RBrace);
  const inside = end < 0 ? after : after.slice(0, end);
  const firstComma = inside.findIndex((t) => t.tokenType === Comma);
  return firstComma < 0 ? [] : splitAtCommas(inside.slice(firstComma + 1));
}

function matcherOf(group: readonly IToken[]): MatcherLike | undefined {
  if (group.length !== 3) return undefined;
  const [nameToken, operator, valueToken] = group as [IToken, IToken, IToken];
  const name = nameOf(nameToken);
  const value = completeString(valueToken);
  if (name === undefined || value === undefined || !tokenMatcher(operator, MatchOperator)) return undefined;
  return { name, type: operator.image as MatchType, value };
}

function nameOf(token: IToken): string | undefined {
  return token.tokenType === Identifier ? token.image : completeString(token);
}

function completeString(token: IToken): string | undefined {
  if (!tokenMatcher(token, StringLiteral) || token.tokenType === UnterminatedString) return undefined;
  return unquoteString(token.image).value;
}

function metricNameBefore(token: IToken | undefined): string | undefined {
  return token && tokenMatcher(token, MetricName) ? token.image : undefined;
}

/** `{"metric.name", …}` or `{__name__="metric", …}`. */
function metricNameIn(groups: readonly IToken[][], matchers: readonly MatcherLike[]): string | undefined {
  for (const group of groups) {
    if (group.length === 1) {
      const name = completeString(group[0]!);
      if (name !== undefined) return name;
    }
  }
  return matchers.find((m) => m.name === '__name__' && m.type === '=')?.value;
}
