import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRuleFile } from '../../bench/check.mjs';
import { loadGroupAtATime } from '../../src/check/group-at-a-time.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import type { RuleGroup } from '../../src/rules/rule.js';
import { edited, groupsText } from '../yaml/yaml-texts.js';

/** Loads `text` a group at a time; when it can, the result must be loadRuleFile's. Returns whether it could. */
function expectSameAsWhole(text: string): boolean {
  const handed: RuleGroup[] = [];
  const byGroup = loadGroupAtATime(text, 'f.yml', {}, (group) => handed.push(group));
  if (!byGroup) return false;
  expect(byGroup, JSON.stringify(text)).toEqual(loadRuleFile(text, 'f.yml'));
  expect(handed).toEqual(byGroup.groups);
  return true;
}

const BROKEN = [
  'groups:',
  '  - name: a',
  '    interval: 5x',
  '    rules:',
  '      - alert: A',
  '        expr: sum(rate(x[5m])',
  '        labels: {severity: "{{ $labels.job "}',
  '      - record: a b',
  '        expr: |',
  '          up == 0',
  '',
  '        annotations: {x: y}',
  '  # between groups',
  '',
  '  - name: a',
  '    rules:',
  '      - alert: B',
  '        alert: C',
  '        expr: >-',
  '          rate(x[5m]) >',
  '          1',
  '  - name: ""',
  '  - []',
  '  - x',
  '  -',
  '    name: c',
  '    rules: {a: b}',
  '',
].join('\n');

describe('loadGroupAtATime', () => {
  it('loads a rule file as loadRuleFile does, problems and all', () => {
    expect(expectSameAsWhole(BROKEN)).toBe(true);
    expect(expectSameAsWhole(generateRuleFile(300, 5))).toBe(true);
  });

  it('declines files of other shapes, and parts the fast YAML reader declines', () => {
    for (const text of ['groups: []\n', 'groups:\n  - name: a\nother: 1\n', 'groups:#x\n  - name: a\n', 'groups:\n  - name: a\n\trules: []\n', 'groups:\n  - &a {name: a}\n']) {
      expect(loadGroupAtATime(text, 'f.yml', {}, () => {}), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('loads generated files as loadRuleFile does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(groupsText, edited(groupsText)), (text) => {
        if (expectSameAsWhole(text)) accepted++;
      }),
      { numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});
