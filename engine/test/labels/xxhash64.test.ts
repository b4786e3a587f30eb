import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xxhash64, xxhash64Decimal } from '../../src/labels/xxhash64.js';
import { xxhash64 as xxhash64BigInt } from '../../src/promql/eval/xxhash64.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const asBigInt = ({ hi, lo }: { hi: number; lo: number }) => (BigInt(hi) << 32n) | BigInt(lo);

describe('xxhash64 on 32-bit halves', () => {
  it('gives the reference values of XXH64 with seed 0', () => {
    expect(asBigInt(xxhash64(bytes('')))).toBe(0xef46db3751d8e999n);
    expect(asBigInt(xxhash64(bytes('a')))).toBe(0xd24ec4f1a98c6e5bn);
    expect(asBigInt(xxhash64(bytes('abc')))).toBe(0x44bc2cf5ad770999n);
    expect(xxhash64Decimal(bytes(''))).toBe('17241709254077376921');
  });

  it('agrees with the BigInt implementation on any input, in every length class', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        const expected = xxhash64BigInt(data);
        expect(asBigInt(xxhash64(data))).toBe(expected);
        expect(xxhash64Decimal(data)).toBe(expected.toString());
      }),
      { numRuns: 2000 },
    );
  });

});
