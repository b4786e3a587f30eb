/** XXH64 (seed 0), the hash Prometheus uses for label sets. BigInt arithmetic, for modest volumes. */

const MASK = (1n << 64n) - 1n;
const PRIME1 = 11400714785074694791n;
const PRIME2 = 14029467366897019727n;
const PRIME3 = 1609587929392839161n;
const PRIME4 = 9650029242287828579n;
const PRIME5 = 2870177450012600261n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK;
}

function round(acc: bigint, lane: bigint): bigint {
  return (rotl((acc + lane * PRIME2) & MASK, 31n) * PRIME1) & MASK;
}

function mergeRound(acc: bigint, lane: bigint): bigint {
  return ((((acc ^ round(0n, lane)) * PRIME1) & MASK) + PRIME4) & MASK;
}

function read64(b: Uint8Array, i: number): bigint {
  const lo = b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
  const hi = b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function read32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

export function xxhash64(data: Uint8Array): bigint {
  const n = data.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (PRIME1 + PRIME2) & MASK;
    let v2 = PRIME2;
    let v3 = 0n;
    let v4 = (MASK + 1n - PRIME1) & MASK;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, read64(data, i));
      v2 = round(v2, read64(data, i + 8));
      v3 = round(v3, read64(data, i + 16));
      v4 = round(v4, read64(data, i + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & MASK;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = PRIME5;
  }
  h = (h + BigInt(n)) & MASK;
  for (; i + 8 <= n; i += 8) {
    h ^= round(0n, read64(data, i));
    h = (rotl(h, 27n) * PRIME1 + PRIME4) & MASK;
  }
  if (i + 4 <= n) {
    h ^= (read32(data, i) * PRIME1) & MASK;
    h = (rotl(h, 23n) * PRIME2 + PRIME3) & MASK;
    i += 4;
  }
  for (; i < n; i++) {
    h ^= (BigInt(data[i]!) * PRIME5) & MASK;
    h = (rotl(h, 11n) * PRIME1) & MASK;
  }
  h ^= h >> 33n;
  h = (h * PRIME2) & MASK;
  h ^= h >> 29n;
  h = (h * PRIME3) & MASK;
  h ^= h >> 32n;
  return h;
}
