import { describe, expect, it } from 'vitest';
import { emptiedOutside, groupLineStarts, splitRuleFiles } from '../../src/check/rule-file-split.js';
import { readYamlTree } from '../../src/yaml/read-tree.js';

const FILE = [
  '# rules',
  'groups:  # all of them',
  '  - name: a',
  '    rules:',
  '      - alert: A',
  '        expr: |',
  '          up',
  '',
  '          # not a comment',
  '  # a comment',
  '  - name: b',
  '    rules: []',
  '  -',
  '    name: c',
  '',
].join('\n');

describe('groupLineStarts', () => {
  it('finds the line of every group', () => {
    const starts = groupLineStarts(FILE)!;
    expect(starts.map((s) => FILE.slice(s, FILE.indexOf('\n', s)))).toEqual(['  - name: a', '  - name: b', '  -']);
  });

  it('takes a list at the indentation of its key', () => {
    expect(groupLineStarts('groups:\n- name: a\n- name: b\n')).toEqual([8, 18]);
  });

  it('declines other shapes', () => {
    for (const text of [
      'groups: []\n',
      'other: 1\ngroups:\n  - name: a\n',
      'groups:\n  - name: a\nother: 1\n',
      'groups:\n  - name: a\n - name: b\n',
      'groups:\n    - name: a\n  - name: b\n',
      '"groups":\n  - name: a\n',
      'groups:\n  name: a\n',
      '',
    ]) {
      expect(groupLineStarts(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('emptiedOutside', () => {
  it('keeps the length and the groups inside, and reads as those groups alone', () => {
    const starts = groupLineStarts(FILE)!;
    const emptied = emptiedOutside(FILE, starts[0]!, starts[1]!, starts[2]!);
    expect(emptied.length).toBe(FILE.length);
    expect(emptied.slice(starts[1]!, starts[2]!)).toBe(FILE.slice(starts[1]!, starts[2]!));
    const tree = readYamlTree(emptied, 'yaml.v3');
    expect(tree.problems).toEqual([]);
    const groups = tree.root?.kind === 'map' ? tree.root.pairs[0]!.value : undefined;
    expect(groups?.kind === 'seq' && groups.items.map((g) => g.range.start)).toEqual([starts[1]! + 4]);
  });
});

describe('splitRuleFiles', () => {
  const file = (groups: number) => ({ file: `${groups}.yml`, text: `groups:\n${Array.from({ length: groups }, (_, i) => `  - name: g${i}\n    rules: []\n`).join('')}` });

  it('gives every rule to exactly one thread, the main thread every file', () => {
    const files = [file(10), file(3), file(40)];
    const shares = splitRuleFiles(files, { threads: 3, minBytesPerThread: 10, mainWeight: 0.8 });
    expect(shares.length).toBe(3);
    expect(shares[0]!.map((s) => s.index)).toEqual([0, 1, 2]);
    files.forEach((f, i) => {
      const owners = groupLineStarts(f.text)!.map((start) => shares.flatMap((share, t) => share.filter((s) => s.index === i && s.rules.from <= start && start < s.rules.to).map(() => t)));
      expect(owners.every((o) => o.length === 1)).toBe(true);
    });
    for (const share of shares.slice(1)) for (const s of share) expect(s.text.length).toBe(files[s.index]!.text.length);
  });

  it('leaves small inputs, and files with disable comments, to the main thread', () => {
    expect(splitRuleFiles([file(10)], { threads: 2, minBytesPerThread: 1e6, mainWeight: 1 })).toHaveLength(1);
    const disabled = { file: 'd.yml', text: `# klaxon-disable-file missing-annotation\n${file(50).text}` };
    expect(splitRuleFiles([disabled], { threads: 2, minBytesPerThread: 10, mainWeight: 1 })).toHaveLength(1);
  });

  it('gives one thread every file whole, with all its rules', () => {
    const files = [file(50), file(80)];
    expect(splitRuleFiles(files, { threads: 1, minBytesPerThread: 10, mainWeight: 1 })).toEqual([
      files.map((f, index) => ({ index, text: f.text, rules: { from: 0, to: Infinity } })),
    ]);
  });
});
