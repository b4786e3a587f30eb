import { describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type Location,
  type Position,
  type SemanticTokens,
  type SignatureHelp,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_TYPES } from '@klaxon/engine';
import { TestClient, positionOf, type OpenedDocument } from './lsp-client.js';
import { applyEdits, decodeTokens } from './lsp-results.js';
import { ALERTMANAGER, RULES, TEMPLATES, UNIT_TEST, workspaceSession } from './fixtures/workspace.js';

/** A route with a template-using receiver, for template names in configs. */
const CONFIG_WITH_TEMPLATE = ALERTMANAGER.replace(
  '      - url: http://127.0.0.1:9999/chat\n',
  "      - url: http://127.0.0.1:9999/chat\n    slack_configs:\n      - api_url: http://x\n        channel: '#a'\n        title: '{{ template \"chat.title\" . }}'\n",
);

describe('language features over the protocol', () => {
  const session = workspaceSession({ codeLensRefresh: true });
  let opened = 0;
  const open = (marked: string, name = `doc${++opened}.yml`, languageId = 'yaml') => session.client.openMarked(name, marked, languageId);
  const at = (doc: OpenedDocument, position: Position = doc.position) => ({ textDocument: doc.textDocument, position });
  const rangeOf = (text: string, start: number, length: number) => ({ start: positionOf(text, start), end: positionOf(text, start + length) });

  it('announces every feature', async () => {
    const fresh = new TestClient();
    const result = await fresh.connection.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities: {} });
    fresh.dispose();
    const c = result.capabilities;
    expect(c.completionProvider?.triggerCharacters).toContain('{');
    expect([c.hoverProvider, c.definitionProvider, c.referencesProvider, c.documentSymbolProvider, c.documentFormattingProvider, c.documentRangeFormattingProvider]).toEqual([true, true, true, true, true, true]);
    expect(c.renameProvider).toEqual({ prepareProvider: true });
    expect(c.signatureHelpProvider?.triggerCharacters).toEqual(['(', ',']);
    expect(c.codeLensProvider).toBeDefined();
    expect(c.executeCommandProvider?.commands).toEqual(['klaxon.runTests']);
    expect(c.semanticTokensProvider?.legend.tokenTypes).toEqual([...SEMANTIC_TOKEN_TYPES]);
  });

  describe('hover', () => {
    it('shows a function\'s signature and documentation', async () => {
      const doc = await open(RULES.replace('expr: up == 0', 'expr: abs<|>ent(up)'));
      const hover = await session.client.request<Hover>(HoverRequest.method, at(doc));
      expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('absent(instant vector) → instant vector') });
      expect(hover.range).toEqual(rangeOf(doc.text, doc.text.indexOf('absent'), 6));
    });

    it('says what a duration means, in an expression and as a YAML value', async () => {
      const doc = await open(RULES.replace('expr: up == 0', 'expr: rate(up[9<|>0m]) > 0'));
      expect((await session.client.request<Hover>(HoverRequest.method, at(doc))).contents).toEqual({ kind: 'markdown', value: '`90m`: 1 hour 30 minutes (5400 seconds)' });
      const forValue = positionOf(doc.text, doc.text.indexOf('for: 3m') + 5);
      expect((await session.client.request<Hover>(HoverRequest.method, at(doc, forValue))).contents).toEqual({ kind: 'markdown', value: '`3m`: 3 minutes (180 seconds)' });
    });

    it('shows the alerting rule a unit-test expectation refers to', async () => {
      const doc = await open(UNIT_TEST.replace('alertname: InstanceDown', 'alertname: Instance<|>Down'), 'hover.test.yml');
      const hover = await session.client.request<Hover>(HoverRequest.method, at(doc));
      expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('alerting rule `InstanceDown` (group `api`)\n\n```promql\nup == 0\n```') });
    });
  });

  it('helps with the signature of the call at the cursor', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: round(up, <|>'));
    const help = await session.client.request<SignatureHelp>(SignatureHelpRequest.method, at(doc));
    expect(help.signatures[0]!.label).toBe('round(instant vector[, scalar]) → instant vector');
    expect(help.signatures[0]!.documentation).toEqual(expect.stringContaining('nearest'));
    expect(help.activeParameter).toBe(1);
  });

  describe('semantic tokens', () => {
    const tokensOf = async (text: string) => decodeTokens(text, await session.client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: (await open(text)).textDocument }));
    const withExpr = (value: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${value}\n`;

    it('colour expressions and templates in plain scalars, for the whole document or a range', async () => {
      const doc = await open(RULES);
      const decoded = decodeTokens(doc.text, await session.client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: doc.textDocument }));
      expect(decoded.slice(0, 8)).toEqual([['sum', 'keyword'], ['by', 'keyword'], ['job', 'property'], ['rate', 'function'], ['http_requests_total', 'variable'], ['code', 'property'], ['=', 'operator'], ['"500"', 'string']]);
      expect(decoded).toContainEqual(['$labels', 'variable']);
      const last = doc.text.indexOf('- alert: InstanceDown');
      const ranged = await session.client.request<SemanticTokens>(SemanticTokensRangeRequest.method, { textDocument: doc.textDocument, range: { start: positionOf(doc.text, last), end: positionOf(doc.text, doc.text.length) } });
      expect(decodeTokens(doc.text, ranged)[0]).toEqual(['up', 'variable']);
    });

    it('map through the escapes of quoted scalars', async () => {
      expect(await tokensOf(withExpr('"up{job=\\"a\\"} > 1"'))).toEqual([['up', 'variable'], ['job', 'property'], ['=', 'operator'], ['\\"a\\"', 'string'], ['>', 'operator'], ['1', 'number']]);
      expect(await tokensOf(withExpr("'x{a=''b''}'"))).toEqual([['x', 'variable'], ['a', 'property'], ['=', 'operator'], ["''b''", 'string']]);
    });

    it('follow block scalars line by line', async () => {
      expect(await tokensOf(withExpr('|\n          rate(x[5m])\n            > 1'))).toEqual([['rate', 'function'], ['x', 'variable'], ['5m', 'number'], ['>', 'operator'], ['1', 'number']]);
      expect(await tokensOf(withExpr('>-\n          abs(y)\n          # note'))).toEqual([['abs', 'function'], ['y', 'variable'], ['# note', 'comment']]);
    });

    it('colour templates in quoted and block annotations', async () => {
      const text = withExpr('up') + '        annotations:\n          summary: \'{{ $value }}\'\n          description: |\n            {{ .Labels.job }}\n';
      expect(await tokensOf(text)).toEqual([['up', 'variable'], ['{{', 'macro'], ['$value', 'variable'], ['}}', 'macro'], ['{{', 'macro'], ['.Labels', 'property'], ['.job', 'property'], ['}}', 'macro']]);
    });
  });

  describe('definition, references and rename', () => {
    it('go from a route to its receiver and find the routes that use one', async () => {
      const doc = await open(ALERTMANAGER.replace('receiver: pager', 'receiver: pa<|>ger'));
      const definition = await session.client.request<Location[]>(DefinitionRequest.method, at(doc));
      expect(definition).toEqual([{ uri: doc.uri, range: rangeOf(doc.text, doc.text.indexOf('- name: pager') + 8, 5) }]);
      const chat = positionOf(doc.text, doc.text.indexOf('- name: chat') + 9);
      const references = await session.client.request<Location[]>(ReferencesRequest.method, { ...at(doc, chat), context: { includeDeclaration: false } });
      expect(references).toEqual([{ uri: doc.uri, range: rangeOf(doc.text, doc.text.indexOf('receiver: chat') + 10, 4) }]);
    });

    it('rename a receiver in the config, and refuse a name that cannot be written', async () => {
      const doc = await open(ALERTMANAGER.replace('receiver: pager', 'receiver: pag<|>er'));
      expect(await session.client.request(PrepareRenameRequest.method, at(doc))).toEqual({
        range: { start: { ...doc.position, character: doc.position.character - 3 }, end: { ...doc.position, character: doc.position.character + 2 } },
        placeholder: 'pager',
      });
      const edit = await session.client.request<WorkspaceEdit>(RenameRequest.method, { ...at(doc), newName: 'oncall' });
      const renamed = applyEdits(doc.text, edit.changes![doc.uri]!);
      expect(renamed).toContain('receiver: oncall');
      expect(renamed).toContain('- name: oncall');
      await expect(session.client.request(RenameRequest.method, { ...at(doc), newName: 'on call' })).rejects.toThrow(/not a valid name/);
    });

    it('rename a time interval in its definition and every route', async () => {
      const doc = await open(ALERTMANAGER.replace('mute_time_intervals: [nights]', 'mute_time_intervals: [nig<|>hts]'));
      const edit = await session.client.request<WorkspaceEdit>(RenameRequest.method, { ...at(doc), newName: 'night-shift' });
      expect(edit.changes![doc.uri]).toHaveLength(2);
      const renamed = applyEdits(doc.text, edit.changes![doc.uri]!);
      expect([renamed.includes('mute_time_intervals: [night-shift]'), renamed.includes('- name: night-shift')]).toEqual([true, true]);
    });

    it('go to the recording rule an expression reads, in another file, and find its readers', async () => {
      const doc = await open(UNIT_TEST.replace('    alert_rule_test:', '    promql_expr_test:\n      - expr: job:http_requests:rate<|>5m\n        eval_time: 1m\n    alert_rule_test:'), 'reads.test.yml');
      // Other documents opened by these tests define it too; the workspace's rules.yml is one of them.
      const locations = await session.client.request<Location[]>(DefinitionRequest.method, at(doc));
      expect(locations).toContainEqual({ uri: session.client.uri('rules.yml'), range: rangeOf(RULES, RULES.indexOf('job:http'), 24) });
      const references = await session.client.request<Location[]>(ReferencesRequest.method, { ...at(doc), context: { includeDeclaration: false } });
      const inFiles = (name: string) => references.filter((r) => r.uri === session.client.uri(name)).length;
      expect([inFiles('reads.test.yml'), inFiles('rules.yml')]).toEqual([1, 1]);
      const edit = await session.client.request<WorkspaceEdit>(RenameRequest.method, { ...at(doc), newName: 'job:requests:rate5m' });
      expect(applyEdits(RULES, edit.changes![session.client.uri('rules.yml')]!)).toBe(RULES.replaceAll('job:http_requests:rate5m', 'job:requests:rate5m'));
      expect(applyEdits(doc.text, edit.changes![doc.uri]!)).toContain('- expr: job:requests:rate5m\n');
    });

    it('find template definitions and uses across template files and configs, and rename them', async () => {
      const doc = await open(CONFIG_WITH_TEMPLATE.replace('"chat.title"', '"chat.ti<|>tle"'));
      const tmpl = session.client.uri('templates/chat.tmpl');
      expect(await session.client.request<Location[]>(DefinitionRequest.method, at(doc))).toEqual([{ uri: tmpl, range: rangeOf(TEMPLATES, TEMPLATES.indexOf('chat.title'), 10) }]);
      const references = await session.client.request<Location[]>(ReferencesRequest.method, { ...at(doc), context: { includeDeclaration: true } });
      expect(references.map((r) => r.uri === tmpl)).toEqual([true, true, false]);
      // The template file is not open: the edit reaches it on disk.
      const edit = await session.client.request<WorkspaceEdit>(RenameRequest.method, { ...at(doc), newName: 'chat.heading' });
      expect(applyEdits(TEMPLATES, edit.changes![tmpl]!)).toBe(TEMPLATES.replaceAll('"chat.title"', '"chat.heading"'));
      expect(applyEdits(doc.text, edit.changes![doc.uri]!)).toContain('{{ template "chat.heading" . }}');
    });
  });

  describe('outline', () => {
    it('lists groups with their rules', async () => {
      const doc = await open(RULES);
      const [group] = await session.client.request<DocumentSymbol[]>(DocumentSymbolRequest.method, { textDocument: doc.textDocument });
      expect([group!.name, group!.kind, group!.detail]).toEqual(['api', SymbolKind.Namespace, 'group']);
      expect(group!.children!.map((r) => [r.name, r.kind, r.detail])).toEqual([
        ['job:http_requests:rate5m', SymbolKind.Function, 'record'],
        ['HighErrorRate', SymbolKind.Event, 'alert'],
        ['InstanceDown', SymbolKind.Event, 'alert'],
      ]);
      expect(group!.children![2]!.selectionRange).toEqual(rangeOf(doc.text, doc.text.indexOf('InstanceDown'), 12));
    });

    it('shows the route tree, receivers and time intervals', async () => {
      const doc = await open(ALERTMANAGER);
      const symbols = await session.client.request<DocumentSymbol[]>(DocumentSymbolRequest.method, { textDocument: doc.textDocument });
      expect(symbols.map((s) => s.name)).toEqual(['route', 'receivers', 'time_intervals']);
      expect(symbols[0]!.children!.map((c) => [c.name, c.detail])).toEqual([['severity="critical"', '→ pager']]);
      expect(symbols[1]!.children!.map((c) => c.name)).toEqual(['chat', 'pager']);
    });
  });

  it('formats expressions, all of them or those in a range', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: sum(up)by(job)==0'));
    const edits = await session.client.request<TextEdit[]>(DocumentFormattingRequest.method, { textDocument: doc.textDocument, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(doc.text, edits)).toBe(RULES.replace('expr: up == 0', 'expr: sum by (job) (up) == 0'));
    const outside = await session.client.request<TextEdit[]>(DocumentRangeFormattingRequest.method, { textDocument: doc.textDocument, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, options: { tabSize: 2, insertSpaces: true } });
    expect(outside).toEqual([]);
    const cursor = positionOf(doc.text, doc.text.indexOf('sum(up)by'));
    const actions = await session.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: doc.textDocument, range: { start: cursor, end: cursor }, context: { diagnostics: [] } });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Format expression', 'refactor.rewrite']]);
    expect(applyEdits(doc.text, actions[0]!.edit!.changes![doc.uri]!)).toBe(RULES.replace('expr: up == 0', 'expr: sum by (job) (up) == 0'));
  });

  describe('quick fixes', () => {
    it('take the suggestion of a did-you-mean', async () => {
      const uri = session.client.uri('typo.yml');
      const text = RULES.replace('for: 3m', 'fro: 3m');
      const diagnostics = await session.client.open(uri, text);
      const typo = diagnostics.find((d) => d.message.includes('did you mean'))!;
      expect(typo.message).toBe('unknown field "fro" in a rule; did you mean "for"?');
      const [fix] = await session.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } });
      expect([fix!.title, fix!.kind, fix!.isPreferred, fix!.diagnostics]).toEqual(['Change to "for"', 'quickfix', true, [typo]]);
      expect(await session.client.replace(uri, applyEdits(text, fix!.edit!.changes![uri]!))).toEqual([]);
    });

    it('turn match into matchers, and name the closest receiver for an undefined one', async () => {
      const text = ALERTMANAGER.replace("- matchers: ['severity = critical']", '- match:\n        severity: critical').replace('receiver: pager', 'receiver: pagr');
      const uri = session.client.uri('fixable.yml');
      const diagnostics = await session.client.open(uri, text);
      const actions = await session.client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
      expect(actions.map((a) => a.title)).toEqual(['Replace `match` with `matchers`', 'Change to "pager"']);
      expect(actions[1]!.diagnostics).toEqual([diagnostics[1]]);
      const fixed = applyEdits(applyEdits(text, actions[1]!.edit!.changes![uri]!), actions[0]!.edit!.changes![uri]!);
      expect(fixed).toContain("- matchers:\n        - 'severity=\"critical\"'");
      expect(await session.client.replace(uri, fixed)).toEqual([]);
    });
  });

  it('shows a failing exp_samples expectation on its entry, with the diff', async () => {
    const uri = session.client.uri('samples.test.yml');
    const text = UNIT_TEST.replace('    alert_rule_test:', "    promql_expr_test:\n      - expr: sum(up)\n        eval_time: 2m\n        exp_samples:\n          - labels: '{}'\n            value: 1\n    alert_rule_test:").replace('severity: critical', 'severity: warning');
    await session.client.open(uri, text);
    const published = session.client.nextDiagnostics(uri);
    expect(await session.client.request(ExecuteCommandRequest.method, { command: 'klaxon.runTests', arguments: [uri] })).toEqual({ passed: 0, failed: 1, skipped: 0 });
    const [failure] = (await published).diagnostics;
    expect(failure!.range).toEqual(rangeOf(text, text.indexOf('exp_samples'), 11));
    expect(failure!.message).toMatch(/expr: "sum\(up\)", time: 2m[\s\S]*- \{\} 1[\s\S]*\+ \{\} 0/);
  });

  it('runs unit tests from the code lens and shows the failure on exp_alerts with its diff', async () => {
    const uri = session.client.uri('rules.test.yml');
    await session.client.open(uri, UNIT_TEST);
    const [lens] = await session.client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } });
    expect(lens!.command).toEqual({ title: 'Run tests', command: 'klaxon.runTests', arguments: [uri] });
    const published = session.client.nextDiagnostics(uri);
    expect(await session.client.request(ExecuteCommandRequest.method, { command: lens!.command!.command, arguments: lens!.command!.arguments })).toEqual({ passed: 0, failed: 1, skipped: 0 });
    const [failure] = (await published).diagnostics;
    expect(failure!.range).toEqual(rangeOf(UNIT_TEST, UNIT_TEST.indexOf('exp_alerts'), 10));
    expect(failure!.source).toBe('klaxon(unittest-run)');
    expect(failure!.message).toMatch(/1 expected alert not firing[\s\S]*- \{alertname="InstanceDown", instance="a", job="api", severity="critical"\}[\s\S]*\+ \{alertname="InstanceDown", instance="a", job="api", severity="warning"\}/);
    const lenses = await session.client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } });
    expect(lenses.map((l) => l.command!.title)).toEqual(['Run tests again (0 passed, 1 failed)', '✗ failed: instance down']);
  });
});
