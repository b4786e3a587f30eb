/**
 * Random edits through the protocol, on every kind of document: the server must answer every
 * request, log no failure, and end with diagnostics for the latest version of each document.
 */
import { describe, expect, it } from 'vitest';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  SemanticTokensRangeRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  type Position,
} from 'vscode-languageserver/node';
import { seededRandom } from '../../engine/bench/generate.mjs';
import { TestClient, positionOf } from './lsp-client.js';
import { ALERTMANAGER, RULES, TEMPLATES, UNIT_TEST } from './fixtures/workspace.js';

const SCRIPT = 'load 5m\n  up{job="a"} 0+1x10\n\neval instant at 10m sum(rate(up[5m]))\n  {} 0.0033\n';
const PIECES = ['a', 'x', '1', '5m', ' ', '  ', '\n', '\n  ', '\n      - ', ':', ': ', '-', '#', '"', "'", '{', '}', '(', ')', '[', ']', ',', '=', '=~', '|', '>', '{{', '}}', '$', '.', '\t', '\r\n', 'é', '🔔', 'sum(', 'rate(', 'by (job)', 'alert: X', 'expr: ', 'record: a:b', '&a', '*a', '!!str', '---'];

/** Edits land mostly in expressions, templates and matchers, where most of the work is. */
function nearInterestingPlace(text: string, rnd: () => number): number {
  const places = [...text.matchAll(/expr: |\{\{|matchers: |series: |eval /g)].map((m) => m.index + m[0].length);
  if (places.length === 0) return Math.floor(rnd() * (text.length + 1));
  return Math.min(text.length, places[Math.floor(rnd() * places.length)]! + Math.floor(rnd() * 30));
}

describe('fuzzing the server with edits', () => {
  it('answers every request and publishes diagnostics for the latest version only', async () => {
    const seed = Number(process.env.KLAXON_SEED ?? Date.now() % 1e9);
    const rnd = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const client = await TestClient.start();
    const docs = [
      { uri: 'untitled:/rules.yml', text: RULES, languageId: 'yaml' },
      { uri: 'untitled:/alertmanager.yml', text: ALERTMANAGER, languageId: 'yaml' },
      { uri: 'untitled:/rules.test.yml', text: UNIT_TEST, languageId: 'yaml' },
      { uri: 'untitled:/script.test', text: SCRIPT, languageId: 'promqltest' },
      { uri: 'untitled:/chat.tmpl', text: TEMPLATES, languageId: 'plaintext' },
    ];
    const versions = new Map<string, number>();
    try {
      for (const doc of docs) {
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text: doc.text } });
        versions.set(doc.uri, 1);
      }
      const anyPosition = (text: string): Position => positionOf(text, Math.floor(rnd() * (text.length + 1)));
      for (let round = 0; round < Number(process.env.KLAXON_ROUNDS ?? 60); round++) {
        for (const doc of docs) {
          for (let e = 0; e < 4; e++) {
            const start = rnd() < 0.6 ? nearInterestingPlace(doc.text, rnd) : Math.floor(rnd() * (doc.text.length + 1));
            const end = Math.min(doc.text.length, start + Math.floor(rnd() * 6));
            const insert = rnd() < 0.7 ? pick(PIECES) : '';
            const range = { start: positionOf(doc.text, start), end: positionOf(doc.text, end) };
            doc.text = doc.text.slice(0, start) + insert + doc.text.slice(end);
            versions.set(doc.uri, await client.edit(doc.uri, range, insert));
          }
          const textDocument = { uri: doc.uri };
          const position = anyPosition(doc.text);
          const requests: [string, unknown][] = [
            [CompletionRequest.method, { textDocument, position }],
            [HoverRequest.method, { textDocument, position }],
            [SignatureHelpRequest.method, { textDocument, position }],
            [DefinitionRequest.method, { textDocument, position }],
            [ReferencesRequest.method, { textDocument, position, context: { includeDeclaration: true } }],
            [PrepareRenameRequest.method, { textDocument, position }],
            [SemanticTokensRequest.method, { textDocument }],
            [SemanticTokensRangeRequest.method, { textDocument, range: { start: anyPosition(doc.text), end: position } }],
            [DocumentSymbolRequest.method, { textDocument }],
            [DocumentFormattingRequest.method, { textDocument, options: { tabSize: 2, insertSpaces: true } }],
            [CodeActionRequest.method, { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } }],
            [CodeLensRequest.method, { textDocument }],
          ];
          const [method, params] = pick(requests);
          await client.request(method, params).catch((e: Error) => {
            throw new Error(`${method} failed (seed ${seed}): ${e.message}`);
          });
        }
      }
      for (const doc of docs.filter((d) => d.languageId !== 'plaintext')) {
        const latest = versions.get(doc.uri)!;
        const published = client.publishedFor(doc.uri);
        const last = published[published.length - 1] ?? (await client.nextDiagnostics(doc.uri, latest));
        const final = last.version === latest ? last : await client.nextDiagnostics(doc.uri, latest);
        expect(final.version, `seed ${seed}`).toBe(latest);
        await new Promise((r) => setTimeout(r, 30));
        const after = client.publishedFor(doc.uri);
        expect(after[after.length - 1]!.version, `seed ${seed}`).toBe(latest);
        expect(after.every((p, i) => i === 0 || p.version! >= after[i - 1]!.version!), `seed ${seed}`).toBe(true);
      }
      // The log reaches the client (so would failures), and holds none.
      expect(client.logs.some((l) => l.startsWith('Klaxon language server'))).toBe(true);
      expect(client.logs.filter((l) => / failed: /.test(l)), `seed ${seed}`).toEqual([]);
    } finally {
      client.dispose();
    }
  }, 300_000);
});
