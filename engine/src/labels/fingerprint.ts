/**
 * Alertmanager's label-set fingerprint (prometheus/common model.LabelSet.Fingerprint): FNV-1a 64
 * over the pairs sorted by name, each as `name 0xFF value 0xFF` in UTF-8, printed as 16 hex digits.
 * Alerts, aggregation groups and the API's `fingerprint` fields all use it.
 */
import type { Labels } from './labels.js';

const encoder = new TextEncoder();
const SEPARATOR = 0xff;

/** The fingerprint of a label set as Alertmanager prints it (`%016x`). */
export function fingerprint(labels: Labels): string {
  const hash = new Fnv1a64();
  for (let i = 0; i < labels.names.length; i++) {
    hash.addString(labels.names[i]!);
    hash.addByte(SEPARATOR);
    hash.addString(labels.values[i]!);
    hash.addByte(SEPARATOR);
  }
  return hash.hex();
}

/** FNV-1a 64 in four 16-bit limbs, so that no BigInt is needed on the ingest path. */
class Fnv1a64 {
  // The offset basis 0xcbf29ce484222325, lowest limb first.
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  addString(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) this.addByte(code);
      else {
        for (const byte of encoder.encode(text.slice(i, i + (code >= 0xd800 && code <= 0xdbff ? 2 : 1)))) this.addByte(byte);
        if (code >= 0xd800 && code <= 0xdbff) i++;
      }
    }
  }

  /** h = (h ^ byte) * 0x100000001b3 (mod 2^64); the prime is 2^40 + 0x1b3. */
  addByte(byte: number): void {
    const h0 = this.h0 ^ byte;
    const { h1, h2, h3 } = this;
    // Multiply by 0x1b3 limb-wise, then add (h << 40), i.e. h0 shifted into limbs 2.5 onwards.
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3 + (t0 >>> 16);
    let t2 = h2 * 0x1b3 + (t1 >>> 16) + ((h0 & 0xff) << 8);
    let t3 = h3 * 0x1b3 + (t2 >>> 16) + (h0 >>> 8) + ((h1 & 0xff) << 8);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
  }
}
