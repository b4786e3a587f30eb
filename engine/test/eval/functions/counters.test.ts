import { describe, expect, it } from 'vitest';
import { context, impl, MINUTE, rangeOf, series } from './helpers.js';

const requests = [
  series({ path: '/foo' }, 5 * MINUTE, [1, 2, 3, 0, 1, 0, 0, 1, 2, 0]),
  series({ path: '/bar' }, 5 * MINUTE, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]),
  series({ path: '/biz' }, 5 * MINUTE, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
];

function byPath(name: string, rangeMinutes: number): Record<string, number> {
  const out = impl(name)([rangeOf(requests, 50 * MINUTE, rangeMinutes * MINUTE)], context(50 * MINUTE));
  return Object.fromEntries(out.map((s) => [s.labels.get('path'), s.v]));
}

describe('resets', () => {
  it.each([
    [5, {}],
    [10, { '/foo': 0, '/bar': 0, '/biz': 0 }],
    [20, { '/foo': 1, '/bar': 0, '/biz': 0 }],
    [30, { '/foo': 1, '/bar': 0, '/biz': 0 }],
    [32, { '/foo': 2, '/bar': 1, '/biz': 0 }],
    [50, { '/foo': 3, '/bar': 1, '/biz': 0 }],
  ])('over %dm counts decreases', (minutes, expected) => {
    expect(byPath('resets', minutes)).toEqual(expected);
  });
});

describe('changes', () => {
  it.each([
    [5, {}],
    [6, { '/foo': 0, '/bar': 0, '/biz': 0 }],
    [20, { '/foo': 2, '/bar': 2, '/biz': 0 }],
    [30, { '/foo': 3, '/bar': 4, '/biz': 0 }],
    [50, { '/foo': 7, '/bar': 8, '/biz': 1 }],
  ])('over %dm counts value changes', (minutes, expected) => {
    expect(byPath('changes', minutes)).toEqual(expected);
  });

  it('does not count NaN followed by NaN, but counts changes to and from NaN', () => {
    const x = [series({ a: 'b' }, 5 * MINUTE, [NaN, NaN, NaN]), series({ a: 'c' }, 5 * MINUTE, [0, NaN, 0])];
    const out = impl('changes')([rangeOf(x, 15 * MINUTE, 20 * MINUTE)], context(15 * MINUTE));
    expect(out.map((s) => [s.labels.get('a'), s.v, s.dropName])).toEqual([
      ['b', 0, true],
      ['c', 2, true],
    ]);
  });
});
