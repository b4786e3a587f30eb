/**
 * The lexer of Go's text/template: text outside `{{ }}`, and inside an action the tokens of
 * pipelines. It keeps Go's quirks: trim markers `{{- ` and ` -}}` need the space, comments must
 * fill a whole action, `.Field` and `$var` are single tokens, a lexing error ends the stream.
 */
import { formatRuneForMessage, goQuote } from '../text/go-quote.js';

export type TokenKind =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // Keywords:
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil' | 'range'
  | 'template' | 'with';

export interface Token {
  kind: TokenKind;
  /** The token's text; for an error token, the message. */
  text: string;
  /** UTF-16 offsets into the template text; for text, the part kept after trimming. */
  start: number;
  end: number;
  /** For an error, the text to point at when it differs from the token (the unclosed `{{` or `(`). */
  highlight?: { start: number; end: number };
}

export const KEYWORDS: ReadonlySet<TokenKind> = new Set([
  'block', 'break', 'continue', 'dot', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with',
]);

const KEYWORD_WORDS: ReadonlyMap<string, TokenKind> = new Map([
  ['block', 'block'], ['break', 'break'], ['continue', 'continue'], ['define', 'define'], ['else', 'else'],
  ['end', 'end'], ['if', 'if'], ['range', 'range'], ['nil', 'nil'], ['template', 'template'], ['with', 'with'],
]);

export interface LexOptions {
  /** `break` and `continue` are keywords unless the function map defines functions of those names. */
  breakOK: boolean;
  continueOK: boolean;
}

const LEFT = '{{';
const RIGHT = '}}';
const SPACE_CHARS = ' \t\r\n';
const ALNUM = /[\p{L}\p{Nd}_]/u;

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlphaNumeric(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x5f;
  return ALNUM.test(String.fromCodePoint(cp));
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === '-' && isSpace(s[i + 1]);
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s[i]) && s[i + 1] === '-';
}

