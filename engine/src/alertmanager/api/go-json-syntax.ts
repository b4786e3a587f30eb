/**
 * Reading a request body as Go's json.Decoder does for Alertmanager's API: the first JSON value
 * is taken and whatever follows it is ignored; a syntax error is reported in Go's words
 * (`invalid character 'x' looking for beginning of value`, `unexpected EOF`), nesting deeper
 * than 10000 levels is refused, and bytes that are not UTF-8 are allowed inside strings. The
 * scan works on bytes, iteratively, so that hostile bodies cost no more than their length.
 */
import { goQuoteRune } from '../../text/go-quote.js';

/** Go's json package refuses values nested deeper than this. */
export const MAX_JSON_DEPTH = 10_000;

export type JsonScan =
  /** Only white space: no value at all. */
  | { kind: 'empty' }
  /** The first value ends before byte `end`. */
  | { kind: 'value'; end: number }
  | { kind: 'error'; message: string };

const enum Expect {
  Value,
  ValueOrArrayEnd,
  ArrayNext,
  KeyOrObjectEnd,
  Key,
  Colon,
  ObjectNext,
}

const UNEXPECTED_EOF: JsonScan = { kind: 'error', message: 'unexpected EOF' };
const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set([...'"\\/bfnrtu'].map((c) => c.charCodeAt(0)));
const HEX = /^[0-9a-fA-F]$/;

export function scanJsonValue(bytes: Uint8Array): JsonScan {
  const containers: number[] = [];
  let expect = Expect.Value;
  let i = 0;
  const error = (context: string) => syntaxError(bytes, i, context);

  for (;;) {
    while (i < bytes.length && SPACE.has(bytes[i]!)) i++;
    if (i >= bytes.length) return containers.length === 0 && expect === Expect.Value ? { kind: 'empty' } : UNEXPECTED_EOF;
    const c = bytes[i]!;

    if (expect === Expect.Colon) {
      if (c !== 0x3a) return error('after object key');
      i++;
      expect = Expect.Value;
      continue;
    }
    if (expect === Expect.ArrayNext || expect === Expect.ObjectNext) {
      const inArray: boolean = expect === Expect.ArrayNext;
      if (c === 0x2c) {
        i++;
        expect = inArray ? Expect.Value : Expect.Key;
        continue;
      }
      if (c !== (inArray ? 0x5d : 0x7d)) return error(inArray ? 'after array element' : 'after object key:value pair');
      i++;
      containers.pop();
    } else if (expect === Expect.Key || expect === Expect.KeyOrObjectEnd) {
      if (c === 0x7d && expect === Expect.KeyOrObjectEnd) {
        i++;
        containers.pop();
      } else {
        if (c !== 0x22) return error('looking for beginning of object key string');
        const end = scanString(bytes, i);
        if (typeof end !== 'number') return end;
        i = end;
        expect = Expect.Colon;
        continue;
      }
    } else {
      if (c === 0x5d && expect === Expect.ValueOrArrayEnd) {
        i++;
        containers.pop();
      } else if (c === 0x5b || c === 0x7b) {
        if (containers.length >= MAX_JSON_DEPTH) return error('exceeded max depth');
        containers.push(c);
        i++;
        expect = c === 0x5b ? Expect.ValueOrArrayEnd : Expect.KeyOrObjectEnd;
        continue;
      } else {
        const end = scanScalar(bytes, i);
        if (typeof end !== 'number') return end;
        i = end;
      }
    }

    // A value (or a container) has just ended.
    const parent = containers[containers.length - 1];
    if (parent === undefined) return { kind: 'value', end: i };
    expect = parent === 0x5b ? Expect.ArrayNext : Expect.ObjectNext;
  }
}

/** The end of the string, number or literal starting at `start`, or the error. */
function scanScalar(bytes: Uint8Array, start: number): number | JsonScan {
  const c = bytes[start]!;
  if (c === 0x22) return scanString(bytes, start);
  if (c === 0x2d || isDigit(c)) return scanNumber(bytes, start);
  for (const literal of ['true', 'false', 'null']) {
    if (c === literal.charCodeAt(0)) return scanLiteral(bytes, start, literal);
  }
  return syntaxError(bytes, start, 'looking for beginning of value');
}

function scanString(bytes: Uint8Array, start: number): number | JsonScan {
  let i = start + 1;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c === 0x22) return i + 1;
    if (c < 0x20) return syntaxError(bytes, i, 'in string literal');
    if (c !== 0x5c) {
      i++;
      continue;
    }
    i++;
    if (i >= bytes.length) break;
    if (!ESCAPES.has(bytes[i]!)) return syntaxError(bytes, i, 'in string escape code');
    if (bytes[i] === 0x75) {
      for (let k = 1; k <= 4; k++) {
        if (i + k >= bytes.length) return UNEXPECTED_EOF;
        if (!HEX.test(String.fromCharCode(bytes[i + k]!))) return syntaxError(bytes, i + k, 'in \\u hexadecimal character escape');
      }
      i += 4;
    }
    i++;
  }
  return UNEXPECTED_EOF;
}

/** A number as Go's scanner reads it: it ends at the first byte that cannot continue it, which the caller then reads. */
function scanNumber(bytes: Uint8Array, start: number): number | JsonScan {
  let i = start;
  const at = (k: number) => bytes[k];
  if (at(i) === 0x2d) {
    i++;
    if (i >= bytes.length) return UNEXPECTED_EOF;
    if (!isDigit(at(i)!)) return syntaxError(bytes, i, 'in numeric literal');
  }
  if (at(i) === 0x30) i++;
  else while (i < bytes.length && isDigit(at(i)!)) i++;
  if (at(i) === 0x2e) {
    i++;
    if (i >= bytes.length) return UNEXPECTED_EOF;
    if (!isDigit(at(i)!)) return syntaxError(bytes, i, 'after decimal point in numeric literal');
    while (i < bytes.length && isDigit(at(i)!)) i++;
  }
  if (at(i) === 0x65 || at(i) === 0x45) {
    i++;
    if (at(i) === 0x2b || at(i) === 0x2d) i++;
    if (i >= bytes.length) return UNEXPECTED_EOF;
    if (!isDigit(at(i)!)) return syntaxError(bytes, i, 'in exponent of numeric literal');
    while (i < bytes.length && isDigit(at(i)!)) i++;
  }
  return i;
}

function scanLiteral(bytes: Uint8Array, start: number, literal: string): number | JsonScan {
  for (let k = 1; k < literal.length; k++) {
    const i = start + k;
    if (i >= bytes.length) return UNEXPECTED_EOF;
    if (bytes[i] !== literal.charCodeAt(k)) return syntaxError(bytes, i, `in literal ${literal} (expecting ${goQuoteRune(literal.charCodeAt(k))})`);
  }
  return start + literal.length;
}

function syntaxError(bytes: Uint8Array, at: number, context: string): JsonScan {
  return { kind: 'error', message: `invalid character ${goQuoteRune(bytes[at]!)} ${context}` };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
