/**
 * PromQL string literals: `"..."` and `'...'` with Go escapes, and raw `` `...` `` strings.
 *
 * Go strings are bytes, and `\x`/octal escapes can produce bytes that are not UTF-8. Such bytes are
 * kept as the lone surrogates U+DC80–U+DCFF (one per byte), which no valid text contains; the
 * quoting below turns them back into `\xNN`, as Go does.
 */
import { formatRuneForMessage, goQuote, goQuoteRune } from '../text/go-quote.js';

export interface StringLiteralError {
  message: string;
  /** Offsets within the quoted text, quotes included. */
  start: number;
  end: number;
}

export interface UnquotedString {
  value: string;
  /** The first problem found; `value` is then a best effort. */
  error?: StringLiteralError;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Reads a string literal token as written (quotes included). */
export function unquoteString(quoted: string): UnquotedString {
  const plain = plainStringValue(quoted);
  if (plain !== undefined) return { value: plain };
  const quote = quoted[0];
  if (quote === '`') {
    const closed = quoted.length >= 2 && quoted.endsWith('`');
    const value = quoted.slice(1, closed ? -1 : undefined);
    if (!closed) return { value, error: { message: 'unterminated raw string', start: 0, end: quoted.length } };
    return withSourceCheck(value, quoted);
  }
  const closed = quoted.length >= 2 && quoted.endsWith(quote!) && !endsWithEscape(quoted);
  const body = quoted.slice(1, closed ? -1 : undefined);
  const unterminated: StringLiteralError | undefined = closed
    ? undefined
    : { message: 'unterminated quoted string', start: 0, end: quoted.length };
  if (!body.includes('\\')) {
    const checked = withSourceCheck(body, quoted);
    return unterminated ? { value: checked.value, error: unterminated } : checked;
  }
  const decoded = decodeEscapes(body, quote!);
  const error = decoded.error ?? unterminated ?? sourceError(body, quoted);
  return error ? { value: decoded.value, error } : { value: decoded.value };
}

/**
 * The value of a closed string literal without escapes that is valid Unicode, as most are;
 * undefined for any other, which only unquoteString reads. Makes no record, for the parser.
 */
export function plainStringValue(quoted: string): string | undefined {
  const quote = quoted.charCodeAt(0);
  if (quoted.length < 2 || quoted.charCodeAt(quoted.length - 1) !== quote) return undefined;
  const body = quoted.slice(1, -1);
  if (quote !== 0x60 /* '`' */ && body.includes('\\')) return undefined;
  return LONE_SURROGATE.test(body) ? undefined : body;
}

/** True when the closing quote is itself escaped, as in `"abc\"`. */
function endsWithEscape(quoted: string): boolean {
  let backslashes = 0;
  for (let i = quoted.length - 2; i > 0 && quoted[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function withSourceCheck(value: string, quoted: string): UnquotedString {
  const error = sourceError(value, quoted);
  return error ? { value, error } : { value };
}

/** Text that is not valid Unicode (a lone surrogate) is what Go calls an invalid UTF-8 rune. */
function sourceError(body: string, quoted: string): StringLiteralError | undefined {
  const match = LONE_SURROGATE.exec(body);
  if (!match) return undefined;
  return { message: 'invalid UTF-8 rune', start: 1 + match.index, end: quoted.length };
}

interface Decoded {
  value: string;
  error?: StringLiteralError;
}

function decodeEscapes(body: string, quote: string): Decoded {
  let value = '';
  let bytes: number[] = [];
  let error: StringLiteralError | undefined;
  const fail = (message: string, start: number, end: number): void => {
    error ??= { message, start: start + 1, end: end + 1 };
  };
  const flushBytes = (): void => {
    if (bytes.length > 0) {
      value += decodeUtf8Bytes(bytes);
      bytes = [];
    }
  };
  let i = 0;
  while (i < body.length) {
    const ch = body[i]!;
    if (ch !== '\\') {
      flushBytes();
      value += ch;
      i++;
      continue;
    }
    const escapeStart = i;
    const kind = body[i + 1];
    if (kind === undefined) {
      fail('escape sequence not terminated', escapeStart, body.length);
      break;
    }
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined || kind === quote) {
      flushBytes();
      value += simple ?? kind;
      i += 2;
      continue;
    }
    const numeric = numericEscape(kind);
    if (!numeric) {
      fail(`unknown escape sequence ${describeRune(kind.codePointAt(0)!)}`, escapeStart, escapeStart + 2);
      i += 2;
      continue;
    }
    const digitsStart = kind >= '0' && kind <= '7' ? i + 1 : i + 2;
    let code = 0;
    let j = digitsStart;
    for (; j < digitsStart + numeric.digits; j++) {
      const digit = j < body.length ? digitValue(body.charCodeAt(j)) : 16;
      if (digit >= numeric.base) break;
      code = code * numeric.base + digit;
    }
    if (j < digitsStart + numeric.digits) {
      if (j >= body.length) fail('escape sequence not terminated', escapeStart, body.length);
      else fail(`illegal character ${describeRune(body.codePointAt(j)!)} in escape sequence`, escapeStart, j + 1);
      i = Math.max(j, i + 2);
      continue;
    }
    i = j;
    if (code > numeric.max || (code >= 0xd800 && code < 0xe000)) {
      fail('escape sequence is an invalid Unicode code point', escapeStart, j);
      continue;
    }
    if (numeric.isByte) {
      bytes.push(code);
    } else {
      flushBytes();
      value += String.fromCodePoint(code);
    }
  }
  flushBytes();
  return error ? { value, error } : { value };
}

interface NumericEscape {
  digits: number;
  base: number;
  max: number;
  /** `\x` and octal escapes give bytes; `\u` and `\U` give code points. */
  isByte: boolean;
}

function numericEscape(kind: string): NumericEscape | undefined {
  if (kind >= '0' && kind <= '7') return { digits: 3, base: 8, max: 255, isByte: true };
  switch (kind) {
    case 'x':
      return { digits: 2, base: 16, max: 255, isByte: true };
    case 'u':
      return { digits: 4, base: 16, max: 0x10ffff, isByte: false };
    case 'U':
      return { digits: 8, base: 16, max: 0x10ffff, isByte: false };
    default:
      return undefined;
  }
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return 16;
}

/** Decodes bytes as UTF-8; each byte that does not start a valid sequence becomes U+DC80+. */
function decodeUtf8Bytes(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      out += String.fromCharCode(b0);
      i++;
      continue;
    }
    const length = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    const code = length > 0 ? decodeSequence(bytes, i, length) : -1;
    if (code < 0) {
      out += String.fromCharCode(0xdc00 + b0);
      i++;
      continue;
    }
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

function decodeSequence(bytes: readonly number[], start: number, length: number): number {
  const b0 = bytes[start]!;
  let code = b0 & (0xff >> (length + 1));
  for (let k = 1; k < length; k++) {
    const b = bytes[start + k];
    if (b === undefined || (b & 0xc0) !== 0x80) return -1;
    code = (code << 6) | (b & 0x3f);
  }
  const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return -1;
  return code;
}

/** True when the string is valid UTF-8 in Go's terms: it contains no lone surrogate. */
export function isValidUtf8(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** Go's strconv.Quote: a double-quoted literal with Go escapes for everything not printable. */
export const quoteString = goQuote;

/** A character as Go's `%q` prints a rune: `'x'`, `'\\n'`. */
export function quoteRune(ch: string): string {
  return goQuoteRune(ch.codePointAt(0)!);
}

/** A rune as Go's `%#U` prints it: `U+0063 'c'`, or just `U+000A` when not printable. */
export const describeRune = formatRuneForMessage;
