import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  HoverRequest,
  InsertTextFormat,
  InsertTextMode,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type Location,
  type SemanticTokens,
  type SignatureHelp,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_TYPES } from '@klaxon/engine';
import { TestClient, positionOf, withCursor } from './lsp-client.js';
import { ALERTMANAGER, RULES, UNIT_TEST, makeWorkspace } from './fixtures/workspace.js';

function applyEdits(text: string, edits: TextEdit[]): string {
  const offset = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

/** Decodes LSP's relative token encoding into [text, type] pairs. */
function decodeTokens(text: string, tokens: SemanticTokens): [string, string][] {
  const lines = text.split('\n');
  const out: [string, string][] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = tokens.data.slice(i, i + 4) as [number, number, number, number];
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    out.push([lines[line]!.slice(character, character + length), SEMANTIC_TOKEN_TYPES[type]!]);
  }
  return out;
}

describe('language features over the protocol', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let client: TestClient;
  let opened = 0;
  const open = async (marked: string, name = `doc${++opened}.yml`, languageId = 'yaml') => {
    const { text, position, offset } = marked.includes('<|>') ? withCursor(marked) : { text: marked, position: { line: 0, character: 0 }, offset: 0 };
    const uri = client.uri(name);
    await client.open(uri, text, languageId);
    return { uri, text, position, offset, textDocument: { uri } };
  };

  beforeAll(async () => {
    workspace = makeWorkspace();
    client = await TestClient.start({ folder: workspace.folder, codeLensRefresh: true });
  });
  afterAll(() => {
    client.dispose();
    workspace.remove();
  });

  it('announces every feature', async () => {
    const fresh = new TestClient();
    const result = await fresh.connection.sendRequest<InitializeResult>('initialize', { processId: null, rootUri: null, capabilities: {} });
    fresh.dispose();
    const c = result.capabilities;
    expect(c.completionProvider?.triggerCharacters).toContain('{');
    expect([c.hoverProvider, c.definitionProvider, c.referencesProvider, c.documentSymbolProvider, c.documentFormattingProvider, c.documentRangeFormattingProvider]).toEqual([true, true, true, true, true, true]);
    expect(c.renameProvider).toEqual({ prepareProvider: true });
    expect(c.executeCommandProvider?.commands).toEqual(['klaxon.runTests']);
    expect(c.semanticTokensProvider?.legend.tokenTypes).toEqual([...SEMANTIC_TOKEN_TYPES]);
  });

  it('completes functions in an expression with a snippet and the range of the typed word', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: sum(rat<|>'));
    const list = await client.request<CompletionList>(CompletionRequest.method, { textDocument: doc.textDocument, position: doc.position });
    const rate = list.items.find((i) => i.label === 'rate')!;
    expect(rate.insertTextFormat).toBe(InsertTextFormat.Snippet);
    expect(rate.insertTextMode).toBe(InsertTextMode.asIs);
    expect(rate.textEdit).toEqual({ newText: 'rate(${1})', range: { start: { ...doc.position, character: doc.position.character - 3 }, end: doc.position } });
    expect(rate.documentation).toEqual({ kind: 'markdown', value: expect.stringMatching(/per-second/) });
  });

  it('completes metric names from the workspace files on disk', async () => {
    const doc = await open('groups:\n  - name: x\n    rules:\n      - alert: Y\n        expr: job:http<|>\n');
    const list = await client.request<CompletionList>(CompletionRequest.method, { textDocument: doc.textDocument, position: doc.position });
    expect(list.items.map((i) => i.label)).toContain('job:http_requests:rate5m');
  });

  it('completes keys, snippets and receiver names', async () => {
    const rule = await open(RULES.replace('        for: 3m\n', '        for: 3m\n        ke<|>\n'));
    const keys = await client.request<CompletionList>(CompletionRequest.method, { textDocument: rule.textDocument, position: rule.position });
    expect(keys.items.map((i) => i.label)).toContain('keep_firing_for');
    const route = await open(ALERTMANAGER.replace('receiver: pager', 'receiver: <|>'));
    const names = await client.request<CompletionList>(CompletionRequest.method, { textDocument: route.textDocument, position: route.position });
    expect(names.items.map((i) => i.label)).toEqual(['chat', 'pager']);
  });

  it('hovers over functions with their documentation', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: abs<|>ent(up)'));
    const hover = await client.request<Hover>(HoverRequest.method, { textDocument: doc.textDocument, position: doc.position });
    expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('absent(instant vector) → instant vector') });
    const start = doc.text.indexOf('absent');
    expect(hover.range).toEqual({ start: positionOf(doc.text, start), end: positionOf(doc.text, start + 6) });
  });

  it('helps with the signature of the call at the cursor', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: round(up, <|>'));
    const help = await client.request<SignatureHelp>(SignatureHelpRequest.method, { textDocument: doc.textDocument, position: doc.position });
    expect(help.signatures[0]!.label).toBe('round(instant vector[, scalar]) → instant vector');
    expect(help.activeParameter).toBe(1);
  });

  it('sends semantic tokens for the whole document and for a range', async () => {
    const doc = await open(RULES);
    const full = await client.request<SemanticTokens>(SemanticTokensRequest.method, { textDocument: doc.textDocument });
    const decoded = decodeTokens(doc.text, full);
    expect(decoded.slice(0, 6)).toEqual([['sum', 'keyword'], ['by', 'keyword'], ['job', 'property'], ['rate', 'function'], ['http_requests_total', 'variable'], ['5m', 'number']]);
    expect(decoded).toContainEqual(['$labels', 'variable']);
    const last = doc.text.indexOf('- alert: InstanceDown');
    const ranged = await client.request<SemanticTokens>(SemanticTokensRangeRequest.method, { textDocument: doc.textDocument, range: { start: positionOf(doc.text, last), end: positionOf(doc.text, doc.text.length) } });
    expect(decodeTokens(doc.text, ranged)[0]).toEqual(['up', 'variable']);
  });

  it('goes to the recording rule an expression reads, in another file', async () => {
    const doc = await open(UNIT_TEST.replace('    alert_rule_test:', '    promql_expr_test:\n      - expr: job:http_requests:rate<|>5m\n        eval_time: 1m\n    alert_rule_test:'), 'reads.test.yml');
    // Other documents opened by these tests define it too; the workspace's rules.yml is one of them.
    const locations = await client.request<Location[]>(DefinitionRequest.method, { textDocument: doc.textDocument, position: doc.position });
    expect(locations).toContainEqual({ uri: client.uri('rules.yml'), range: { start: positionOf(RULES, RULES.indexOf('job:http')), end: positionOf(RULES, RULES.indexOf('job:http') + 24) } });
    const references = await client.request<Location[]>(ReferencesRequest.method, { textDocument: doc.textDocument, position: doc.position, context: { includeDeclaration: false } });
    const inFiles = (name: string) => references.filter((r) => r.uri === client.uri(name)).length;
    expect([inFiles('reads.test.yml'), inFiles('rules.yml')]).toEqual([1, 1]);
  });

  it('renames a receiver in the config, and refuses a name it cannot write', async () => {
    const doc = await open(ALERTMANAGER.replace('receiver: pager', 'receiver: pag<|>er'));
    expect(await client.request(PrepareRenameRequest.method, { textDocument: doc.textDocument, position: doc.position })).toEqual({
      range: { start: { ...doc.position, character: doc.position.character - 3 }, end: { ...doc.position, character: doc.position.character + 2 } },
      placeholder: 'pager',
    });
    const edit = await client.request<WorkspaceEdit>(RenameRequest.method, { textDocument: doc.textDocument, position: doc.position, newName: 'oncall' });
    const renamed = applyEdits(doc.text, edit.changes![doc.uri]!);
    expect(renamed).toContain('receiver: oncall');
    expect(renamed).toContain('- name: oncall');
    await expect(client.request(RenameRequest.method, { textDocument: doc.textDocument, position: doc.position, newName: 'on call' })).rejects.toThrow(/not a valid name/);
  });

  it('outlines the route tree', async () => {
    const doc = await open(ALERTMANAGER);
    const symbols = await client.request<DocumentSymbol[]>(DocumentSymbolRequest.method, { textDocument: doc.textDocument });
    expect(symbols.map((s) => s.name)).toEqual(['route', 'receivers', 'time_intervals']);
    expect(symbols[0]!.children!.map((c) => c.detail)).toEqual(['→ pager']);
  });

  it('formats expressions, all of them or those in a range', async () => {
    const doc = await open(RULES.replace('expr: up == 0', 'expr: sum(up)by(job)==0'));
    const edits = await client.request<TextEdit[]>(DocumentFormattingRequest.method, { textDocument: doc.textDocument, options: { tabSize: 2, insertSpaces: true } });
    expect(applyEdits(doc.text, edits)).toBe(RULES.replace('expr: up == 0', 'expr: sum by (job) (up) == 0'));
    const outside = await client.request<TextEdit[]>(DocumentRangeFormattingRequest.method, { textDocument: doc.textDocument, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, options: { tabSize: 2, insertSpaces: true } });
    expect(outside).toEqual([]);
  });

  it('offers quick fixes for the diagnostics it published', async () => {
    const text = ALERTMANAGER.replace("- matchers: ['severity = critical']", '- match:\n        severity: critical').replace('receiver: pager', 'receiver: pagr');
    const uri = client.uri('fixable.yml');
    const diagnostics = await client.open(uri, text);
    const actions = await client.request<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: diagnostics[0]!.range, context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['Replace `match` with `matchers`', 'Change to "pager"']);
    expect(actions[1]!.diagnostics).toEqual([diagnostics[1]]);
    const fixed = applyEdits(applyEdits(text, actions[1]!.edit!.changes![uri]!), actions[0]!.edit!.changes![uri]!);
    expect(await client.replace(uri, fixed)).toEqual([]);
  });

  it('runs unit tests from the code lens and shows the failure on exp_alerts with its diff', async () => {
    const uri = client.uri('rules.test.yml');
    await client.open(uri, UNIT_TEST);
    const [lens] = await client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } });
    expect(lens!.command).toEqual({ title: 'Run tests', command: 'klaxon.runTests', arguments: [uri] });
    const published = client.nextDiagnostics(uri);
    expect(await client.request(ExecuteCommandRequest.method, { command: lens!.command!.command, arguments: lens!.command!.arguments })).toEqual({ passed: 0, failed: 1, skipped: 0 });
    const [failure] = (await published).diagnostics;
    const at = UNIT_TEST.indexOf('exp_alerts');
    expect(failure!.range).toEqual({ start: positionOf(UNIT_TEST, at), end: positionOf(UNIT_TEST, at + 10) });
    expect(failure!.message).toMatch(/1 expected alert not firing[\s\S]*- \{alertname="InstanceDown", instance="a", job="api", severity="critical"\}[\s\S]*\+ \{alertname="InstanceDown", instance="a", job="api", severity="warning"\}/);
    const lenses = await client.request<CodeLens[]>(CodeLensRequest.method, { textDocument: { uri } });
    expect(lenses.map((l) => l.command!.title)).toEqual(['Run tests again (0 passed, 1 failed)', '✗ failed: instance down']);
  });

  it('completes and hovers with names and metadata from Prometheus, fetched once', async () => {
    const requests: string[] = [];
    const fetchApi = (async (url: string | URL) => {
      const u = new URL(String(url));
      requests.push(u.pathname);
      const data = u.pathname.endsWith('/label/__name__/values') ? ['node_load15'] : u.pathname.endsWith('/metadata') ? { node_load15: [{ type: 'gauge', help: '15m load average.', unit: '' }] } : ['instance'];
      return new Response(JSON.stringify({ status: 'success', data }));
    }) as typeof fetch;
    const prometheusClient = await TestClient.start({ settings: { prometheus: { url: 'http://prometheus.test:9090' } }, fetchApi });
    try {
      const marked = withCursor('groups:\n  - name: x\n    rules:\n      - alert: Y\n        expr: node_load<|>\n');
      const uri = 'untitled:/prom.yml';
      await prometheusClient.open(uri, marked.text);
      const list = await prometheusClient.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: marked.position });
      const item = list.items.find((i) => i.label === 'node_load15')!;
      expect(item.detail).toBe('gauge');
      await prometheusClient.replace(uri, marked.text.replace('node_load', 'node_load15'));
      const hover = await prometheusClient.request<Hover>(HoverRequest.method, { textDocument: { uri }, position: { ...marked.position, character: marked.position.character - 2 } });
      expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('15m load average.') });
      await prometheusClient.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: marked.position });
      expect(requests.filter((r) => r.endsWith('/metadata'))).toHaveLength(1);
      expect(requests.filter((r) => r.includes('__name__'))).toHaveLength(1);
    } finally {
      prometheusClient.dispose();
    }
  });
});
