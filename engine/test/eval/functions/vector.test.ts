import { describe, expect, it } from 'vitest';
import { context, impl, scalar, vec } from './helpers.js';

describe('vector', () => {
  it('makes a one-element vector without labels', () => {
    expect(impl('vector')([scalar(1)], context(5)).map((s) => [s.labels.size, s.t, s.v, s.dropName])).toEqual([[0, 5, 1, false]]);
  });
});

describe('scalar', () => {
  it('takes the value of a one-element vector and is NaN otherwise', () => {
    expect(impl('scalar')([vec([{ a: 'x' }, 1])], context(0)).map((s) => [s.labels.size, s.v])).toEqual([[0, 1]]);
    expect(impl('scalar')([vec([{ a: 'x' }, 1], [{ a: 'y' }, 2])], context(0)).map((s) => s.v)).toEqual([NaN]);
    expect(impl('scalar')([vec()], context(0)).map((s) => s.v)).toEqual([NaN]);
  });
});
