import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LanguageService } from '../../src/language-service/index.js';
import { ALERTMANAGER, RULES, UNIT_TEST, serviceWith, slice } from './service-helpers.js';

const messages = (files: Record<string, string>, name: string) => {
  const { service } = serviceWith(files);
  const text = files[name]!;
  return service.diagnostics(`file:///ws/${name}`).map((d) => [d.source, d.message, slice(text, d.range)]);
};

describe('diagnostics', () => {
  it('has none for clean files, and ignores YAML that is none of the kinds', () => {
    expect(messages({ 'r.yml': RULES }, 'r.yml')).toEqual([]);
    expect(messages({ 'am.yml': ALERTMANAGER }, 'am.yml')).toEqual([]);
    expect(messages({ 'values.yml': 'global: {a: [1, 2' }, 'values.yml')).toEqual([]);
  });

  it('locates expression errors inside quoted and block scalars', () => {
    const quoted = RULES.replace('expr: up == 0', 'expr: "up{job=\\"a\\"} == == 0"');
    expect(messages({ 'r.yml': quoted }, 'r.yml')).toEqual([['parse', 'unexpected <op:==>, expected expression', '==']]);
    const block = RULES.replace('expr: up == 0', 'expr: |\n          up\n            == bool');
    const { service } = serviceWith({ 'r.yml': block });
    const [error] = service.diagnostics('file:///ws/r.yml');
    expect([error!.source, error!.message, error!.range.start]).toEqual(['parse', 'unexpected end of input, expected expression', block.indexOf('== bool') + 7]);
  });

  it('reports template errors, lints and schema problems with a suggestion', () => {
    const file = RULES.replace('summary: "{{ $labels.instance }} is down"', 'summary: "{{ $labels.instance is down"').replace('for: 3m', 'fro: 3m').replace('severity: warning', 'severity: urgent');
    const found = messages({ 'r.yml': file }, 'r.yml');
    expect(found).toEqual(expect.arrayContaining([
      ['rules', 'unknown field "fro" in a rule; did you mean "for"?', 'fro'],
      ['unknown-severity', expect.stringMatching(/^unknown severity "urgent"/), 'urgent'],
      ['template', 'annotation "summary": template: __alert_InstanceDown:1: function "is" not defined', 'is'],
    ]));
  });

  it('turns lints off by setting and by .klaxon.yml', () => {
    const file = RULES.replace('severity: warning', 'severity: urgent');
    const { service } = serviceWith({ 'r.yml': file });
    const sources = () => service.diagnostics('file:///ws/r.yml').map((d) => d.source);
    expect(sources()).toContain('unknown-severity');
    service.configure({ disabledLints: ['unknown-severity'] }, ['/ws']);
    expect(sources()).not.toContain('unknown-severity');
    service.configure({}, ['/ws']);
    service.setWorkspaceFile('file:///ws/.klaxon.yml', 'lints: {unknown-severity: error}\n');
    expect(service.diagnostics('file:///ws/r.yml').find((d) => d.source === 'unknown-severity')!.severity).toBe('error');
  });

  it('warns about a recording rule read before the rule that writes it', () => {
    const file = `groups:\n  - name: g\n    rules:\n      - alert: Early\n        expr: job:x:sum > 1\n        labels: {severity: info}\n        annotations: {summary: s, description: d}\n      - record: job:x:sum\n        expr: sum by (job) (x)\n`;
    expect(messages({ 'r.yml': file }, 'r.yml')).toEqual([['recording-order', expect.stringMatching(/^job:x:sum is recorded by a rule further down this group \(line 8\)/), 'job:x:sum']]);
  });

  it('warns about a recording rule of a later group, and not when an earlier rule records it too', () => {
    const reader = (name: string) => `      - alert: Reads${name}\n        expr: job:x:sum > 1\n        labels: {severity: info}\n        annotations: {summary: s, description: d}\n`;
    const recorder = '      - record: job:x:sum\n        expr: sum by (job) (x)\n';
    const laterGroup = `groups:\n  - name: a\n    rules:\n${reader('A')}  - name: b\n    rules:\n${recorder}`;
    expect(messages({ 'r.yml': laterGroup }, 'r.yml')).toEqual([
      ['recording-order', 'job:x:sum is recorded by group "b" further down this file (line 10): unit tests evaluate groups in file order, so this one reads the value of the previous evaluation', 'job:x:sum'],
    ]);
    const recordedBefore = `groups:\n  - name: a\n    rules:\n${recorder}  - name: b\n    rules:\n${reader('B')}${recorder}`;
    expect(messages({ 'r.yml': recordedBefore }, 'r.yml').filter(([source]) => source === 'recording-order')).toEqual([]);
    const ownValue = `groups:\n  - name: a\n    rules:\n      - record: job:x:sum\n        expr: job:x:sum + 1\n`;
    expect(messages({ 'r.yml': ownValue }, 'r.yml')).toEqual([]);
  });

  it('reports undefined receivers and time intervals in routes', () => {
    const config = ALERTMANAGER.replace('receiver: pager', 'receiver: pagr').replace('[nights]', '[weekends]');
    expect(messages({ 'am.yml': config }, 'am.yml')).toEqual([
      ['alertmanager', 'undefined receiver "pagr" used in route', 'pagr'],
      ['alertmanager', 'undefined time interval "weekends" used in route', 'weekends'],
    ]);
  });

  it('tells rule_files patterns that match nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-ls-'));
    try {
      const service = new LanguageService();
      const uri = pathToFileURL(join(dir, 't.yml')).href;
      service.setDocument(uri, 1, UNIT_TEST.replace('- rules.yml', '- missing/*.yml'));
      expect(service.diagnostics(uri).map((d) => [d.severity, d.message])).toEqual([['warning', expect.stringMatching(/^no file matches the rule_files pattern .*missing\/\*\.yml"$/)]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports problems of promqltest scripts on their lines', () => {
    const script = 'load 5m\n  up 1 2 3\n\neval instant at 5m sum(up\n  {} 3\n\nfrobnicate\n';
    const found = messages({ 'x.test': script }, 'x.test');
    expect(found).toEqual(expect.arrayContaining([['promqltest', 'invalid command "frobnicate"', 'frobnicate'], ['parse', expect.stringMatching(/unclosed left parenthesis/), expect.any(String)]]));
  });
});

describe('unit tests in the editor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-ls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'rules.yml'), RULES);

  it('offers to run a unit-test file, and shows a failed expectation on exp_alerts with the diff', () => {
    const service = new LanguageService();
    const uri = pathToFileURL(join(dir, 't.yml')).href;
    service.setDocument(uri, 1, UNIT_TEST);
    expect(service.codeLenses(uri).map((l) => [l.title, l.command, l.arguments])).toEqual([['Run tests', 'klaxon.runTests', [uri]]]);
    const run = service.runUnitTests(uri)!;
    expect(run.tests.map((t) => [t.name, t.status])).toEqual([['instance down', 'failed']]);
    const [failure] = service.diagnostics(uri).filter((d) => d.source === 'unittest-run');
    expect(slice(UNIT_TEST, failure!.range)).toBe('exp_alerts');
    expect(failure!.message).toContain('alertname: InstanceDown, time: 5m: 1 expected alert not firing, 1 firing alert not expected');
    expect(failure!.message).toContain('\n  - {alertname="InstanceDown", instance="a", job="api", severity="critical"} annotations');
    expect(failure!.message).toContain('\n  + {alertname="InstanceDown", instance="a", job="api", severity="warning"} annotations');
    expect(service.codeLenses(uri).map((l) => l.title)).toEqual(['Run tests again (0 passed, 1 failed)', '✗ failed: instance down']);
  });

  it('drops test results once the file changes, and shows them as passed when they pass', () => {
    const service = new LanguageService();
    const uri = pathToFileURL(join(dir, 't2.yml')).href;
    service.setDocument(uri, 1, UNIT_TEST);
    service.runUnitTests(uri);
    const fixed = UNIT_TEST.replace('severity: critical', 'severity: warning');
    service.setDocument(uri, 2, fixed);
    expect(service.diagnostics(uri)).toEqual([]);
    expect(service.runUnitTests(uri)!.tests[0]!.status).toBe('passed');
    expect(service.diagnostics(uri)).toEqual([]);
  });
});

describe('diagnostics of rule files, as klaxon check gives them', () => {
  it('has exactly the problems of klaxon check for the same file, besides its own cross-references', async () => {
    const { generateRuleFile } = await import('../../bench/check.mjs');
    const { checkFiles } = await import('../../src/check/check-files.js');
    const { DEFAULT_CHECK_CONFIG } = await import('../../src/check/check-config.js');
    const text = (generateRuleFile(300, 7) as string).replace('      - alert: Alert3\n', '      # klaxon-disable\n      - alert: Alert3\n');
    const { service } = serviceWith({ 'big.yml': text });
    const ours = service.diagnostics('file:///ws/big.yml').filter((d) => d.source !== 'recording-order');
    const [checked] = checkFiles([{ file: 'big.yml', text }], DEFAULT_CHECK_CONFIG, () => '');
    const key = (p: { source: string; message: string; severity: string; range: { start: number; end: number } }) => JSON.stringify([p.range.start, p.range.end, p.source, p.severity, p.message]);
    expect(ours.map(key).sort()).toEqual(checked!.problems.map(key).sort());
    expect(ours.length).toBeGreaterThan(100);
  });
});
