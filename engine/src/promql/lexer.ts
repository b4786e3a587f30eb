/**
 * The PromQL lexer: the token kinds of tokens.ts, produced by scanner.ts. `newPromqlLexer` builds
 * Chevrotain's lexer from the same token definitions; it defines what the scanner must produce,
 * which the tests check, and is not used to lex.
 */
import { Lexer, type ILexingResult } from 'chevrotain';
import { scanPromQL, unexpectedCharacterMessage } from './scanner.js';
import { LEXER_MODE_TOKENS, LEXER_MODES } from './tokens.js';

export * from './tokens.js';

export interface PromqlLexer {
  tokenize(text: string): ILexingResult;
}

export const promqlLexer: PromqlLexer = { tokenize: scanPromQL };

/** Chevrotain's lexer for the token definitions; `validate` checks them. */
export function newPromqlLexer(options: { validate: boolean }): Lexer {
  return new Lexer(
    { modes: LEXER_MODE_TOKENS, defaultMode: LEXER_MODES.expression },
    {
      positionTracking: 'onlyOffset',
      ensureOptimizations: true,
      skipValidations: !options.validate,
      errorMessageProvider: {
        buildUnexpectedCharactersMessage: (text, offset, _length, _line, _column, mode) => unexpectedCharacterMessage(text, offset, mode ?? LEXER_MODES.expression),
        buildUnableToPopLexerModeMessage: (token) => `unexpected ${JSON.stringify(token.image)}`,
      },
    },
  );
}
