/**
 * The UTF-8 matcher syntax of Alertmanager 0.27+ (matcher/parse): `{name="value", "any name"=~"re"}`,
 * braces optional, a trailing comma allowed, names and values either double-quoted Go strings or
 * unquoted text without reserved characters. Errors carry upstream's messages, with rune
 * columns, and the range they are about.
 */
import { Matcher, RegexSyntaxError, type MatchType } from '../../labels/matcher.js';
import type { TextRange } from '../../promql/ast.js';
import { goUnquote } from '../../text/go-quote.js';
import { MatcherLexer, rangeOf, type Token, type TokenKind } from './utf8-lexer.js';
import { MatcherParseError } from './parse-error.js';

const OPERATORS: readonly TokenKind[] = ['=', '!=', '=~', '!~'];
const TEXT: readonly TokenKind[] = ['unquoted', 'quoted'];
/** A byte that is not UTF-8, kept by goUnquote as a lone low surrogate. */
const INVALID_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

export function parseUtf8Matchers(input: string): Matcher[] {
  return new Utf8MatcherParser(input).parse();
}

/** One matcher: braces are refused, and so are inputs with no or several matchers. */
export function parseUtf8Matcher(input: string): Matcher {
  if (input.startsWith('{') || input.endsWith('}')) {
    throw new MatcherParseError(`unexpected open or close brace: ${input}`, { start: 0, end: Math.max(input.length, 1) });
  }
  const matchers = parseUtf8Matchers(input);
  if (matchers.length === 1) return matchers[0]!;
  const message = matchers.length === 0 ? 'no matchers' : `expected 1 matcher, found ${matchers.length}`;
  throw new MatcherParseError(message, { start: 0, end: Math.max(input.length, 1) });
}

/** Raised at the end of the input where a token was expected; callers decide what that means. */
class EndOfInput extends Error {}

class Utf8MatcherParser {
  private readonly lexer: MatcherLexer;
  private readonly matchers: Matcher[] = [];
  private hasOpenBrace = false;

  constructor(private readonly input: string) {
    this.lexer = new MatcherLexer(input);
  }

  parse(): Matcher[] {
    const first = this.lexer.peek();
    if (first.kind === 'eof') return this.finish();
    this.hasOpenBrace = first.kind === '{';
    if (this.hasOpenBrace) {
      this.lexer.scan();
      const next = this.lexer.peek();
      if (next.kind === 'eof' || next.kind === '}') return this.closeBrace();
    } else if (first.kind === '}') {
      return this.closeBrace();
    }
    for (;;) {
      this.matcher();
      // After a matcher: a comma, a close brace or the end.
      const next = this.peekOrEnd([',', '}'], 'expected a comma or close brace');
      if (next === undefined || next.kind === '}') return this.closeBrace();
      this.lexer.scan();
      const afterComma = this.peekOrEnd(['}', ...TEXT], 'expected a matcher or close brace after comma');
      if (afterComma === undefined || afterComma.kind === '}') return this.closeBrace();
    }
  }

  private matcher(): void {
    const nameToken = this.expect(TEXT, 'expected label name');
    const name = this.unquote(nameToken);
    const op = this.expect(OPERATORS, "expected an operator such as '=', '!=', '=~' or '!~'");
    const valueToken = this.expect(TEXT, 'expected label value');
    const value = this.unquote(valueToken);
    try {
      this.matchers.push(new Matcher(name, op.kind as MatchType, value, { dotAll: false }));
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      throw new MatcherParseError(`failed to create matcher: ${e.message}`, rangeOf(valueToken, this.input.length));
    }
  }

  private closeBrace(): Matcher[] {
    if (this.hasOpenBrace) {
      try {
        this.peekKind(['}']);
      } catch (e) {
        const at = this.lexer.position().columnEnd;
        const range = e instanceof MatcherParseError ? e.range : this.endRange();
        throw new MatcherParseError(`0:${at}: ${(e as Error).message}: expected close brace`, range);
      }
      this.lexer.scan();
    } else if (this.startsWith('}')) {
      const closing = this.lexer.scan();
      throw new MatcherParseError(`0:${this.lexer.position().columnEnd}: }: expected opening brace`, rangeOf(closing, this.input.length));
    }
    return this.finish();
  }

  private finish(): Matcher[] {
    let token: Token;
    try {
      token = this.lexer.scan();
    } catch (e) {
      throw wrap(e as MatcherParseError, 'expected end of input');
    }
    if (token.kind !== 'eof') {
      throw new MatcherParseError(`${token.columnStart}:${token.columnEnd}: ${token.value}: expected end of input`, rangeOf(token, this.input.length));
    }
    return this.matchers;
  }

  /** Consumes a token of one of `kinds`; otherwise throws, adding `meaning` to the message. */
  private expect(kinds: readonly TokenKind[], meaning: string): Token {
    let token: Token;
    try {
      token = this.peekKind(kinds);
    } catch (e) {
      if (e instanceof EndOfInput) throw new MatcherParseError(`end of input: ${meaning}`, this.endRange());
      throw wrap(e as MatcherParseError, meaning);
    }
    this.lexer.scan();
    return token;
  }

  /** The next token if it is one of `kinds`, undefined at the end of input; otherwise throws with `meaning`. */
  private peekOrEnd(kinds: readonly TokenKind[], meaning: string): Token | undefined {
    try {
      return this.peekKind(kinds);
    } catch (e) {
      if (e instanceof EndOfInput) return undefined;
      throw wrap(e as MatcherParseError, meaning);
    }
  }

  /** Whether the next token is of `kind`; lexing errors count as no. */
  private startsWith(kind: TokenKind): boolean {
    try {
      return this.lexer.peek().kind === kind;
    } catch {
      return false;
    }
  }

  private peekKind(kinds: readonly TokenKind[]): Token {
    const token = this.lexer.peek();
    if (token.kind === 'eof') throw new EndOfInput('end of input');
    if (!kinds.includes(token.kind)) {
      throw new MatcherParseError(`${token.columnStart}:${token.columnEnd}: unexpected ${token.value}`, rangeOf(token, this.input.length));
    }
    return token;
  }

  private unquote(token: Token): string {
    if (token.kind !== 'quoted') return token.value;
    try {
      const text = goUnquote(token.value);
      if (!INVALID_BYTE.test(text)) return text;
    } catch {
      // Reported below, as upstream reports every unquoting failure.
    }
    throw new MatcherParseError(`${token.columnStart}:${token.columnEnd}: ${token.value}: invalid input`, rangeOf(token, this.input.length));
  }

  private endRange(): TextRange {
    const end = this.input.length;
    return { start: Math.max(0, end - 1), end: Math.max(end, 1) };
  }

}

function wrap(e: MatcherParseError, meaning: string): MatcherParseError {
  return new MatcherParseError(`${e.message}: ${meaning}`, e.range);
}
