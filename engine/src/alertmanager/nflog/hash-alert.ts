/**
 * The identity of an alert in the notification log (Alertmanager's notify.hashAlert): XXH64 over
 * the label pairs sorted by name, each as `name 0xFF value 0xFF` in UTF-8, as a decimal string.
 * It is not the fingerprint (FNV-1a, printed in hex): the log and the API each keep their own.
 */
import type { Labels } from '../../labels/labels.js';
import { compareGoStrings, utf8Bytes } from '../../text/utf8.js';
import { xxhash64Decimal } from '../../labels/xxhash64.js';

const SEPARATOR = 0xff;

/** Label sets are immutable, so each set is hashed once. */
const cache = new WeakMap<Labels, string>();

export function hashAlert(labels: Labels): string {
  let hash = cache.get(labels);
  if (hash === undefined) {
    hash = computeHash(labels);
    cache.set(labels, hash);
  }
  return hash;
}

function computeHash(labels: Labels): string {
  const order = labels.names.map((_, i) => i).sort((a, b) => compareGoStrings(labels.names[a]!, labels.names[b]!));
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const i of order) {
    for (const text of [labels.names[i]!, labels.values[i]!]) {
      const bytes = utf8Bytes(text);
      parts.push(bytes);
      size += bytes.length + 1;
    }
  }
  const buffer = new Uint8Array(size);
  let offset = 0;
  for (const bytes of parts) {
    buffer.set(bytes, offset);
    offset += bytes.length;
    buffer[offset++] = SEPARATOR;
  }
  return xxhash64Decimal(buffer);
}
