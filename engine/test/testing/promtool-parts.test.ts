import { afterAll, describe, expect, it } from 'vitest';
import { nextAfter, valuesEqual } from '../../src/testing/promtool/compare.js';
import { BadPatternError, glob } from '../../src/files/go-glob.js';
import { yamlV2Float } from '../../src/testing/promtool/yaml-v2-values.js';
import { join } from 'node:path';
import { removeWrittenFiles, writeFiles } from './promtool-helpers.js';

afterAll(removeWrittenFiles);

describe('nextAfter', () => {
  it('steps to the adjacent float in either direction, as Go math.Nextafter', () => {
    expect(nextAfter(1, Infinity)).toBe(1 + Number.EPSILON);
    expect(nextAfter(1, -Infinity)).toBe(1 - Number.EPSILON / 2);
    expect(nextAfter(-1, -Infinity)).toBe(-1 - Number.EPSILON);
    expect(nextAfter(0.3, Infinity)).toBe(0.30000000000000004);
    expect(nextAfter(0, Infinity)).toBe(Number.MIN_VALUE);
    expect(nextAfter(0, -Infinity)).toBe(-Number.MIN_VALUE);
    expect(nextAfter(Infinity, -Infinity)).toBe(Number.MAX_VALUE);
    expect(nextAfter(NaN, 1)).toBeNaN();
  });

  it('makes fuzzy equality one step wide, and never matches NaN', () => {
    expect(valuesEqual(0.3, 0.30000000000000004, true)).toBe(true);
    expect(valuesEqual(0.3, 0.30000000000000004, false)).toBe(false);
    expect(valuesEqual(0.3, 0.3000000000000001, true)).toBe(false);
    expect(valuesEqual(NaN, NaN, true)).toBe(false);
    expect(valuesEqual(0, -0, false)).toBe(true);
  });
});

describe('yamlV2Float', () => {
  it('reads numbers as yaml.v2 resolves plain scalars', () => {
    expect(['1', '-2.5', '1e3', '1_000', '0x1F', '010', '08', '.5', '+.inf', '-.Inf', '0b101', '-Inf'].map(yamlV2Float)).toEqual([
      1, -2.5, 1000, 1000, 31, 8, 8, 0.5, Infinity, -Infinity, 5, -Infinity,
    ]);
    expect(yamlV2Float('.nan')).toBeNaN();
  });

  it('refuses what yaml.v2 resolves as a string', () => {
    expect(['NaN', 'Inf', 'one', '1.2.3', '0o17', ''].map(yamlV2Float)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('glob', () => {
  const dir = writeFiles({ 'r/b.yml': '', 'r/a.yml': '', 'r/c.yaml': '', 'r/x/d.yml': '', 'r/.hidden.yml': '' });

  it('matches *, ? and classes within one path segment, sorted, dot files included as Go does', () => {
    const names = (pattern: string) => glob(join(dir, pattern)).map((p) => p.slice(dir.length + 1));
    expect(names('r/*.yml')).toEqual(['r/.hidden.yml', 'r/a.yml', 'r/b.yml']);
    expect(names('r/?.y*')).toEqual(['r/a.yml', 'r/b.yml', 'r/c.yaml']);
    expect(names('r/[ab].yml')).toEqual(['r/a.yml', 'r/b.yml']);
    expect(names('r/[^a].yml')).toEqual(['r/b.yml']);
    expect(names('*/x/*.yml')).toEqual(['r/x/d.yml']);
    expect(names('r/a.yml')).toEqual(['r/a.yml']);
    expect(names('r/none.yml')).toEqual([]);
  });

  it('refuses malformed patterns', () => {
    for (const pattern of ['[', '[]', 'a\\', '[a-]']) expect(() => glob(join(dir, pattern))).toThrow(BadPatternError);
  });

  it('takes a reversed range as a class that matches nothing, as Go (and promtool 2.42) do', () => {
    expect(glob(join(dir, 'r/[z-a].yml'))).toEqual([]);
  });
});
