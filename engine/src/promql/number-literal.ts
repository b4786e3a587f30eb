/**
 * The value of a PromQL number token, read as Prometheus reads it: first as a Go integer literal
 * (decimal, `0x` hex, leading-zero octal, `_` separators), otherwise as a Go float (`1.5e3`, `Inf`).
 */
import { quoteString } from './string-literal.js';

export type NumberParse = { value: number; error?: undefined } | { value?: undefined; error: string };

const MAX_INT64 = 2n ** 63n - 1n;
const HEX_INT = /^0[xX](?:_?[0-9a-fA-F])+$/;
const OCTAL_INT = /^0(?:_?[0-7])+$/;
const DECIMAL_INT = /^[0-9](?:_?[0-9])*$/;
/** Plain decimals that every reading agrees on; the common case, read directly. */
const PLAIN_DECIMAL = /^(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,15})?$/;
const DECIMAL_FLOAT = /^(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;

export function parseNumberLiteral(text: string): NumberParse {
  const plain = plainNumberValue(text);
  if (plain !== undefined) return { value: plain };
  const asInteger = parseInteger(text);
  if (asInteger !== undefined) return { value: asInteger };
  return parseFloatLiteral(text);
}

/** The value of a plain decimal such as `0.5` or `300`, the common case; undefined for any other. Makes no record, for the parser. */
export function plainNumberValue(text: string): number | undefined {
  return PLAIN_DECIMAL.test(text) ? Number(text) : undefined;
}

/** Go's strconv.ParseInt(text, 0, 64); undefined on a syntax or range error. */
function parseInteger(text: string): number | undefined {
  let digits: string;
  if (HEX_INT.test(text)) digits = `0x${text.slice(2)}`;
  else if (OCTAL_INT.test(text)) digits = `0o${text.slice(1)}`;
  else if (DECIMAL_INT.test(text)) digits = text;
  else return undefined;
  const value = BigInt(digits.replaceAll('_', ''));
  return value > MAX_INT64 ? undefined : Number(value);
}

/** Go's strconv.ParseFloat(text, 64) for the forms the lexer produces. */
function parseFloatLiteral(text: string): NumberParse {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return { value: Infinity };
  if (lower === 'nan') return { value: NaN };
  const failure = (reason: string): NumberParse => ({
    error: `error parsing number: strconv.ParseFloat: parsing ${quoteString(text)}: ${reason}`,
  });
  if (!DECIMAL_FLOAT.test(text)) return failure('invalid syntax');
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isFinite(value)) return failure('value out of range');
  return { value };
}
