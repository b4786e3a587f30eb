import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';

describe('Labels.key', () => {
  it('tells apart label sets whose values contain the character U+00FF', () => {
    const a = Labels.from({ a: '1\u00ffb\u00ff2' });
    const b = Labels.from({ a: '1', b: '2' });
    expect(a.key()).not.toBe(b.key());
  });
});
