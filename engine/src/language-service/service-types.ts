/**
 * What the language service answers, without any editor protocol: ranges are UTF-16 offsets into
 * the document's text (SourceDocument converts them to lines and columns), names are plain strings.
 */
import type { TextRange } from '../promql/ast.js';

export type { TextRange };

/** The files the service understands; other documents are ignored. */
export type DocumentKind = 'rules' | 'alertmanager' | 'unit-test' | 'promql-test' | 'template';

export interface LanguageSettings {
  /** A Prometheus server's base URL; completion and hover then also draw on its names and metadata. */
  prometheusUrl?: string;
  /** Globs that pin a kind whatever the content; relative ones are taken from the workspace folders. */
  fileKinds?: { rules?: string[]; alertmanager?: string[]; unitTests?: string[] };
  /** Lints of `klaxon check` not to report. */
  disabledLints?: string[];
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface ServiceDiagnostic {
  range: TextRange;
  severity: DiagnosticSeverity;
  message: string;
  /** Which check found it: `yaml`, `rules`, `parse`, `type`, a lint's name, `unittest`... */
  source: string;
  /** Shown faded (unused) or struck through (deprecated) by editors. */
  tags?: ('unnecessary' | 'deprecated')[];
}

export type CompletionItemKind =
  | 'function' | 'keyword' | 'operator' | 'metric' | 'label' | 'value' | 'duration' | 'number'
  | 'property' | 'snippet' | 'reference' | 'enum';

export interface ServiceCompletionItem {
  label: string;
  kind: CompletionItemKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** What to insert instead of the label; a snippet with `${1}` tab stops when `snippet` is set. */
  insertText?: string;
  snippet?: boolean;
  /** The text the item replaces. */
  range: TextRange;
  sortText?: string;
  filterText?: string;
}

export interface ServiceCompletionList {
  items: ServiceCompletionItem[];
  /** More items may come as more is typed (names from a server). */
  isIncomplete: boolean;
}

export interface ServiceHover {
  /** Markdown. */
  contents: string;
  range: TextRange;
}

export interface ServiceSignatureHelp {
  /** `rate(range vector) → instant vector`. */
  label: string;
  documentation?: string;
  /** Each parameter's place in `label`, as [start, end) offsets. */
  parameters: { label: [number, number]; documentation?: string }[];
  activeParameter: number;
}

export interface Location {
  uri: string;
  range: TextRange;
}

export interface TextEdit {
  range: TextRange;
  newText: string;
}

/** Edits per document URI. */
export type WorkspaceEdit = Record<string, TextEdit[]>;

export type SymbolKind = 'namespace' | 'event' | 'function' | 'object' | 'module' | 'key' | 'interface' | 'field' | 'constant';

export interface ServiceSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: TextRange;
  selectionRange: TextRange;
  children: ServiceSymbol[];
}

export interface ServiceCodeAction {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  /** The diagnostics this fixes, matched by range and message. */
  diagnostics: ServiceDiagnostic[];
  edit: WorkspaceEdit;
  isPreferred?: boolean;
}

export interface ServiceCodeLens {
  range: TextRange;
  title: string;
  command: string;
  arguments: unknown[];
}

export const SEMANTIC_TOKEN_TYPES = [
  'function', 'keyword', 'operator', 'number', 'string', 'regexp', 'variable', 'property', 'comment', 'macro', 'parameter',
] as const;
export type SemanticTokenType = (typeof SEMANTIC_TOKEN_TYPES)[number];

export const SEMANTIC_TOKEN_MODIFIERS = ['defaultLibrary', 'declaration', 'readonly'] as const;
export type SemanticTokenModifier = (typeof SEMANTIC_TOKEN_MODIFIERS)[number];

/** A token on one line of the document. */
export interface SemanticToken {
  start: number;
  length: number;
  type: SemanticTokenType;
  modifiers?: SemanticTokenModifier[];
}

/** The command the "Run tests" code lens runs; its one argument is the file's URI. */
export const RUN_TESTS_COMMAND = 'klaxon.runTests';
