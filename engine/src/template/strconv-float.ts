/**
 * Go's strconv.FormatFloat(v, fmt, prec, 64) for the formats fmt's verbs use: 'e', 'E', 'f', 'g',
 * 'G', 'b', 'x', 'X'. A precision of -1 means the shortest digits that round-trip. Fixed
 * precisions round the exact binary value half to even, as Go does.
 */
import { formatGoFloat } from '../promql/eval/functions/go-float.js';

/** Decimal digits `0.d1d2d3... × 10^dp`, without leading or trailing zeros (empty for zero). */
interface Decimal {
  digits: string;
  dp: number;
}

export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

export function formatFloat(v: number, fmt: FloatFormat, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (fmt === 'g' && prec < 0) return formatGoFloat(v);
  const neg = v < 0 || Object.is(v, -0);
  const sign = neg ? '-' : '';
  const { mantissa, exponent } = decompose(Math.abs(v));
  if (fmt === 'b') return `${sign}${mantissa}p${exponent >= 0 ? '+' : ''}${exponent}`;
  if (fmt === 'x' || fmt === 'X') return sign + formatHex(mantissa, exponent, prec, fmt);

  const shortest = prec < 0;
  let dec: Decimal;
  if (shortest) {
    dec = shortestDecimal(Math.abs(v));
    prec = fmt === 'e' || fmt === 'E' ? Math.max(dec.digits.length - 1, 0)
      : fmt === 'f' ? Math.max(dec.digits.length - dec.dp, 0)
      : dec.digits.length;
  } else {
    dec = exactDecimal(mantissa, exponent);
    if (fmt === 'e' || fmt === 'E') dec = roundDecimal(dec, prec + 1);
    else if (fmt === 'f') dec = roundDecimal(dec, dec.dp + prec);
    else {
      if (prec === 0) prec = 1;
      dec = roundDecimal(dec, prec);
    }
  }
  return sign + formatDigits(dec, shortest, prec, fmt);
}

function formatDigits(d: Decimal, shortest: boolean, prec: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G'): string {
  if (fmt === 'e' || fmt === 'E') return formatE(d, prec, fmt);
  if (fmt === 'f') return formatF(d, prec);
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    return formatE(d, Math.min(prec, nd) - 1, fmt === 'g' ? 'e' : 'E');
  }
  return formatF(d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
}

function formatE(d: Decimal, prec: number, letter: 'e' | 'E'): string {
  let out = d.digits[0] ?? '0';
  if (prec > 0) out += '.' + d.digits.slice(1, prec + 1).padEnd(prec, '0');
  const exp = d.digits === '' ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${out}${letter}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`;
}

function formatF(d: Decimal, prec: number): string {
  let out = d.dp > 0 ? d.digits.slice(0, d.dp).padEnd(d.dp, '0') : '0';
  if (prec > 0) {
    let fraction = '';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      fraction += j >= 0 && j < d.digits.length ? d.digits[j] : '0';
    }
    out += '.' + fraction;
  }
  return out;
}

/** Rounds to `nd` significant digits, half to even on the exact value (strconv's decimal.Round). */
function roundDecimal(d: Decimal, nd: number): Decimal {
  const digits = d.digits;
  if (nd < 0 || nd >= digits.length) return d;
  const next = digits.charCodeAt(nd) - 48;
  const halfway = next === 5 && nd + 1 === digits.length;
  const up = halfway ? nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) return { digits: digits.slice(0, nd).replace(/0+$/, ''), dp: d.dp };
  for (let i = nd - 1; i >= 0; i--) {
    if (digits[i] !== '9') {
      return { digits: digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1), dp: d.dp };
    }
  }
  return { digits: '1', dp: d.dp + 1 };
}

/** The shortest digits that read back as `v` (v ≥ 0), as both Go and JavaScript choose them. */
function shortestDecimal(v: number): Decimal {
  if (v === 0) return { digits: '', dp: 0 };
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, dp: Number(exponent) + 1 };
}

/** The exact decimal expansion of `mantissa × 2^exponent`. */
function exactDecimal(mantissa: bigint, exponent: number): Decimal {
  if (mantissa === 0n) return { digits: '', dp: 0 };
  let text: string;
  let dp: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    dp = text.length;
  } else {
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    dp = text.length + exponent;
  }
  return { digits: text.replace(/0+$/, ''), dp };
}

/** `v = mantissa × 2^exponent` for finite v ≥ 0, with the 53-bit integer mantissa Go's 'b' format shows. */
function decompose(v: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exp = biased;
  if (biased === 0) exp = 1;
  else mantissa |= 1n << 52n;
  return { mantissa, exponent: exp - 1023 - 52 };
}

/** Go's %x for floats: `0x1.8p+01`; `prec` hexadecimal digits after the point, or as many as needed. */
function formatHex(mantissa: bigint, exponent: number, prec: number, fmt: 'x' | 'X'): string {
  const ONE = 1n << 60n;
  let mant = mantissa;
  let exp = exponent + 52;
  if (mant === 0n) exp = 0;
  mant <<= 60n - 52n;
  while (mant !== 0n && (mant & ONE) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (ONE - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digitsOf = (m: bigint) => Number((m >> 60n) & 15n).toString(16);
  let out = '0' + fmt + digitsOf(mant & ONE ? ONE : 0n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += digitsOf(mant);
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += digitsOf(mant);
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  if (fmt === 'X') out = out.toUpperCase();
  const abs = Math.abs(exp);
  return `${out}${fmt === 'x' ? 'p' : 'P'}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' + abs : abs}`;
}
