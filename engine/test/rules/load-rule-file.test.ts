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
      "rules.yml:5:9: error: only one of 'record' and 'alert' must be set",
      "rules.yml:9:9: error: invalid field 'for' in recording rule",
      'rules.yml:12:14: error: invalid duration in `for`: not a valid duration string: "five"',
      'rules.yml:13:9: error: unknown field "sevrity" in a rule; expected one of record, alert, expr, for, keep_firing_for, labels, annotations',
      'rules.yml:14:11: error: groupname: "g" is repeated in the same file',
    ]);
  });

  it('reports YAML syntax errors with positions and never throws', () => {
    expect(errors('groups:\n  - name: [\n')[0]).toMatch(/^rules\.yml:\d+:\d+: error: /);
    for (const text of ['', ':', 'groups: 3', '- a', 'groups:\n  - 1\n', '\u0000\uffff', 'groups:\n  - name: g\n    rules:\n      - 5\n']) {
      expect(() => loadRuleFile(text, 'f.yml')).not.toThrow();
    }
  });
});

describe('loadRuleFile: rulefmt validation', () => {
  const file = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;

  it('reads every group field: interval, query_offset, limit and labels', () => {
    const { groups, problems } = loadRuleFile('groups:\n  - name: g\n    interval: 30s\n    query_offset: 1m\n    limit: 0x10\n    labels: {team: a}\n    rules: []\n', 'r.yml');
    expect(problems).toEqual([]);
    expect(groups[0]).toMatchObject({ intervalMs: 30_000, queryOffsetMs: 60_000, limit: 16, labels: { team: 'a' } });
  });

  it('reads scalars as Go does: numbers and booleans as written, null as empty', () => {
    const { groups, problems } = loadRuleFile(file('      - alert: 1.50\n        expr: up\n        labels: {a: 0x10, b: true, c: ~, d: 1e3}\n'), 'r.yml');
    expect(problems).toEqual([]);
    expect(groups[0]!.rules[0]).toMatchObject({ name: '1.50', labels: { a: '0x10', b: 'true', c: '', d: '1e3' } });
  });

  it('checks names with the UTF-8 scheme by default and the legacy one on request', () => {
    const text = file('      - record: ä:b\n        expr: up\n        labels: {"a.b": x}\n');
    expect(errors(text)).toEqual([]);
    const legacy = loadRuleFile(text, 'rules.yml', { nameValidation: 'legacy' }).problems.map((p) => p.message);
    expect(legacy).toEqual(['invalid recording rule name: ä:b', 'invalid label name: a.b']);
  });

  it('rejects braces in recording rule names and __name__ as a label', () => {
    expect(errors(file('      - record: a{b}\n        expr: up\n        labels: {__name__: x}\n'))).toEqual([
      'rules.yml:4:17: error: braces present in the recording rule name; should it be in expr?: a{b}',
      'rules.yml:6:18: error: invalid label name: __name__',
    ]);
  });

  it('allows for: 0 and empty annotations on recording rules, not their non-zero forms', () => {
    expect(errors(file('      - record: r\n        expr: up\n        for: 0s\n        annotations: {}\n'))).toEqual([]);
    expect(errors(file('      - record: r\n        expr: up\n        keep_firing_for: 1m\n        annotations: {a: b}\n'))).toEqual([
      "rules.yml:6:9: error: invalid field 'keep_firing_for' in recording rule",
      "rules.yml:7:9: error: invalid field 'annotations' in recording rule",
    ]);
  });

  it('reports wrong types where they are, as yaml.v3 decoding would reject them', () => {
    expect(errors('groups:\n  - name: [a]\n    limit: "5"\n    rules: {}\n')).toEqual([
      'rules.yml:2:11: error: the group name must be a string, not a list',
      'rules.yml:3:12: error: `limit` must be an integer, not "5"',
      'rules.yml:4:12: error: `rules` must be a list, not a mapping',
    ]);
  });

  it('leaves out labels and annotations whose values are not strings, reporting only that', () => {
    const text = file('      - alert: A\n        expr: up\n        labels: {severity: [a], team: x}\n        annotations: {summary: {b: c}, d: e}\n');
    const { groups, problems } = loadRuleFile(text, 'rules.yml');
    expect(problems.map((p) => p.message)).toEqual([
      'the value of "severity" in the rule labels must be a string, not a list',
      'the value of "summary" in the annotations must be a string, not a mapping',
    ]);
    const rule = groups[0]!.rules[0]!;
    expect(rule.labels).toEqual({ team: 'x' });
    expect(rule.kind === 'alert' && rule.annotations).toEqual({ d: 'e' });
    expect(Object.keys(rule.positions!.labels)).toEqual(['team']);
    expect(Object.keys(rule.positions!.annotations)).toEqual(['d']);
  });

  it('reports a missing expr at the first key of the rule, as a missing alert or record', () => {
    expect(errors(file('      - alert: A\n        for: 5m\n      - labels: {a: b}\n'))).toEqual([
      "rules.yml:4:9: error: field 'expr' must be set in rule",
      "rules.yml:6:9: error: one of 'record' or 'alert' must be set",
      "rules.yml:6:9: error: field 'expr' must be set in rule",
    ]);
    const text = file('      - record: r\n');
    const [missing] = loadRuleFile(text, 'rules.yml').problems;
    expect(text.slice(missing!.range.start, missing!.range.end)).toBe('record');
  });

  it('suggests the field a misspelt key was meant to be', () => {
    expect(errors(file('      - alert: A\n        expr: up\n        annotation: {a: b}\n'))).toEqual([
      'rules.yml:6:9: error: unknown field "annotation" in a rule; did you mean "annotations"?',
    ]);
  });

  it('skips null list items and empty documents, as Prometheus does', () => {
    expect(loadRuleFile('', 'r.yml')).toMatchObject({ groups: [], problems: [] });
    expect(loadRuleFile('# only a comment\n', 'r.yml')).toMatchObject({ groups: [], problems: [] });
    expect(loadRuleFile('groups:\n  -\n  - name: g\n    rules:\n      -\n', 'r.yml')).toMatchObject({ groups: [{ name: 'g', rules: [] }], problems: [] });
  });

  it('reads only the first document and warns about the others', () => {
    expect(errors('groups: []\n---\nfoo: [\n')).toEqual(['rules.yml:2:1: warning: only the first YAML document is read; Prometheus ignores the documents after it']);
  });

  it('follows aliases and merge keys', () => {
    const { groups, problems } = loadRuleFile('groups:\n  - name: g\n    rules:\n      - &base\n        alert: A\n        expr: up == 0\n        labels: {severity: page}\n      - <<: *base\n        alert: B\n', 'r.yml');
    expect(problems).toEqual([]);
    expect(groups[0]!.rules.map((r) => [r.name, r.exprText, r.labels])).toEqual([
      ['A', 'up == 0', { severity: 'page' }],
      ['B', 'up == 0', { severity: 'page' }],
    ]);
  });

  it('reports duplicate keys at the second one', () => {
    expect(errors(file('      - alert: A\n        expr: up\n        expr: down\n'))).toEqual(['rules.yml:6:9: error: key "expr" is already defined at line 5']);
  });

  it('places template errors inside label and annotation scalars of every style', () => {
    const plain = file("      - alert: A\n        expr: up\n        annotations:\n          s: x {{ $labels.a \n");
    expect(errors(plain)).toEqual(['rules.yml:7:16: error: annotation "s": template: __alert_A:1: unclosed action']);
    const folded = file('      - alert: A\n        expr: up\n        labels:\n          s: >\n            text\n            {{ nosuchfn }}\n');
    expect(errors(folded)).toEqual(['rules.yml:9:16: error: label "s": template: __alert_A:1: function "nosuchfn" not defined']);
  });

  it('records where each part of a rule is', () => {
    const text = file("      - alert: A\n        expr: 'up == 0'\n        for: 5m\n        labels: {severity: page}\n        annotations:\n          summary: |\n            down\n");
    const rule = loadRuleFile(text, 'r.yml').groups[0]!.rules[0]!;
    const at = (r: { start: number; end: number }) => text.slice(r.start, r.end);
    expect(at(rule.positions!.name)).toBe('A');
    expect(at(rule.positions!.expr!.range)).toBe("'up == 0'");
    expect(at(rule.positions!.for!)).toBe('5m');
    expect(at(rule.positions!.labels.severity!.value.range)).toBe('page');
    expect(at(rule.positions!.annotations.summary!.key)).toBe('summary');
  });

  it('reads the same tree through the fast reader and the full YAML parser', () => {
    const text = file('      - alert: A\n        expr: up == 0\n        labels: {severity: page}\n');
    const withTab = text.replace('labels', 'labels').replace('up == 0', 'up ==\t0');
    const fast = loadRuleFile(text, 'r.yml').groups[0]!.rules[0]!;
    const full = loadRuleFile(withTab, 'r.yml').groups[0]!.rules[0]!;
    expect(full.exprText).toBe('up ==\t0');
    expect({ ...full, exprText: '', expr: undefined }).toEqual({ ...fast, exprText: '', expr: undefined });
  });
});
