/**
 * The tokens of the UTF-8 matcher syntax (Alertmanager 0.27+): braces, commas, the four
 * operators, double-quoted Go strings, and unquoted runs of anything but white space and
 * {}!=~,\"'`. Positions are kept both as UTF-16 indices (for ranges) and as rune columns
 * (for messages, which count runes as upstream does).
 */
import type { TextRange } from '../../promql/ast.js';
import { isGoSpace } from './go-space.js';
import { MatcherParseError } from './parse-error.js';

export type TokenKind = 'eof' | '{' | '}' | ',' | '=' | '!=' | '=~' | '!~' | 'quoted' | 'unquoted';

export interface Position {
  /** UTF-16 indices. */
  start: number;
  end: number;
  /** Rune columns. */
  columnStart: number;
  columnEnd: number;
}

export interface Token extends Position {
  kind: TokenKind;
  value: string;
}

const RESERVED_PUNCTUATION = new Set('{}!=~,\\"\'`');

function isReserved(ch: string): boolean {
  return RESERVED_PUNCTUATION.has(ch) || isGoSpace(ch.codePointAt(0)!);
}

interface Cursor {
  start: number;
  pos: number;
  width: number;
  column: number;
  cols: number;
}

export class MatcherLexer {
  private cursor: Cursor = { start: 0, pos: 0, width: 0, column: 0, cols: 0 };
  /** Once the input is found invalid, every later scan fails the same way. */
  private error: MatcherParseError | undefined;

  constructor(readonly input: string) {}

  /** The next token; throws MatcherParseError when the input does not lex. */
  scan(): Token {
    if (this.error) throw this.error;
    for (let ch = this.next(); ch !== undefined; ch = this.next()) {
      if (ch === '{' || ch === '}' || ch === ',') return this.emit(ch);
      if (ch === '=' || ch === '!') {
        this.rewind();
        return this.guard(() => this.scanOperator());
      }
      if (ch === '"') {
        this.rewind();
        return this.guard(() => this.scanQuoted());
      }
      if (!isReserved(ch)) {
        this.rewind();
        return this.scanUnquoted();
      }
      if (isGoSpace(ch.codePointAt(0)!)) {
        this.skip();
        continue;
      }
      this.error = this.failure(`${this.describe()}: invalid input`);
      throw this.error;
    }
    return { kind: 'eof', value: '', ...this.position() };
  }

  /** The next token without consuming it; a lexing error still sticks. */
  peek(): Token {
    const saved = { ...this.cursor };
    try {
      return this.scan();
    } finally {
      this.cursor = saved;
    }
  }

  /** Where the last emitted token ended (both ends of the returned position). */
  position(): Position {
    const { start, pos, column, cols } = this.cursor;
    return { start, end: pos, columnStart: column, columnEnd: cols };
  }

  private guard(scan: () => Token): Token {
    try {
      return scan();
    } catch (e) {
      if (e instanceof MatcherParseError) this.error = e;
      throw e;
    }
  }

  private scanOperator(): Token {
    if (this.accept('!')) {
      if (this.accept('=')) return this.emit('!=');
      if (this.accept('~')) return this.emit('!~');
      throw this.expected('=~');
    }
    if (this.accept('=')) return this.emit(this.accept('~') ? '=~' : '=');
    throw this.expected('!=');
  }

  private scanQuoted(): Token {
    this.next();
    let escaped = false;
    for (let ch = this.next(); ch !== undefined; ch = this.next()) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') return this.emit('quoted');
    }
    throw this.failure(`${this.describe()}: missing end "`);
  }

  private scanUnquoted(): Token {
    for (let ch = this.next(); ch !== undefined; ch = this.next()) {
      if (isReserved(ch)) {
        this.rewind();
        break;
      }
    }
    return this.emit('unquoted');
  }

  private next(): string | undefined {
    const c = this.cursor;
    if (c.pos >= this.input.length) {
      c.width = 0;
      return undefined;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(c.pos)!);
    c.width = ch.length;
    c.pos += ch.length;
    c.cols++;
    return ch;
  }

  private rewind(): void {
    const c = this.cursor;
    c.pos -= c.width;
    if (c.width > 0) c.cols--;
  }

  private accept(valid: string): boolean {
    const ch = this.next();
    if (ch !== undefined && valid.includes(ch)) return true;
    this.rewind();
    return false;
  }

  private skip(): void {
    this.cursor.start = this.cursor.pos;
    this.cursor.column = this.cursor.cols;
  }

  private emit(kind: TokenKind): Token {
    const token: Token = { kind, value: this.input.slice(this.cursor.start, this.cursor.pos), ...this.position() };
    this.skip();
    return token;
  }

  private expected(what: string): MatcherParseError {
    const atEnd = this.cursor.pos >= this.input.length;
    return this.failure(atEnd ? `unexpected end of input, expected one of '${what}'` : `${this.describe()}: expected one of '${what}'`);
  }

  /** The text of the current token so far. */
  private describe(): string {
    return this.input.slice(this.cursor.start, this.cursor.pos);
  }

  private failure(message: string): MatcherParseError {
    const p = this.position();
    return new MatcherParseError(`${p.columnStart}:${p.columnEnd}: ${message}`, rangeOf(p, this.input.length));
  }
}

/** A position as a non-empty range where possible. */
export function rangeOf(p: Position, length: number): TextRange {
  if (p.end > p.start) return { start: p.start, end: p.end };
  return { start: Math.min(p.start, Math.max(0, length - 1)), end: Math.min(p.start + 1, Math.max(length, 1)) };
}
