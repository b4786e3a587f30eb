/**
 * Go's strconv number parsing as text/template uses it: ParseInt/ParseUint with base 0 (prefixes
 * 0x, 0o, 0b, a leading 0 for octal, underscores between digits) and ParseFloat.
 */
import { parseGoFloat } from '../promql/eval/functions/go-float.js';
import { goQuote } from '../text/go-quote.js';

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;

export type ParseResult<T> = { value: T; error?: undefined } | { value?: undefined; error: 'syntax' | 'range' };

/** Underscores only between digits, or between a base prefix and a digit (strconv.underscoreOK). */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseUint(text, 0, 64). */
export function parseGoUint(text: string): ParseResult<bigint> {
  if (text === '') return { error: 'syntax' };
  let base = 10;
  let digits = text;
  if (text[0] === '0') {
    const prefix = text[1]?.toLowerCase();
    if (text.length >= 3 && (prefix === 'b' || prefix === 'o' || prefix === 'x')) {
      base = prefix === 'b' ? 2 : prefix === 'o' ? 8 : 16;
      digits = text.slice(2);
    } else {
      base = 8;
      digits = text.slice(1);
    }
  }
  let n = 0n;
  let underscores = false;
  let overflow = false;
  for (const c of digits) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= base) return { error: 'syntax' };
    n = n * BigInt(base) + BigInt(d);
    if (n > MAX_UINT64) overflow = true;
  }
  if (underscores && !underscoreOK(text)) return { error: 'syntax' };
  if (overflow) return { error: 'range' };
  return { value: n };
}

/** strconv.ParseInt(text, 0, 64). */
export function parseGoInt(text: string): ParseResult<bigint> {
  if (text === '') return { error: 'syntax' };
  const negative = text[0] === '-';
  const body = text[0] === '+' || text[0] === '-' ? text.slice(1) : text;
  const u = parseGoUint(body);
  if (u.error) return u;
  if (negative ? u.value > MAX_INT64 + 1n : u.value > MAX_INT64) return { error: 'range' };
  return { value: negative ? -u.value : u.value };
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^[+-]?0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+$/;

/** strconv.ParseFloat(text, 64), telling bad syntax from values too large for a float64. */
export function parseGoFloatText(text: string): ParseResult<number> {
  let plain = text;
  if (text.includes('_')) {
    if (!underscoreOK(text)) return { error: 'syntax' };
    plain = text.replaceAll('_', '');
  }
  const value = parseGoFloat(plain);
  if (value !== undefined) return { value };
  return DECIMAL.test(plain) || HEX.test(plain) ? { error: 'range' } : { error: 'syntax' };
}

/** The Go error message of a failed ParseFloat, e.g. `strconv.ParseFloat: parsing "x": invalid syntax`. */
export function parseFloatMessage(text: string, error: 'syntax' | 'range'): string {
  return `strconv.ParseFloat: parsing ${goQuote(text)}: ${error === 'syntax' ? 'invalid syntax' : 'value out of range'}`;
}
