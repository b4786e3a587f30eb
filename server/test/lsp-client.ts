/**
 * A language client for tests: starts the server in this process over in-memory streams, answers
 * its requests for settings, collects the diagnostics it publishes, and puts cursors where fixture
 * text has `<|>`.
 */
import { PassThrough } from 'node:stream';
import {
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { startServer } from '../src/start-server.js';
import type { FetchApi, LanguageService } from '@klaxon/engine';

export const CURSOR = '<|>';

/** Text without its cursor marker, and where the marker was. */
export function withCursor(marked: string): { text: string; offset: number; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker <|> in the fixture');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  return { text, offset, position: positionOf(text, offset) };
}

export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export interface OpenedDocument {
  uri: string;
  text: string;
  /** The cursor's position (the start of the text when it marks none). */
  position: Position;
  textDocument: { uri: string };
  diagnostics: Diagnostic[];
}

export interface TestClientOptions {
  /** Workspace folder (a path). */
  folder?: string;
  settings?: Record<string, unknown>;
  fetchApi?: FetchApi;
  codeLensRefresh?: boolean;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly service: LanguageService;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private readonly versions = new Map<string, number>();
  settings: Record<string, unknown>;
  readonly logs: string[] = [];

  constructor(private readonly options: TestClientOptions = {}) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    this.service = startServer(serverConnection, { diagnosticsDelayMs: 5, service: { ...(options.fetchApi && { fetchApi: options.fetchApi }) } });
    this.connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.settings = options.settings ?? {};
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      for (const waiter of [...this.waiters]) {
        if (!waiter.test(p)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(p);
      }
    });
    this.connection.listen();
  }

  static async start(options: TestClientOptions = {}): Promise<TestClient> {
    const client = new TestClient(options);
    const folder = options.folder;
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: 'test' }] : null,
      capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: options.codeLensRefresh ?? false } } },
      initializationOptions: { diagnosticsDelayMs: 5 },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    if (folder) await client.waitForLog(/workspace files/);
    return client;
  }

  async waitForLog(pattern: RegExp): Promise<string> {
    for (let i = 0; i < 500; i++) {
      const found = this.logs.find((l) => pattern.test(l));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no log line matched ${pattern}`);
  }

  uri(name: string): string {
    return this.options.folder ? pathToFileURL(`${this.options.folder}/${name}`).href : `untitled:/${name}`;
  }

  /** Opens a document; resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return (await published).diagnostics;
  }

  /**
   * Opens a document whose text may mark the cursor with `<|>`; resolves with where it is and its
   * first diagnostics.
   */
  async openMarked(name: string, marked: string, languageId = 'yaml'): Promise<OpenedDocument> {
    const { text, position } = marked.includes(CURSOR) ? withCursor(marked) : { text: marked, position: { line: 0, character: 0 } };
    const uri = this.uri(name);
    const diagnostics = await this.open(uri, text, languageId);
    return { uri, text, position, textDocument: { uri }, diagnostics };
  }

  /** Replaces the whole text; resolves with the diagnostics of the new version. */
  async replace(uri: string, text: string): Promise<Diagnostic[]> {
    const version = this.bump(uri);
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return (await published).diagnostics;
  }

  /** Sends an incremental edit without waiting; returns the new version. */
  async edit(uri: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const version = this.bump(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { klaxon: settings } });
  }

  /** The next diagnostics published for the document (for the given version, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && (version === undefined || p.version === version), resolve }));
  }

  /** Everything published for the document so far. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  dispose(): void {
    this.connection.dispose();
  }

  private bump(uri: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    return version;
  }
}
