// The language server on a 5,000-rule file, against yaml-language-server on the same file and
// edits, both as separate processes over stdio as an editor runs them:
//
//   node server/bench/lsp.mjs [--edits N] [--rules N]
//
// Opens the file, then makes N single-character edits inside one rule's expression (typing a
// character, then deleting it), and after each: the time from sending didChange to receiving the
// publishDiagnostics of that version, and the latency of a completion request in the expression.
// Each server keeps its own debounce (Klaxon 40 ms, yaml-language-server 200 ms); the figures
// include it, and are also shown without it. Needs server/out/server.js (npm run build -w server).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node.js';
import { generateRuleFile } from '../../engine/bench/check.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const EDITS = option('--edits', 200);
const RULES = option('--rules', 5000);
const KLAXON_DEBOUNCE_MS = 40;
const YAML_LS_DEBOUNCE_MS = 200;

const klaxonServer = join(here, '..', 'out', 'server.js');
const yamlServer = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');

function start(script, settings) {
  const child = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    for (const waiter of [...waiters]) if (waiter.test(params)) waiters.splice(waiters.indexOf(waiter), 1) && waiter.resolve(params);
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map((item) => settings[item.section] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.onNotification('telemetry/event', () => undefined);
  connection.listen();
  return {
    connection,
    child,
    nextDiagnostics: (test) => new Promise((resolve) => waiters.push({ test, resolve })),
  };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

async function measure(name, script, settings, text, versioned) {
  const server = start(script, settings);
  const uri = pathToFileURL(join(here, 'bench-rules.yml')).href;
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await server.connection.sendNotification('initialized', {});
  const openedAt = performance.now();
  const first = server.nextDiagnostics((p) => p.uri === uri);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await first;
  const openMs = performance.now() - openedAt;

  // One rule in the middle of the file: the cursor goes into its expression.
  const exprAt = text.indexOf('expr: "', Math.floor(text.length / 2)) + 'expr: "'.length + 4;
  const at = positionOf(text, exprAt);
  const diagnosticsMs = [];
  const completionMs = [];
  let version = 1;
  let diagnosticCount = 0;
  for (let i = 0; i < EDITS; i++) {
    version++;
    const typing = i % 2 === 0;
    const change = typing ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { ...at, character: at.character + 1 } }, text: '' };
    const expected = version;
    const published = server.nextDiagnostics((p) => p.uri === uri && (!versioned || p.version === expected));
    const sentAt = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const diagnostics = await published;
    diagnosticsMs.push(performance.now() - sentAt);
    diagnosticCount = diagnostics.diagnostics.length;
    const askedAt = performance.now();
    await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { ...at, character: at.character + (typing ? 1 : 0) } });
    completionMs.push(performance.now() - askedAt);
  }
  server.connection.dispose();
  server.child.kill();
  return { name, openMs, diagnosticsMs, completionMs, diagnosticCount };
}

function report(result, debounceMs) {
  const d50 = percentile(result.diagnosticsMs, 50);
  const d95 = percentile(result.diagnosticsMs, 95);
  console.log(`${result.name}:`);
  console.log(`  open to first diagnostics: ${result.openMs.toFixed(0)} ms (${result.diagnosticCount} diagnostics on the file)`);
  console.log(`  edit to diagnostics: p50 ${d50.toFixed(1)} ms, p95 ${d95.toFixed(1)} ms (with its ${debounceMs} ms debounce; without: p50 ${(d50 - debounceMs).toFixed(1)} ms, p95 ${(d95 - debounceMs).toFixed(1)} ms)`);
  console.log(`  completion:          p50 ${percentile(result.completionMs, 50).toFixed(1)} ms, p95 ${percentile(result.completionMs, 95).toFixed(1)} ms`);
  return { d95, c95: percentile(result.completionMs, 95), d95WithoutDebounce: d95 - debounceMs };
}

async function main() {
  if (!existsSync(klaxonServer)) throw new Error(`${klaxonServer} is missing: npm run build -w server`);
  const text = generateRuleFile(RULES);
  console.log(`## language server: ${RULES.toLocaleString('en')} alerting rules (${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB), ${EDITS} single-character edits in one expression`);
  const klaxon = await measure('klaxon', klaxonServer, { klaxon: {} }, text, true);
  const yamlLs = await measure('yaml-language-server (no schema: YAML syntax)', yamlServer, { yaml: { validate: true, completion: true, hover: true, schemas: {} } }, text, false);
  const k = report(klaxon, KLAXON_DEBOUNCE_MS);
  const y = report(yamlLs, YAML_LS_DEBOUNCE_MS);
  console.log(`ratio: yaml-language-server takes ${(y.d95WithoutDebounce / k.d95WithoutDebounce).toFixed(1)}x klaxon's time to diagnostics (p95, without debounce), ${(y.c95 / k.c95).toFixed(1)}x to completion (p95)`);
  console.log(`goals: diagnostics p95 < 150 ms: ${k.d95 < 150 ? 'met' : 'NOT met'}; completion p95 < 50 ms: ${k.c95 < 50 ? 'met' : 'NOT met'}`);
}

await main();
