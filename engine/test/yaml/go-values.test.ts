import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors.js';
import { goIntValue, GoValueReader } from '../../src/yaml/go-values.js';
import { readYamlTree } from '../../src/yaml/read-tree.js';
import type { YamlMap } from '../../src/yaml/tree.js';

function reader(text: string) {
  const problems: Problem[] = [];
  const root = readYamlTree(text, 'yaml.v2').root as YamlMap;
  return { read: new GoValueReader(text, problems, 'test'), root, problems };
}

describe('goIntValue', () => {
  it('reads integers as yaml.v3 does for a Go int: prefixes, underscores, truncated floats', () => {
    expect(['10', '-1', '0x10', '0o17', '017', '0b101', '1_000', '08', '1.9', '1e3', '-.inf'].map(goIntValue)).toEqual([
      10, -1, 16, 15, 15, 5, 1000, 8, 1, 1000, Number.MIN_SAFE_INTEGER,
    ]);
  });

  it('rejects what yaml.v3 cannot put in an int', () => {
    expect(['abc', 'true', '.inf', '.nan', '99999999999999999999', '', '1_0x'].map(goIntValue)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('GoValueReader', () => {
  it('applies merge keys without overriding the mapping’s own keys, and reports duplicates once', () => {
    const { read, root, problems } = reader('base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n  c: 4\n  c: 5\nn:\n  <<: [*b, {d: 6}]\n');
    const fields = read.fields(root, ['base', 'm', 'n'], 'the root');
    const m = read.stringMap(fields.get('m')!.value, 'm').map(({ name, value }) => `${name}=${value}`);
    const again = read.stringMap(fields.get('m')!.value, 'm');
    expect(m).toEqual(['b=3', 'c=4', 'c=5', 'a=1']);
    expect(again).toHaveLength(4);
    expect(read.stringMap(fields.get('n')!.value, 'n').map(({ name }) => name)).toEqual(['a', 'b', 'd']);
    expect(problems.map((p) => p.message)).toEqual(['key "c" is already defined at line 5']);
  });

  it('reads durations, lists and strings with Go’s zero values for null', () => {
    const { read, root, problems } = reader('d: 1h30m\nn:\ns: 5\nl: [a, ~, b]\nbad: 5x\n');
    const f = read.fields(root, ['d', 'n', 's', 'l', 'bad'], 'the root');
    expect(read.duration(f.get('d')!.value, 'd')).toBe(5_400_000);
    expect(read.duration(f.get('n')!.value, 'n')).toBeUndefined();
    expect(read.string(f.get('n')!.value, 'n')).toBe('');
    expect(read.string(f.get('s')!.value, 's')).toBe('5');
    expect(read.list(f.get('l')!.value, 'l').length).toBe(2);
    expect(read.duration(f.get('bad')!.value, '`bad`')).toBeUndefined();
    expect(problems.map((p) => p.message)).toEqual(['invalid duration in `bad`: unknown unit "x" in duration "5x"']);
  });
});
