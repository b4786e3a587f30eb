import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { encodeLabels, labelsHash } from '../../src/promql/eval/label-hash.js';
import { keptByRatio } from '../../src/promql/eval/aggregations-k.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('labelsHash', () => {
  it('hashes the length-prefixed encoding of names and values', () => {
    const labels = Labels.from({ __name__: 'up', job: 'api' });
    expect([...encodeLabels(labels)]).toEqual([8, ...bytes('__name__'), 2, ...bytes('up'), 3, ...bytes('job'), 3, ...bytes('api')]);
    // XXH64 of those bytes, from the xxHash C library.
    expect(labelsHash(labels)).toBe(0xea454d0393654eecn);
  });

  it('encodes long values with a four-byte length', () => {
    const long = 'x'.repeat(300);
    const encoded = encodeLabels(Labels.from({ a: long }));
    expect([...encoded.subarray(0, 6)]).toEqual([1, 97, 255, 300 & 0xff, 300 >> 8, 0]);
    expect(encoded).toHaveLength(2 + 4 + 300);
  });
});

describe('limit_ratio sampling', () => {
  it('splits series into complements for r and -(1 - r)', () => {
    const all = Array.from({ length: 200 }, (_, i) => Labels.from({ __name__: 'm', i: String(i) }));
    for (const r of [0.1, 0.5, 0.77]) {
      const low = all.filter((l) => keptByRatio(l, r));
      const high = all.filter((l) => keptByRatio(l, -(1 - r)));
      expect(low.length + high.length).toBe(all.length);
      expect(low.some((l) => high.includes(l))).toBe(false);
    }
    expect(all.every((l) => keptByRatio(l, 1) && keptByRatio(l, -1))).toBe(true);
  });
});
