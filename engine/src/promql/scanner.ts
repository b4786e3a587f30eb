/**
 * The PromQL lexer: produces exactly the tokens and errors that Chevrotain's lexer produces from
 * the modes of tokens.ts (lexer.ts keeps that lexer for the tests that check it), without trying
 * pattern after pattern. Words and operators are told by their characters; strings, numbers and
 * durations are matched with the tokens' own patterns. Positions are offsets only.
 */
import type { ILexingError, ILexingResult, IToken, TokenType } from 'chevrotain';
import { quoteRune } from './string-literal.js';
import {
  At, BadNumber, Colon, Comma, Div, Duration, Eql, EqlC, EqlRegex, Gte, Gtr, Identifier, KEYWORD_TOKENS, LBrace, LBracket,
  LEXER_MODES, LParen, LParenInBrackets, Lss, Lte, MetricIdentifier, Minus, Mod, Mul, Neq, NeqRegex, NumberToken, Plus, Pow,
  RBrace, RBracket, RParen, RParenInBrackets, StringLiteral, TOKEN_PATTERNS, UnterminatedString, type LexerMode,
} from './tokens.js';

const sticky = (pattern: RegExp) => new RegExp(pattern.source, 'y');
const STRING = sticky(TOKEN_PATTERNS.string);
const UNTERMINATED_STRING = sticky(TOKEN_PATTERNS.unterminatedString);
const DURATION = sticky(TOKEN_PATTERNS.duration);
const NUMBER = sticky(TOKEN_PATTERNS.number);
const BAD_NUMBER = sticky(TOKEN_PATTERNS.badNumber);

/** What a match found: a token type, or nothing for layout and comments. */
let matchedType: TokenType | undefined;
/** The text of what a match found, when the match already cut it out. */
let matchedImage: string | undefined;

/** Tokens of `text`, and an error for every run of characters that starts no token. */
export function scanPromQL(text: string): ILexingResult {
  const scan: TokenScan = { tokens: [], count: 0, errors: [] };
  scanInto(text, scan);
  return { tokens: scan.tokens, groups: {}, errors: scan.errors };
}

/** A scan whose token objects a later scan may overwrite: the first `count` of `tokens` are its tokens. */
export interface TokenScan {
  tokens: IToken[];
  count: number;
  errors: ILexingError[];
}

/**
 * Scans `text` into `scan`, overwriting the token objects of the scan before (and making more as
 * needed), so that a parser that is done with one text before the next allocates no tokens.
 */
export function scanInto(text: string, scan: TokenScan): void {
  const tokens = scan.tokens;
  let count = 0;
  if (scan.errors.length > 0) scan.errors = [];
  // The modes of tokens.ts nest as a stack, but braces are entered from expressions only and
  // brackets from expressions or brackets: the stack is the mode and how many brackets are open.
  let mode: LexerMode = 'expression';
  let openBrackets = 0;
  let offset = 0;
  while (offset < text.length) {
    const length = matchAt(text, offset, mode);
    if (length < 0) {
      const start = offset;
      do offset++;
      while (offset < text.length && matchAt(text, offset, mode) < 0);
      scan.errors.push({ offset: start, line: undefined, column: undefined, length: offset - start, message: unexpectedCharacterMessage(text, start, mode) });
      continue;
    }
    const type = matchedType;
    if (type !== undefined) {
      const image = matchedImage ?? text.substring(offset, offset + length);
      const reused = count < tokens.length ? tokens[count] : undefined;
      if (reused) {
        reused.image = image;
        reused.startOffset = offset;
        reused.tokenTypeIdx = type.tokenTypeIdx!;
        reused.tokenType = type;
      } else {
        tokens.push({ image, startOffset: offset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type });
      }
      count++;
      if (type === LBrace) mode = 'braces';
      else if (type === RBrace) mode = 'expression';
      else if (type === LBracket || type === LParenInBrackets) {
        mode = 'brackets';
        openBrackets++;
      } else if (type === RBracket || type === RParenInBrackets) {
        openBrackets--;
        mode = openBrackets > 0 ? 'brackets' : 'expression';
      }
    }
    offset += length;
  }
  scan.count = count;
}

