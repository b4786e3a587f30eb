/**
 * Compensated summation (Neumaier's variant of Kahan's algorithm), with Prometheus's rule that
 * the compensation is reset once the running sum overflows to an infinity.
 */

/** The new compensation after `t = sum + inc` was computed from a sum with compensation `c`. */
export function compensationAfter(sum: number, inc: number, t: number, c: number): number {
  if (t === Infinity || t === -Infinity) return 0;
  return Math.abs(sum) >= Math.abs(inc) ? c + (sum - t + inc) : c + (inc - t + sum);
}

/** A running compensated sum. Fields are public so that callers can rescale them in place. */
export class KahanSum {
  sum = 0;
  c = 0;

  add(inc: number): void {
    const t = this.sum + inc;
    this.c = compensationAfter(this.sum, inc, t, this.c);
    this.sum = t;
  }

  /** The compensated total; an overflowed sum is returned as it is. */
  value(): number {
    const { sum } = this;
    return sum === Infinity || sum === -Infinity ? sum : sum + this.c;
  }
}
