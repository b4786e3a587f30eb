import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import { positionOf } from './lsp-client.js';
import { textIn } from './lsp-results.js';
import { ALERTMANAGER, RULES, UNIT_TEST, workspaceSession } from './fixtures/workspace.js';

describe('diagnostics over the protocol', () => {
  const session = workspaceSession();
  it('reports nothing for a clean rule file', async () => {
    expect(await session.client.open(session.client.uri('clean.yml'), RULES)).toEqual([]);
  });

  it('points at the exact character of an expression error, in a quoted scalar too', async () => {
    const text = RULES.replace('expr: up == 0', 'expr: "up{job=\\"a\\"} == == 0"');
    const [error] = await session.client.open(session.client.uri('quoted.yml'), text);
    const at = text.indexOf('== == 0') + 3;
    expect(error!.severity).toBe(DiagnosticSeverity.Error);
    expect(error!.range).toEqual({ start: positionOf(text, at), end: positionOf(text, at + 2) });
    expect(error!.source).toBe('klaxon(parse)');
  });

  /** Each diagnostic as [source, message, the text it covers]. */
  const found = async (name: string, text: string, languageId = 'yaml') =>
    (await session.client.open(session.client.uri(name), text, languageId)).map((d) => [d.source, d.message, textIn(text, d.range)]);

  it('reports YAML syntax errors where they are', async () => {
    const text = RULES.replace('        for: 3m', '       for: 3m');
    const diagnostics = await session.client.open(session.client.uri('syntax.yml'), text);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.every((d) => d.source === 'klaxon(yaml)' && d.severity === DiagnosticSeverity.Error)).toBe(true);
    expect(diagnostics[0]!.range.start).toEqual(positionOf(text, text.indexOf('       for: 3m')));
  });

  it('reports unknown keys with a did-you-mean, wrong types and missing fields, in every kind of file', async () => {
    expect(await found('schema.yml', RULES.replace('for: 3m', 'fro: 3m').replace('for: 5m', 'for: [5m]').replace('        expr: job:http_requests:rate5m{job="api"} > 10\n', ''))).toEqual([
      ['klaxon(rules)', "field 'expr' must be set in rule", 'alert'],
      ['klaxon(rules)', '`for` must be a duration such as 5m, not a list', '[5m]'],
      ['klaxon(rules)', 'unknown field "fro" in a rule; did you mean "for"?', 'fro'],
    ]);
    expect(await found('schema-am.yml', ALERTMANAGER.replace('group_by', 'group_bi').replace('receiver: pager', 'receiver: [pager]'))).toEqual([
      ['klaxon(alertmanager)', 'unknown field "group_bi" in a route; did you mean "group_by"?', 'group_bi'],
      ['klaxon(alertmanager)', '`receiver` must be a string, not a list', '[pager]'],
    ]);
    expect(await found('schema.test.yml', UNIT_TEST.replace('eval_time: 5m', 'eval_tme: 5m'))).toEqual([
      ['klaxon(unittest)', 'unknown field "eval_tme" in an alert_rule_test item; did you mean "eval_time"?', 'eval_tme'],
    ]);
  });

  it('points at the exact characters of expression errors in single-quoted and block scalars', async () => {
    expect(await found('single.yml', RULES.replace('expr: up == 0', "expr: 'up{job=''a''} == == 0'"))).toEqual([['klaxon(parse)', 'unexpected <op:==>, expected expression', '==']]);
    const literal = RULES.replace('expr: up == 0', 'expr: |\n          sum(up)\n            by (job) ==');
    const [error] = await session.client.open(session.client.uri('literal.yml'), literal);
    expect([error!.source, error!.message, error!.range.start]).toEqual(['klaxon(parse)', 'unexpected end of input, expected expression', positionOf(literal, literal.indexOf('by (job) ==') + 11)]);
    expect(await found('folded.yml', RULES.replace('expr: up == 0', 'expr: >-\n          rate(up)\n          > 0'))).toEqual([
      ['klaxon(type)', 'expected type range vector in call to function "rate", got instant vector', 'up'],
    ]);
  });

  it('reports type errors and template errors at their place', async () => {
    expect(await found('types.yml', RULES.replace('expr: up == 0', 'expr: sum(up) + on(job) rate(up[5m]) and 1'))).toEqual([
      ['klaxon(type)', 'set operator "and" not allowed in binary scalar expression', 'sum(up) + on(job) rate(up[5m]) and 1'],
    ]);
    expect(await found('template.yml', RULES.replace('summary: "{{ $labels.instance }} is down"', 'summary: "{{ $labels.instance | nosuch }} is down"'))).toEqual([
      ['klaxon(template)', 'annotation "summary": template: __alert_InstanceDown:1: function "nosuch" not defined', 'nosuch'],
    ]);
  });

  it('reports undefined time intervals of routes', async () => {
    expect(await found('intervals.yml', ALERTMANAGER.replace('[nights]', '[weekends]'))).toEqual([['klaxon(alertmanager)', 'undefined time interval "weekends" used in route', 'weekends']]);
  });

  it('warns about a recording rule read before it is written, in its group or a later one', async () => {
    const reader = '      - alert: Early\n        expr: job:x:sum > 1\n        labels: {severity: info}\n        annotations: {summary: s, description: d}\n';
    const recorder = '      - record: job:x:sum\n        expr: sum by (job) (x)\n';
    expect(await found('order.yml', `groups:\n  - name: a\n    rules:\n${reader}${recorder}`)).toEqual([
      ['klaxon(recording-order)', 'job:x:sum is recorded by a rule further down this group (line 8): rules run in order, so this one reads the value of the previous evaluation', 'job:x:sum'],
    ]);
    const laterGroup = await session.client.open(session.client.uri('order-groups.yml'), `groups:\n  - name: a\n    rules:\n${reader}  - name: b\n    rules:\n${recorder}`);
    expect(laterGroup.map((d) => [d.severity, d.message])).toEqual([[DiagnosticSeverity.Warning, expect.stringMatching(/^job:x:sum is recorded by group "b" further down this file \(line 10\)/)]]);
  });

  it('reports problems of promqltest scripts on their lines', async () => {
    const script = 'load 5m\n  up 1 2 3\n\neval instant at 5m sum(up\n  {} 3\n\nfrobnicate\n';
    expect(await found('script.test', script, 'promqltest')).toEqual([
      ['klaxon(parse)', 'unclosed left parenthesis', expect.any(String)],
      ['klaxon(promqltest)', 'invalid command "frobnicate"', 'frobnicate'],
    ]);
  });

  it('follows edits, and publishes for the latest version', async () => {
    const uri = session.client.uri('edited.yml');
    await session.client.open(uri, RULES);
    const at = positionOf(RULES, RULES.indexOf('up == 0') + 2);
    const v2 = await session.client.edit(uri, { start: at, end: at }, ' +');
    const v3 = await session.client.edit(uri, { start: at, end: { ...at, character: at.character + 2 } }, '');
    const published = await session.client.nextDiagnostics(uri, v3);
    expect(published.diagnostics).toEqual([]);
    expect(v2).toBe(v3 - 1);
    // The debounce folds the two edits into one publication for version 3.
    expect(session.client.publishedFor(uri).map((p) => p.version)).not.toContain(v2);
  });

  it('reports Alertmanager references, deprecated keys with their tag, and nothing for other YAML', async () => {
    const config = ALERTMANAGER.replace('receiver: pager', 'receiver: pagr').replace("- matchers: ['severity = critical']", '- match: {severity: critical}');
    const diagnostics = await session.client.open(session.client.uri('am-broken.yml'), config);
    expect(diagnostics.map((d) => [d.message, d.tags ?? []])).toEqual([
      ['`match` is deprecated: use `matchers`', [DiagnosticTag.Deprecated]],
      ['undefined receiver "pagr" used in route', []],
    ]);
    await session.client.close(session.client.uri('am-broken.yml'));
    const other = session.client.uri('values.yml');
    await session.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'global: {a: [' } });
    await session.client.open(session.client.uri('after-values.yml'), RULES);
    expect(session.client.publishedFor(other)).toEqual([]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = session.client.uri('closing.yml');
    expect(await session.client.open(uri, RULES.replace('up == 0', 'up ==='))).not.toEqual([]);
    const cleared = session.client.nextDiagnostics(uri);
    await session.client.close(uri);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('turns lints off from the settings', async () => {
    const uri = session.client.uri('lints.yml');
    const text = RULES.replace('severity: warning', 'severity: urgent');
    expect((await session.client.open(uri, text)).map((d) => d.source)).toContain('klaxon(unknown-severity)');
    const next = session.client.nextDiagnostics(uri);
    await session.client.changeSettings({ lint: { disabled: ['unknown-severity'] } });
    expect((await next).diagnostics.map((d) => d.source)).not.toContain('klaxon(unknown-severity)');
    await session.client.changeSettings({});
  });

  it('reads changed workspace files, such as .klaxon.yml', async () => {
    const uri = session.client.uri('config-lints.yml');
    const text = RULES.replace('severity: warning', 'severity: urgent');
    expect((await session.client.open(uri, text)).find((d) => d.source === 'klaxon(unknown-severity)')!.severity).toBe(DiagnosticSeverity.Warning);
    const path = join(session.folder, '.klaxon.yml');
    writeFileSync(path, 'lints: {unknown-severity: error}\n');
    const next = session.client.nextDiagnostics(uri);
    await session.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Created }] });
    expect((await next).diagnostics.find((d) => d.source === 'klaxon(unknown-severity)')!.severity).toBe(DiagnosticSeverity.Error);
  });

  it('reads a file as the kind a settings glob pins, whatever its content', async () => {
    const uri = session.client.uri('pinned/team.yml');
    // Not a rule file by its keys: no diagnostics until the glob pins it.
    await session.client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'grups: []\n' } });
    const next = session.client.nextDiagnostics(uri);
    await session.client.changeSettings({ files: { ruleFiles: ['pinned/*.yml'] } });
    expect((await next).diagnostics.map((d) => d.message)).toEqual(['unknown field "grups" in a rule file; did you mean "groups"?']);
    await session.client.changeSettings({});
  });

  it('tells unit-test files whose rule_files match nothing', async () => {
    const diagnostics = await session.client.open(session.client.uri('lonely.test.yml'), UNIT_TEST.replace('- rules.yml', '- nowhere.yml'));
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([[DiagnosticSeverity.Warning, expect.stringMatching(/no file matches the rule_files pattern/)]]);
  });
});
