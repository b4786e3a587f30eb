/** Float text conversions as Go's fmt and strconv do them, for messages and `le` labels. */

/** Go's `%g` (shortest representation), e.g. `1e+06`, `0.0001`, `+Inf`, `NaN`. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mantissa, exponentText] = v.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(v);
}

/** Go's `%f` (six decimals), e.g. `0.500000`, `+Inf`. */
export function formatGoFixed(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const text = Math.abs(v) < 1e21 ? v.toFixed(6) : BigInt(v).toString() + '.000000';
  return Object.is(v, -0) ? `-${text}` : text;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX = /^([+-]?)0[xX]((?:_?[0-9a-fA-F])*)(?:\.((?:_?[0-9a-fA-F])*))?[pP]([+-]?\d+)$/;
const SPECIAL = /^(?:([+-]?)(?:inf|infinity)|nan)$/i;

/**
 * Go's `strconv.ParseFloat(text, 64)`: decimal and hexadecimal forms, `Inf`/`Infinity`/`NaN` in any
 * case. Returns undefined where Go returns an error (bad syntax, or overflow to an infinity).
 */
export function parseGoFloat(text: string): number | undefined {
  const special = SPECIAL.exec(text);
  if (special) return special[1] === undefined ? NaN : special[1] === '-' ? -Infinity : Infinity;
  let v: number | undefined;
  if (DECIMAL.test(text)) {
    v = Number(text);
  } else {
    const hex = HEX.exec(text);
    if (hex) v = hexFloat(hex[1]!, hex[2]!, hex[3] ?? '', Number(hex[4]));
  }
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** A hexadecimal float; mantissas beyond 53 bits may round twice, which Go avoids. */
function hexFloat(sign: string, intDigits: string, fracDigits: string, exponent: number): number | undefined {
  const intPart = intDigits.replaceAll('_', '');
  const fracPart = fracDigits.replaceAll('_', '');
  if (intPart === '' && fracPart === '') return undefined;
  let v = parseInt(intPart + fracPart || '0', 16);
  let power = exponent - 4 * fracPart.length;
  // Scale in steps so that no intermediate power of two overflows or underflows on its own.
  for (; power > 1000; power -= 1000) v *= 2 ** 1000;
  for (; power < -1000; power += 1000) v *= 2 ** -1000;
  v *= 2 ** power;
  return sign === '-' ? -v : v;
}
