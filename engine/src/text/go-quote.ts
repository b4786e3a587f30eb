/** Go's strconv quoting: Quote, QuoteToASCII, QuoteRune, CanBackquote, IsPrint, Unquote, UnquoteChar. */
import { fromUtf8, utf8Bytes } from './utf8.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const MAX_RUNE = 0x10ffff;
const RUNE_ERROR = 0xfffd;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f || cp > MAX_RUNE || (cp >= 0xd800 && cp <= 0xdfff)) return false;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function isValidRune(cp: number): boolean {
  return cp >= 0 && cp <= MAX_RUNE && !(cp >= 0xd800 && cp <= 0xdfff);
}

const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

function hex(n: number, digits: number): string {
  return n.toString(16).padStart(digits, '0');
}

function escapeRune(cp: number, quote: string, asciiOnly: boolean): string {
  if (cp >= 0xdc80 && cp <= 0xdcff) return '\\x' + hex(cp - 0xdc00, 2);
  const ch = String.fromCodePoint(cp);
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (asciiOnly ? cp < 0x80 && isPrint(cp) : isPrint(cp)) return ch;
  const simple = SIMPLE_ESCAPES.get(cp);
  if (simple) return simple;
  if (cp < 0x20 || cp === 0x7f) return '\\x' + hex(cp, 2);
  const r = isValidRune(cp) ? cp : RUNE_ERROR;
  return r < 0x10000 ? '\\u' + hex(r, 4) : '\\U' + hex(r, 8);
}

function quoteWith(s: string, quote: string, asciiOnly: boolean): string {
  let out = quote;
  for (const ch of s) out += escapeRune(ch.codePointAt(0)!, quote, asciiOnly);
  return out + quote;
}

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/** strconv.Quote. */
export function goQuote(s: string): string {
  return PLAIN_ASCII.test(s) ? `"${s}"` : quoteWith(s, '"', false);
}

/** strconv.QuoteToASCII. */
export function goQuoteToASCII(s: string): string {
  return quoteWith(s, '"', true);
}

/** strconv.QuoteRune (and QuoteRuneToASCII with `asciiOnly`); invalid runes become U+FFFD. */
export function goQuoteRune(cp: number, asciiOnly = false): string {
  return "'" + escapeRune(isValidRune(cp) ? cp : RUNE_ERROR, "'", asciiOnly) + "'";
}

/** strconv.CanBackquote: whether `s` can be a raw string literal unchanged. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if ((cp < 0x20 && cp !== 0x09) || cp === 0x60 || cp === 0x7f) return false;
  }
  return true;
}

/** Go's `%#U`-style rendering, `U+0041 'A'`, used in lexer messages. */
export function formatRuneForMessage(cp: number): string {
  const code = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

export class QuoteSyntaxError extends Error {
  constructor() {
    super('invalid syntax');
  }
}

/** One unquoted character: its bytes (a `\x` escape is a single raw byte) and the rest of the text. */
export interface UnquotedChar {
  bytes: number[];
  /** The code point, or the byte value of a `\x` or octal escape. */
  value: number;
  tail: string;
}

const ESCAPE_VALUES: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** strconv.UnquoteChar; throws QuoteSyntaxError. */
export function unquoteChar(s: string, quote: string): UnquotedChar {
  if (s === '') throw new QuoteSyntaxError();
  const first = s.codePointAt(0)!;
  const firstChar = String.fromCodePoint(first);
  if (firstChar === quote && (quote === "'" || quote === '"')) throw new QuoteSyntaxError();
  if (firstChar !== '\\') {
    const rest = s.slice(firstChar.length);
    return { bytes: [...utf8Bytes(firstChar)], value: first, tail: rest };
  }
  if (s.length < 2) throw new QuoteSyntaxError();
  const c = s[1]!;
  let rest = s.slice(2);
  if (c in ESCAPE_VALUES) return runeResult(ESCAPE_VALUES[c]!, rest);
  if (c === 'x' || c === 'u' || c === 'U') {
    const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    const digits = rest.slice(0, n);
    if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) throw new QuoteSyntaxError();
    const v = parseInt(digits, 16);
    rest = rest.slice(n);
    if (c === 'x') return { bytes: [v], value: v, tail: rest };
    if (!isValidRune(v)) throw new QuoteSyntaxError();
    return runeResult(v, rest);
  }
  if (c >= '0' && c <= '7') {
    const digits = c + rest.slice(0, 2);
    if (!/^[0-7]{3}$/.test(digits)) throw new QuoteSyntaxError();
    const v = parseInt(digits, 8);
    if (v > 255) throw new QuoteSyntaxError();
    return { bytes: [v], value: v, tail: rest.slice(2) };
  }
  if ((c === "'" || c === '"') && c === quote) return runeResult(c.charCodeAt(0), rest);
  throw new QuoteSyntaxError();
}

function runeResult(cp: number, tail: string): UnquotedChar {
  return { bytes: [...utf8Bytes(String.fromCodePoint(cp))], value: cp, tail };
}

/** strconv.Unquote for `"..."`, `` `...` `` and `'x'` literals; throws QuoteSyntaxError. */
export function goUnquote(literal: string): string {
  const n = literal.length;
  if (n < 2) throw new QuoteSyntaxError();
  const quote = literal[0]!;
  if (quote !== literal[n - 1]) throw new QuoteSyntaxError();
  const body = literal.slice(1, n - 1);
  if (quote === '`') {
    if (body.includes('`')) throw new QuoteSyntaxError();
    return body.replaceAll('\r', '');
  }
  if (quote !== '"' && quote !== "'") throw new QuoteSyntaxError();
  if (body.includes('\n')) throw new QuoteSyntaxError();
  const bytes: number[] = [];
  let rest = body;
  let count = 0;
  while (rest !== '') {
    const ch = unquoteChar(rest, quote);
    bytes.push(...ch.bytes);
    rest = ch.tail;
    count++;
    if (quote === "'" && count > 1) throw new QuoteSyntaxError();
  }
  if (quote === "'" && count !== 1) throw new QuoteSyntaxError();
  return fromUtf8(Uint8Array.from(bytes));
}
