import { describe, expect, it } from 'vitest';
import { formatFileProblem } from '../../src/file-problem.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { LineIndex } from '../../src/text/line-index.js';

function errors(text: string): string[] {
  const index = new LineIndex(text);
  return loadRuleFile(text, 'rules.yml').problems.map((p) => formatFileProblem(p, index));
}

describe('loadRuleFile', () => {
  it('loads groups with alerting and recording rules', () => {
    const { groups, problems } = loadRuleFile(
      [
        'groups:',
        '  - name: g',
        '    interval: 30s',
        '    rules:',
        '      - record: job:x:sum',
        '        expr: sum by (job) (x)',
        '      - alert: Down',
        '        expr: up == 0',
        '        for: 5m',
        '        keep_firing_for: 1m',
        '        labels: {severity: page}',
        '        annotations: {summary: "down"}',
      ].join('\n'),
      'rules.yml',
    );
    expect(problems).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.intervalMs).toBe(30_000);
    const [record, alert] = groups[0]!.rules;
    expect(record).toMatchObject({ kind: 'record', name: 'job:x:sum', exprText: 'sum by (job) (x)' });
    expect(alert).toMatchObject({ kind: 'alert', name: 'Down', forMs: 300_000, keepFiringForMs: 60_000, labels: { severity: 'page' }, annotations: { summary: 'down' } });
    expect(alert!.expr?.kind).toBe('BinaryExpr');
  });

  it('places expression errors at their character in plain, quoted and block scalars', () => {
    const plain = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m]) > bool\n';
    expect(errors(plain)[0]).toMatch(/^rules\.yml:5:33: error: /);
    const quoted = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: "x{a=\\"b\\"} +"\n';
    expect(errors(quoted)[0]).toMatch(/^rules\.yml:5:28: error: unexpected end of input/);
    const block = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          sum(x)\n            / rate(y)\n';
    expect(errors(block)[0]).toMatch(/^rules\.yml:7:20: error: .*rate/);
  });

  it('reports structural mistakes with positions', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - alert: A',
      '        record: b',
      '        expr: up',
      '      - record: r',
      '        expr: up',
      '        for: 5m',
      '      - alert: B',
      '        expr: up',
      '        for: five',
      '        sevrity: x',
      '  - name: g',
      '    rules: []',
    ].join('\n');
    expect(errors(text)).toEqual([
      'rules.yml:4:9: error: exactly one of "alert" and "record" must be set',
      "rules.yml:9:9: error: invalid field 'for' in recording rule",
      'rules.yml:13:9: error: unknown field "sevrity" in rule',
      expect.stringMatching(/^rules\.yml:12:14: error: invalid duration in "for": /),
      'rules.yml:14:5: error: groupname: "g" is repeated in the same file',
    ]);
  });

  it('reports YAML syntax errors with positions and never throws', () => {
    expect(errors('groups:\n  - name: [\n')[0]).toMatch(/^rules\.yml:\d+:\d+: error: /);
    for (const text of ['', ':', 'groups: 3', '- a', 'groups:\n  - 1\n', '\u0000\uffff', 'groups:\n  - name: g\n    rules:\n      - 5\n']) {
      expect(() => loadRuleFile(text, 'f.yml')).not.toThrow();
    }
  });
});
