/**
 * The tokens in front of the cursor, and the part of a word, number, string or operator that the
 * user is typing there. Only the text before the cursor is lexed: whatever follows cannot change
 * what fits at the cursor, and a half-typed string is then always the last token.
 */
import { tokenMatcher, type IToken } from 'chevrotain';
import type { TextRange } from '../ast.js';
import { Colon, NumericLiteral, promqlLexer, UnterminatedString } from '../lexer.js';

/** What kind of text is being typed at the cursor. */
export type PartialKind = 'word' | 'number' | 'string' | 'operator';

export interface PartialText {
  kind: PartialKind;
  /** The quote that opened a string being typed. */
  quote?: string;
}

export interface CursorTokens {
  /** Tokens that end before the text being typed. */
  before: IToken[];
  partial?: PartialText;
  /** The text being typed (without a string's opening quote); empty at the cursor when none. */
  replaceRange: TextRange;
}

const WORD_START = /^[A-Za-z_:]/;
const NUMBER_START = /^[0-9.]/;
const OPERATOR_FRAGMENT = /^[!=~<>]+$/;

/**
 * Lexes the text before `offset`. Returns undefined where nothing can be completed: inside a
 * comment, or right after characters that start no token and no operator.
 */
export function readCursor(text: string, offset: number): CursorTokens | undefined {
  const prefix = text.slice(0, offset);
  const tokens = promqlLexer.tokenize(prefix).tokens;
  const last = tokens[tokens.length - 1];
  const lastEnd = last ? last.startOffset + last.image.length : 0;
  const gap = prefix.slice(lastEnd);
  if (isInComment(gap)) return undefined;

  const trailing = /\S*$/.exec(gap)![0];
  if (trailing !== '') {
    if (!OPERATOR_FRAGMENT.test(trailing)) return undefined;
    return { before: tokens, partial: { kind: 'operator' }, replaceRange: { start: offset - trailing.length, end: offset } };
  }
  const partial = last && lastEnd === offset ? partialOf(last) : undefined;
  if (!last || !partial) return { before: tokens, replaceRange: { start: offset, end: offset } };
  const start = partial.kind === 'string' ? last.startOffset + 1 : last.startOffset;
  return { before: tokens.slice(0, -1), partial, replaceRange: { start, end: offset } };
}

function partialOf(token: IToken): PartialText | undefined {
  if (token.tokenType === UnterminatedString) return { kind: 'string', quote: token.image[0] };
  if (WORD_START.test(token.image) && token.tokenType !== Colon) return { kind: 'word' };
  if (tokenMatcher(token, NumericLiteral) || NUMBER_START.test(token.image)) return { kind: 'number' };
  return undefined;
}

/** Only whitespace, comments and unknown characters separate tokens. */
function isInComment(gap: string): boolean {
  const hash = gap.lastIndexOf('#');
  return hash >= 0 && !/[\r\n]/.test(gap.slice(hash));
}
