/**
 * Klaxon's language service: every editor feature for rule files, Alertmanager configs, unit-test
 * files and promqltest scripts, as plain functions of the documents it was given. It knows no
 * editor protocol; a language server (server/) or any other host translates to and from it.
 */
import { readFileSync } from 'node:fs';
import type { Clock } from '../clock.js';
import { wallClock } from '../clock.js';
import type { Problem } from '../errors.js';
import type { SourceDocument } from './documents/source-document.js';
import { pathToUri } from './documents/uri-path.js';
import { codeActions } from './features/code-actions.js';
import { codeLenses } from './features/code-lens.js';
import { complete } from './features/completion.js';
import { toDiagnostic } from './features/diagnostics.js';
import { documentSymbols } from './features/document-symbols.js';
import { formatExpressions } from './features/formatting.js';
import { hover } from './features/hover.js';
import { findDefinition, findReferences, prepareRename, rename } from './features/navigation.js';
import { semanticTokens } from './features/semantic-tokens.js';
import { signatureHelp } from './features/signature-help.js';
import { runUnitTests, type UnitTestRun } from './features/unit-test-run.js';
import { modelDiagnostics } from './models/document-model.js';
import { PrometheusNames, type FetchApi } from './names/prometheus-names.js';
import { WorkspaceNames } from './names/workspace-names.js';
import type {
  DocumentKind,
  LanguageSettings,
  Location,
  SemanticToken,
  ServiceCodeAction,
  ServiceCodeLens,
  ServiceCompletionList,
  ServiceDiagnostic,
  ServiceHover,
  ServiceSignatureHelp,
  ServiceSymbol,
  TextEdit,
  TextRange,
  WorkspaceEdit,
} from './service-types.js';
import { Workspace } from './workspace.js';

export interface LanguageServiceOptions {
  /** Fetches from Prometheus's API; the global fetch by default. */
  fetchApi?: FetchApi;
  /** Ages cached names from Prometheus; the wall clock by default. */
  clock?: Clock;
  /** Reads files that are neither open nor given (rule files of unit tests); the file system by default. */
  readFile?: (path: string) => string;
}

export class LanguageService {
  readonly workspace = new Workspace();
  private readonly names: WorkspaceNames;
  private readonly prometheus: PrometheusNames;
  private readonly readFile: (path: string) => string;
  private readonly testRuns = new Map<string, UnitTestRun>();

  constructor(options: LanguageServiceOptions = {}) {
    this.readFile = options.readFile ?? ((path) => readFileSync(path, 'utf8'));
    this.names = new WorkspaceNames(this.workspace);
    this.prometheus = new PrometheusNames(options.fetchApi, options.clock ?? wallClock);
  }

  configure(settings: LanguageSettings, workspaceFolders?: readonly string[]): void {
    this.workspace.configure(settings, workspaceFolders);
    this.prometheus.setUrl(settings.prometheusUrl);
  }

  /** A document opened or edited in the editor. */
  setDocument(uri: string, version: number, text: string): void {
    this.workspace.setOpen(uri, version, text);
  }

  /** The editor closed the document; `diskText` is the file's content, when it has one. */
  closeDocument(uri: string, diskText?: string): void {
    this.workspace.close(uri, diskText);
    this.testRuns.delete(uri);
  }

  /** A workspace file that is not open, as on disk. */
  setWorkspaceFile(uri: string, text: string): void {
    this.workspace.setFile(uri, text);
  }

  removeWorkspaceFile(uri: string): void {
    if (!this.workspace.isOpen(uri)) this.workspace.remove(uri);
  }

  kindOf(uri: string): DocumentKind | undefined {
    return this.workspace.kindOf(uri);
  }

  /** The current text of a known document, with its line index. */
  document(uri: string): SourceDocument | undefined {
    return this.workspace.document(uri);
  }

  diagnostics(uri: string): ServiceDiagnostic[] {
    const model = this.workspace.model(uri);
    if (!model) return [];
    const problems: Problem[] = [...modelDiagnostics(model)];
    const run = this.testRuns.get(uri);
    if (run && run.version === model.doc.version) problems.push(...run.problems);
    return problems.map(toDiagnostic);
  }

  complete(uri: string, offset: number): Promise<ServiceCompletionList> {
    return complete(this.context(), uri, offset);
  }

  hover(uri: string, offset: number): Promise<ServiceHover | undefined> {
    return hover(this.context(), uri, offset);
  }

  signatureHelp(uri: string, offset: number): ServiceSignatureHelp | undefined {
    return signatureHelp(this.context(), uri, offset);
  }

  /** Tokens for expressions and templates; within `range` when given. */
  semanticTokens(uri: string, range?: TextRange): SemanticToken[] {
    return semanticTokens(this.context(), uri, range);
  }

  definition(uri: string, offset: number): Location[] {
    return findDefinition(this.context(), uri, offset);
  }

  references(uri: string, offset: number, includeDeclaration: boolean): Location[] {
    return findReferences(this.context(), uri, offset, includeDeclaration);
  }

  prepareRename(uri: string, offset: number): { range: TextRange; placeholder: string } | undefined {
    return prepareRename(this.context(), uri, offset);
  }

  rename(uri: string, offset: number, newName: string): WorkspaceEdit | undefined {
    return rename(this.context(), uri, offset, newName);
  }

  documentSymbols(uri: string): ServiceSymbol[] {
    return documentSymbols(this.context(), uri);
  }

  /** Edits that print the expressions in (or touching) the range, or the whole document, canonically. */
  format(uri: string, range?: TextRange): TextEdit[] {
    return formatExpressions(this.context(), uri, range);
  }

  codeActions(uri: string, range: TextRange, diagnostics: readonly ServiceDiagnostic[]): ServiceCodeAction[] {
    return codeActions(this.context(), uri, range, diagnostics);
  }

  codeLenses(uri: string): ServiceCodeLens[] {
    return codeLenses(this.context(), uri, this.testRuns.get(uri));
  }

  /** Runs a unit-test file's tests; their failures show in its diagnostics until it changes. */
  runUnitTests(uri: string): UnitTestRun | undefined {
    const model = this.workspace.model(uri);
    if (model?.kind !== 'unit-test') return undefined;
    const run = runUnitTests(model, (path) => this.workspace.document(pathToUri(path))?.text ?? this.readFile(path));
    this.testRuns.set(uri, run);
    return run;
  }

  /** Whether the file's tests were run since it was opened (saving it runs them again). */
  hasTestRun(uri: string): boolean {
    return this.testRuns.has(uri);
  }

  /** The last error talking to Prometheus, for the log. */
  prometheusError(): string | undefined {
    return this.prometheus.lastError;
  }

  /** The last run of a unit-test file, when it ran on the current text. */
  lastTestRun(uri: string): UnitTestRun | undefined {
    const run = this.testRuns.get(uri);
    return run && run.version === this.workspace.document(uri)?.version ? run : undefined;
  }

  private context(): ServiceContext {
    return { workspace: this.workspace, names: this.names, prometheus: this.prometheus };
  }
}

/** What the features read. */
export interface ServiceContext {
  workspace: Workspace;
  names: WorkspaceNames;
  prometheus: PrometheusNames;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  return new LanguageService(options);
}
