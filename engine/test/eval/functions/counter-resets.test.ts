import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CounterResets } from '../../../src/promql/eval/functions/counter-resets.js';

/** What a scan of the window adds to `change`: the value before each decrease, in order. */
function scanned(vs: number[], from: number, to: number, change: number): number {
  for (let i = from + 1; i < to; i++) if (vs[i]! < vs[i - 1]!) change += vs[i - 1]!;
  return change;
}

const valueArb = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(NaN, Infinity, -Infinity, 0.1, 1e308, -0));

describe('CounterResets', () => {
  it('corrects a change exactly as a scan of each window does, for windows moving forward and sometimes back', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.tuple(fc.integer({ min: -6, max: 8 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 40 }),
        (vs, moves) => {
          const resets = new CounterResets();
          let from = 0;
          for (const [move, width] of moves) {
            from = Math.min(Math.max(0, from + move), vs.length - 1);
            const to = Math.min(vs.length, from + width);
            const change = vs[Math.max(from, to - 1)]! - vs[from]!;
            expect(Object.is(resets.corrected(vs, from, to, change), scanned(vs, from, to, change))).toBe(true);
          }
        },
      ),
      { seed: 99, numRuns: 1000 },
    );
  });
});
