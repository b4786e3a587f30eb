/**
 * XXH64 with seed 0, the hash Prometheus and Alertmanager use for label sets, on 32-bit halves
 * instead of BigInt: the same result, without allocating a BigInt per step. 64-bit values are
 * carried as (hi, lo) pairs of unsigned 32-bit integers; helpers leave their result in `out`.
 */

// The five primes, high and low halves.
const P1H = 0x9e3779b1;
const P1L = 0x85ebca87;
const P2H = 0xc2b2ae3d;
const P2L = 0x27d4eb4f;
const P3H = 0x165667b1;
const P3L = 0x9e3779f9;
const P4H = 0x85ebca77;
const P4L = 0xc2b2ae63;
const P5H = 0x27d4eb2f;
const P5L = 0x165667c5;

/**
 * The result of the last helper, high half first. A typed array holds the halves unboxed: module
 * variables would box every value of 2^30 or more.
 */
const out = new Uint32Array(2);

/** (ah, al) × (bh, bl) mod 2^64. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  out[1] = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  out[0] = (carry + Math.imul(ah, bl) + Math.imul(al, bh)) >>> 0;
}

/** (ah, al) + (bh, bl) mod 2^64. */
function add(ah: number, al: number, bh: number, bl: number): void {
  const sum = al + bl;
  out[1] = sum >>> 0;
  out[0] = (ah + bh + (sum > 0xffffffff ? 1 : 0)) >>> 0;
}

/** Rotates (h, l) left by 0 < r < 32 (XXH64 rotates by no more). */
function rotl(h: number, l: number, r: number): void {
  out[0] = ((h << r) | (l >>> (32 - r))) >>> 0;
  out[1] = ((l << r) | (h >>> (32 - r))) >>> 0;
}

/** round(acc, lane): (rotl(acc + lane × P2, 31)) × P1. */
function round(ah: number, al: number, lh: number, ll: number): void {
  mul(lh, ll, P2H, P2L);
  add(ah, al, out[0], out[1]);
  rotl(out[0], out[1], 31);
  mul(out[0], out[1], P1H, P1L);
}

/** mergeRound(acc, v): (acc ^ round(0, v)) × P1 + P4. */
function mergeRound(ah: number, al: number, vh: number, vl: number): void {
  round(0, 0, vh, vl);
  mul((ah ^ out[0]) >>> 0, (al ^ out[1]) >>> 0, P1H, P1L);
  add(out[0], out[1], P4H, P4L);
}

function read32(data: Uint8Array, i: number): number {
  return (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24)) >>> 0;
}

/** The hash as its high and low 32 bits. */
export function xxhash64(data: Uint8Array): { hi: number; lo: number } {
  const n = data.length;
  let i = 0;
  let hh: number;
  let hl: number;
  if (n >= 32) {
    add(P1H, P1L, P2H, P2L);
    let v1h = out[0];
    let v1l = out[1];
    let v2h = P2H;
    let v2l = P2L;
    let v3h = 0;
    let v3l = 0;
    // -P1 mod 2^64 (P1's low half is not 0, so nothing carries into the high half).
    let v4h = ~P1H >>> 0;
    let v4l = (~P1L + 1) >>> 0;
    for (; i + 32 <= n; i += 32) {
      round(v1h, v1l, read32(data, i + 4), read32(data, i));
      v1h = out[0];
      v1l = out[1];
      round(v2h, v2l, read32(data, i + 12), read32(data, i + 8));
      v2h = out[0];
      v2l = out[1];
      round(v3h, v3l, read32(data, i + 20), read32(data, i + 16));
      v3h = out[0];
      v3l = out[1];
      round(v4h, v4l, read32(data, i + 28), read32(data, i + 24));
      v4h = out[0];
      v4l = out[1];
    }
    rotl(v1h, v1l, 1);
    hh = out[0];
    hl = out[1];
    rotl(v2h, v2l, 7);
    add(hh, hl, out[0], out[1]);
    hh = out[0];
    hl = out[1];
    rotl(v3h, v3l, 12);
    add(hh, hl, out[0], out[1]);
    hh = out[0];
    hl = out[1];
    rotl(v4h, v4l, 18);
    add(hh, hl, out[0], out[1]);
    mergeRound(out[0], out[1], v1h, v1l);
    mergeRound(out[0], out[1], v2h, v2l);
    mergeRound(out[0], out[1], v3h, v3l);
    mergeRound(out[0], out[1], v4h, v4l);
    hh = out[0];
    hl = out[1];
  } else {
    hh = P5H;
    hl = P5L;
  }
  add(hh, hl, 0, n >>> 0);
  hh = out[0];
  hl = out[1];
  for (; i + 8 <= n; i += 8) {
    round(0, 0, read32(data, i + 4), read32(data, i));
    rotl((hh ^ out[0]) >>> 0, (hl ^ out[1]) >>> 0, 27);
    mul(out[0], out[1], P1H, P1L);
    add(out[0], out[1], P4H, P4L);
    hh = out[0];
    hl = out[1];
  }
  if (i + 4 <= n) {
    mul(0, read32(data, i), P1H, P1L);
    rotl((hh ^ out[0]) >>> 0, (hl ^ out[1]) >>> 0, 23);
    mul(out[0], out[1], P2H, P2L);
    add(out[0], out[1], P3H, P3L);
    hh = out[0];
    hl = out[1];
    i += 4;
  }
  for (; i < n; i++) {
    mul(0, data[i]!, P5H, P5L);
    rotl((hh ^ out[0]) >>> 0, (hl ^ out[1]) >>> 0, 11);
    mul(out[0], out[1], P1H, P1L);
    hh = out[0];
    hl = out[1];
  }
  // Avalanche: h ^= h >> 33; h *= P2; h ^= h >> 29; h *= P3; h ^= h >> 32.
  mul(hh, (hl ^ (hh >>> 1)) >>> 0, P2H, P2L);
  mul((out[0] ^ (out[0] >>> 29)) >>> 0, (out[1] ^ ((out[1] >>> 29) | (out[0] << 3))) >>> 0, P3H, P3L);
  return { hi: out[0], lo: (out[1] ^ out[0]) >>> 0 };
}

/** The hash as a decimal string, as Go's strconv.FormatUint(h, 10) prints it. */
export function xxhash64Decimal(data: Uint8Array): string {
  const { hi: h, lo: l } = xxhash64(data);
  return toDecimal(h, l);
}

/** An unsigned 64-bit value in decimal, by long division of its 16-bit limbs by 10,000. */
function toDecimal(h: number, l: number): string {
  const limbs = [h >>> 16, h & 0xffff, l >>> 16, l & 0xffff];
  let digits = '';
  for (;;) {
    let remainder = 0;
    let zero = true;
    for (let k = 0; k < 4; k++) {
      const value = remainder * 0x10000 + limbs[k]!;
      limbs[k] = Math.floor(value / 10_000);
      remainder = value % 10_000;
      if (limbs[k] !== 0) zero = false;
    }
    if (zero) return String(remainder) + digits;
    digits = String(remainder).padStart(4, '0') + digits;
  }
}
