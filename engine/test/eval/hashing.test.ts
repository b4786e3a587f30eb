import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { encodeLabels, labelsHash } from '../../src/promql/eval/label-hash.js';
import { keptByRatio } from '../../src/promql/eval/aggregations-k.js';
import { xxhash64 } from '../../src/promql/eval/xxhash64.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('xxhash64', () => {
  it('matches the reference implementation on short, medium and long inputs', () => {
    expect(xxhash64(bytes(''))).toBe(0xef46db3751d8e999n);
    expect(xxhash64(bytes('a'))).toBe(0xd24ec4f1a98c6e5bn);
    expect(xxhash64(bytes('abc'))).toBe(0x44bc2cf5ad770999n);
    expect(xxhash64(bytes('0123456789abcdef0123456789abcdef'))).toBe(0x642a94958e71e6c5n);
    expect(xxhash64(bytes('The quick brown fox jumps over the lazy dog, and more bytes to go past 32'))).toBe(
      0xe5d3ce082cc7cf64n,
    );
  });
});

describe('labelsHash', () => {
  it('hashes the length-prefixed encoding of names and values', () => {
    const labels = Labels.from({ __name__: 'up', job: 'api' });
    expect([...encodeLabels(labels)]).toEqual([8, ...bytes('__name__'), 2, ...bytes('up'), 3, ...bytes('job'), 3, ...bytes('api')]);
    expect(labelsHash(labels)).toBe(xxhash64(encodeLabels(labels)));
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
