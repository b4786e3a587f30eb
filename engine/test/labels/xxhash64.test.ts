import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xxhash64, xxhash64Decimal } from '../../src/labels/xxhash64.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const asBigInt = ({ hi, lo }: { hi: number; lo: number }) => (BigInt(hi) << 32n) | BigInt(lo);
/** n bytes that run through every byte value, high bits included. */
const sequence = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);

describe('xxhash64 on 32-bit halves', () => {
  it('gives the reference values of XXH64 with seed 0', () => {
    expect(asBigInt(xxhash64(bytes('')))).toBe(0xef46db3751d8e999n);
    expect(asBigInt(xxhash64(bytes('a')))).toBe(0xd24ec4f1a98c6e5bn);
    expect(asBigInt(xxhash64(bytes('abc')))).toBe(0x44bc2cf5ad770999n);
    expect(asBigInt(xxhash64(bytes('0123456789abcdef0123456789abcdef')))).toBe(0x642a94958e71e6c5n);
    expect(asBigInt(xxhash64(bytes('The quick brown fox jumps over the lazy dog, and more bytes to go past 32')))).toBe(
      0xe5d3ce082cc7cf64n,
    );
    expect(xxhash64Decimal(bytes(''))).toBe('17241709254077376921');
  });

  // Expected values from the xxHash C library (python-xxhash 4.0.1), one length per branch mix:
  // below and above 32 bytes, with and without 8-byte lanes, a 4-byte tail and single bytes.
  it.each([
    [1, 0xf592c0c7639c4cb6n],
    [3, 0x22c08528601d4f27n],
    [4, 0xfb1e5cf2f1ae4d95n],
    [7, 0x5613ac510496c04en],
    [8, 0x57cb2b7521f3e21an],
    [12, 0x2f53b00266039e64n],
    [31, 0xe4a0e629e519a4aen],
    [32, 0xcc6b8aaada790b2dn],
    [33, 0x35ec49850475a832n],
    [39, 0x22984e41b53c1210n],
    [40, 0x3b21ed23eea85c2dn],
    [44, 0xa9a8f93ce6f588d3n],
    [63, 0xbf9f0ba3cf95b28an],
    [64, 0x155ccce4bf32befcn],
    [65, 0xda5ee441a595cfb8n],
    [100, 0x4826e367566ea023n],
  ])('agrees with the reference library on %i bytes', (length, expected) => {
    expect(asBigInt(xxhash64(sequence(length)))).toBe(expected);
  });

  it('prints the hash in decimal as Go does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        expect(xxhash64Decimal(data)).toBe(asBigInt(xxhash64(data)).toString());
      }),
      { numRuns: 500 },
    );
  });
});
