/**
 * Wires a protocol connection to the language service: document sync, settings, workspace files,
 * and one thin handler per feature. Handlers only translate; every one is guarded, so that no
 * input can crash the server.
 */
import {
  ErrorCodes,
  FileChangeType,
  ResponseError,
  SemanticTokensBuilder,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type Connection,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Location as LspLocation,
  type SemanticTokens,
  type SignatureHelp,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  InvalidNameError,
  LanguageService,
  RUN_TESTS_COMMAND,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  type LanguageServiceOptions,
  type SemanticToken,
  type SourceDocument,
} from '@klaxon/engine';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CODE_ACTION_KIND, fromDiagnostic, toCompletionItem, toDocumentSymbol, toOffset, toRange, toTextRange, toWorkspaceEdit } from './convert.js';
import { DiagnosticsPublisher } from './diagnostics-publisher.js';
import { guardWith, logError } from './guard.js';
import { languageSettings } from './settings.js';
import { findWorkspaceFiles, isWorkspaceFile, readWorkspaceFile } from './workspace-files.js';

export interface ServerOptions {
  /** How long after the last change diagnostics are computed; `initializationOptions.diagnosticsDelayMs` overrides it. */
  diagnosticsDelayMs?: number;
  service?: LanguageServiceOptions;
}

export const DEFAULT_DIAGNOSTICS_DELAY_MS = 40;

