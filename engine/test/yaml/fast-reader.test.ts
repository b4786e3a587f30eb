import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFast } from '../../src/yaml/fast-reader.js';
import { readWithYamlPackage } from '../../src/yaml/from-yaml-package.js';
import { editedYamlText, yamlText } from './yaml-texts.js';

/** When the fast reader accepts a text, the yaml package must read it without complaint and to the same tree. */
function expectSameAsYamlPackage(text: string): boolean {
  const fast = readFast(text);
  if (!fast) return false;
  const full = readWithYamlPackage(text, 'yaml.v3');
  expect(full.problems, `problems for ${JSON.stringify(text)}`).toEqual([]);
  expect(fast.root, `tree for ${JSON.stringify(text)}`).toEqual(full.root);
  return true;
}

describe('readFast', () => {
  it('reads a typical rule file like the yaml package', () => {
    const text = [
      '# rules',
      'groups:',
      '  - name: api',
      '    interval: 1m',
      '    rules:',
      '      - alert: HighErrorRate  # page someone',
      '        expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m]))',
      '          / sum by (job) (rate(http_requests_total[5m])) > 0.05',
      '        for: 10m',
      '        labels: {severity: page, team: "api"}',
      '        annotations:',
      "          summary: '{{ $labels.job }} fails: {{ $value | humanizePercentage }}'",
      '          description: |',
      '            More than 5% of requests fail.',
      '',
      '            See the runbook.',
      '          runbook: >-',
      '            https://example.com/runbooks/',
      '            errors',
      '      - record: job:up:sum',
      '        expr: "sum by (job) (up{a=\\"b\\"})"',
      '',
    ].join('\n');
    expect(expectSameAsYamlPackage(text)).toBe(true);
  });

  it('gives up on what it does not read: anchors, tags, tabs, document markers, syntax errors', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a:\n\tb: 1\n', '---\na: 1\n', 'a: [\n', 'a: "x\n', 'a: 1\n b: 2\n', '? a\n: b\n', 'a: b: c\n', 'a: "x": y\n', "a: 'x': y\n", '- a: b: c\n', 'a:\n  b: c #x: y\n  d: e: f\n']) {
      expect(readFast(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('reads generated YAML exactly as the yaml package does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        if (expectSameAsYamlPackage(text)) accepted++;
      }),
      { numRuns: 2000 },
    );
    // Most unedited texts are within what the fast reader handles.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('never disagrees with the yaml package on edited YAML', () => {
    fc.assert(
      fc.property(editedYamlText, (text) => {
        expectSameAsYamlPackage(text);
      }),
      { numRuns: 3000 },
    );
  });
});