/** The length of what `mode` matches at `at` (its type in matchedType), or -1 when nothing does. */
function matchAt(text: string, at: number, mode: LexerMode): number {
  matchedType = undefined;
  matchedImage = undefined;
  const c = text.charCodeAt(at);
  switch (c) {
    case 32: /* ' ' */
    case 9: /* '\t' */
    case 10: /* '\n' */
    case 13: /* '\r' */ {
      let end = at + 1;
      for (let d = text.charCodeAt(end); d === 32 || d === 9 || d === 10 || d === 13; d = text.charCodeAt(++end));
      return end - at;
    }
    case 35: /* '#' */ {
      if (mode === 'brackets') return -1;
      let end = at + 1;
      for (let d = text.charCodeAt(end); end < text.length && d !== 10 && d !== 13; d = text.charCodeAt(++end));
      return end - at;
    }
    case 34: /* '"' */
    case 39: /* "'" */
    case 96: /* '`' */
      if (mode === 'brackets') return -1;
      return stringAt(text, at);
    case 44: /* ',' */
      return mode === 'brackets' ? -1 : symbol(Comma);
    case 61: /* '=' */
      if (mode === 'braces') return text.charCodeAt(at + 1) === 126 /* '~' */ ? symbol(EqlRegex) : symbol(Eql);
      if (mode === 'brackets') return -1;
      return text.charCodeAt(at + 1) === 61 ? symbol(EqlC) : symbol(Eql);
    case 33: /* '!' */ {
      if (mode === 'brackets') return -1;
      const next = text.charCodeAt(at + 1);
      if (next === 61 /* '=' */) return symbol(Neq);
      return mode === 'braces' && next === 126 /* '~' */ ? symbol(NeqRegex) : -1;
    }
  }
  if (mode === 'braces') {
    if (c === 125 /* '}' */) return symbol(RBrace);
    return isWordStart(c) ? fixed(Identifier, wordEnd(text, at + 1) - at) : -1;
  }
  if (isDigit(c) || (c === 46 /* '.' */ && isDigit(text.charCodeAt(at + 1)))) return numberAt(text, at);
  switch (c) {
    case 43: /* '+' */
      return symbol(Plus);
    case 45: /* '-' */
      return symbol(Minus);
    case 42: /* '*' */
      return symbol(Mul);
    case 47: /* '/' */
      return symbol(Div);
    case 37: /* '%' */
      return symbol(Mod);
    case 94: /* '^' */
      return symbol(Pow);
  }
  if (mode === 'brackets') {
    switch (c) {
      case 58: /* ':' */
        return symbol(Colon);
      case 93: /* ']' */
        return symbol(RBracket);
      case 40: /* '(' */
        return symbol(LParenInBrackets);
      case 41: /* ')' */
        return symbol(RParenInBrackets);
    }
    return -1;
  }
  switch (c) {
    case 60: /* '<' */
      return text.charCodeAt(at + 1) === 61 ? symbol(Lte) : symbol(Lss);
    case 62: /* '>' */
      return text.charCodeAt(at + 1) === 61 ? symbol(Gte) : symbol(Gtr);
    case 64: /* '@' */
      return symbol(At);
    case 40: /* '(' */
      return symbol(LParen);
    case 41: /* ')' */
      return symbol(RParen);
    case 123: /* '{' */
      return symbol(LBrace);
    case 91: /* '[' */
      return symbol(LBracket);
    case 58: /* ':' */
      return fixed(MetricIdentifier, metricNameEnd(text, at + 1) - at);
  }
  return isWordStart(c) ? wordAt(text, at) : -1;
}

