/**
 * Natural string order as the natsort package that Prometheus uses: strings are split into runs of
 * digits and non-digits; two digit runs compare as integers (when they fit int64), anything else
 * as strings. Kept faithful to its quirks: an empty string neither precedes nor follows anything.
 */

const CHUNKS = /\d+|\D+/g;
const MAX_INT64 = 2n ** 63n - 1n;

function asInteger(chunk: string): bigint | undefined {
  const code = chunk.charCodeAt(0);
  if (code < 48 || code > 57) return undefined;
  const n = BigInt(chunk);
  return n <= MAX_INT64 ? n : undefined;
}

/** True when `a` precedes `b`. */
export function naturalLess(a: string, b: string): boolean {
  const chunksA = a.match(CHUNKS) ?? [];
  const chunksB = b.match(CHUNKS) ?? [];
  for (let i = 0; i < chunksA.length; i++) {
    if (i >= chunksB.length) return false;
    const x = chunksA[i]!;
    const y = chunksB[i]!;
    const xn = asInteger(x);
    const yn = asInteger(y);
    if (xn !== undefined && yn !== undefined) {
      if (xn !== yn) return xn < yn;
    } else if (x !== y) {
      return x < y;
    }
    if (i === chunksA.length - 1) return true;
    if (i === chunksB.length - 1) return false;
  }
  return false;
}
