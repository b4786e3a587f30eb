/** A reusable buffer for functions that need to reorder a window's values. */
let buffer = new Float64Array(256);

/** The values `vs[from..to)` copied into a shared buffer, valid until the next call. */
export function copyToScratch(vs: ArrayLike<number>, from: number, to: number): Float64Array {
  const n = to - from;
  if (buffer.length < n) buffer = new Float64Array(Math.max(n, buffer.length * 2));
  const out = buffer.subarray(0, n);
  for (let i = 0; i < n; i++) out[i] = vs[from + i]!;
  return out;
}
