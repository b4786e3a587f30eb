import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver/node';
import { TestClient, positionOf } from './lsp-client.js';
import { ALERTMANAGER, RULES, UNIT_TEST, makeWorkspace } from './fixtures/workspace.js';

describe('diagnostics over the protocol', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let client: TestClient;
  beforeAll(async () => {
    workspace = makeWorkspace();
    client = await TestClient.start({ folder: workspace.folder });
  });
  afterAll(() => {
    client.dispose();
    workspace.remove();
  });

  it('reports nothing for a clean rule file', async () => {
    expect(await client.open(client.uri('clean.yml'), RULES)).toEqual([]);
  });

  it('points at the exact character of an expression error, in a quoted scalar too', async () => {
    const text = RULES.replace('expr: up == 0', 'expr: "up{job=\\"a\\"} == == 0"');
    const [error] = await client.open(client.uri('quoted.yml'), text);
    const at = text.indexOf('== == 0') + 3;
    expect(error!.severity).toBe(DiagnosticSeverity.Error);
    expect(error!.range).toEqual({ start: positionOf(text, at), end: positionOf(text, at + 2) });
    expect(error!.source).toBe('klaxon(parse)');
  });

  it('follows edits, and publishes for the latest version', async () => {
    const uri = client.uri('edited.yml');
    await client.open(uri, RULES);
    const at = positionOf(RULES, RULES.indexOf('up == 0') + 2);
    const v2 = await client.edit(uri, { start: at, end: at }, ' +');
    const v3 = await client.edit(uri, { start: at, end: { ...at, character: at.character + 2 } }, '');
    const published = await client.nextDiagnostics(uri, v3);
    expect(published.diagnostics).toEqual([]);
    expect(v2).toBe(v3 - 1);
    // The debounce folds the two edits into one publication for version 3.
    expect(client.publishedFor(uri).map((p) => p.version)).not.toContain(v2);
  });

  it('reports Alertmanager references, deprecated keys with their tag, and nothing for other YAML', async () => {
    const config = ALERTMANAGER.replace('receiver: pager', 'receiver: pagr').replace("- matchers: ['severity = critical']", '- match: {severity: critical}');
    const diagnostics = await client.open(client.uri('am-broken.yml'), config);
    expect(diagnostics.map((d) => [d.message, d.tags ?? []])).toEqual([
      ['`match` is deprecated: use `matchers`', [DiagnosticTag.Deprecated]],
      ['undefined receiver "pagr" used in route', []],
    ]);
    await client.close(client.uri('am-broken.yml'));
    const other = client.uri('values.yml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'global: {a: [' } });
    await client.open(client.uri('after-values.yml'), RULES);
    expect(client.publishedFor(other)).toEqual([]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = client.uri('closing.yml');
    expect(await client.open(uri, RULES.replace('up == 0', 'up ==='))).not.toEqual([]);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('turns lints off from the settings', async () => {
    const uri = client.uri('lints.yml');
    const text = RULES.replace('severity: warning', 'severity: urgent');
    expect((await client.open(uri, text)).map((d) => d.source)).toContain('klaxon(unknown-severity)');
    const next = client.nextDiagnostics(uri);
    await client.changeSettings({ lint: { disabled: ['unknown-severity'] } });
    expect((await next).diagnostics.map((d) => d.source)).not.toContain('klaxon(unknown-severity)');
    await client.changeSettings({});
  });

  it('reads changed workspace files, such as .klaxon.yml', async () => {
    const uri = client.uri('config-lints.yml');
    const text = RULES.replace('severity: warning', 'severity: urgent');
    expect((await client.open(uri, text)).find((d) => d.source === 'klaxon(unknown-severity)')!.severity).toBe(DiagnosticSeverity.Warning);
    const path = join(workspace.folder, '.klaxon.yml');
    writeFileSync(path, 'lints: {unknown-severity: error}\n');
    const next = client.nextDiagnostics(uri);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(path).href, type: FileChangeType.Created }] });
    expect((await next).diagnostics.find((d) => d.source === 'klaxon(unknown-severity)')!.severity).toBe(DiagnosticSeverity.Error);
  });

  it('tells unit-test files whose rule_files match nothing', async () => {
    const diagnostics = await client.open(client.uri('lonely.test.yml'), UNIT_TEST.replace('- rules.yml', '- nowhere.yml'));
    expect(diagnostics.map((d) => [d.severity, d.message])).toEqual([[DiagnosticSeverity.Warning, expect.stringMatching(/no file matches the rule_files pattern/)]]);
  });
});
