/**
 * Content assist for the PromQL dialect: given an expression and a cursor offset, what kinds of
 * things may be typed there. It works on any text, complete or not, and looks only at the tokens
 * around the cursor: the innermost bracket decides whether label names, label values, durations or
 * expressions fit, and for expressions the grammar says what may follow. Turning kinds into
 * candidates is candidates.ts's job.
 */
import type { IToken } from 'chevrotain';
import { Colon, promqlLexer, UnterminatedString } from '../lexer.js';
import { readCursor, type CursorTokens } from './cursor-tokens.js';
import { expressionKinds } from './expression-kinds.js';
import { innermostFrame, type Frame } from './frames.js';
import { groupingKinds } from './grouping-kinds.js';
import type { CompletionContext, CompletionKind } from './kinds.js';
import { selectorKinds } from './selector-kinds.js';

export type { CompletionContext, CompletionKind, CompletionKindName, Keyword, MatcherLike } from './kinds.js';

export function completionContext(text: string, offset: number): CompletionContext {
  const at = Math.max(0, Math.min(text.length, Math.trunc(offset) || 0));
  const cursor = readCursor(text, at);
  if (!cursor) return { kinds: [], replaceRange: { start: at, end: at } };

  let fullTokens: IToken[] | undefined;
  const tokensAfterCursor = (): readonly IToken[] => {
    fullTokens ??= promqlLexer.tokenize(text).tokens;
    return fullTokens.filter((t) => t.startOffset >= at);
  };
  const kinds = kindsAt(cursor, tokensAfterCursor);
  const context: CompletionContext = { kinds, replaceRange: cursor.replaceRange };
  const quote = cursor.partial?.quote;
  if (quote && kinds.length > 0) {
    fullTokens ??= promqlLexer.tokenize(text).tokens;
    context.quote = { char: quote, closed: isStringClosed(fullTokens, cursor.replaceRange.start - 1) };
  }
  return context;
}

function kindsAt(cursor: CursorTokens, tokensAfterCursor: () => readonly IToken[]): CompletionKind[] {
  const { before: tokens, partial } = cursor;
  const frame = innermostFrame(tokens);
  switch (frame.kind) {
    case 'braces':
      return selectorKinds({ frame, tokens, partial, tokensAfterCursor });
    case 'grouping':
      return groupingKinds({ frame, tokens, partial, tokensAfterCursor });
    case 'brackets':
      return durationKinds(frame, cursor);
    case 'atAnchor':
      return [];
    default:
      return expressionKinds(frame, partial);
  }
}

/** A range or subquery takes a duration first and after the colon. */
function durationKinds(frame: Frame, cursor: CursorTokens): CompletionKind[] {
  const last = frame.segment[frame.segment.length - 1];
  const atDuration = !last || last.tokenType === Colon;
  const typingDuration = !cursor.partial || cursor.partial.kind === 'number';
  return atDuration && typingDuration ? [{ kind: 'duration' }] : [];
}

/** Whether the string opened at `quoteOffset` has its closing quote in the whole text. */
function isStringClosed(tokens: readonly IToken[], quoteOffset: number): boolean {
  const token = tokens.find((t) => t.startOffset === quoteOffset);
  return token !== undefined && token.tokenType !== UnterminatedString;
}