/** Tokenizes the whole text; the list ends with `eof` or with the first `error`. */
export function lex(input: string, options: LexOptions): Token[] {
  return new Lexer(input, options).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private start = 0;
  private pos = 0;
  private parenDepth = 0;
  private failed = false;
  /** Where the open action's `{{` starts, and the open parentheses. */
  private actionStart = 0;
  private readonly parenStarts: number[] = [];

  constructor(
    private readonly input: string,
    private readonly options: LexOptions,
  ) {}

  run(): Token[] {
    // Each step lexes one token (or one text run) and tells whether an action is open.
    let inAction = false;
    while (!this.failed && this.tokens.at(-1)?.kind !== 'eof') {
      inAction = inAction ? this.lexInsideAction() : this.lexText();
    }
    return this.tokens;
  }

  private emit(kind: TokenKind, text = this.input.slice(this.start, this.pos)): void {
    this.tokens.push({ kind, text, start: this.start, end: this.pos });
    this.start = this.pos;
  }

  private error(message: string, highlight?: { start: number; end: number }): boolean {
    const end = Math.min(Math.max(this.pos, this.start), this.input.length);
    this.tokens.push({ kind: 'error', text: message, start: this.start, end, highlight });
    this.failed = true;
    return false;
  }

  private peekCode(): number {
    return this.pos < this.input.length ? this.input.codePointAt(this.pos)! : -1;
  }

  private nextCode(): number {
    const cp = this.peekCode();
    if (cp >= 0) this.pos += cp > 0xffff ? 2 : 1;
    else this.pos++;
    return cp;
  }

  private backup(cp: number): void {
    this.pos -= cp > 0xffff ? 2 : 1;
  }

  /** The right delimiter at the current position: `trim` for ` -}}`, `plain` for `}}`, or none. */
  private rightDelimAt(): 'trim' | 'plain' | undefined {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return 'trim';
    return this.input.startsWith(RIGHT, this.pos) ? 'plain' : undefined;
  }

  /** Text up to the next `{{`; returns true when an action starts. */
  private lexText(): boolean {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('eof', '');
      return false;
    }
    this.pos = x;
    const trim = hasLeftTrimMarker(this.input, x + LEFT.length);
    let keptEnd = x;
    if (trim) while (keptEnd > this.start && SPACE_CHARS.includes(this.input[keptEnd - 1]!)) keptEnd--;
    if (keptEnd > this.start) this.tokens.push({ kind: 'text', text: this.input.slice(this.start, keptEnd), start: this.start, end: keptEnd });
    this.start = x;
    return this.lexLeftDelim();
  }

  private lexLeftDelim(): boolean {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input, this.pos);
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.start = this.pos;
      return this.lexComment();
    }
    this.actionStart = this.start;
    this.emit('leftDelim');
    this.pos += afterMarker;
    this.start = this.pos;
    this.parenDepth = 0;
    this.parenStarts.length = 0;
    return true;
  }

  /** A comment fills its action: `{{/* ... *\/}}`, optionally with trim markers. */
  private lexComment(): boolean {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.error('unclosed comment', { start: this.start, end: this.input.length });
    this.pos = x + 2;
    const delim = this.rightDelimAt();
    const trim = delim === 'trim';
    if (!delim) return this.error('comment ends before closing delimiter');
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) while (this.pos < this.input.length && SPACE_CHARS.includes(this.input[this.pos]!)) this.pos++;
    this.start = this.pos;
    return false;
  }

  private lexRightDelim(): boolean {
    const trim = this.rightDelimAt() === 'trim';
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trim) {
      while (this.pos < this.input.length && SPACE_CHARS.includes(this.input[this.pos]!)) this.pos++;
      this.start = this.pos;
    }
    return false;
  }

  /** One token inside an action; returns true while the action goes on. */
  private lexInsideAction(): boolean {
    if (this.rightDelimAt()) {
      if (this.parenDepth === 0) return this.lexRightDelim();
      const paren = this.parenStarts.at(-1) ?? this.pos;
      return this.error('unclosed left paren', { start: paren, end: paren + 1 });
    }
    const cp = this.nextCode();
    const c = cp >= 0 ? String.fromCodePoint(cp) : '';
    if (cp < 0) return this.error('unclosed action', { start: this.actionStart, end: this.actionStart + 2 });
    if (isSpace(c)) {
      this.backup(cp);
      return this.lexSpace();
    }
    switch (c) {
      case '=':
        this.emit('assign');
        return true;
      case ':':
        if (this.nextCode() !== 0x3d) return this.error('expected :=');
        this.emit('declare');
        return true;
      case '|':
        this.emit('pipe');
        return true;
      case '"':
        return this.lexQuote();
      case '`':
        return this.lexRawQuote();
      case '$':
        return this.lexVariable();
      case "'":
        return this.lexChar();
      case '(':
        this.parenStarts.push(this.start);
        this.emit('leftParen');
        this.parenDepth++;
        return true;
      case ')':
        this.parenStarts.pop();
        this.emit('rightParen');
        this.parenDepth--;
        if (this.parenDepth < 0) return this.error('unexpected right paren');
        return true;
    }
    if (c === '.') {
      const next = this.input[this.pos];
      if (next !== undefined && (next < '0' || next > '9')) return this.lexFieldOrVariable('field');
    }
    if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      this.backup(cp);
      return this.lexNumber();
    }
    if (isAlphaNumeric(cp)) {
      this.backup(cp);
      return this.lexIdentifier();
    }
    if (cp < 0x80 && cp >= 0x20 && cp < 0x7f) {
      this.emit('char');
      return true;
    }
    return this.error(`unrecognized character in action: ${formatRuneForMessage(cp)}`);
  }

  /** A run of spaces; a single space before `-}}` belongs to the trim marker. */
  private lexSpace(): boolean {
    let spaces = 0;
    while (isSpace(this.input[this.pos])) {
      this.pos++;
      spaces++;
    }
    if (hasRightTrimMarker(this.input, this.pos - 1) && this.input.startsWith(RIGHT, this.pos + 1)) {
      this.pos--;
      if (spaces === 1) return this.lexRightDelim();
    }
    this.emit('space');
    return true;
  }

  private lexIdentifier(): boolean {
    for (;;) {
      const cp = this.nextCode();
      if (isAlphaNumeric(cp)) continue;
      this.backup(cp);
      if (!this.atTerminator()) return this.error(`bad character ${formatRuneForMessage(this.peekCode())}`);
      const word = this.input.slice(this.start, this.pos);
      const keyword = KEYWORD_WORDS.get(word);
      if (keyword && !(keyword === 'break' && !this.options.breakOK) && !(keyword === 'continue' && !this.options.continueOK)) {
        this.emit(keyword);
      } else if (word === 'true' || word === 'false') {
        this.emit('bool');
      } else {
        this.emit('identifier');
      }
      return true;
    }
  }

  private lexVariable(): boolean {
    if (this.atTerminator()) {
      this.emit('variable');
      return true;
    }
    return this.lexFieldOrVariable('variable');
  }

  /** `.Name` or `$name`; the `.` or `$` has been read. */
  private lexFieldOrVariable(kind: 'field' | 'variable'): boolean {
    if (this.atTerminator()) {
      this.emit(kind === 'variable' ? 'variable' : 'dot');
      return true;
    }
    let cp: number;
    do cp = this.nextCode();
    while (isAlphaNumeric(cp));
    this.backup(cp);
    if (!this.atTerminator()) return this.error(`bad character ${formatRuneForMessage(this.peekCode())}`);
    this.emit(kind);
    return true;
  }

  /** Whether what follows may end an identifier: space, `.`, `,`, `|`, `:`, parentheses, `}}` or the end. */
  private atTerminator(): boolean {
    const c = this.input[this.pos];
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:()'.includes(c)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexChar(): boolean {
    for (;;) {
      const c = this.input[this.pos++];
      if (c === '\\') {
        const next = this.input[this.pos++];
        if (next !== undefined && next !== '\n') continue;
        return this.error('unterminated character constant');
      }
      if (c === undefined || c === '\n') return this.error('unterminated character constant');
      if (c === "'") break;
    }
    this.emit('charConstant');
    return true;
  }

  private lexQuote(): boolean {
    for (;;) {
      const c = this.input[this.pos++];
      if (c === '\\') {
        const next = this.input[this.pos++];
        if (next !== undefined && next !== '\n') continue;
        return this.error('unterminated quoted string');
      }
      if (c === undefined || c === '\n') return this.error('unterminated quoted string');
      if (c === '"') break;
    }
    this.emit('string');
    return true;
  }

  private lexRawQuote(): boolean {
    const close = this.input.indexOf('`', this.pos);
    if (close < 0) {
      this.pos = this.input.length;
      return this.error('unterminated raw quoted string');
    }
    this.pos = close + 1;
    this.emit('rawString');
    return true;
  }

  private lexNumber(): boolean {
    if (!this.scanNumber()) return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.input[this.pos];
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        return this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      this.emit('complex');
    } else {
      this.emit('number');
    }
    return true;
  }

  private accept(valid: string): boolean {
    const c = this.input[this.pos];
    if (c !== undefined && valid.includes(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  /** Go's deliberately loose number scanner; the parser rejects what strconv does not accept. */
  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peekCode())) {
      this.nextCode();
      return false;
    }
    return true;
  }
}
