import { describe, expect, it } from 'vitest';
import { rewriteScalar } from '../../src/language-service/features/yaml-scalar-text.js';
import { ALERTMANAGER, serviceWith } from './service-helpers.js';

const withExpr = (value: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${value}\n        labels: {severity: info}\n`;

function applied(text: string, edits: { range: { start: number; end: number }; newText: string }[]): string {
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
  return text;
}

describe('formatting', () => {
  const format = (value: string) => {
    const { service } = serviceWith({ 'r.yml': withExpr(value) });
    return applied(withExpr(value), service.format('file:///ws/r.yml'));
  };

  it('prints expressions canonically in each scalar style', () => {
    expect(format('sum(rate(x[300s]))by(job)')).toBe(withExpr('sum by (job) (rate(x[5m]))'));
    expect(format('"x{a=\\"b\\"}>1"')).toBe(withExpr('"x{a=\\"b\\"} > 1"'));
    expect(format("'x{a=\"b\"}>1'")).toBe(withExpr("'x{a=\"b\"} > 1'"));
    expect(format('|\n          sum(x)by(a)\n            >  1')).toBe(withExpr('|\n          sum by (a) (x) > 1'));
  });

  it('quotes a value that would not read back as plain YAML', () => {
    const text = 'expr: up\n';
    expect(rewriteScalar(text, { start: 6, end: 8 }, 'PLAIN', '{job="a"} == 1')).toEqual({ range: { start: 6, end: 8 }, newText: '"{job=\\"a\\"} == 1"' });
    expect(rewriteScalar(text, { start: 6, end: 8 }, 'PLAIN', 'a > 1')).toEqual({ range: { start: 6, end: 8 }, newText: 'a > 1' });
  });

  it('leaves expressions that do not parse, are canonical, or hold comments', () => {
    for (const value of ['sum(', 'up == 1', '|\n          up # why\n          == 1']) expect(format(value)).toBe(withExpr(value));
  });
});

describe('code actions', () => {
  it('takes the suggestion of a "did you mean" problem', () => {
    const text = withExpr('up').replace('labels:', 'lables:');
    const { service } = serviceWith({ 'r.yml': text });
    const diagnostics = service.diagnostics('file:///ws/r.yml').filter((d) => d.message.includes('did you mean'));
    const [fix] = service.codeActions('file:///ws/r.yml', diagnostics[0]!.range, diagnostics);
    expect(fix!.title).toBe('Change to "labels"');
    expect(applied(text, fix!.edit['file:///ws/r.yml']!)).toContain('        labels: {severity: info}');
  });

  it('replaces an undefined receiver or function with the closest defined one', () => {
    const config = ALERTMANAGER.replace('receiver: pager', 'receiver: pagr');
    const { service } = serviceWith({ 'am.yml': config });
    const diagnostics = service.diagnostics('file:///ws/am.yml');
    const fix = service.codeActions('file:///ws/am.yml', diagnostics[0]!.range, diagnostics)[0]!;
    expect(applied(config, fix.edit['file:///ws/am.yml']!)).toContain('receiver: pager');
    const rule = withExpr('rat(x[5m])');
    const inRule = serviceWith({ 'r.yml': rule });
    const unknown = inRule.service.diagnostics('file:///ws/r.yml').filter((d) => d.message.startsWith('unknown function'));
    expect(inRule.service.codeActions('file:///ws/r.yml', unknown[0]!.range, unknown)[0]!.title).toBe('Change to "rate"');
  });

  it('turns deprecated match and match_re into matchers', () => {
    const config = ALERTMANAGER.replace("    - matchers: ['severity = critical']\n", '    - match:\n        severity: critical\n      match_re:\n        team: "a|b"\n');
    const { service } = serviceWith({ 'am.yml': config });
    const deprecated = service.diagnostics('file:///ws/am.yml').filter((d) => d.tags?.includes('deprecated'));
    expect(deprecated.map((d) => d.message)).toEqual(['`match` is deprecated: use `matchers`', '`match_re` is deprecated: use `matchers`']);
    const fix = service.codeActions('file:///ws/am.yml', deprecated[0]!.range, [deprecated[0]!])[0]!;
    const fixed = applied(config, fix.edit['file:///ws/am.yml']!);
    expect(fixed).toContain("    - matchers:\n        - 'severity=\"critical\"'\n      match_re:");
    const again = serviceWith({ 'am.yml': fixed });
    expect(again.service.diagnostics('file:///ws/am.yml').filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers to format the expression at the cursor', () => {
    const text = withExpr('sum(x)by(a)');
    const { service } = serviceWith({ 'r.yml': text });
    const action = service.codeActions('file:///ws/r.yml', { start: text.indexOf('sum') + 1, end: text.indexOf('sum') + 1 }, []).find((a) => a.kind === 'refactor.rewrite')!;
    expect(applied(text, action.edit['file:///ws/r.yml']!)).toContain('expr: sum by (a) (x)');
  });
});