function fixed(type: TokenType, length: number): number {
  matchedType = type;
  return length;
}

/** Punctuation and operators: their text is their pattern, which serves as the image. */
function symbol(type: TokenType): number {
  const image = type.PATTERN as string;
  matchedImage = image;
  return fixed(type, image.length);
}

/** A word in an expression: with a colon, a metric name; otherwise a keyword (in any letter case) or an identifier. */
function wordAt(text: string, at: number): number {
  const end = wordEnd(text, at + 1);
  if (text.charCodeAt(end) === 58 /* ':' */) return fixed(MetricIdentifier, metricNameEnd(text, end + 1) - at);
  // Keywords have at most 12 letters.
  if (end - at > 12) return fixed(Identifier, end - at);
  const word = text.substring(at, end);
  matchedImage = word;
  return fixed(KEYWORD_TOKENS.get(lowerCaseWord(word)) ?? Identifier, end - at);
}

/** A word in lower case; toLowerCase makes a new string even when nothing changes, so it is called only when something will. */
export function lowerCaseWord(word: string): string {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) return word.toLowerCase();
  }
  return word;
}

function stringAt(text: string, at: number): number {
  STRING.lastIndex = at;
  if (STRING.test(text)) return fixed(StringLiteral, STRING.lastIndex - at);
  UNTERMINATED_STRING.lastIndex = at;
  UNTERMINATED_STRING.test(text);
  return fixed(UnterminatedString, UNTERMINATED_STRING.lastIndex - at);
}

/** A duration, a number, or (always matching at a digit) a bad number, in that order. */
function numberAt(text: string, at: number): number {
  // Plain digits, with a unit letter or not, and nothing more to the word: decided without the patterns.
  let end = at;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  if (end > at) {
    if (end === text.length) return fixed(NumberToken, end - at);
    const next = text.charCodeAt(end);
    if (!isWordChar(next) && next !== 46 /* '.' */) return fixed(NumberToken, end - at);
    if (DURATION_UNITS.includes(text[end]!) && (end + 1 === text.length || !isWordChar(text.charCodeAt(end + 1)))) return fixed(Duration, end + 1 - at);
  }
  for (let i = 0; i < NUMERIC.length; i++) {
    const [pattern, type] = NUMERIC[i]!;
    pattern.lastIndex = at;
    if (pattern.test(text)) return fixed(type, pattern.lastIndex - at);
  }
  return -1;
}

const DURATION_UNITS = 'smhdwy';

const NUMERIC: readonly (readonly [RegExp, TokenType])[] = [
  [DURATION, Duration],
  [NUMBER, NumberToken],
  [BAD_NUMBER, BadNumber],
];

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordChar(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

function wordEnd(text: string, from: number): number {
  let end = from;
  while (isWordChar(text.charCodeAt(end))) end++;
  return end;
}

function metricNameEnd(text: string, from: number): number {
  let end = from;
  for (let c = text.charCodeAt(end); isWordChar(c) || c === 58; c = text.charCodeAt(++end));
  return end;
}

/** Prometheus's wording for characters that start no token in `mode`. */
export function unexpectedCharacterMessage(text: string, offset: number, mode: string): string {
  const ch = String.fromCodePoint(text.codePointAt(offset)!);
  if (mode === LEXER_MODES.braces) return `unexpected character inside braces: ${quoteRune(ch)}`;
  if (mode === LEXER_MODES.brackets) return `unexpected character in duration expression: ${quoteRune(ch)}`;
  if (ch === '~' && text[offset - 1] === '=') return "unexpected character after '=': '~'";
  if (ch === '!') {
    const next = text[offset + 1];
    return next === undefined ? 'unexpected end of input after \'!\'' : `unexpected character after '!': ${quoteRune(next)}`;
  }
  if (ch === ']') return "unexpected right bracket ']'";
  return `unexpected character: ${quoteRune(ch)}`;
}
