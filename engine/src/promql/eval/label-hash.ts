/**
 * Prometheus's labels.Hash(): XXH64 over the label set's byte encoding, in the default
 * ("stringlabels") layout where each name and value is preceded by its UTF-8 length (one byte
 * below 255, else 255 and three little-endian bytes).
 */
import type { Labels } from '../../labels/labels.js';
import { xxhash64 } from '../../labels/xxhash64.js';

const encoder = new TextEncoder();
const hashes = new WeakMap<Labels, bigint>();

function pushString(out: number[], s: string): void {
  const bytes = encoder.encode(s);
  const n = bytes.length;
  if (n < 255) out.push(n);
  else out.push(255, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);
  for (let i = 0; i < n; i++) out.push(bytes[i]!);
}

/** The bytes that Prometheus hashes for `labels`. */
export function encodeLabels(labels: Labels): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < labels.size; i++) {
    pushString(out, labels.names[i]!);
    pushString(out, labels.values[i]!);
  }
  return Uint8Array.from(out);
}

export function labelsHash(labels: Labels): bigint {
  let h = hashes.get(labels);
  if (h === undefined) {
    const { hi, lo } = xxhash64(encodeLabels(labels));
    h = (BigInt(hi) << 32n) | BigInt(lo);
    hashes.set(labels, h);
  }
  return h;
}