const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection, options: ServerOptions = {}): LanguageService {
  const service = new LanguageService(options.service);
  const documents = new TextDocuments(TextDocument);
  const guard = guardWith(connection.console);
  let publisher = new DiagnosticsPublisher(connection, service, options.diagnosticsDelayMs ?? DEFAULT_DIAGNOSTICS_DELAY_MS);
  let folders: string[] = [];
  let canPullConfiguration = false;
  let canRefreshCodeLenses = false;
  let prometheusError: string | undefined;

  const doc = (uri: string): SourceDocument | undefined => service.document(uri);
  const log = (message: string) => connection.console.log(message);
  const revalidateOpen = () => {
    for (const open of documents.all()) publisher.schedule(open.uri);
  };
  const notePrometheusError = () => {
    const error = service.prometheusError();
    if (error && error !== prometheusError) connection.console.warn(`Prometheus: ${error}`);
    prometheusError = error;
  };

  connection.onInitialize(
    (params: InitializeParams): InitializeResult => {
      folders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []))
        .filter((f) => f.uri.startsWith('file:'))
        .map((f) => fileURLToPath(f.uri));
      const init = (params.initializationOptions ?? {}) as { diagnosticsDelayMs?: unknown; settings?: unknown };
      if (typeof init.diagnosticsDelayMs === 'number') publisher = new DiagnosticsPublisher(connection, service, init.diagnosticsDelayMs);
      canPullConfiguration = params.capabilities.workspace?.configuration === true;
      canRefreshCodeLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
      service.configure(languageSettings(init.settings), folders);
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          completionProvider: { triggerCharacters: ['{', '(', ',', '=', '"', '[', '.', '$', '~'], resolveProvider: false },
          hoverProvider: true,
          signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          documentSymbolProvider: true,
          documentFormattingProvider: true,
          documentRangeFormattingProvider: true,
          codeActionProvider: { codeActionKinds: [CODE_ACTION_KIND.quickfix, CODE_ACTION_KIND['refactor.rewrite']] },
          codeLensProvider: { resolveProvider: false },
          executeCommandProvider: { commands: [RUN_TESTS_COMMAND] },
          semanticTokensProvider: {
            legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
            full: true,
            range: true,
          },
        },
        serverInfo: { name: 'klaxon', version: SERVER_VERSION },
      };
    },
  );

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      log(`Klaxon language server ${SERVER_VERSION} (Node ${process.version}); workspace folders: ${folders.join(', ') || 'none'}`);
      await pullSettings();
      await scanWorkspace();
    }),
  );

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    const section: unknown = await connection.workspace.getConfiguration({ section: 'klaxon' });
    service.configure(languageSettings(section), folders);
    log(`settings: ${JSON.stringify(section ?? {})}`);
    revalidateOpen();
  };

  const scanWorkspace = async () => {
    if (folders.length === 0) return;
    const started = Date.now();
    const paths = await findWorkspaceFiles(folders);
    for (const path of paths) {
      const text = await readWorkspaceFile(path);
      if (text !== undefined) service.setWorkspaceFile(pathToFileURL(path).href, text);
    }
    log(`read ${paths.length} workspace files in ${Date.now() - started} ms`);
    revalidateOpen();
  };

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, async (change) => {
      if (canPullConfiguration) await pullSettings();
      else {
        service.configure(languageSettings((change.settings as { klaxon?: unknown } | undefined)?.klaxon), folders);
        revalidateOpen();
      }
    }),
  );

  connection.onDidChangeWatchedFiles(
    guard('watched files', undefined, async (change) => {
      for (const { uri, type } of change.changes) {
        if (!uri.startsWith('file:') || !isWorkspaceFile(uri)) continue;
        if (type === FileChangeType.Deleted) service.removeWorkspaceFile(uri);
        else {
          const text = await readWorkspaceFile(fileURLToPath(uri));
          if (text !== undefined) service.setWorkspaceFile(uri, text);
        }
      }
      revalidateOpen();
    }),
  );

  documents.onDidOpen((e) => {
    try {
      service.setDocument(e.document.uri, e.document.version, e.document.getText());
      publisher.schedule(e.document.uri, 0);
    } catch (error) {
      logError(connection.console, 'opening a document', error);
    }
  });
  documents.onDidChangeContent((e) => {
    try {
      service.setDocument(e.document.uri, e.document.version, e.document.getText());
      publisher.schedule(e.document.uri);
    } catch (error) {
      logError(connection.console, 'changing a document', error);
    }
  });
  documents.onDidSave(
    guard('saving a document', undefined, (e) => {
      if (service.hasTestRun(e.document.uri)) runTests(e.document.uri);
    }),
  );
  documents.onDidClose(
    guard('closing a document', undefined, async (e) => {
      const uri = e.document.uri;
      const text = uri.startsWith('file:') ? await readWorkspaceFile(fileURLToPath(uri)) : undefined;
      service.closeDocument(uri, text);
      publisher.clear(uri);
    }),
  );

  connection.onCompletion(
    guard('completion', null, async (params): Promise<CompletionList | null> => {
      const d = doc(params.textDocument.uri);
      if (!d) return null;
      const list = await service.complete(d.uri, toOffset(d, params.position));
      notePrometheusError();
      const current = doc(d.uri) ?? d;
      return { isIncomplete: list.isIncomplete, items: list.items.map((item) => toCompletionItem(current, item)) };
    }),
  );

  connection.onHover(
    guard('hover', null, async (params): Promise<Hover | null> => {
      const d = doc(params.textDocument.uri);
      if (!d) return null;
      const hover = await service.hover(d.uri, toOffset(d, params.position));
      notePrometheusError();
      return hover ? { contents: { kind: 'markdown', value: hover.contents }, range: toRange(doc(d.uri) ?? d, hover.range) } : null;
    }),
  );

  connection.onSignatureHelp(
    guard('signature help', null, (params): SignatureHelp | null => {
      const d = doc(params.textDocument.uri);
      const help = d && service.signatureHelp(d.uri, toOffset(d, params.position));
      if (!help) return null;
      return {
        signatures: [{ label: help.label, ...(help.documentation !== undefined && { documentation: help.documentation }), parameters: help.parameters }],
        activeSignature: 0,
        activeParameter: help.activeParameter,
      };
    }),
  );

  const locations = (found: { uri: string; range: { start: number; end: number } }[]): LspLocation[] =>
    found.flatMap(({ uri, range }) => {
      const target = doc(uri);
      return target ? [{ uri, range: toRange(target, range) }] : [];
    });

  connection.onDefinition(
    guard('definition', [], (params) => {
      const d = doc(params.textDocument.uri);
      return d ? locations(service.definition(d.uri, toOffset(d, params.position))) : [];
    }),
  );

  connection.onReferences(
    guard('references', [], (params) => {
      const d = doc(params.textDocument.uri);
      return d ? locations(service.references(d.uri, toOffset(d, params.position), params.context.includeDeclaration)) : [];
    }),
  );

  connection.onPrepareRename(
    guard('prepare rename', null, (params) => {
      const d = doc(params.textDocument.uri);
      const prepared = d && service.prepareRename(d.uri, toOffset(d, params.position));
      return prepared && d ? { range: toRange(d, prepared.range), placeholder: prepared.placeholder } : null;
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, (params) => {
      const d = doc(params.textDocument.uri);
      if (!d) return null;
      try {
        const edit = service.rename(d.uri, toOffset(d, params.position), params.newName);
        return edit ? toWorkspaceEdit(service, edit) : null;
      } catch (e) {
        if (e instanceof InvalidNameError) return new ResponseError(ErrorCodes.InvalidParams, e.message);
        throw e;
      }
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], (params) => {
      const d = doc(params.textDocument.uri);
      return d ? service.documentSymbols(d.uri).map((s) => toDocumentSymbol(d, s)) : [];
    }),
  );

  connection.onDocumentFormatting(
    guard('formatting', [], (params) => {
      const d = doc(params.textDocument.uri);
      return d ? service.format(d.uri).map((e) => ({ range: toRange(d, e.range), newText: e.newText })) : [];
    }),
  );

  connection.onDocumentRangeFormatting(
    guard('range formatting', [], (params) => {
      const d = doc(params.textDocument.uri);
      return d ? service.format(d.uri, toTextRange(d, params.range)).map((e) => ({ range: toRange(d, e.range), newText: e.newText })) : [];
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], (params): CodeAction[] => {
      const d = doc(params.textDocument.uri);
      if (!d) return [];
      const given = params.context.diagnostics;
      const actions = service.codeActions(d.uri, toTextRange(d, params.range), given.map((g) => fromDiagnostic(d, g)));
      return actions.map((action) => ({
        title: action.title,
        kind: CODE_ACTION_KIND[action.kind],
        diagnostics: given.filter((g) => action.diagnostics.some((a) => a.message === g.message && a.range.start === toOffset(d, g.range.start))),
        edit: toWorkspaceEdit(service, action.edit),
        ...(action.isPreferred && { isPreferred: true }),
      }));
    }),
  );

  connection.onCodeLens(
    guard('code lenses', [], (params): CodeLens[] => {
      const d = doc(params.textDocument.uri);
      return d ? service.codeLenses(d.uri).map((lens) => ({ range: toRange(d, lens.range), command: { title: lens.title, command: lens.command, arguments: lens.arguments } })) : [];
    }),
  );

  const runTests = (uri: string) => {
    const run = service.runUnitTests(uri);
    if (!run) return undefined;
    publisher.publish(uri);
    if (canRefreshCodeLenses) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    const count = (status: string) => run.tests.filter((t) => t.status === status).length;
    const summary = { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
    log(`tests of ${uri}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    return summary;
  };

  connection.onExecuteCommand(
    guard('command', null, (params) => {
      if (params.command !== RUN_TESTS_COMMAND) return null;
      const uri = params.arguments?.[0];
      const target = typeof uri === 'string' ? uri : (uri as { external?: string; path?: string } | undefined)?.external;
      return target ? (runTests(target) ?? null) : null;
    }),
  );

  const encodeTokens = (d: SourceDocument, tokens: SemanticToken[]): SemanticTokens => {
    const builder = new SemanticTokensBuilder();
    const types = SEMANTIC_TOKEN_TYPES as readonly string[];
    const modifiers = SEMANTIC_TOKEN_MODIFIERS as readonly string[];
    let last = -1;
    for (const token of [...tokens].sort((a, b) => a.start - b.start)) {
      if (token.start < last) continue; // overlapping tokens are not allowed
      const { line, character } = toRange(d, { start: token.start, end: token.start }).start;
      const mask = (token.modifiers ?? []).reduce((m, name) => m | (1 << modifiers.indexOf(name)), 0);
      builder.push(line, character, token.length, types.indexOf(token.type), mask);
      last = token.start + token.length;
    }
    return builder.build();
  };

  connection.languages.semanticTokens.on(
    guard('semantic tokens', { data: [] }, (params) => {
      const d = doc(params.textDocument.uri);
      return d ? encodeTokens(d, service.semanticTokens(d.uri)) : { data: [] };
    }),
  );

  connection.languages.semanticTokens.onRange(
    guard('semantic tokens (range)', { data: [] }, (params) => {
      const d = doc(params.textDocument.uri);
      return d ? encodeTokens(d, service.semanticTokens(d.uri, toTextRange(d, params.range))) : { data: [] };
    }),
  );

  connection.onShutdown(() => publisher.dispose());

  documents.listen(connection);
  connection.listen();
  return service;
}
