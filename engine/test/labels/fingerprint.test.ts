import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/labels/fingerprint.js';
import { Labels } from '../../src/labels/labels.js';

/** FNV-1a 64 the slow, obvious way, with BigInt. */
function reference(labels: Labels): string {
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  const encoder = new TextEncoder();
  labels.names.forEach((name, i) => {
    for (const byte of [...encoder.encode(name), 0xff, ...encoder.encode(labels.values[i]!), 0xff]) hash = ((hash ^ BigInt(byte)) * prime) & mask;
  });
  return hash.toString(16).padStart(16, '0');
}

describe('fingerprint', () => {
  it('is the FNV-1a offset basis for the empty set', () => {
    expect(fingerprint(Labels.EMPTY)).toBe('cbf29ce484222325');
  });

  it('equals a BigInt FNV-1a 64 on random label sets, non-ASCII included', () => {
    const label = fc.tuple(fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }), fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }));
    fc.assert(
      fc.property(fc.array(label, { maxLength: 6 }), (pairs) => {
        const labels = Labels.from(pairs);
        expect(fingerprint(labels)).toBe(reference(labels));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order labels were given in', () => {
    expect(fingerprint(Labels.from({ b: '2', a: '1' }))).toBe(fingerprint(Labels.from({ a: '1', b: '2' })));
  });
});
