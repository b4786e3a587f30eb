import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/text/json-error-offset.js';

describe('jsonErrorOffset', () => {
  it('points at the first character JSON rejects', () => {
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset('[1, 2,, 3]')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": "\\q"}')).toBe(8);
    expect(jsonErrorOffset('[01]')).toBe(2);
    expect(jsonErrorOffset('{"a": [1, 2')).toBe(11);
  });

  it('finds no error in what JSON.stringify writes, and agrees with JSON.parse on mutations of it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', ' '), (value, at, insert) => {
        const text = JSON.stringify(value);
        expect(jsonErrorOffset(text)).toBe(text.length);
        const mutated = text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1));
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        if (valid) expect(jsonErrorOffset(mutated)).toBe(mutated.length);
        else expect(jsonErrorOffset(mutated)).toBeLessThanOrEqual(mutated.length);
      }),
      { numRuns: 300 },
    );
  });
});
